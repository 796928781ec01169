import { formatDateTime } from "../platform/i18n/format.js";
import { type Lang, t } from "../platform/i18n/index.js";
import { createThaiPdf, type KeyValueRow } from "../platform/pdf/index.js";
import { feeAmountText, feeAppliesText, paymentTermsText } from "./fee-text.js";
import type { RequiredDocument, ServiceDefinition, Text } from "./service-definition.js";
import type { ServiceVersion } from "./service-versions.repo.js";

/** Thai, or English when asked and given (English falls back to Thai). */
export const textIn = (lang: Lang, text: Text | undefined): string =>
  text ? (lang === "en" && text.en ? text.en : text.th) : "";

export interface PdfAgency {
  nameTh: string;
  nameEn: string;
  timeZone: string;
}

/**
 * A fee as people read it: detail, amount or how it is computed (PY-1), and condition; "no fee" said
 * explicitly (CM-2); then the terms of payment.
 */
export function feeLines(lang: Lang, definition: ServiceDefinition): string[] {
  if (definition.noFee || definition.fees.length === 0) return [t(lang, "pdf.manual.noFee")];
  return [
    ...definition.fees.map((fee) => {
      const amount = fee.amount.toLocaleString(lang === "th" ? "th-TH" : "en-GB");
      const value = fee.calculation
        ? textIn(lang, feeAmountText(fee, definition.form))
        : t(lang, fee.unit === "percent" ? "pdf.manual.percent" : "pdf.manual.baht", { amount });
      const condition = fee.condition ? ` (${textIn(lang, fee.condition)})` : "";
      const applies = feeAppliesText(fee, definition.form);
      return `${textIn(lang, fee.detail)}: ${value}${condition}${applies ? ` — ${textIn(lang, applies)}` : ""}`;
    }),
    textIn(lang, paymentTermsText(definition.payment)),
  ];
}

/** One document of the checklist with its counts, issuer, note and whom it applies to (CM-1, FM-5). */
export function documentLine(lang: Lang, document: RequiredDocument): string {
  const unit = textIn(lang, document.countUnit);
  const parts = [
    textIn(lang, document.name),
    t(lang, "pdf.manual.documentCount", { originals: document.originals, copies: document.copies, unit }),
  ];
  if (document.issuer) parts.push(t(lang, "pdf.manual.issuer", { issuer: textIn(lang, document.issuer) }));
  if (document.note) parts.push(textIn(lang, document.note));
  if (document.appliesTo === "juristic") parts.push(t(lang, "pdf.manual.juristicOnly"));
  if (document.appliesTo === "person") parts.push(t(lang, "pdf.manual.personOnly"));
  if (!document.required) parts.push(t(lang, "pdf.manual.ifAny"));
  return parts.join(" — ");
}

/**
 * CM-1: the citizen manual of a published version as a Thai PDF, in info.go.th's order of fields: the
 * service, its unit and legal basis, channels, conditions, steps with durations, the total time limit
 * (LF-1), documents, fees, complaint channels, the approved info.go.th link, and the version it shows.
 */
export async function renderManualPdf(
  version: ServiceVersion,
  agency: PdfAgency,
  lang: Lang,
): Promise<Buffer> {
  const d = version.definition;
  const tx = (text: Text | undefined) => textIn(lang, text);
  const agencyName = lang === "th" ? agency.nameTh : agency.nameEn;
  const pdf = createThaiPdf({
    title: `${t(lang, "pdf.manual.title")}: ${tx(d.name)}`,
    lang,
    author: agencyName,
    subject: tx(d.summary),
    createdAt: version.publishedAt,
  });
  pdf.paragraph(t(lang, "pdf.manual.title"), { bold: true }).heading(tx(d.name)).paragraph(tx(d.summary));
  const about: KeyValueRow[] = [
    { label: t(lang, "pdf.manual.agency"), value: agencyName },
    { label: t(lang, "pdf.manual.responsibleUnit"), value: tx(d.responsibleUnit) },
  ];
  if (d.centralAgency) about.push({ label: t(lang, "pdf.manual.centralAgency"), value: tx(d.centralAgency) });
  if (d.serviceType) about.push({ label: t(lang, "pdf.manual.serviceType"), value: tx(d.serviceType) });
  about.push({ label: t(lang, "pdf.manual.category"), value: tx(d.category) });
  if (d.serviceArea) about.push({ label: t(lang, "pdf.manual.serviceArea"), value: tx(d.serviceArea) });
  pdf.rows(about);
  pdf.heading(t(lang, "pdf.manual.legalBasis"), 2).list(d.legalBasis.map(tx), { numbered: true });
  pdf.heading(t(lang, "pdf.manual.channels"), 2);
  for (const channel of d.channels) {
    pdf.rows([
      { label: tx(channel.place), value: `${t(lang, "pdf.manual.hours")}: ${tx(channel.hours)}` },
      ...(channel.note ? [{ label: "", value: tx(channel.note) }] : []),
    ]);
  }
  pdf.heading(t(lang, "pdf.manual.conditions"), 2).paragraph(tx(d.conditions));
  pdf.heading(t(lang, "pdf.manual.steps"), 2).list(
    d.steps.map((step) => {
      const duration = t(lang, step.durationUnit === "minutes" ? "pdf.manual.minutes" : "pdf.manual.days", {
        n: step.duration,
      });
      const note = step.note ? ` (${tx(step.note)})` : "";
      return `${tx(step.kind)}: ${tx(step.detail)} — ${duration} — ${tx(step.responsible)}${note}`;
    }),
    { numbered: true },
  );
  const limitKey = d.timeLimit.dayKind === "business" ? "pdf.manual.businessDays" : "pdf.manual.calendarDays";
  pdf.rows([{ label: t(lang, "pdf.manual.timeLimit"), value: t(lang, limitKey, { n: d.timeLimit.amount }) }]);
  pdf.heading(t(lang, "pdf.manual.documents"), 2);
  const identity = d.documents.filter((doc) => doc.identity);
  const others = d.documents.filter((doc) => !doc.identity);
  if (identity.length > 0)
    pdf
      .heading(t(lang, "pdf.manual.identityDocuments"), 3)
      .list(identity.map((doc) => documentLine(lang, doc)));
  if (others.length > 0)
    pdf.heading(t(lang, "pdf.manual.otherDocuments"), 3).list(others.map((doc) => documentLine(lang, doc)));
  pdf.heading(t(lang, "pdf.manual.fees"), 2).list(feeLines(lang, d));
  pdf
    .heading(t(lang, "pdf.manual.complaints"), 2)
    .list(d.complaintChannels.map((c) => `${tx(c.name)}: ${tx(c.contact)}`));
  if (d.infoGoThUrl) pdf.heading(t(lang, "pdf.manual.infoGoTh"), 2).paragraph(d.infoGoThUrl);
  if (d.remarks && d.remarks.th !== "-")
    pdf.heading(t(lang, "pdf.manual.remarks"), 2).paragraph(tx(d.remarks));
  const date = formatDateTime(lang, version.publishedAt, agency.timeZone);
  pdf.space().paragraph(t(lang, "pdf.manual.version", { version: version.version, date }), { size: 11 });
  return pdf.toBuffer();
}
