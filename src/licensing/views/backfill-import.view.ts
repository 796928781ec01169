import type { FastifyRequest } from "fastify";
import { type Html, html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { t } from "../../platform/i18n/index.js";
import { type BackfillMapping, MAPPED_FACTS } from "../backfill-mapping.js";
import type { BackfillSheet } from "../backfill-sheet.js";

export type Notice = { kind: "ok" | "error"; text: string };
const PREVIEW_ROWS = 5;

export const noticesView = (notices: Notice[]) =>
  notices.map(
    (n) =>
      html`<div class="${n.kind === "ok" ? "ok" : "errors"}" role="${n.kind === "ok" ? "status" : "alert"}"><p>${n.text}</p></div>`,
  );

/** PR-3: step 1, the upload form, with the platform's limits said (the row limit is the import's). */
export function backfillUploadView(
  req: FastifyRequest,
  opts: { notices: Notice[]; maxFileMb: number },
): Html {
  const l = req.lang;
  return html`<h1>${t(l, "backfill.title")}</h1>
${noticesView(opts.notices)}
<p>${t(l, "backfill.intro")}</p>
<form method="post" action="${req.basePath}/office/licences/import" enctype="multipart/form-data">${csrfField(req)}
<p><label for="backfill-file">${t(l, "backfill.file")}</label>
<input type="file" id="backfill-file" name="file" required accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"></p>
<p class="hint">${t(l, "backfill.limits", { mb: opts.maxFileMb })}</p>
<button type="submit">${t(l, "backfill.upload")}</button>
</form>`;
}

/** PR-3: step 2, the sheet's header and first rows, the saved mappings, the mapping form, "check". */
export function backfillMappingView(
  req: FastifyRequest,
  view: {
    uploadId: string;
    sheet: BackfillSheet;
    mapping: BackfillMapping;
    saved: string[];
    notices: Notice[];
  },
): Html {
  const l = req.lang;
  const { sheet, mapping } = view;
  const base = `${req.basePath}/office/licences/import/${view.uploadId}`;
  const option = (i: number, chosen: string) =>
    html`<option value="${String(i)}"${sheet.header[i] === chosen ? html` selected` : ""}>${sheet.header[i] || `#${i + 1}`}</option>`;
  const printed = new Map(mapping.printed.map((p) => [p.column, p]));
  return html`<h1>${t(l, "backfill.title")}</h1>
${noticesView(view.notices)}
<p data-testid="backfill-found">${t(l, "backfill.found", { format: sheet.format, encoding: sheet.encoding, rows: sheet.rows.length })}</p>
${
  sheet.sheetNames.length > 1
    ? html`<form method="get" action="${base}"><p><label for="backfill-sheet">${t(l, "backfill.sheet")}</label>
<select id="backfill-sheet" name="sheet">${sheet.sheetNames.map((n) => html`<option${n === sheet.sheet ? html` selected` : ""}>${n}</option>`)}</select>
<button type="submit">${t(l, "backfill.use")}</button></p></form>`
    : ""
}
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="backfill-preview"><table>
<caption id="backfill-preview">${t(l, "backfill.preview")}</caption>
<thead><tr><th scope="col">${t(l, "backfill.row")}</th>${sheet.header.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${sheet.rows.slice(0, PREVIEW_ROWS).map((r) => html`<tr><th scope="row">${String(r.line)}</th>${sheet.header.map((_, i) => html`<td>${(r.cells[i] ?? "").slice(0, 100)}</td>`)}</tr>`)}</tbody>
</table></div>
${
  view.saved.length
    ? html`<form method="get" action="${base}"><p><label for="backfill-saved">${t(l, "backfill.saved")}</label>
<select id="backfill-saved" name="mapping">${view.saved.map((n) => html`<option>${n}</option>`)}</select>
${sheet.sheet ? html`<input type="hidden" name="sheet" value="${sheet.sheet}">` : ""}
<button type="submit">${t(l, "backfill.use")}</button></p></form>`
    : ""
}
<form method="post" action="${base}/check">${csrfField(req)}
<input type="hidden" name="sheet" value="${sheet.sheet}">
<fieldset><legend>${t(l, "backfill.mapping")}</legend>
${MAPPED_FACTS.map(
  (f) => html`<p><label for="col-${f}">${t(l, `backfill.fact.${f}`)}</label>
<select id="col-${f}" name="col.${f}"><option value="">${t(l, "backfill.none")}</option>${sheet.header.map((_, i) => option(i, mapping.columns[f]))}</select></p>`,
)}
</fieldset>
<fieldset><legend>${t(l, "backfill.printed")}</legend>
${sheet.header.map((h, i) => {
  const p = printed.get(h);
  return html`<div class="printed-column"><p><input type="checkbox" id="print-${String(i)}" name="print.${String(i)}"${p ? html` checked` : ""}>
<label for="print-${String(i)}">${t(l, "backfill.print", { column: h || `#${i + 1}` })}</label></p>
<p><label for="key-${String(i)}">${t(l, "backfill.key")}</label> <input id="key-${String(i)}" name="key.${String(i)}" maxlength="60" value="${p?.key ?? h.slice(0, 60)}">
<label for="th-${String(i)}">${t(l, "backfill.labelTh")}</label> <input id="th-${String(i)}" name="th.${String(i)}" maxlength="100" value="${p?.th ?? h.slice(0, 100)}">
<label for="en-${String(i)}">${t(l, "backfill.labelEn")}</label> <input id="en-${String(i)}" name="en.${String(i)}" maxlength="100" value="${p?.en ?? ""}"></p></div>`;
})}
</fieldset>
<p><label for="backfill-save-as">${t(l, "backfill.saveAs")}</label> <input id="backfill-save-as" name="saveAs" maxlength="60"></p>
<button type="submit">${t(l, "backfill.check")}</button>
</form>
<p><a href="${req.basePath}/office/licences/import">${t(l, "backfill.again")}</a></p>`;
}
