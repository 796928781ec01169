import type { Manual } from "./manual.js";

// The register export's rule (OWASP "CSV Injection"): text a spreadsheet could run as a formula, also
// after blanks or zero-width characters and in full-width form, starts with `'`; so does text already
// starting with one, so that dropping exactly one leading `'` always gives the text back.
const FORMULA_START = /^(?:[\t\r\n]|[\s\u200B-\u200D\u2060\uFEFF]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;
const cell = (text: string) => {
  const safe = text.startsWith("'") || FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/**
 * CM-4: the manual as CSV in info.go.th's field layout, one record per line of a field: field number,
 * key, labels and text in Thai and English. UTF-8 with a byte-order mark (Excel reads Thai), RFC 4180.
 */
export function writeManualCsv(manual: Manual): Buffer {
  const records = [["no", "field", "label_th", "label_en", "item", "value_th", "value_en"]];
  for (const f of manual.fields)
    for (const [i, line] of f.lines.entries())
      records.push([f.no ?? "", f.key, f.label.th, f.label.en, String(i + 1), line.th, line.en]);
  return Buffer.from(`\uFEFF${records.map((r) => `${r.map(cell).join(",")}\r\n`).join("")}`, "utf8");
}
