import { findAgency } from "../agencies/index.js";
import { loadBusinessCalendar } from "../calendar/index.js";
import { DEFAULT_PAYMENT_TERMS, findServiceVersion } from "../catalog/index.js";
import { findApplicationOfMatter } from "../forms/index.js";
import type { Db } from "../platform/db/database.js";
import { type Matter, recordAction } from "../register/index.js";
import { addDaysOfKind } from "../workflow/index.js";
import { computeFees } from "./compute-fees.js";
import { issuePaymentNotice } from "./issue-payment-notice.js";
import type { PaymentNotice } from "./notice.js";

// PY-1: the terms when the manual says none live with the manual that shows them (catalog).
export { DEFAULT_PAYMENT_TERMS };

/**
 * PY-1: once an application is approved, in the approval's transaction: the service version's fees for
 * this application become one notice and the matter moves to awaiting_payment (`request-payment`).
 * A service without fees stays approved; undefined then.
 */
export async function requestFeesAfterApproval(
  trx: Db,
  matter: Matter,
  at: Date,
): Promise<PaymentNotice | undefined> {
  const application = await findApplicationOfMatter(trx, matter.id);
  if (!application) return undefined;
  const version = await findServiceVersion(trx, application.service_version_id);
  if (!version) return undefined;
  const answers = JSON.parse(application.form_data) as Record<string, unknown>;
  const lines = computeFees(version.definition, answers);
  if (lines.length === 0) return undefined;
  const agency = await findAgency(trx, matter.agencyId);
  if (!agency) return undefined;
  const calendar = await loadBusinessCalendar(trx, agency);
  const terms = version.definition.payment ?? DEFAULT_PAYMENT_TERMS;
  const dueAt = addDaysOfKind(calendar, at, terms.daysToPay, terms.dayKind);
  const system = { kind: "system", name: "system:payment" } as const;
  const notice = await issuePaymentNotice(
    trx,
    { agencyId: matter.agencyId, matterId: matter.id, kind: "licence_fee", lines, dueAt, gatesMatter: true },
    system,
    at,
  );
  await recordAction(trx, {
    agencyId: matter.agencyId,
    subject: { matterId: matter.id },
    action: "request-payment",
    // #14 notice: the deadline, for the applicant's notification (PY-1)
    payload: {
      noticeId: notice.id,
      ref1: notice.ref1,
      amountSatang: notice.amountSatang,
      deadline: notice.dueAt.toISOString(),
    },
    actor: system,
    at,
  });
  return notice;
}
