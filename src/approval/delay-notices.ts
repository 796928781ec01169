import { findAgency } from "../agencies/index.js";
import { loadBusinessCalendar, toLocal } from "../calendar/index.js";
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

/**
 * LF-5: the delay notices due at `now`. For each application past its manual's time, undecided, open
 * and not paused: the notice of the current 7-calendar-day period (the first at `due_at`, then +7, +14…)
 * unless it was given, in one transaction: the numbered delay letter with the latest reason an officer
 * recorded, `notify-delay` on the timeline (the notifications part sends it to the applicant), and a
 * copy of the letter to the agency's OPDC address in the outbox, or `opdcCopy: "not-configured"` when
 * it has none (never said to be sent). Returns how many notices were given.
 */
export async function sweepDelayNotices(deps: { handle: DatabaseHandle }, now: Date): Promise<number> {
  let given = 0;
  for (const candidate of await listDelayedApplications(deps.handle.db, now)) {
    try {
      if (await giveDelayNotice(deps.handle, candidate, now)) given++;
    } catch (error) {
      // A matter that moved meanwhile (decided, paused, noticed by another worker) is left for the next sweep.
      if (!(error instanceof AppError) || !["MATTER_CHANGED", "ACTION_NOT_ALLOWED"].includes(error.code))
        throw error;
    }
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
    // The period `now` falls in: notice n is due at due_at + 7(n-1) calendar days.
    let noticeNumber = 0;
    while (addDaysOfKind(calendar, matter.dueAt, PERIOD_DAYS * noticeNumber, "calendar") <= now)
      noticeNumber++;
    if (noticeNumber === 0) return false;
    const actions = await listMatterActions(trx, matter.id);
    const given = actions.filter((a) => a.action === "notify-delay");
    // Once per period: a notice of this period or a later one is already on the timeline.
    if (given.some((a) => Number(a.payload.noticeNumber) >= noticeNumber)) return false;
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
