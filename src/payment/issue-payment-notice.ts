import { findAgency } from "../agencies/index.js";
import { recordAudit } from "../audit/index.js";
import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import { auditActor } from "../workflow/index.js";
import { findDefaultAccount, payToOf } from "./accounts.repo.js";
import { thaiFiscalYear } from "./fiscal-year.js";
import type { NoticeLine, PaymentNotice } from "./notice.js";
import { findNotice } from "./notices.repo.js";
import type { NoticeKind } from "./payment.table.js";
import type { PaymentActor } from "./payment-actor.js";
import { formatRef1, nextPaymentNumber } from "./payment-counters.js";

export interface NewNotice {
  agencyId: string;
  matterId: string;
  kind: NoticeKind;
  lines: NoticeLine[];
  dueAt: Date;
  /** The matter waits in awaiting_payment until this notice is paid. */
  gatesMatter: boolean;
}

/**
 * PY-1: writes a payment notice inside the caller's transaction: its Ref1 from the agency's counter
 * (gapless, with a check digit), the sum of its lines, and the account it is paid into as it stands now.
 * The matter's action (request-payment, add-payment-notice) is the caller's.
 */
export async function issuePaymentNotice(
  trx: Db,
  input: NewNotice,
  actor: PaymentActor,
  at: Date,
): Promise<PaymentNotice> {
  const amount = input.lines.reduce((sum, l) => sum + l.amountSatang, 0);
  if (input.lines.length === 0 || amount <= 0 || !input.lines.every((l) => Number.isInteger(l.amountSatang)))
    throw new AppError("VALIDATION_FAILED", { field: "lines" });
  const agency = await findAgency(trx, input.agencyId);
  if (!agency) throw new AppError("NOT_FOUND");
  const fiscalYear = thaiFiscalYear(at, agency.timeZone);
  const ref1 = formatRef1(fiscalYear, await nextPaymentNumber(trx, input.agencyId, "notice-ref", fiscalYear));
  const account = await findDefaultAccount(trx, input.agencyId);
  const id = newId();
  await trx
    .insertInto("payment_notices")
    .values({
      id,
      agency_id: input.agencyId,
      matter_id: input.matterId,
      kind: input.kind,
      ref1,
      ref2: null,
      amount_satang: amount,
      lines: JSON.stringify(input.lines),
      pay_to: account ? JSON.stringify(payToOf(account)) : null,
      due_at: input.dueAt.toISOString(),
      status: "open",
      gates_matter: input.gatesMatter ? 1 : 0,
      reminded_at: null,
      closed_at: null,
      created_at: at.toISOString(),
      created_by: auditActor(actor),
      version: 1,
    })
    .execute();
  await recordAudit(trx, {
    agencyId: input.agencyId,
    actor: auditActor(actor),
    action: "payment.notice-issued",
    subjectType: "payment_notice",
    subjectId: id,
    data: { matterId: input.matterId, kind: input.kind, ref1, amountSatang: amount, dueAt: input.dueAt },
    at: at.toISOString(),
  });
  return (await findNotice(trx, input.agencyId, id)) as PaymentNotice;
}
