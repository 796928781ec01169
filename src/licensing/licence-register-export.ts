import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { Db } from "../platform/db/database.js";
import { neutraliseFormula } from "../register/index.js";
import { type Licence, verificationUrl } from "./licence.js";
import { listRegisterLicences, type RegisterCursor } from "./public-register.repo.js";

/** PR-2: the export's columns; the CSV's header row and the JSON's keys alike (THAI-STANDARDS §10). */
export const EXPORT_COLUMNS = [
  "number",
  "edition",
  "title_th",
  "title_en",
  "holder",
  "service_code",
  "printed_fields",
  "conditions",
  "valid_from",
  "valid_until",
  "status",
  "verification_url",
] as const;
export type ExportRecord = Record<(typeof EXPORT_COLUMNS)[number], string>;

const PAGE = 500;

/** One licence as a flat record: everything printed on it, ISO dates (CE), its current status. */
export function exportRecord(licence: Licence, origin: string | null): ExportRecord {
  return {
    number: licence.number,
    edition: String(licence.edition),
    title_th: licence.title.th,
    title_en: licence.title.en ?? "",
    holder: licence.holderName,
    service_code: licence.serviceCode,
    printed_fields: licence.fields.map((field) => `${field.label.th}: ${field.value}`).join("; "),
    conditions: licence.conditions.map((condition) => condition.th).join("; "),
    valid_from: licence.validFrom,
    valid_until: licence.validUntil ?? "",
    status: licence.status,
    verification_url: origin ? verificationUrl(origin, licence) : "",
  };
}

/** PR-2: every current licence of the register, a page at a time: a million never sit in memory. */
export async function* registerRecords(db: Db, agencyId: string, origin: string | null) {
  let after: RegisterCursor | undefined;
  do {
    const page = await listRegisterLicences(db, agencyId, { after, limit: PAGE });
    for (const licence of page.licences) yield exportRecord(licence, origin);
    after = page.next;
  } while (after);
}

const csvField = (text: string) => {
  const neutral = neutraliseFormula(text);
  return /[",\r\n]|^\s|\s$/.test(neutral) ? `"${neutral.replaceAll('"', '""')}"` : neutral;
};

/** RFC 4180 with CRLF, UTF-8 with a byte-order mark (else Excel reads Thai as the Windows code page). */
export function registerCsv(records: AsyncIterable<ExportRecord>): Readable {
  return Readable.from(
    (async function* () {
      yield `\uFEFF${EXPORT_COLUMNS.join(",")}\r\n`;
      for await (const record of records)
        yield `${EXPORT_COLUMNS.map((c) => csvField(record[c])).join(",")}\r\n`;
    })(),
  );
}

/** A JSON array of the same records, keys as the CSV's headers. */
export function registerJson(records: AsyncIterable<ExportRecord>): Readable {
  return Readable.from(
    (async function* () {
      let first = true;
      yield "[";
      for await (const record of records) {
        yield `${first ? "\n" : ",\n"}${JSON.stringify(record)}`;
        first = false;
      }
      yield "\n]\n";
    })(),
  );
}

/** The same records as an XLSX sheet, written row by row (exceljs' streaming writer), formulas neutralised. */
export function registerXlsx(records: AsyncIterable<ExportRecord>): Readable {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet("licences");
  void (async () => {
    sheet.addRow([...EXPORT_COLUMNS]).commit();
    for await (const record of records)
      sheet.addRow(EXPORT_COLUMNS.map((c) => neutraliseFormula(record[c]))).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => stream.destroy(error as Error));
  return stream;
}
