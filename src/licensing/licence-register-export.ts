import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { Db } from "../platform/db/database.js";
import { neutraliseFormula } from "../register/index.js";
import { type Licence, verificationUrl } from "./licence.js";
import { listRegisterLicences, type RegisterCursor } from "./public-register.repo.js";
import { publicLicenceReader } from "./register-public-fields.js";

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

/** One column as the dataset description states it (Frictionless Table Schema `fields`). */
export interface ExportField {
  name: (typeof EXPORT_COLUMNS)[number];
  type: "string" | "integer" | "date";
  /** `date`: ISO 8601, Common Era (`%Y-%m-%d`); an empty cell is a missing value. */
  format?: string;
  title: string;
  title_en: string;
  /** Never empty in any row. */
  required: boolean;
}

/** PR-4, OD-1: the export's columns described, in the order of EXPORT_COLUMNS; exports validate against it. */
export const EXPORT_SCHEMA: readonly ExportField[] = [
  { name: "number", type: "string", title: "เลขที่ใบอนุญาต", title_en: "Licence number", required: true },
  { name: "edition", type: "integer", title: "ฉบับที่", title_en: "Edition", required: true },
  { name: "title_th", type: "string", title: "ชื่อใบอนุญาต", title_en: "Licence title (Thai)", required: true },
  {
    name: "title_en",
    type: "string",
    title: "ชื่อใบอนุญาต (อังกฤษ)",
    title_en: "Licence title (English)",
    required: false,
  },
  { name: "holder", type: "string", title: "ผู้ได้รับอนุญาต", title_en: "Holder", required: true },
  { name: "service_code", type: "string", title: "รหัสงานบริการ", title_en: "Service code", required: true },
  {
    name: "printed_fields",
    type: "string",
    title: "รายการในใบอนุญาต",
    title_en: "Printed particulars",
    required: false,
  },
  { name: "conditions", type: "string", title: "เงื่อนไข", title_en: "Conditions", required: false },
  {
    name: "valid_from",
    type: "date",
    format: "%Y-%m-%d",
    title: "วันที่มีผล",
    title_en: "Valid from",
    required: true,
  },
  {
    name: "valid_until",
    type: "date",
    format: "%Y-%m-%d",
    title: "วันหมดอายุ",
    title_en: "Valid until",
    required: false,
  },
  { name: "status", type: "string", title: "สถานะ", title_en: "Status", required: true },
  {
    name: "verification_url",
    type: "string",
    title: "ลิงก์ตรวจสอบ",
    title_en: "Verification link",
    required: false,
  },
];

const PAGE = 500;

/**
 * One licence as a flat record: everything printed on it but the `hidden` lines (not public data), ISO
 * dates (CE), its current status.
 */
export function exportRecord(
  licence: Licence,
  origin: string | null,
  hidden: ReadonlySet<string> = new Set(),
): ExportRecord {
  return {
    number: licence.number,
    edition: String(licence.edition),
    title_th: licence.title.th,
    title_en: licence.title.en ?? "",
    holder: licence.holderName,
    service_code: licence.serviceCode,
    printed_fields: licence.fields
      .filter((field) => !hidden.has(field.key))
      .map((field) => `${field.label.th}: ${field.value}`)
      .join("; "),
    conditions: licence.conditions.map((condition) => condition.th).join("; "),
    valid_from: licence.validFrom,
    valid_until: licence.validUntil ?? "",
    status: licence.status,
    verification_url: origin ? verificationUrl(origin, licence) : "",
  };
}

/**
 * PR-2: every current licence of the register, a page at a time: a million never sit in memory. PR-4,
 * OD-1: only data classified public, as the register's page shows it: the register leaves a
 * confidential licence out, and the reader a line its service marks sensitive.
 */
export async function* registerRecords(db: Db, agencyId: string, origin: string | null) {
  const published = publicLicenceReader(db);
  let after: RegisterCursor | undefined;
  do {
    const page = await listRegisterLicences(db, agencyId, { after, limit: PAGE });
    for (const licence of page.licences) yield exportRecord(await published(licence), origin);
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
