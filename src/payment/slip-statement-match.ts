import type { Db } from "../platform/db/database.js";
import type { PaymentSlip } from "./slips.repo.js";

/** What the imported bank statement says about a slip (PY-2, PY-3). */
export type StatementMatch =
  /** A line with the slip QR's bank reference. */
  | { kind: "bank-reference"; lineId: string }
  /** A line of the notice's amount within the matching window of the slip's time. */
  | { kind: "amount-time"; lineId: string }
  | { kind: "none" }
  /** The statements part is not there: nothing can be said. */
  | { kind: "unavailable" };

/**
 * PY-2: the statement line that backs a slip, for the finance officer deciding it.
 * HOOK (#14 statements): the `statement_lines` table belongs to the statements part; once it exports a
 * lookup (by bank reference, then by amount and time window), call it here. Until then the page says
 * the statement cannot be consulted, rather than claiming there is no line.
 */
export async function findStatementMatch(
  db: Db,
  slip: PaymentSlip,
  amountSatang: number | undefined,
): Promise<StatementMatch> {
  void db;
  void slip;
  void amountSatang;
  return { kind: "unavailable" };
}
