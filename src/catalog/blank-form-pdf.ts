import type { FieldUi } from "../forms/index.js";
import { type Lang, t } from "../platform/i18n/index.js";
import { createThaiPdf, type ThaiPdf } from "../platform/pdf/index.js";
import { documentLine, type PdfAgency, textIn } from "./manual-pdf.js";
import type { ServiceDefinition } from "./service-definition.js";
import type { ServiceVersion } from "./service-versions.repo.js";

const LONG_WIDGETS = new Set(["textarea", "thai-address"]);

/** Room to write an answer by hand: boxes for a choice, ruled lines for the rest. */
function answerSpace(pdf: ThaiPdf, lang: Lang, field: FieldUi | undefined, schema: Record<string, unknown>) {
  const values = Array.isArray(schema.enum) ? (schema.enum as unknown[]).map(String) : undefined;
  if (values && values.length > 0) {
    pdf.paragraph(t(lang, "pdf.form.chooseOne"), { size: 11 });
    pdf.checklist(values.map((v) => textIn(lang, field?.options?.[v]) || v));
    return;
  }
  if (field?.widget === "checkbox" || schema.type === "boolean") {
    pdf.checklist([textIn(lang, field?.label)]);
    return;
  }
  if (field?.widget === "be-date") pdf.paragraph(t(lang, "pdf.form.beDate"), { size: 11 });
  pdf.writingLines(LONG_WIDGETS.has(field?.widget ?? "") ? 3 : 1);
}

/** Labels of the values a conditional field waits for, e.g. `"มี"`. */
function showIfText(lang: Lang, d: ServiceDefinition, field: FieldUi): string | undefined {
  if (!field.showIf) return undefined;
  const other = d.form.ui.fields[field.showIf.field];
  const values = field.showIf.in.map((v) => textIn(lang, other?.options?.[String(v)]) || String(v));
  return t(lang, "pdf.form.onlyIf", { field: textIn(lang, other?.label), values: values.join(", ") });
}

/**
 * FM-1, the paper path: the service's form as a blank PDF to fill in by hand. The applicant's identity,
 * every field of the form page by page with its label, help and room to write, the documents checklist
 * with boxes to tick, the privacy notice's essentials (PD-1) and a place to sign and date.
 */
export async function renderBlankFormPdf(
  version: ServiceVersion,
  agency: PdfAgency,
  lang: Lang,
): Promise<Buffer> {
  const d = version.definition;
  const agencyName = lang === "th" ? agency.nameTh : agency.nameEn;
  const pdf = createThaiPdf({
    title: `${t(lang, "pdf.form.title")}: ${textIn(lang, d.name)}`,
    lang,
    author: agencyName,
    createdAt: version.publishedAt,
  });
  pdf.paragraph(t(lang, "pdf.form.title"), { bold: true }).heading(textIn(lang, d.name));
  pdf.paragraph(t(lang, "pdf.form.intro", { agency: agencyName }), { size: 12 });

  pdf.heading(t(lang, "pdf.form.applicant"), 2);
  if (d.applicantTypes.length > 1) {
    pdf.paragraph(t(lang, "pdf.form.applicantType"));
    pdf.checklist(
      d.applicantTypes.map((type) => t(lang, type === "person" ? "pdf.form.person" : "pdf.form.juristic")),
    );
  }
  for (const key of ["pdf.form.applicantName", "pdf.form.idNumber"] as const)
    pdf.paragraph(t(lang, key), { bold: true }).writingLines(1);
  if (d.applicantTypes.includes("juristic"))
    pdf.paragraph(t(lang, "pdf.form.actingPerson"), { bold: true }).writingLines(1);
  pdf.paragraph(t(lang, "pdf.form.contact"), { bold: true }).writingLines(2);

  const properties = (d.form.schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const required = new Set((d.form.schema.required ?? []) as string[]);
  for (const page of d.form.ui.pages) {
    pdf.heading(textIn(lang, page.title), 2);
    for (const name of page.fields) {
      const field = d.form.ui.fields[name];
      const mark = required.has(name) && !field?.showIf ? ` ${t(lang, "pdf.form.required")}` : "";
      pdf.paragraph(`${textIn(lang, field?.label) || name}${mark}`, { bold: true });
      const condition = field && showIfText(lang, d, field);
      if (condition) pdf.paragraph(condition, { size: 11 });
      if (field?.help) pdf.paragraph(textIn(lang, field.help), { size: 12 });
      answerSpace(pdf, lang, field, properties[name] ?? {});
    }
  }

  pdf.heading(t(lang, "pdf.form.documents"), 2).checklist(d.documents.map((doc) => documentLine(lang, doc)));
  const privacy = d.privacy;
  pdf.paragraph(
    t(lang, "pdf.form.privacy", {
      purpose: textIn(lang, privacy.purpose),
      retention: textIn(lang, privacy.retention),
      contact: textIn(lang, privacy.contact),
    }),
    { size: 11 },
  );
  pdf.space().paragraph(t(lang, "pdf.form.certify")).space();
  for (const key of ["pdf.form.signature", "pdf.form.signedName", "pdf.form.date"] as const)
    pdf.paragraph(t(lang, key));
  return pdf.toBuffer();
}
