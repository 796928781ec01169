import type { RequiredDocument, Text } from "../../catalog/index.js";
import { type Html, html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { formatDateTime } from "../../platform/i18n/format.js";
import { type Lang, type MessageKey, t } from "../../platform/i18n/index.js";
import type { AttachmentRecord } from "../../register/index.js";
import type { ReviewCheck } from "../checks.repo.js";
import { CHECK_OUTCOMES, type CheckKind } from "../checks.table.js";
import { checkKindsOf, type ReviewSubject } from "../review-subject.js";
import { E_STAMP_METHODS, ISSUER_METHODS, VERIFICATION_RESULTS } from "../verification.js";

export interface ChecksViewInput {
  req: Parameters<typeof csrfField>[0];
  subject: ReviewSubject;
  attachments: AttachmentRecord[];
  current: ReviewCheck[];
  /** Forms are drawn only while the application is in review and the officer checks applications. */
  editable: boolean;
  staffNames: Map<string, string>;
}

const tx = (lang: Lang, text: Text) => (lang === "en" ? (text.en ?? text.th) : text.th);
const isPdf = (a: AttachmentRecord) => a.mediaType === "application/pdf" || /\.pdf$/i.test(a.filename);

function finding(input: ChecksViewInput, check: ReviewCheck | undefined): Html {
  const { lang } = input.req;
  if (!check) return html`<p class="hint" data-outcome="unchecked">${t(lang, "review.unchecked")}</p>`;
  const by = input.staffNames.get(check.checkedBy) ?? check.checkedBy;
  const at = formatDateTime(lang, check.checkedAt, input.req.agency.timeZone);
  const v = check.verification as { method?: string; reference?: string; result?: string } | null;
  return html`<p data-outcome="${check.outcome}"><strong>${t(lang, `review.outcome.${check.outcome}` as MessageKey)}</strong>${
    check.note ? html` — <span class="pre">${check.note}</span>` : ""
  }${
    v?.result && check.kind !== "signature"
      ? html`<br>${t(lang, "review.verified", { method: v.method ? t(lang, `review.method.${v.method}` as MessageKey) : "", reference: v.reference ?? "", result: t(lang, `review.result.${v.result}` as MessageKey) })}`
      : ""
  }<br><span class="hint">${t(lang, "review.checkedBy", { name: by, at })}</span></p>`;
}

function signatureFinding(input: ChecksViewInput, check: ReviewCheck | undefined): Html {
  const { lang } = input.req;
  if (!check) return html``;
  const report = (check.verification as { report?: SignatureReportShape } | null)?.report;
  const signatures = report?.signatures ?? [];
  return html`<div class="signature-report" data-outcome="${check.outcome}"><strong>${t(lang, `review.signature.${check.outcome}` as MessageKey)}</strong>
${signatures.map(
  (s) => html`<dl class="receipt" data-signature="${s.index}">
<dt>${t(lang, "review.signature.signer")}</dt><dd>${s.signer ?? "—"}</dd>
<dt>${t(lang, "review.signature.issuer")}</dt><dd>${s.issuer ?? "—"}</dd>
<dt>${t(lang, "review.signature.time")}</dt><dd>${s.signingTime ? formatDateTime(lang, new Date(s.signingTime), input.req.agency.timeZone) : "—"}</dd>
<dt>${t(lang, "review.signature.integrity")}</dt><dd data-integrity="${s.integrity}">${t(lang, `review.integrity.${s.integrity}` as MessageKey)}${s.wholeDocumentSigned ? "" : html` · ${t(lang, "review.signature.partial")}`}</dd>
<dt>${t(lang, "review.signature.trust")}</dt><dd data-trust="${s.trust}">${t(lang, `review.trust.${s.trust}` as MessageKey)}</dd>
${s.certificate ? html`<dt>SHA-256</dt><dd><code>${s.certificate.sha256}</code></dd>` : ""}
</dl>`,
)}<span class="hint">${t(lang, "review.checkedBy", { name: input.staffNames.get(check.checkedBy) ?? check.checkedBy, at: formatDateTime(lang, check.checkedAt, input.req.agency.timeZone) })}</span></div>`;
}

interface SignatureReportShape {
  signatures?: Array<{
    index: number;
    signer: string | null;
    issuer: string | null;
    signingTime: string | null;
    integrity: string;
    wholeDocumentSigned: boolean;
    trust: string;
    certificate: { sha256: string } | null;
  }>;
}

function options(lang: Lang, values: readonly string[], prefix: string, selected?: string): Html[] {
  return values.map(
    (v) =>
      html`<option value="${v}"${v === selected ? html` selected` : ""}>${t(lang, `${prefix}.${v}` as MessageKey)}</option>`,
  );
}

function checkForm(input: ChecksViewInput, item: RequiredDocument, kind: CheckKind, eStamp?: string): Html {
  const { req, subject } = input;
  const lang = req.lang;
  const id = `${kind}-${item.id}`;
  const action = `${req.basePath}/office/matters/${subject.matter.id}/review/checks`;
  const verification =
    kind === "e-stamp" || kind === "issuer-verification"
      ? html`<label for="${id}-method">${t(lang, "review.method")}</label>
<select id="${id}-method" name="method">${options(lang, kind === "e-stamp" ? E_STAMP_METHODS : ISSUER_METHODS, "review.method")}</select>
<label for="${id}-reference">${t(lang, kind === "e-stamp" ? "review.eStampReference" : "review.issuerReference")}</label>
<input type="text" id="${id}-reference" name="reference" maxlength="500" value="${eStamp ?? ""}">
<label for="${id}-result">${t(lang, "review.resultLabel")}</label>
<select id="${id}-result" name="result">${options(lang, VERIFICATION_RESULTS, "review.result")}</select>`
      : html`<label for="${id}-outcome">${t(lang, "review.outcomeLabel")}</label>
<select id="${id}-outcome" name="outcome">${options(lang, CHECK_OUTCOMES, "review.outcome")}</select>`;
  return html`<form method="post" action="${action}" class="action" data-form="${kind}">
${csrfField(req)}<input type="hidden" name="version" value="${subject.matter.version}">
<input type="hidden" name="kind" value="${kind}"><input type="hidden" name="item" value="${item.id}">
${verification}
<label for="${id}-note">${t(lang, "review.note")}</label>
<textarea id="${id}-note" name="note" rows="2" maxlength="2000"></textarea>
<button type="submit">${t(lang, `review.record.${kind}` as MessageKey)}</button>
</form>`;
}

function itemView(input: ChecksViewInput, item: RequiredDocument): Html {
  const { req, subject } = input;
  const lang = req.lang;
  const files = subject.application.documents.filter((d) => d.documentId === item.id);
  const current = (kind: CheckKind, attachmentId: string | null = null) =>
    input.current.find((c) => c.kind === kind && c.itemId === item.id && c.attachmentId === attachmentId);
  const fileBase = `${req.basePath}/office/entries/${subject.application.entryId}/files`;
  return html`<article class="review-item" data-item="${item.id}">
<h3>${tx(lang, item.name)} <span class="hint">${t(lang, item.required ? "review.required" : "review.optional")}${item.issuer ? ` · ${t(lang, "review.issuer", { issuer: tx(lang, item.issuer) })}` : ""}</span></h3>
${
  files.length === 0
    ? html`<p class="hint" data-files="none">${t(lang, "review.noFile")}</p>`
    : html`<ul class="files">${files.map((f) => {
        const a = input.attachments.find((x) => x.id === f.attachmentId);
        const pdf = a && isPdf(a);
        return html`<li data-attachment="${f.attachmentId}"><a href="${fileBase}/${f.attachmentId}">${a?.filename ?? f.attachmentId}</a>${f.eStampReference ? ` · e-Stamp ${f.eStampReference}` : ""}${
          pdf ? signatureFinding(input, current("signature", f.attachmentId)) : ""
        }${
          pdf && input.editable
            ? html`<form method="post" action="${req.basePath}/office/matters/${subject.matter.id}/review/signatures" class="inline" data-form="signature">
${csrfField(req)}<input type="hidden" name="version" value="${subject.matter.version}">
<input type="hidden" name="item" value="${item.id}"><input type="hidden" name="attachment" value="${f.attachmentId}">
<button type="submit">${t(lang, "review.verifySignatures")}</button></form>`
            : ""
        }</li>`;
      })}</ul>`
}
${checkKindsOf(item).map(
  (kind) => html`<section data-kind="${kind}"><h4>${t(lang, `review.kind.${kind}` as MessageKey)}</h4>
${finding(input, current(kind))}
${input.editable ? checkForm(input, item, kind, kind === "e-stamp" ? (files.find((f) => f.eStampReference)?.eStampReference ?? undefined) : undefined) : ""}
</section>`,
)}
</article>`;
}

/** RV-1, RV-4: the application's checklist from its service version, each item's files, findings and forms. */
export function checksView(input: ChecksViewInput): Html {
  const { req, subject } = input;
  const lang = req.lang;
  return html`<section class="review" id="review" aria-labelledby="review-title">
<h2 id="review-title">${t(lang, "review.title")}</h2>
<p class="hint">${t(lang, "review.intro", { service: tx(lang, subject.definition.name) })}</p>
${input.editable ? "" : html`<p class="hint" data-readonly>${t(lang, "review.readOnly", { status: t(lang, `status.${subject.matter.status}` as MessageKey) })}</p>`}
${subject.checklist.length === 0 ? html`<p>${t(lang, "review.noDocuments")}</p>` : subject.checklist.map((item) => itemView(input, item))}
</section>`;
}
