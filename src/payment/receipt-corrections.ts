import { recordAudit } from "../audit/index.js";
import { type DatabaseHandle, type Db, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import type { Role } from "../staff/index.js";
import { nextStatus, type StatusTable } from "../workflow/index.js";
import type { Satang } from "./money.js";
import type { CorrectionKind, CorrectionStatus, ReceiptCorrectionRow } from "./receipts.table.js";

export type CorrectionAction = "approve-void" | "approve-refund" | "refuse" | "record-paid-out";

const DECIDERS = ["head_of_agency", "supervisor"] as const satisfies readonly Role[];

/**
 * PY-5: a receipt's void or refund as data. A finance officer asks; another person, head of agency
 * or supervisor, approves or refuses; an approved void is done at once (the receipt is VOID), an
 * approved refund is done when the finance officer records it paid out at the bank.
 */
export const CORRECTION_FLOW = {
  requested: {
    "approve-void": { next: "done", by: DECIDERS },
    "approve-refund": { next: "approved", by: DECIDERS },
    refuse: { next: "refused", by: DECIDERS },
  },
  approved: { "record-paid-out": { next: "done", by: ["finance_officer"] } },
  refused: {},
  done: {},
} as const satisfies StatusTable<CorrectionStatus, CorrectionAction, Role>;

export interface CorrectionOfficer {
  staffId: string;
  roles: readonly string[];
  at: Date;
  ip?: string;
}

export interface CorrectionStep {
  agencyId: string;
  correctionId: string;
  /** `approve` becomes approve-void or approve-refund by the request's kind. */
  action: "approve" | "refuse" | "record-paid-out";
  /** The version the officer saw (a stale form is refused). */
  expectedVersion?: number;
  note?: string;
  /** record-paid-out: the bank's reference of the transfer back. */
  bankReference?: string;
}

export async function findCorrection(db: Db, agencyId: string, id: string) {
  return db
    .selectFrom("receipt_corrections")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function listReceiptCorrections(db: Db, receiptId: string): Promise<ReceiptCorrectionRow[]> {
  return db
    .selectFrom("receipt_corrections")
    .selectAll()
    .where("receipt_id", "=", receiptId)
    .orderBy("requested_at")
    .execute();
}

/**
 * PY-5: takes one step of a void or refund, in one transaction: the table allows it for the officer's
 * roles, the decider is not who asked, the status (and for a void the receipt: VOID, its number never
 * reused) and the audit row are written together. Throws CORRECTION_NOT_FOUND, ACTION_NOT_ALLOWED,
 * ACTION_FORBIDDEN, CORRECTION_SAME_PERSON, CORRECTION_CHANGED, VALIDATION_FAILED.
 */
export async function takeCorrectionStep(
  handle: DatabaseHandle,
  step: CorrectionStep,
  officer: CorrectionOfficer,
): Promise<CorrectionStatus> {
  return withTransaction(handle, async (trx) => {
    const row = await findCorrection(trx, step.agencyId, step.correctionId);
    if (!row) throw new AppError("CORRECTION_NOT_FOUND");
    if (step.expectedVersion !== undefined && step.expectedVersion !== Number(row.version))
      throw new AppError("CORRECTION_CHANGED");
    const action: CorrectionAction =
      step.action === "approve" ? (row.kind === "void" ? "approve-void" : "approve-refund") : step.action;
    const next: CorrectionStatus = nextStatus(
      CORRECTION_FLOW as StatusTable<CorrectionStatus, CorrectionAction, Role>,
      row.status,
      action,
      officer.roles as Role[],
    );
    const deciding = action !== "record-paid-out";
    // PY-5: four eyes: who asked never decides.
    if (deciding && row.requested_by === officer.staffId) throw new AppError("CORRECTION_SAME_PERSON");
    const reference = step.bankReference?.trim() ?? "";
    if (action === "record-paid-out" && reference === "")
      throw new AppError("VALIDATION_FAILED", { detail: "bankReference" }, { field: "bankReference" });
    const at = officer.at.toISOString();
    const updated = await trx
      .updateTable("receipt_corrections")
      .set({
        status: next,
        version: Number(row.version) + 1,
        ...(deciding
          ? { decided_by: officer.staffId, decided_at: at, note: step.note?.trim() || null }
          : { paid_out_reference: reference, paid_out_at: at }),
      })
      .where("id", "=", row.id)
      .where("version", "=", row.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError("CORRECTION_CHANGED");
    if (action === "approve-void")
      await trx
        .updateTable("e_receipts")
        .set({ status: "voided", voided_at: at, void_reason: row.reason })
        .where("id", "=", row.receipt_id)
        .where("status", "!=", "voided")
        .execute();
    await recordAudit(trx, {
      agencyId: step.agencyId,
      actor: `staff:${officer.staffId}`,
      action: `e-receipt.${action}`,
      subjectType: "e_receipt",
      subjectId: row.receipt_id,
      data: { correctionId: row.id, kind: row.kind, status: next, amountSatang: Number(row.amount_satang) },
      ip: officer.ip,
      at,
    });
    return next;
  });
}

/**
 * PY-5: a finance officer asks for a receipt to be voided (made in error) or money refunded (at most what
 * was paid, less refunds approved or done), with a reason. One open request per receipt. Throws
 * ACTION_FORBIDDEN (not a finance officer), RECEIPT_NOT_FOUND, RECEIPT_VOIDED, CORRECTION_OPEN, REFUND_TOO_LARGE, REASON_REQUIRED.
 */
export async function requestReceiptCorrection(
  handle: DatabaseHandle,
  input: { agencyId: string; receiptId: string; kind: CorrectionKind; amountSatang?: Satang; reason: string },
  officer: CorrectionOfficer,
): Promise<string> {
  if (!officer.roles.includes("finance_officer"))
    throw new AppError("ACTION_FORBIDDEN", { action: "request" });
  const reason = input.reason.trim();
  if (reason === "") throw new AppError("REASON_REQUIRED", {}, { field: "reason" });
  return withTransaction(handle, async (trx) => {
    // The receipt row is locked (an update that changes nothing), so two requests queue.
    const locked = await trx
      .updateTable("e_receipts")
      .set((eb) => ({ status: eb.ref("status") }))
      .where("agency_id", "=", input.agencyId)
      .where("id", "=", input.receiptId)
      .returning(["id", "status", "amount_satang"])
      .executeTakeFirst();
    if (!locked) throw new AppError("RECEIPT_NOT_FOUND");
    if (locked.status === "voided") throw new AppError("RECEIPT_VOIDED");
    const earlier = await listReceiptCorrections(trx, input.receiptId);
    if (earlier.some((c) => c.status === "requested" || (c.status === "approved" && c.kind === "refund")))
      throw new AppError("CORRECTION_OPEN");
    const paid = Number(locked.amount_satang);
    const refunded = earlier
      .filter((c) => c.kind === "refund" && (c.status === "approved" || c.status === "done"))
      .reduce((sum, c) => sum + Number(c.amount_satang), 0);
    const amount = input.kind === "void" ? paid : (input.amountSatang ?? 0);
    if (input.kind === "refund" && (!(amount > 0) || amount > paid - refunded))
      throw new AppError("REFUND_TOO_LARGE", {}, { field: "amount" });
    const id = newId();
    const at = officer.at.toISOString();
    await trx
      .insertInto("receipt_corrections")
      .values({
        id,
        agency_id: input.agencyId,
        receipt_id: input.receiptId,
        kind: input.kind,
        amount_satang: amount,
        reason,
        status: "requested",
        requested_by: officer.staffId,
        requested_at: at,
        decided_by: null,
        decided_at: null,
        note: null,
        paid_out_reference: null,
        paid_out_at: null,
        version: 1,
      })
      .execute();
    await recordAudit(trx, {
      agencyId: input.agencyId,
      actor: `staff:${officer.staffId}`,
      action: `e-receipt.request-${input.kind}`,
      subjectType: "e_receipt",
      subjectId: input.receiptId,
      data: { correctionId: id, amountSatang: amount },
      ip: officer.ip,
      at,
    });
    return id;
  });
}
