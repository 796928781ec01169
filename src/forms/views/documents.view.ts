import type { RequiredDocument } from "../../catalog/index.js";
import { type Html, html } from "../../platform/html.js";
import { type Lang, t } from "../../platform/i18n/index.js";
import { errorSummary, fieldId } from "../apply-page.js";
import type { DraftDocument } from "../draft.js";
import type { FieldError } from "../validate-answers.js";

const ACCEPT = ".pdf,.doc,.docx,.xls,.xlsx,.txt,.jpg,.jpeg,.png,.tif,.tiff,.bmp,.heic,.heif,image/*";

/**
 * FM-2..5: the checklist of the manual as upload forms, one per item (each its own multipart form, so
 * that it works without JavaScript); files already uploaded with a remove button and, when the scan
 * is under 300 dpi, the warning (FM-4); a delegation's e-Stamp reference (FM-5).
 */
export function documentsView(opts: {
  lang: Lang;
  checklist: RequiredDocument[];
  documents: DraftDocument[];
  action: (path: string) => string;
  back: string;
  errors: FieldError[];
  notice?: string;
  csrf: Html;
}) {
  const { lang, errors } = opts;
  const tx = (text: { th: string; en?: string }) => (lang === "en" ? (text.en ?? text.th) : text.th);
  const item = (doc: RequiredDocument) => {
    const id = fieldId(`documents.${doc.id}`);
    const error = errors.find((e) => e.field === `documents.${doc.id}`);
    const files = opts.documents.filter((d) => d.documentId === doc.id);
    return html`<section aria-labelledby="${id}-title">
<h2 id="${id}-title">${tx(doc.name)} <span class="hint">(${t(lang, doc.required ? "apply.documents.required" : "apply.documents.optional")})</span></h2>
<p class="hint">${t(lang, "apply.documents.count", { originals: doc.originals, copies: doc.copies, unit: tx(doc.countUnit) })}${doc.note ? ` — ${tx(doc.note)}` : ""}</p>
${error ? html`<p class="refused" id="${id}-error">${error.message}</p>` : ""}
${
  files.length
    ? html`<ul>${files.map(
        (
          f,
        ) => html`<li><span class="accepted">${f.filename}</span> (${Math.ceil(f.size / 1024)} KB)${f.eStampReference ? ` · e-Stamp ${f.eStampReference}` : ""}
${f.lowResolution ? html`<p class="refused" data-warning="low-resolution">${t(lang, "apply.documents.lowResolution", { dpi: f.dpi ?? 0 })}</p>` : ""}
<form class="inline" method="post" action="${opts.action("documents/remove")}">${opts.csrf}<input type="hidden" name="documentId" value="${f.documentId}"><input type="hidden" name="sha256" value="${f.sha256}"><button type="submit">${t(lang, "apply.documents.remove")}</button></form></li>`,
      )}</ul>`
    : ""
}
<form method="post" action="${opts.action("documents/upload")}" enctype="multipart/form-data">${opts.csrf}
<input type="hidden" name="documentId" value="${doc.id}">
${
  doc.kind === "delegation"
    ? html`<label for="${id}-estamp">${t(lang, "apply.documents.eStamp")}</label><input type="text" id="${id}-estamp" name="eStampReference" maxlength="40">`
    : ""
}
<label for="${id}">${t(lang, "apply.documents.file")}</label>
<input type="file" id="${id}" name="file" accept="${ACCEPT}"${error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ""}>
<button type="submit">${t(lang, "apply.documents.upload")}</button>
</form></section>`;
  };
  return html`<h1>${t(lang, "apply.documents.title")}</h1>
${errorSummary(lang, errors)}
${opts.notice ? html`<div class="errors" role="alert"><p>${opts.notice}</p></div>` : ""}
${opts.checklist.length ? html`<p class="privacy">${t(lang, "apply.documents.oneCopy")}</p>` : html`<p>${t(lang, "apply.documents.none")}</p>`}
${opts.checklist.map(item)}
<form method="post" action="${opts.action("documents")}">${opts.csrf}<button type="submit">${t(lang, "apply.continue")}</button></form>
<p><a href="${opts.back}">${t(lang, "apply.back")}</a></p>`;
}
