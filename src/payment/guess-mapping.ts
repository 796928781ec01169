import type { MappedColumn, StatementMapping } from "./statement-mapping.js";

/** Headings Thai banks' statements use, in Thai and English, for the mapping form's first guess. */
const HEADINGS: [MappedColumn, RegExp][] = [
  ["ref1", /ref\.?\s*1|reference\s*1|อ้างอิง\s*1|ref1/i],
  ["ref2", /ref\.?\s*2|reference\s*2|อ้างอิง\s*2|ref2/i],
  ["bankReference", /transaction\s*(id|no|ref)|เลขที่รายการ|trans\.?\s*ref|bank\s*ref/i],
  ["time", /^(time|เวลา)$/i],
  ["date", /date|วันที่/i],
  ["credit", /credit|deposit|ฝาก|เงินเข้า/i],
  ["debit", /debit|withdraw|ถอน|เงินออก/i],
  ["amount", /amount|จำนวนเงิน|ยอดเงิน/i],
  ["payer", /payer|name|ผู้โอน|ชื่อ/i],
  ["description", /description|detail|รายละเอียด|รายการ/i],
];

/**
 * PY-3: a first guess of the mapping from the file's headings (the officer checks and corrects it):
 * the heading row is the first of the first ten rows that names a date and an amount.
 */
export function guessMapping(rows: string[][]): StatementMapping {
  const mapping: StatementMapping = {
    encoding: "auto",
    headerRow: 0,
    columns: {},
    dateOrder: "dmy",
    era: "be",
  };
  for (let r = 0; r < Math.min(rows.length, 10); r++) {
    const columns: Partial<Record<MappedColumn, number>> = {};
    rows[r]!.forEach((heading, index) => {
      const found = HEADINGS.find(([field, re]) => columns[field] === undefined && re.test(heading.trim()));
      if (found) columns[found[0]] = index;
    });
    if (columns.date !== undefined && (columns.amount !== undefined || columns.credit !== undefined)) {
      if (columns.amount !== undefined && columns.credit !== undefined) delete columns.amount;
      return { ...mapping, headerRow: r + 1, columns };
    }
  }
  return mapping;
}
