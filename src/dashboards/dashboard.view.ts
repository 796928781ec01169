import type { FastifyRequest } from "fastify";
import { type Html, html, unsafeHtml } from "../platform/html.js";
import { formatDate } from "../platform/i18n/format.js";
import { type Lang, t } from "../platform/i18n/index.js";
import type { DashboardPeriod } from "./dashboard-period.js";
import { PERIODS } from "./dashboard-period.js";
import type { ColumnKind, FigureTable } from "./figure-tables.js";
import { barChartSvg, MAX_CHART_ROWS } from "./svg-chart.js";

const numbers = { th: new Intl.NumberFormat("th-TH"), en: new Intl.NumberFormat("en-GB") };

/** A number the way the table shows it: grouped digits, one decimal for percent and hours, two for averages. */
export function showNumber(lang: Lang, kind: ColumnKind, n: number | null): string {
  if (n === null) return "–";
  if (kind === "count") return numbers[lang].format(n);
  const digits = kind === "average" ? 2 : 1;
  const text = n.toLocaleString(lang === "th" ? "th-TH" : "en-GB", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return kind === "percent" ? `${text}%` : text;
}

export interface DashboardPage {
  period: DashboardPeriod;
  serviceId?: string;
  services: { id: string; name: string }[];
  unitScoped: boolean;
  tables: FigureTable[];
  query: string;
}

function figureSection(req: FastifyRequest, table: FigureTable, query: string): Html {
  const lang = req.lang;
  const chartColumns = table.chart.columns.map((i) => table.columns[i]!);
  const kind = chartColumns[0]?.kind ?? "count";
  const summary = table.rows
    .slice(0, MAX_CHART_ROWS)
    .map(
      (r) =>
        `${r.label}: ${table.chart.columns.map((i) => showNumber(lang, kind, r.values[i] ?? null)).join(" / ")}`,
    )
    .join("; ");
  const more =
    table.rows.length > MAX_CHART_ROWS
      ? ` ${t(lang, "dashboards.more", { count: table.rows.length - MAX_CHART_ROWS })}`
      : "";
  const svg = table.rows.length
    ? barChartSvg({
        id: `chart-${table.id}`,
        title: t(lang, "dashboards.chartOf", { title: table.title }),
        desc: `${chartColumns.map((c) => t(lang, c.key)).join(" / ")}: ${summary}${more}`,
        categories: table.rows.map((r) => r.label),
        series: chartColumns.map((c, j) => ({
          name: t(lang, c.key),
          values: table.rows.map((r) => r.values[table.chart.columns[j]!] ?? 0),
        })),
        stacked: table.chart.stacked,
        format: (n) => showNumber(lang, kind, n),
      })
    : "";
  const csv = `${req.basePath}/office/dashboard/${table.id}.csv${query}`;
  return html`<section class="figure" aria-labelledby="h-${table.id}">
<h2 id="h-${table.id}">${table.title}</h2>
${table.rows.length ? html`<figure>${unsafeHtml(svg)}</figure>` : html`<p>${t(lang, "dashboards.empty")}</p>`}
<div class="table-wrap" role="region" tabindex="0" aria-labelledby="h-${table.id}"><table id="table-${table.id}">
<caption>${t(lang, "dashboards.table", { title: table.title })}</caption>
<thead><tr><th scope="col">${t(lang, table.labelColumn)}</th>${table.columns.map((c) => html`<th scope="col">${t(lang, c.key)}</th>`)}</tr></thead>
<tbody>${table.rows.map(
    (r) =>
      html`<tr><th scope="row">${r.label}</th>${r.values.map((v, i) => html`<td>${showNumber(lang, table.columns[i]?.kind ?? "count", v)}</td>`)}</tr>`,
  )}</tbody>
</table></div>
<p><a href="${csv}" download>${t(lang, "dashboards.csv", { title: table.title })}</a></p>
</section>`;
}

/** The dashboard: the period and service chooser (a plain GET form), then each figure as chart, table and CSV link. */
export function dashboardView(req: FastifyRequest, page: DashboardPage): Html {
  const lang = req.lang;
  const { period } = page;
  const shown = t(lang, "dashboards.shown", {
    from: formatDate(lang, period.fromDate),
    to: formatDate(lang, period.toDate),
  });
  const custom = period.kind === "custom";
  return html`<h1>${t(lang, "dashboards.title")}</h1>
<p>${t(lang, page.unitScoped ? "dashboards.scope.units" : "dashboards.scope.agency")}</p>
<form method="get" action="${req.basePath}/office/dashboard" class="filters">
<fieldset><legend>${t(lang, "dashboards.filter")}</legend>
<label for="period">${t(lang, "dashboards.period")}</label>
<select id="period" name="period">${PERIODS.map(
    (p) =>
      html`<option value="${p}"${unsafeHtml(p === period.kind ? " selected" : "")}>${t(lang, `dashboards.period.${p}`)}</option>`,
  )}</select>
<label for="from">${t(lang, "dashboards.from")}</label>
<input id="from" name="from" type="date" value="${custom ? period.fromDate : ""}">
<label for="to">${t(lang, "dashboards.to")}</label>
<input id="to" name="to" type="date" value="${custom ? period.toDate : ""}">
<label for="service">${t(lang, "dashboards.service")}</label>
<select id="service" name="service"><option value="">${t(lang, "dashboards.service.all")}</option>${page.services.map(
    (s) =>
      html`<option value="${s.id}"${unsafeHtml(s.id === page.serviceId ? " selected" : "")}>${s.name}</option>`,
  )}</select>
<button type="submit">${t(lang, "dashboards.show")}</button>
</fieldset></form>
<p id="period-shown"><strong>${period.fiscalYear ? `${t(lang, "dashboards.fiscalYear", { year: period.fiscalYear })}: ` : ""}${shown}</strong></p>
${page.tables.map((table) => figureSection(req, table, page.query))}`;
}
