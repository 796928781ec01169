import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { Db } from "../platform/db/database.js";
import { neutraliseFormula } from "../register/index.js";
import type { KeysetCursor } from "./keyset-cursor.js";
import { listRequestLog, type RequestLogFilter, type RequestLogLine } from "./request-log.repo.js";

/** RG-2: the six columns of the request log, headed in Thai and English. */
export const REQUEST_LOG_COLUMNS = [
  ["received_at", "วันที่รับ / Date received"],
  ["replied_at", "วันที่ตอบ / Date replied"],
  ["requester", "ผู้ขอ / Requester"],
  ["subject", "เรื่อง / Subject"],
  ["information_source", "แหล่งข้อมูลที่ใช้ตอบ / Information source"],
  ["remarks", "หมายเหตุ / Remarks"],
] as const;
type Column = (typeof REQUEST_LOG_COLUMNS)[number][0];
export type RequestLogRecord = Record<Column, string>;

const PAGE = 500;

/** A calendar date in the agency's zone, CE (YYYY-MM-DD): what a spreadsheet sorts and a reader knows. */
const dayIn = (iso: string | null | undefined, timeZone: string) =>
  iso ? new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date(iso)) : "";

export function requestLogRecord(line: RequestLogLine, timeZone: string): RequestLogRecord {
  return {
    received_at: dayIn(line.entry?.receivedAt, timeZone),
    replied_at: dayIn(line.repliedAt, timeZone),
    requester: line.entry?.requester ?? "",
    subject: line.entry?.subject ?? "",
    information_source: line.row.information_source ?? "",
    remarks: line.row.remarks ?? "",
  };
}

/** Every row the filter selects, a page at a time. */
export async function* requestLogRecords(
  db: Db,
  agencyId: string,
  filter: RequestLogFilter,
  timeZone: string,
) {
  let after: KeysetCursor | undefined;
  do {
    const page = await listRequestLog(db, agencyId, filter, { after, limit: PAGE });
    for (const line of page.lines) yield requestLogRecord(line, timeZone);
    after = page.next;
  } while (after);
}

const csvField = (text: string) => {
  const neutral = neutraliseFormula(text);
  return /[",\r\n]|^\s|\s$/.test(neutral) ? `"${neutral.replaceAll('"', '""')}"` : neutral;
};

/** RFC 4180, CRLF, UTF-8 with a byte-order mark so that Excel reads the Thai. */
export function requestLogCsv(records: AsyncIterable<RequestLogRecord>): Readable {
  return Readable.from(
    (async function* () {
      yield `\uFEFF${REQUEST_LOG_COLUMNS.map(([, head]) => csvField(head)).join(",")}\r\n`;
      for await (const record of records)
        yield `${REQUEST_LOG_COLUMNS.map(([c]) => csvField(record[c])).join(",")}\r\n`;
    })(),
  );
}

/** The same rows as an XLSX sheet, streamed, formulas neutralised. */
export function requestLogXlsx(records: AsyncIterable<RequestLogRecord>): Readable {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet("request-log");
  void (async () => {
    sheet.addRow(REQUEST_LOG_COLUMNS.map(([, head]) => head)).commit();
    for await (const record of records)
      sheet.addRow(REQUEST_LOG_COLUMNS.map(([c]) => neutraliseFormula(record[c]))).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => stream.destroy(error as Error));
  return stream;
}
