import ExcelJS from "exceljs";
import { multipartBody } from "./multipart.js";
import type { OfficeClient } from "./office.js";
import type { TestService } from "./service.js";

/** Thai text in TIS-620 / Windows-874: Thai letters U+0E01–U+0E5B sit at 0xA1–0xFB. */
export function tis620(text: string): Uint8Array {
  return Uint8Array.from(
    [...text].map((c) => {
      const code = c.charCodeAt(0);
      return code >= 0x0e01 && code <= 0x0e5b ? code - 0x0e00 + 0xa0 : code;
    }),
  );
}

/** The header of a generated earlier register, in Thai as an agency's old system would export it. */
export const SHEET_HEADER = ["เลขที่", "รหัสบริการ", "ผู้ได้รับอนุญาต", "วันที่ออก", "ใช้ได้ถึง", "สถานะ", "ชื่อร้าน"];
export const SHEET_MAPPING = {
  columns: {
    number: "เลขที่",
    serviceCode: "รหัสบริการ",
    holder: "ผู้ได้รับอนุญาต",
    issuedOn: "วันที่ออก",
    validUntil: "ใช้ได้ถึง",
    status: "สถานะ",
  },
  printed: [{ column: "ชื่อร้าน", key: "shop", th: "ชื่อร้าน", en: "Shop name" }],
};

/** A planted fault: which sheet row (as Excel numbers it) and the problem code it must be reported with. */
export type Planted = { line: number; code: string };

/**
 * An earlier register of `count` licences of `serviceCode` (numbers "BF-<i>"), dates in CE and BE, in
 * ISO, D/M/YYYY, Thai month names and Excel date cells; every 3rd licence in force at 2026-12-07, the
 * rest expired or revoked; a holder with a decomposed SARA AM every 97th row. Faults planted every
 * `every` rows, each listed with its row; the licences that must be imported counted.
 */
export function earlierRegister(serviceCode: string, count: number, every = 250) {
  const rows: unknown[][] = [];
  const planted: Planted[] = [];
  for (let i = 1; i <= count; i++) {
    const line = i + 1;
    const year = 2555 + (i % 12); // BE 2555–2566
    const issued = [
      `${year}-03-01`,
      `1/3/${year - 543}`,
      `1 มีนาคม ${year}`,
      new Date(Date.UTC(year - 543, 2, 1)),
    ][i % 4];
    const inForce = i % 3 === 0;
    const until = inForce ? "2030-12-31" : `28 ก.พ. ${String(year + 1).slice(2)}`;
    const status = inForce ? "ใช้ได้" : i % 2 ? "expired" : "เพิกถอน";
    const holder = i % 97 === 0 ? `นาย\u0E19\u0E4D\u0E32 ชัย ${i}` : `ผู้ได้รับอนุญาต ${i}`;
    const row: unknown[] = [`BF-${i}`, serviceCode, holder, issued, until, status, `ร้าน ${i}`];
    const fault = i % every === 0 ? (i / every) % 6 : -1;
    // Each fault: the column it spoils, the value, the problem code it must be reported with.
    const faults: [number, string, string][] = [
      [3, "31/02/2560", "issuedOn"],
      [1, "no-such-service", "service"],
      [2, "\u200B", "holder"],
      [4, "2500-01-01", "validBeforeIssued"],
      [5, "superseded", "status"],
    ];
    const spoil = faults[fault];
    if (spoil) {
      row[spoil[0]] = spoil[1];
      planted.push({ line, code: spoil[2] });
    }
    if (fault === 5) {
      // A number twice: this row and the one before; both are reported.
      row[0] = `BF-${i - 1}`;
      planted.push({ line: line - 1, code: "twiceInFile" }, { line, code: "twiceInFile" });
    }
    rows.push(row);
  }
  const refused = new Set(planted.map((p) => p.line));
  const importable = count - refused.size;
  return { rows, planted: planted.sort((a, b) => a.line - b.line), importable };
}

export async function registerXlsx(rows: unknown[][], header = SHEET_HEADER): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("ทะเบียนเดิม");
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** The same rows as a CSV (dates as text), header included. */
export function registerCsv(rows: unknown[][], header = SHEET_HEADER): string {
  const text = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
  const quote = (v: unknown) => (/[",\n]/.test(text(v)) ? `"${text(v).replace(/"/g, '""')}"` : text(v));
  return [header, ...rows].map((r) => r.map(quote).join(",")).join("\r\n");
}

/** The import page's mapping of the generated register's Thai header (column indexes). */
export const MAPPING_FORM = {
  "col.number": "0",
  "col.serviceCode": "1",
  "col.holder": "2",
  "col.issuedOn": "3",
  "col.validUntil": "4",
  "col.status": "5",
  "print.6": "on",
  "key.6": "shop",
  "th.6": "ชื่อร้าน",
  "en.6": "Shop name",
};

/** Uploads a file to the import page as a browser would; the response (303 to the mapping page). */
export async function uploadRegister(
  service: TestService,
  client: OfficeClient,
  bytes: Uint8Array,
  name = "old.xlsx",
) {
  const { payload, headers } = await multipartBody({ _csrf: client.csrf }, [
    { field: "file", filename: name, bytes },
  ]);
  return service.app.inject({
    method: "POST",
    url: "/office/licences/import",
    payload,
    headers: { ...headers, cookie: client.cookieHeader, accept: "text/html" },
  });
}
