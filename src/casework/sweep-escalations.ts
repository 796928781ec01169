import { findAgency, findUnit } from "../agencies/index.js";
import { loadBusinessCalendar } from "../calendar/index.js";
import { enqueueMessage } from "../outbox/index.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { isValidEmailAddress } from "../platform/email-address.js";
import { AppError } from "../platform/errors.js";
import { formatDateTime } from "../platform/i18n/format.js";
import { t } from "../platform/i18n/index.js";
import { listMattersToEscalate, type Matter, recordAction } from "../register/index.js";
import { listStaff, type Staff } from "../staff/index.js";

export interface EscalationDeps {
  handle: DatabaseHandle;
  /** Base of the links in the mail (PUBLIC_URL). */
  publicUrl: string;
  log?: (msg: string) => void;
}

/** How many matters one sweep escalates; the next sweep takes the rest. */
const BATCH = 100;

/**
 * Who hears of an overdue matter: the supervisors of its unit; without any, the agency's supervisors
 * and its head. Disabled officers never.
 */
export function escalationRecipients(staff: readonly Staff[], unitId: string | null): Staff[] {
  const active = staff.filter((s) => !s.disabled && isValidEmailAddress(s.email));
  const ofUnit = active.filter(
    (s) => s.roles.includes("supervisor") && unitId !== null && s.unitIds.includes(unitId),
  );
  if (ofUnit.length > 0) return ofUnit;
  return active.filter((s) => s.roles.includes("supervisor") || s.roles.includes("head_of_agency"));
}

/**
 * RV-6: each open matter whose clock ran out (running, undecided) is escalated once: an `escalate`
 * action by the system on its timeline (officers only) and a mail to its unit's supervisors through the
 * outbox, in one transaction. Two sweeps at once escalate it once: the second one's version is stale.
 * Returns how many matters were escalated.
 */
export async function sweepEscalations(deps: EscalationDeps, now: Date): Promise<number> {
  const { handle } = deps;
  let escalated = 0;
  for (const matter of await listMattersToEscalate(handle.db, now, BATCH)) {
    try {
      await escalate(deps, matter, now);
      escalated++;
    } catch (error) {
      if (error instanceof AppError && error.code === "MATTER_CHANGED") continue;
      deps.log?.(`escalation of matter ${matter.id}: ${String(error)}`);
    }
  }
  return escalated;
}

async function escalate(deps: EscalationDeps, matter: Matter, now: Date): Promise<void> {
  const { db } = deps.handle;
  const agency = await findAgency(db, matter.agencyId);
  if (!agency) return;
  const recipients = escalationRecipients(await listStaff(db, matter.agencyId), matter.unitId);
  const unit = matter.unitId ? await findUnit(db, matter.agencyId, matter.unitId) : undefined;
  const calendar = await loadBusinessCalendar(db, agency);
  const params = (lang: "th" | "en") => ({
    receiptNumber: matter.receiptNumber,
    subject: matter.subject,
    unit: unit ? (lang === "th" ? unit.name_th : unit.name_en) : t(lang, "casework.noUnit"),
    due: matter.dueAt ? formatDateTime(lang, matter.dueAt, calendar.timeZone) : "",
    url: `${deps.publicUrl}/a/${matter.agencyId}/office/matters/${matter.id}`,
  });
  await withTransaction(deps.handle, async (trx) => {
    await recordAction(trx, {
      agencyId: matter.agencyId,
      subject: { matterId: matter.id },
      action: "escalate",
      payload: {
        reason: "overdue",
        dueAt: matter.dueAt?.toISOString() ?? null,
        unitId: matter.unitId,
        recipients: recipients.map((s) => s.id),
      },
      actor: { kind: "system", name: "escalation" },
      at: now,
      expectedVersion: matter.version,
    });
    for (const staff of recipients)
      await enqueueMessage(
        trx,
        {
          agencyId: matter.agencyId,
          entryId: null,
          // One mail per matter and supervisor, however often the sweep runs.
          subjectKey: `escalation:${matter.id}:${staff.id}`,
          kind: "escalation",
          channel: "email",
          recipient: staff.email,
          mail: {
            subject: `${t("th", "casework.escalationSubject", params("th"))} / ${t("en", "casework.escalationSubject", params("en"))}`,
            text: `${t("th", "casework.escalationText", params("th"))}\n\n${t("en", "casework.escalationText", params("en"))}\n`,
          },
        },
        now.toISOString(),
      );
  });
}
