import type { Agency } from "../agencies/index.js";
import { loadBusinessCalendar } from "../calendar/index.js";
import { findApplicationOfMatter } from "../forms/index.js";
import type { ReceivedFile } from "../intake/attachments/index.js";
import { screenFiles } from "../intake/attachments/index.js";
import { registerWithAcknowledgement, type WebIntakeDeps } from "../intake/web/index.js";
import { withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import { type Entry, findEntry, findMatter, recordAction } from "../register/index.js";
import {
  closeDeficiencyRecord,
  type DeficiencyRecord,
  findLatestDeficiencyRecord,
  markApplicantAcknowledged,
} from "./deficiency-records.repo.js";

const APPLICANT = { kind: "applicant", via: "tracking-page" } as const;

/**
 * The record awaiting the applicant on a matter: the latest, still open, before its deadline, while the
 * matter waits for more information. Throws DEFICIENCY_NOT_FOUND, DEFICIENCY_NOT_AWAITED (answered,
 * returned, or the matter moved on) and DEFICIENCY_DEADLINE_PASSED (LF-4: too late; it will be returned).
 */
async function awaitedRecord(
  db: WebIntakeDeps["handle"]["db"],
  agencyId: string,
  matterId: string,
  now: Date,
) {
  const record = await findLatestDeficiencyRecord(db, matterId);
  if (!record) throw new AppError("DEFICIENCY_NOT_FOUND");
  const matter = await findMatter(db, agencyId, matterId);
  if (matter?.status !== "more_info_requested" || record.fulfilledAt || record.lapsedAt)
    throw new AppError("DEFICIENCY_NOT_AWAITED");
  if (now.getTime() > record.deadline.getTime()) throw new AppError("DEFICIENCY_DEADLINE_PASSED");
  return { record, matter };
}

/**
 * RV-2: the applicant acknowledges the record on the tracking page (`acknowledge-deficiency`); the first
 * acknowledgement is kept, a second (a double click) records nothing. Throws as `awaitedRecord`.
 */
export async function acknowledgeDeficiency(
  deps: Pick<WebIntakeDeps, "handle" | "clock">,
  agencyId: string,
  matterId: string,
  meta: { ip?: string },
): Promise<DeficiencyRecord> {
  const at = deps.clock.now();
  return withTransaction(deps.handle, async (trx) => {
    const { record } = await awaitedRecord(trx, agencyId, matterId, at);
    if (!(await markApplicantAcknowledged(trx, record.id, at.toISOString(), APPLICANT.via))) return record;
    await recordAction(trx, {
      agencyId,
      subject: { matterId },
      action: "acknowledge-deficiency",
      payload: { recordId: record.id },
      actor: APPLICANT,
      at,
      ip: meta.ip,
    });
    return record;
  });
}

/**
 * RV-2, LF-2: the applicant's answer on the tracking page (text and files) joins the matter as a new web
 * entry with its own receipt number and acknowledgement, and `resubmit` is recorded in the same
 * transaction: the record is fulfilled and the clock runs again (LF-1). Files are screened and stored
 * first, as the request form's are. A second answer (a double click) finds the record fulfilled.
 * Throws DEFICIENCY_ANSWER_EMPTY and as `awaitedRecord`.
 */
export async function answerDeficiency(
  deps: WebIntakeDeps,
  agency: Agency,
  matterId: string,
  answer: { text: string; files: ReceivedFile[] },
  meta: { ip?: string },
): Promise<Entry> {
  const text = answer.text.trim();
  if (!text && answer.files.length === 0) throw new AppError("DEFICIENCY_ANSWER_EMPTY");
  // Checked before the files are stored, and again in the transaction that records the answer.
  const { record } = await awaitedRecord(deps.handle.db, agency.id, matterId, deps.clock.now());
  // The applicant is the sender of the entry the application came in by.
  const application = await findApplicationOfMatter(deps.handle.db, matterId);
  const first = application && (await findEntry(deps.handle.db, application.entry_id));
  const attachments = await screenFiles(deps.files, answer.files, deps.maxFileBytes, {
    threads: deps.threads,
  });
  const calendar = await loadBusinessCalendar(deps.handle.db, agency);
  const entryId = newId();
  const at = deps.clock.now();
  const registered = await withTransaction(deps.handle, async (trx) => {
    await awaitedRecord(trx, agency.id, matterId, at);
    await recordAction(trx, {
      agencyId: agency.id,
      subject: { matterId },
      action: "resubmit",
      payload: { recordId: record.id, entryId, channel: "web" },
      actor: APPLICANT,
      at,
      ip: meta.ip,
    });
    if (
      !(await closeDeficiencyRecord(trx, record.id, {
        fulfilled_at: at.toISOString(),
        fulfilled_entry_id: entryId,
      }))
    )
      throw new AppError("DEFICIENCY_NOT_AWAITED");
    // Registered last: the receipt number's counter stays locked until COMMIT.
    return registerWithAcknowledgement(
      trx,
      deps,
      {
        id: entryId,
        agencyId: agency.id,
        matterId,
        channel: "web",
        senderName: first?.senderName ?? "-",
        senderEmail: first?.senderEmail ?? null,
        senderPhone: first?.senderPhone ?? null,
        replyTo: first?.senderEmail ?? null,
        addressee: agency.nameTh,
        subject: `ตอบบันทึกความบกพร่อง เลขรับที่ ${first?.receiptNumber ?? ""}`.trim(),
        body: text,
        language: first?.language ?? "th",
        signature: `${first?.senderName ?? "-"} (web confirm)`,
        attachments,
      },
      { calendar, ip: meta.ip },
    );
  });
  return registered.entry;
}
