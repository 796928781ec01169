import { t } from "../platform/i18n/index.js";
import type { FigureTable } from "./figure-tables.js";

const cell = (value: string | number | null) => {
  const text = value === null ? "" : String(value);
  // A label starting with = + - @ would be a formula in a spreadsheet: quote it as text.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** A figure as CSV: UTF-8 with a BOM (Excel in Thai), headers "Thai / English", the table's numbers. */
export function figureCsv(table: FigureTable): string {
  const header = [table.labelColumn, ...table.columns.map((c) => c.key)].map(
    (key) => `${t("th", key)} / ${t("en", key)}`,
  );
  const lines = [header.map(cell).join(",")];
  for (const row of table.rows) lines.push([row.label, ...row.values].map(cell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
