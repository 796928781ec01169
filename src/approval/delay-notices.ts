import { findAgency } from "../agencies/index.js";
import { type BusinessCalendar, loadBusinessCalendar, toLocal } from "../calendar/index.js";
import { enqueueMessage } from "../outbox/index.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { isValidEmailAddress } from "../platform/email-address.js";
import { AppError } from "../platform/errors.js";
import {
  findMatter,
  listDelayedApplications,
  listMatterActions,
  type Matter,
  recordAction,
} from "../register/index.js";
import { addDaysOfKind } from "../workflow/index.js";
import { issueDelayLetter } from "./letters.js";
import { applicationFacts } from "./matter-facts.js";

const ACTOR = "approval.delay-notices";
/** LF-5 (Act s.10): a notice every 7 days, counted in calendar days (the Act says วัน, not วันทำการ). */
const PERIOD_DAYS = 7;

/** LF-5: the 7-day period `now` falls in past `dueAt`: notice n is due from dueAt + 7(n-1) calendar days. */
export function delayPeriod(
  calendar: BusinessCalendar,
  dueAt: Date,
  now: Date,
): { noticeNumber: number; startsAt: Date } | undefined {
  const start = (k: number) => addDaysOfKind(calendar, dueAt, PERIOD_DAYS * k, "calendar");
  if (now < dueAt) return undefined;
  let k = Math.max(0, Math.floor((now.getTime() - dueAt.getTime()) / (PERIOD_DAYS * 86_400_000)));
  while (k > 0 && start(k) > now) k--;
  while (start(k + 1) <= now) k++;
  return { noticeNumber: k + 1, startsAt: k === 0 ? dueAt : start(k) };
}

/**
 * LF-5: the delay notices due at `now`. For each application past its manual's time, undecided, open
 * and not paused, with no notice yet in the current 7-calendar-day period (the first at `due_at`, then
 * +7, +14…), in one transaction: the numbered delay letter with the latest reason an officer recorded,
 * `notify-delay` on the timeline (the notifications part sends it to the applicant), and a copy of the
 * letter to the agency's OPDC address in the outbox, or `opdcCopy: "not-configured"` when it has none
 * (never said to be sent). Returns how many notices were given.
 */
export async function sweepDelayNotices(
  deps: { handle: DatabaseHandle; log?: (msg: string) => void },
  now: Date,
): Promise<number> {
  let given = 0;
  const calendars = new Map<string, BusinessCalendar | undefined>();
  const calendarOf = async (agencyId: string) => {
    if (!calendars.has(agencyId)) {
      const agency = await findAgency(deps.handle.db, agencyId);
      calendars.set(agencyId, agency && (await loadBusinessCalendar(deps.handle.db, agency)));
    }
    return calendars.get(agencyId);
  };
  let after: { dueAt: string; id: string } | undefined;
  for (;;) {
    const page = await listDelayedApplications(deps.handle.db, now, { after, limit: 500 });
    for (const { matter, lastNoticeAt } of page) {
      const calendar = await calendarOf(matter.agencyId);
      const period = calendar && matter.dueAt && delayPeriod(calendar, matter.dueAt, now);
      // Read without a transaction first: most late matters were noticed in this period already.
      if (!period || (lastNoticeAt && lastNoticeAt >= period.startsAt)) continue;
      try {
        if (await giveDelayNotice(deps.handle, matter, now)) given++;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        // A matter that moved meanwhile (decided, paused, noticed by another worker) is left for the next
        // sweep; one that cannot be noticed (no letter code set) is said, and the others still are.
        if (!["MATTER_CHANGED", "ACTION_NOT_ALLOWED"].includes(error.code))
          deps.log?.(`delay notice of matter ${matter.id} not given: ${error.code}`);
      }
    }
    const last = page.at(-1);
    if (page.length < 500 || !last?.matter.dueAt) break;
    after = { dueAt: last.matter.dueAt.toISOString(), id: last.matter.id };
  }
  return given;
}

async function giveDelayNotice(handle: DatabaseHandle, candidate: Matter, now: Date): Promise<boolean> {
  return withTransaction(handle, async (trx) => {
    const matter = await findMatter(trx, candidate.agencyId, candidate.id);
    if (!matter?.dueAt || matter.decidedAt || matter.endedAt || matter.pausedAt) return false;
    const agency = await findAgency(trx, matter.agencyId);
    if (!agency) return false;
    const calendar = await loadBusinessCalendar(trx, agency);
    const period = delayPeriod(calendar, matter.dueAt, now);
    if (!period) return false;
    const { noticeNumber } = period;
    const actions = await listMatterActions(trx, matter.id);
    // Once per period, checked again under the matter's lock: a notice given since the period began.
    if (actions.some((a) => a.action === "notify-delay" && a.at >= period.startsAt)) return false;
    const reason = actions.filter((a) => a.action === "record-delay-reason").at(-1)?.payload.text;
    const reasonText = typeof reason === "string" && reason.trim() ? reason.trim() : null;
    const opdc = agency.opdcEmail && isValidEmailAddress(agency.opdcEmail) ? agency.opdcEmail : null;
    const facts = await applicationFacts(trx, matter);
    const letter = await issueDelayLetter(
      trx,
      facts,
      {
        noticeNumber,
        reason: reasonText,
        dueDate: toLocal(matter.dueAt, agency.timeZone).date,
        copyToOpdc: opdc !== null,
      },
      { actor: ACTOR, at: now, agencyName: agency.nameTh },
    );
    await recordAction(trx, {
      agencyId: matter.agencyId,
      subject: { matterId: matter.id },
      action: "notify-delay",
      payload: {
        letterId: letter.id,
        noticeNumber,
        reasonGiven: reasonText !== null,
        opdcCopy: opdc ? "queued" : "not-configured",
      },
      actor: { kind: "system", name: ACTOR },
      at: now,
      expectedVersion: matter.version,
    });
    if (opdc)
      await enqueueMessage(
        trx,
        {
          agencyId: matter.agencyId,
          entryId: null,
          subjectKey: `delay-copy:${letter.id}`,
          kind: "delay-notice-copy",
          channel: "email",
          recipient: opdc,
          mail: {
            subject: `สำเนา ${letter.subject} (ที่ ${letter.number})`,
            text: [
              `สำเนาหนังสือที่ ${letter.number} ลงวันที่ ${letter.letter_date}`,
              `จาก ${letter.from_name}`,
              `ถึง ${letter.to_name}`,
              `เรื่อง ${letter.subject}`,
              "",
              letter.salutation,
              letter.body,
              "",
              letter.closing,
              letter.signer_name,
            ].join("\n"),
          },
        },
        now.toISOString(),
      );
    return true;
  });
}
