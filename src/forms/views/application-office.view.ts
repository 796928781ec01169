import type { ServiceVersion } from "../../catalog/index.js";
import { html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { formatDateTime } from "../../platform/i18n/format.js";
import { type Lang, t } from "../../platform/i18n/index.js";
import type { AttachmentRecord } from "../../register/index.js";
import type { ApplicationRow } from "../forms.table.js";
import type { SignatureEvidence } from "../validate-application.js";

type DocumentRow = {
  document_id: string;
  attachment_id: string;
  resolution_dpi: number | null;
  low_resolution: number;
  e_stamp_reference: string | null;
};

/**
 * The application on its entry's page: the service and the version it was made with (FM-1), the
 * applicant (FM-5), the answers, the documents with the resolution warning (FM-4), the privacy-notice
 * version (PD-1) and the signature evidence with the hash of what was signed (FM-6, FM-7).
 */
export function applicationOfficeView(opts: {
  lang: Lang;
  timeZone: string;
  base: string;
  entryId: string;
  application: ApplicationRow;
  version: ServiceVersion;
  documents: DocumentRow[];
  attachments: AttachmentRecord[];
}) {
  const { lang, application: a, version } = opts;
  const def = version.definition;
  const tx = (text: { th: string; en?: string }) => (lang === "en" ? (text.en ?? text.th) : text.th);
  const answers = JSON.parse(a.form_data) as Record<string, unknown>;
  const acting = a.acting_person
    ? (JSON.parse(a.acting_person) as { name: string; idNumber?: string; position?: string })
    : null;
  const signature = JSON.parse(a.signature) as SignatureEvidence;
  const row = (label: string, value: unknown) => html`<dt>${label}</dt><dd>${String(value ?? "")}</dd>`;
  const shown = (field: string, value: unknown) => {
    const options = def.form.ui.fields[field]?.options;
    if (options && typeof value === "string" && options[value]) return tx(options[value]);
    return typeof value === "string" ? value : JSON.stringify(value);
  };
  return html`<section class="application" aria-labelledby="application-title">
<h2 id="application-title">${t(lang, "application.title")}</h2>
<dl class="receipt">
<dt>${t(lang, "application.service")}</dt><dd><a href="${opts.base}/services/${def.code}/versions/${version.version}">${tx(def.name)} — ${t(lang, "application.version", { version: version.version })}</a></dd>
${row(t(lang, "application.applicant"), `${a.applicant_name} (${t(lang, a.applicant_type === "juristic" ? "apply.applicant.juristic" : "apply.applicant.person")})${a.applicant_id_number ? ` ${a.applicant_id_number}` : ""}`)}
${acting ? row(t(lang, "application.acting"), [acting.name, acting.idNumber, acting.position].filter(Boolean).join(", ")) : ""}
${row(t(lang, "application.privacyNotice"), a.privacy_notice_version ?? "—")}
</dl>
<h3>${t(lang, "application.answers")}</h3>
<dl class="receipt">${def.form.ui.pages.flatMap((p) =>
    p.fields
      .filter((f) => f in answers)
      .map((f) => row(tx(def.form.ui.fields[f]?.label ?? { th: f }), shown(f, answers[f]))),
  )}</dl>
<h3>${t(lang, "application.documents")}</h3>
<ul>${opts.documents.map((d) => {
    const item = def.documents.find((i) => i.id === d.document_id);
    const file = opts.attachments.find((f) => f.id === d.attachment_id);
    return html`<li data-document="${d.document_id}">${item ? tx(item.name) : d.document_id}: <a href="${opts.base}/entries/${opts.entryId}/files/${d.attachment_id}">${file?.filename ?? d.attachment_id}</a>${d.e_stamp_reference ? ` · e-Stamp ${d.e_stamp_reference}` : ""}${
      d.low_resolution
        ? html` <strong class="refused" data-warning="low-resolution">${t(lang, "application.lowResolution", { dpi: d.resolution_dpi ?? 0 })}</strong>`
        : d.resolution_dpi
          ? ` (${d.resolution_dpi} dpi)`
          : ""
    }</li>`;
  })}</ul>
<h3>${t(lang, "application.signature")}</h3>
<dl class="receipt" data-signature="${signature.method}">
${row(t(lang, "application.signature"), t(lang, "application.signedBy", { name: signature.name, at: formatDateTime(lang, new Date(signature.signedAt), opts.timeZone) }))}
${signature.ip || signature.userAgent ? row("IP", t(lang, "application.signedFrom", { ip: signature.ip ?? "—", userAgent: signature.userAgent ?? "—" })) : ""}
${signature.method === "entry" ? row("", t(lang, "application.fromEntry", { channel: signature.source?.channel ?? "", signature: signature.source?.signature ?? signature.name })) : row("OTP", signature.otp ? t(lang, "application.otp", { channel: signature.otp.channel, attempts: signature.otp.attempts }) : t(lang, "application.noOtp"))}
${row(t(lang, "application.hash"), a.signed_sha256 ?? "")}
</dl></section>`;
}

/** The officer's action on an entry that is not an application: record it as one of a service (by code). */
export function convertFormView(opts: {
  lang: Lang;
  action: string;
  csrf: Parameters<typeof csrfField>[0];
  attachments: AttachmentRecord[];
  /** The agency's published services (code and name), to choose from. */
  services: { code: string; name: string }[];
}) {
  const { lang } = opts;
  return html`<form class="action" method="post" action="${opts.action}">${csrfField(opts.csrf)}
<h2>${t(lang, "application.convert")}</h2>
<p class="hint">${t(lang, "application.convertHelp")}</p>
<label for="convert-service">${t(lang, "application.convertService")}</label>
<select id="convert-service" name="service" required>${opts.services.map(
    (service) => html`<option value="${service.code}">${service.name} (${service.code})</option>`,
  )}</select>
${opts.attachments
  .filter((f) => f.storageKey && !f.refusalCode)
  .map(
    (f) =>
      html`<label for="convert-doc-${f.id}">${f.filename}</label><input type="text" id="convert-doc-${f.id}" name="doc_${f.id}" maxlength="100">`,
  )}
<button type="submit">${t(lang, "application.convertSubmit")}</button></form>`;
}
