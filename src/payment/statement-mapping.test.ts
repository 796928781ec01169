import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { guessMapping } from "./guess-mapping.js";
import { decodeStatementText, parseCsv } from "./read-statement-file.js";
import { normaliseRef1 } from "./reconcile-statement.js";
import {
  parseAmount,
  parsePostedAt,
  parseStatementRows,
  type StatementMapping,
} from "./statement-mapping.js";

const TZ = "Asia/Bangkok";
const dmyBe = { dateOrder: "dmy", era: "be" } as const;

describe("reading a statement (PY-3)", () => {
  it("PY-3: amounts in the ways banks print them, in satang; anything else is not money", () => {
    expect(parseAmount("1,250.50")).toBe(125_050);
    expect(parseAmount("฿100")).toBe(10_000);
    expect(parseAmount("100.5")).toBe(10_050);
    expect(parseAmount("-20.00")).toBe(-2_000);
    expect(parseAmount("(20.00)")).toBe(-2_000);
    expect(parseAmount("1,25.00")).toBeUndefined();
    expect(parseAmount("1.234")).toBeUndefined();
    expect(parseAmount("abc")).toBeUndefined();
    expect(parseAmount("")).toBeUndefined();
  });

  it("PY-3: dates in BE or CE, dd/mm or ISO, with the time in the cell or its own column, are Bangkok wall time", () => {
    expect(parsePostedAt("07/12/2569", "10:15", dmyBe, TZ)?.toISOString()).toBe("2026-12-07T03:15:00.000Z");
    expect(parsePostedAt("07/12/69 10:15:30", undefined, dmyBe, TZ)?.toISOString()).toBe(
      "2026-12-07T03:15:30.000Z",
    );
    expect(parsePostedAt("2026-12-07 23:59:59", undefined, dmyBe, TZ)?.toISOString()).toBe(
      "2026-12-07T16:59:59.000Z",
    );
    expect(parsePostedAt("12/07/2026", "", { dateOrder: "mdy", era: "ce" }, TZ)?.toISOString()).toBe(
      "2026-12-06T17:00:00.000Z",
    );
    expect(parsePostedAt("31/02/2569", undefined, dmyBe, TZ)).toBeUndefined();
    expect(parsePostedAt("07/12/2569", "25:00", dmyBe, TZ)).toBeUndefined();
    expect(parsePostedAt("100.00", undefined, dmyBe, TZ)).toBeUndefined();
  });

  it("PY-3: UTF-8 (with or without a BOM) and Windows-874 decode; a file mixing them names the line", () => {
    const thai = "วันที่,ผู้โอน\n07/12/2569,นายสมชาย ใจดี\n";
    expect(decodeStatementText(Buffer.from(thai, "utf8"))).toEqual({ text: thai, encoding: "utf-8" });
    expect(decodeStatementText(Buffer.from(`\ufeff${thai}`, "utf8")).text).toBe(thai);
    expect(decodeStatementText(iconv.encode(thai, "windows-874"))).toEqual({
      text: thai,
      encoding: "windows-874",
    });
    const mixed = Buffer.concat([
      iconv.encode(thai, "windows-874"),
      Buffer.from("08/12/2569,นางสาวปน\n", "utf8"),
    ]);
    expect(() => decodeStatementText(mixed)).toThrow(
      expect.objectContaining({ code: "STATEMENT_MIXED_ENCODING", params: { line: 3 } }),
    );
  });

  it("PY-3: CSV with quotes, doubled quotes, CRLF and a semicolon delimiter", () => {
    expect(parseCsv('a,"1,000.00","say ""hi"""\r\nb,2,\r\n')).toEqual([
      ["a", "1,000.00", 'say "hi"'],
      ["b", "2", ""],
    ]);
    expect(parseCsv("a;b\n1;2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("PY-3: the heading row and columns are guessed from Thai or English headings; a wrong mapping lists the first bad lines", () => {
    const rows = [
      ["ธนาคารทดสอบ"],
      ["วันที่", "เวลา", "ฝาก", "ถอน", "Ref1", "เลขที่รายการ"],
      ["07/12/2569", "10:00", "100.00", "", "70000000011", "T1"],
      ["ยอดยกไป", "", "", "", "", ""],
      ["07/12/2569", "10:01", "", "50.00", "", "T2"],
    ];
    const mapping = guessMapping(rows);
    expect(mapping).toMatchObject({
      headerRow: 2,
      columns: { date: 0, time: 1, credit: 2, debit: 3, ref1: 4, bankReference: 5 },
    });
    expect(() => parseStatementRows(rows, mapping, TZ)).toThrow(
      expect.objectContaining({ code: "STATEMENT_MAPPING_WRONG", params: { lines: "4 (date)" } }),
    );
    const lines = parseStatementRows(
      rows.filter((_, i) => i !== 3),
      mapping,
      TZ,
    );
    expect(lines.map((l) => l.amountSatang)).toEqual([10_000, -5_000]);
    const swapped: StatementMapping = { ...mapping, columns: { ...mapping.columns, date: 2, credit: 0 } };
    expect(() => parseStatementRows(rows, swapped, TZ)).toThrow(
      expect.objectContaining({ code: "STATEMENT_MAPPING_WRONG" }),
    );
  });

  it("PY-3: a Ref1 printed with spaces or dashes is read by its digits and its check digit", () => {
    expect(normaliseRef1("70-0000-0001-1")).toBe("70000000011");
    expect(normaliseRef1("70000000012")).toBeNull();
    expect(normaliseRef1(null)).toBeNull();
  });
});
