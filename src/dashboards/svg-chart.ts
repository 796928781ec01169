import { escapeHtml } from "../platform/html.js";

export interface BarChart {
  /** Unique on the page: the ids of the title and description derive from it. */
  id: string;
  title: string;
  /** The text alternative read out in place of the picture. */
  desc: string;
  categories: string[];
  series: { name: string; values: number[] }[];
  /** One bar per category with the series end to end, else one bar per series. */
  stacked: boolean;
  format: (n: number) => string;
}

/**
 * Dark enough for a graphic object on white (WCAG 1.4.11, 3:1; each above 4.5:1) and told apart by
 * the legend's names, not by colour alone: the table beside each chart carries the same numbers.
 */
export const PALETTE = ["#1f4e79", "#b35900", "#2e7d32", "#6a1b9a", "#c62828"] as const;
const TEXT = "#1a1a1a";
const WIDTH = 640;
const PAD = 8;
const LABEL = 20;
const BAR = 14;
const GAP = 10;
const VALUE_ROOM = 90;
/** More rows than this make a chart no one reads on a phone: the table has them all. */
export const MAX_CHART_ROWS = 30;

const text = (x: number, y: number, content: string, extra = "") =>
  `<text x="${x}" y="${y}" fill="${TEXT}" font-size="13"${extra}>${escapeHtml(content)}</text>`;
const rect = (x: number, y: number, w: number, h: number, colour: string) =>
  `<rect x="${x}" y="${y}" width="${Math.max(0, Math.round(w * 10) / 10)}" height="${h}" fill="${colour}"/>`;

/** A horizontal bar chart as an SVG string: no script, no external reference, labelled for readers. */
export function barChartSvg(chart: BarChart): string {
  const categories = chart.categories.slice(0, MAX_CHART_ROWS);
  const barsPerRow = chart.stacked ? 1 : chart.series.length;
  const totals = categories.map((_, i) => chart.series.map((s) => s.values[i] ?? 0));
  const max = Math.max(
    1,
    ...totals.map((values) => (chart.stacked ? values.reduce((a, b) => a + b, 0) : Math.max(0, ...values))),
  );
  const scale = (WIDTH - 2 * PAD - VALUE_ROOM) / max;
  const parts: string[] = [];
  let y = PAD;
  // The legend: a swatch and the series' name, one a line (Thai names are long).
  if (chart.series.length > 1)
    chart.series.forEach((s, i) => {
      parts.push(
        rect(PAD, y + 3, 12, 12, PALETTE[i % PALETTE.length] ?? TEXT),
        text(PAD + 18, y + 13, s.name),
      );
      y += LABEL;
    });
  categories.forEach((category, i) => {
    y += GAP;
    parts.push(text(PAD, y + 14, category));
    y += LABEL;
    const values = totals[i] ?? [];
    if (chart.stacked) {
      let x = PAD;
      values.forEach((v, j) => {
        parts.push(rect(x, y, v * scale, BAR, PALETTE[j % PALETTE.length] ?? TEXT));
        x += v * scale;
      });
      parts.push(text(x + 4, y + BAR - 2, chart.format(values.reduce((a, b) => a + b, 0))));
      y += BAR;
    } else
      values.forEach((v, j) => {
        parts.push(rect(PAD, y, v * scale, BAR, PALETTE[j % PALETTE.length] ?? TEXT));
        parts.push(text(PAD + v * scale + 4, y + BAR - 2, chart.format(v)));
        y += BAR + 2;
      });
  });
  const height = y + PAD + (barsPerRow > 1 ? 0 : 2);
  const ids = `${chart.id}-title ${chart.id}-desc`;
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${WIDTH} ${height}" width="100%" aria-labelledby="${ids}" font-family="sans-serif"><title id="${chart.id}-title">${escapeHtml(chart.title)}</title><desc id="${chart.id}-desc">${escapeHtml(chart.desc)}</desc>${parts.join("")}</svg>`;
}
