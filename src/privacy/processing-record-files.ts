import { type Lang, t } from "../platform/i18n/index.js";
import { createThaiPdf } from "../platform/pdf/index.js";
import type { ProcessingRecord } from "./processing-record.js";

const cell = (value: string | number) => {
  const text = String(value);
  // A value starting with = + - @ would be a formula in a spreadsheet: quote it as text.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

const COLUMNS = [
  "activity",
  "purpose",
  "item",
  "basis",
  "class",
  "subjects",
  "recipients",
  "retention",
  "security",
  "controller",
  "officer",
] as const;

/** PD-2: the record as CSV, one line per data item: UTF-8 with a BOM (Excel in Thai), headers "Thai / English". */
export function processingRecordCsv(record: ProcessingRecord): string {
  const header = COLUMNS.map(
    (c) => `${t("th", `privacy.record.col.${c}`)} / ${t("en", `privacy.record.col.${c}`)}`,
  );
  const officer = record.officer ? `${record.officer.name} (${record.officer.contact})` : "";
  const lines = [header.map(cell).join(",")];
  for (const a of record.activities)
    for (const i of a.items)
      lines.push(
        [
          a.name,
          a.purpose,
          i.label,
          i.basisText,
          i.classText,
          a.subjects,
          a.recipients,
          a.retention.join("; "),
          a.security,
          record.controller,
          officer,
        ]
          .map(cell)
          .join(","),
      );
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** PD-2: the record as a printable Thai PDF (A4, Sarabun), one section per activity. */
export async function processingRecordPdf(record: ProcessingRecord, lang: Lang): Promise<Buffer> {
  const title = t(lang, "privacy.record.title");
  const pdf = createThaiPdf({ title, lang, author: record.controller, createdAt: record.generatedAt });
  pdf.heading(title, 1);
  pdf.rows([
    { label: t(lang, "privacy.record.col.controller"), value: record.controller },
    {
      label: t(lang, "privacy.record.col.officer"),
      value: record.officer
        ? `${record.officer.name} (${record.officer.contact})`
        : t(lang, "privacy.record.officer.none"),
    },
    {
      label: t(lang, "privacy.record.generated"),
      value: `${record.generatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    },
  ]);
  for (const a of record.activities) {
    pdf.heading(a.name, 2);
    pdf.rows([
      { label: t(lang, "privacy.record.col.purpose"), value: a.purpose },
      { label: t(lang, "privacy.record.col.subjects"), value: a.subjects },
      { label: t(lang, "privacy.record.col.recipients"), value: a.recipients },
      { label: t(lang, "privacy.record.col.retention"), value: a.retention.join("\n") },
      { label: t(lang, "privacy.record.col.security"), value: a.security },
    ]);
    pdf.list(a.items.map((i) => `${i.label}: ${i.basisText}; ${i.classText}`));
  }
  return pdf.toBuffer();
}
