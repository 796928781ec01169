import type { Db } from "../platform/db/database.js";
import type { PaymentSlip } from "./slips.repo.js";

/** What the imported bank statement says about a slip (PY-2, PY-3). */
export type StatementMatch =
  /** A line with the slip QR's bank reference. */
  | { kind: "bank-reference"; lineId: string }
  /** A line of the notice's amount within the matching window of the slip's time. */
  | { kind: "amount-time"; lineId: string }
  | { kind: "none" };

/** A transfer shows on the statement up to 3 days before the slip reaches us (sent late) or a day after. */
const BEFORE_MS = 3 * 86_400_000;
const AFTER_MS = 86_400_000;

/**
 * PY-2: the statement line that backs a slip, for the finance officer deciding it: first the line with
 * the bank reference the slip's QR carries, else a credit of the notice's amount near the slip's time.
 * Lines set aside (ignored) do not count. "none" says only that no imported statement shows it yet.
 */
export async function findStatementMatch(
  db: Db,
  slip: PaymentSlip,
  amountSatang: number | undefined,
): Promise<StatementMatch> {
  const lines = db
    .selectFrom("statement_lines")
    .select("id")
    .where("agency_id", "=", slip.agencyId)
    .where("state", "!=", "ignored");
  if (slip.bankReference) {
    const byReference = await lines.where("bank_reference", "=", slip.bankReference).executeTakeFirst();
    if (byReference) return { kind: "bank-reference", lineId: byReference.id };
  }
  if (amountSatang === undefined) return { kind: "none" };
  const at = slip.receivedAt.getTime();
  const near = await lines
    .where("amount_satang", "=", amountSatang)
    .where("posted_at", ">=", new Date(at - BEFORE_MS).toISOString())
    .where("posted_at", "<=", new Date(at + AFTER_MS).toISOString())
    .orderBy("posted_at")
    .executeTakeFirst();
  return near ? { kind: "amount-time", lineId: near.id } : { kind: "none" };
}
