import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { tis620 } from "../../test/backfill.js";
import { cleanBackfillCell } from "./backfill-clean.js";
import { parseBackfillDate } from "./backfill-dates.js";
import { decodeBackfillText } from "./backfill-decode.js";
import { readBackfillSheet } from "./backfill-sheet.js";

describe("reading an earlier register", () => {
  it("PR-3: dates in CE or BE, day first, Thai month names, Excel serials; ambiguous ones refused", () => {
    const cases: [string, string | undefined][] = [
      ["2017-01-05", "2017-01-05"],
      ["2560-01-05", "2017-01-05"],
      ["5/1/2560", "2017-01-05"],
      ["05.01.2017", "2017-01-05"],
      ["5 มกราคม 2560", "2017-01-05"],
      ["5 ม.ค. 60", "2017-01-05"],
      ["5 ม.ค. พ.ศ. 2560", "2017-01-05"],
      ["๕ ม.ค. ๒๕๖๐", "2017-01-05"],
      ["29 ก.พ. 2563", "2020-02-29"],
      ["42740", "2017-01-05"],
      ["5/1/60", undefined],
      ["29/2/2561", undefined],
      ["31 เม.ย. 2560", undefined],
      ["5 มค 2560", "2017-01-05"],
      ["5 ธันวา 2560", undefined],
      ["0005-01-01", undefined],
      ["123", undefined],
      ["", undefined],
    ];
    expect(cases.map(([text]) => [text, parseBackfillDate(text)])).toEqual(cases);
  });

  it("PR-3: cells cleaned: decomposed SARA AM composed, zero-width characters and controls dropped", () => {
    expect(cleanBackfillCell(" ร้าน\u0E19\u0E4D\u0E32\u200Bชา ")).toBe("ร้านน\u0E33ชา");
    expect(cleanBackfillCell("\u0E19\u0E4D\u0E49\u0E32")).toBe("\u0E19\u0E49\u0E33");
    expect(cleanBackfillCell("a\tb\u0007\uFEFF")).toBe("a b");
  });

  it("PR-3: encodings detected: UTF-8 with or without BOM, UTF-16 LE/BE, TIS-620; binary refused", () => {
    const text = "เลขที่,ชื่อ\nก 1/2560,นายทดสอบ";
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const be = Buffer.from(le.subarray(2)).swap16();
    const found = [
      decodeBackfillText(Buffer.from(text)),
      decodeBackfillText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])),
      decodeBackfillText(le),
      decodeBackfillText(Buffer.concat([Buffer.from([0xfe, 0xff]), be])),
      decodeBackfillText(tis620(text)),
    ];
    expect(found.map((f) => f?.encoding)).toEqual([
      "utf-8",
      "utf-8-bom",
      "utf-16le",
      "utf-16be",
      "windows-874",
    ]);
    for (const f of found) expect(f?.text).toBe(text);
    expect(decodeBackfillText(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 1]))).toBeUndefined();
    expect(decodeBackfillText(Uint8Array.from([0x80, 0x81, 0x82, 0x41]))).toBeUndefined();
  });

  it("PR-3: XLSX: the chosen sheet, date cells as dates, formulas by their result, rows as Excel numbers them", async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet("notes").addRow(["not this"]);
    const sheet = book.addWorksheet("ทะเบียน");
    sheet.addRow(["เลขที่", "วันที่"]);
    sheet.addRow([]);
    sheet.addRow(["ก 1/2560", new Date(Date.UTC(2017, 0, 5))]);
    sheet.addRow([{ richText: [{ text: "ก 2/" }, { text: "2560" }] }, { formula: "A1", result: 42740 }]);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const read = await readBackfillSheet(bytes, "ทะเบียน");
    expect(read).toMatchObject({ format: "xlsx", sheetNames: ["notes", "ทะเบียน"], header: ["เลขที่", "วันที่"] });
    expect(read.rows).toEqual([
      { line: 3, cells: ["ก 1/2560", "2017-01-05"] },
      { line: 4, cells: ["ก 2/2560", "42740"] },
    ]);
    expect((await readBackfillSheet(bytes)).header).toEqual(["not this"]);
    await expect(readBackfillSheet(bytes, "nope")).rejects.toMatchObject({
      code: "BACKFILL_FILE_UNREADABLE",
    });
    await expect(readBackfillSheet(Uint8Array.from([0x50, 0x4b, 3, 4, 9, 9]))).rejects.toMatchObject({
      code: "BACKFILL_FILE_UNREADABLE",
    });
  });
});
