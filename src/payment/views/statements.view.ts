import type { FastifyRequest } from "fastify";
import { type Html, html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { formatDateTime } from "../../platform/i18n/format.js";
import { t } from "../../platform/i18n/index.js";
import type { PaymentAccountRow } from "../payment.table.js";
import { MAPPED_COLUMNS, type StatementMapping } from "../statement-mapping.js";
import type { BankStatementRow } from "../statements.table.js";

export type Notice = { kind: "ok" | "error"; text: string };

const notices = (list: Notice[]) =>
  list.map(
    (n) =>
      html`<div class="${n.kind === "ok" ? "ok" : "errors"}" role="${n.kind === "ok" ? "status" : "alert"}"><p>${n.text}</p></div>`,
  );

const accountLabel = (a: Pick<PaymentAccountRow, "bank_name" | "account_number">) =>
  `${a.bank_name} ${a.account_number}`;

/** PY-3: the imported statements and the form to import one into an account. */
export function statementsView(
  req: FastifyRequest,
  accounts: PaymentAccountRow[],
  statements: BankStatementRow[],
  shown: Notice[],
): Html {
  const { lang } = req;
  const tz = req.agency.timeZone;
  const accountOf = new Map(accounts.map((a) => [a.id, accountLabel(a)]));
  return html`<h1>${t(lang, "statements.title")}</h1>
${notices(shown)}
${
  accounts.length === 0
    ? html`<p class="errors" data-accounts="none">${t(lang, "statements.noAccount")}</p>`
    : html`<form method="post" action="${req.basePath}/office/finance/statements" enctype="multipart/form-data" class="action">${csrfField(req)}
<h2>${t(lang, "statements.upload")}</h2>
<label for="st-account">${t(lang, "statements.account")}</label>
<select id="st-account" name="accountId">${accounts.map((a) => html`<option value="${a.id}">${accountLabel(a)}</option>`)}</select>
<label for="st-file">${t(lang, "statements.file")}</label>
<input type="file" id="st-file" name="file" required accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">
<label><input type="checkbox" name="remap" value="1"> ${t(lang, "statements.mapping.change")}</label>
<button type="submit">${t(lang, "statements.import")}</button>
</form>`
}
${
  statements.length === 0
    ? html`<p data-statements="none">${t(lang, "statements.none")}</p>`
    : html`<div class="table-wrap" tabindex="0"><table class="list"><thead><tr><th>${t(lang, "statements.col.importedAt")}</th><th>${t(lang, "statements.account")}</th><th>${t(lang, "statements.col.file")}</th><th>${t(lang, "statements.col.lines")}</th><th>${t(lang, "statements.col.matched")}</th><th>${t(lang, "statements.col.skipped")}</th></tr></thead>
<tbody>${statements.map(
        (s) =>
          html`<tr data-statement="${s.id}"><td>${formatDateTime(lang, new Date(s.imported_at), tz)}</td><td>${accountOf.get(s.account_id) ?? ""}</td><td>${s.filename}</td><td>${s.line_count}</td><td>${s.matched_count}</td><td>${s.skipped_count}</td></tr>`,
      )}</tbody></table></div>`
}`;
}

/** What the mapping form carries between the upload and the import. */
export interface PendingFile {
  accountId: string;
  fileKey: string;
  fileToken: string;
  filename: string;
}

/** PY-3: the account's first import: which column holds what, beside the file's first rows. */
export function mappingView(
  req: FastifyRequest,
  pending: PendingFile,
  preview: string[][],
  mapping: StatementMapping,
  shown: Notice[],
): Html {
  const { lang } = req;
  const width = Math.max(0, ...preview.map((r) => r.length));
  const letters = Array.from(
    { length: width },
    (_, i) => String.fromCharCode(65 + (i % 26)) + (i >= 26 ? i : ""),
  );
  const heading = preview[Math.max(0, mapping.headerRow - 1)] ?? [];
  const choice = (value: string, label: string, current: string) =>
    html`<option value="${value}"${current === value ? html` selected` : ""}>${label}</option>`;
  const columnSelect = (field: (typeof MAPPED_COLUMNS)[number]) => {
    const current = mapping.columns[field] === undefined ? "" : String(mapping.columns[field]);
    return html`<label for="map-${field}">${t(lang, `statements.mapping.field.${field}`)}</label>
<select id="map-${field}" name="col_${field}">${choice("", t(lang, "statements.mapping.none"), current)}${letters.map((l, i) => choice(String(i), `${l}: ${heading[i] ?? ""}`, current))}</select>`;
  };
  return html`<h1>${t(lang, "statements.mapping.title")}</h1>
${notices(shown)}
<p class="hint">${t(lang, "statements.mapping.explain")}</p>
<h2>${t(lang, "statements.mapping.preview")}</h2>
<div class="table-wrap" tabindex="0"><table class="list" data-preview><thead><tr><th>#</th>${letters.map((l) => html`<th>${l}</th>`)}</tr></thead>
<tbody>${preview.map((row, i) => html`<tr><td>${i + 1}</td>${letters.map((_, c) => html`<td>${row[c] ?? ""}</td>`)}</tr>`)}</tbody></table></div>
<form method="post" action="${req.basePath}/office/finance/statements/mapping" class="action">${csrfField(req)}
<input type="hidden" name="accountId" value="${pending.accountId}">
<input type="hidden" name="fileKey" value="${pending.fileKey}">
<input type="hidden" name="fileToken" value="${pending.fileToken}">
<input type="hidden" name="filename" value="${pending.filename}">
<label for="map-header">${t(lang, "statements.mapping.headerRow")}</label>
<input type="number" id="map-header" name="headerRow" min="0" max="50" value="${String(mapping.headerRow)}">
${MAPPED_COLUMNS.map(columnSelect)}
<label for="map-order">${t(lang, "statements.mapping.dateOrder")}</label>
<select id="map-order" name="dateOrder">${(["dmy", "ymd", "mdy"] as const).map((o) => choice(o, o === "dmy" ? "dd/mm/yyyy" : o === "ymd" ? "yyyy-mm-dd" : "mm/dd/yyyy", mapping.dateOrder))}</select>
<label for="map-era">${t(lang, "statements.mapping.era")}</label>
<select id="map-era" name="era">${choice("be", t(lang, "statements.mapping.be"), mapping.era)}${choice("ce", t(lang, "statements.mapping.ce"), mapping.era)}</select>
<label for="map-encoding">${t(lang, "statements.mapping.encoding")}</label>
<select id="map-encoding" name="encoding">${choice("auto", t(lang, "statements.mapping.auto"), mapping.encoding)}${choice("utf-8", "UTF-8", mapping.encoding)}${choice("windows-874", "Windows-874 (TIS-620)", mapping.encoding)}</select>
<button type="submit">${t(lang, "statements.mapping.save")}</button>
</form>`;
}
