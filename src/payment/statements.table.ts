import type { Selectable } from "kysely";

/** PY-3: how one account's statement file reads, saved at its first import (JSON `StatementMapping`). */
export interface StatementMappingsTable {
  account_id: string;
  agency_id: string;
  mapping: string;
  updated_at: string;
  updated_by: string;
}

/** PY-3, SC-2: one imported bank statement file, kept (sealed) in the file store. */
export interface BankStatementsTable {
  id: string;
  agency_id: string;
  account_id: string;
  file_key: string;
  /** The same file imported again is refused by this digest. */
  sha256: string;
  filename: string;
  format: "csv" | "xlsx";
  encoding: string;
  line_count: number;
  /** Lines already imported from an overlapping statement, skipped. */
  skipped_count: number;
  matched_count: number;
  imported_at: string;
  imported_by: string;
}

export type StatementLineState = "matched" | "unmatched" | "amount-differs" | "already-paid" | "ignored";

/** PY-3: one line of a bank statement and what reconciliation made of it. */
export interface StatementLinesTable {
  id: string;
  agency_id: string;
  statement_id: string;
  account_id: string;
  line_number: number;
  fingerprint: string;
  posted_at: string;
  /** Satang; negative for money out. A bigint column: read through `Number()`. */
  amount_satang: number;
  ref1: string | null;
  ref2: string | null;
  bank_reference: string | null;
  /** Sealed: the bank's free text. */
  description: string | null;
  /** Sealed: the payer's name or account as the bank printed it. */
  payer: string | null;
  state: StatementLineState;
  notice_id: string | null;
  payment_id: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
  note: string | null;
  version: number;
}

export type BankStatementRow = Selectable<BankStatementsTable>;
export type StatementLineRow = Selectable<StatementLinesTable>;
