import type { FastifyRequest } from "fastify";
import { type Html, html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { t } from "../../platform/i18n/index.js";
import { type BackfillMapping, MAPPED_FACTS } from "../backfill-mapping.js";
import { backfillProblemText } from "../backfill-problem-text.js";
import type { BackfillReport } from "../import-licences.js";
import { type Notice, noticesView } from "./backfill-import.view.js";

// A page lists this many refused rows; the CLI prints them all.
const SHOWN_PROBLEMS = 500;

/** The mapping again as the form's fields, so "import" runs what "check" checked. */
function mappingFields(mapping: BackfillMapping, header: readonly string[], sheet: string): Html {
  const hidden = (name: string, value: string) => html`<input type="hidden" name="${name}" value="${value}">`;
  return html`${hidden("sheet", sheet)}${MAPPED_FACTS.map((f) =>
    mapping.columns[f] ? hidden(`col.${f}`, String(header.indexOf(mapping.columns[f]))) : "",
  )}${mapping.printed.map((p) => {
    const i = String(header.indexOf(p.column));
    return html`${hidden(`print.${i}`, "on")}${hidden(`key.${i}`, p.key)}${hidden(`th.${i}`, p.th)}${hidden(`en.${i}`, p.en)}`;
  })}`;
}

/**
 * PR-3: step 3, what a check found (nothing written, and the "import" button with the same mapping) or
 * what an import did: counts, in force first, and every refused row with its sheet row and reason.
 */
export function backfillReportView(
  req: FastifyRequest,
  view: {
    uploadId: string;
    report: BackfillReport;
    mapping: BackfillMapping;
    header: readonly string[];
    sheet: string;
    notices: Notice[];
  },
): Html {
  const l = req.lang;
  const { report } = view;
  const counts = {
    ok: report.imported.length,
    inForce: report.imported.filter((i) => i.inForce).length,
    bad: report.problems.length,
  };
  const base = `${req.basePath}/office/licences/import/${view.uploadId}`;
  const shown = report.problems.slice(0, SHOWN_PROBLEMS);
  return html`<h1>${t(l, "backfill.title")}</h1>
${noticesView(view.notices)}
<p data-testid="backfill-found">${t(l, "backfill.found", { format: report.format, encoding: report.encoding, rows: report.rows })}</p>
<p data-testid="backfill-result" data-imported="${String(report.dryRun ? 0 : counts.ok)}" data-refused="${String(counts.bad)}">${t(l, report.dryRun ? "backfill.checked" : "backfill.imported", counts)}</p>
${
  shown.length
    ? html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="backfill-problems"><table>
<caption id="backfill-problems">${t(l, "backfill.problems")}</caption>
<thead><tr><th scope="col">${t(l, "backfill.row")}</th><th scope="col">${t(l, "backfill.reason")}</th></tr></thead>
<tbody>${shown.map((p) => html`<tr data-line="${String(p.line)}" data-code="${p.code}"><th scope="row">${String(p.line)}</th><td>${backfillProblemText(l, p)}</td></tr>`)}</tbody>
</table></div>
${report.problems.length > shown.length ? html`<p>${t(l, "backfill.moreProblems", { count: report.problems.length - shown.length })}</p>` : ""}`
    : ""
}
${
  report.dryRun && counts.ok > 0
    ? html`<form method="post" action="${base}/import">${csrfField(req)}
${mappingFields(view.mapping, view.header, view.sheet)}
<p class="hint">${t(l, "backfill.stepUpHint")}</p>
<button type="submit">${t(l, "backfill.import")}</button></form>`
    : ""
}
<p><a href="${base}">${t(l, "backfill.back")}</a></p>`;
}
