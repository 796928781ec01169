import iconv from "iconv-lite";
import { multipartBody } from "./multipart.js";
import type { OfficeClient } from "./office.js";

/** A bank statement line as a test writes it: money in for a Ref1. */
export interface TestLine {
  /** `dd/mm/yyyy` in BE, as Thai banks print it. */
  date: string;
  time: string;
  amount: string;
  ref1: string;
  bankReference: string;
  payer?: string;
}

export const STATEMENT_HEADING = ["วันที่", "เวลา", "จำนวนเงิน", "Ref1", "Ref2", "เลขที่รายการ", "ผู้โอน"];

/** The mapping of STATEMENT_HEADING's columns, as an API client sends it. */
export const STATEMENT_MAPPING = {
  encoding: "auto",
  headerRow: 1,
  columns: { date: 0, time: 1, amount: 2, ref1: 3, ref2: 4, bankReference: 5, payer: 6 },
  dateOrder: "dmy",
  era: "be",
} as const;

/** A statement CSV of these lines, in UTF-8 or Windows-874 (as Thai banks' exports often are). */
export function statementCsv(lines: TestLine[], encoding: "utf-8" | "windows-874" = "utf-8"): Buffer {
  const rows = [
    STATEMENT_HEADING.join(","),
    ...lines.map((l) =>
      [l.date, l.time, `"${l.amount}"`, l.ref1, "", l.bankReference, l.payer ?? "นายทดสอบ ชำระเงิน"].join(","),
    ),
  ];
  const text = `${rows.join("\r\n")}\r\n`;
  return encoding === "utf-8" ? Buffer.from(text, "utf8") : iconv.encode(text, "windows-874");
}

/** Uploads a statement to `/office/finance/statements` as the signed-in finance officer. */
export async function uploadStatement(
  client: OfficeClient,
  file: { bytes: Uint8Array; filename?: string },
  fields: Record<string, string>,
  accept = "application/json",
) {
  const { payload, headers } = await multipartBody({ _csrf: client.csrf, ...fields }, [
    { field: "file", filename: file.filename ?? "statement.csv", bytes: file.bytes },
  ]);
  return client.app.inject({
    method: "POST",
    url: `${client.prefix}/office/finance/statements`,
    payload,
    headers: { ...headers, accept, cookie: client.cookieHeader },
  });
}
