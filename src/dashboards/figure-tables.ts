import { hasMessage, type Lang, type MessageKey, t } from "../platform/i18n/index.js";
import type { DashboardFigures } from "./load-dashboard.js";

export const FIGURE_IDS = [
  "channels",
  "services",
  "acknowledgement",
  "service-level",
  "step-times",
  "satisfaction",
] as const;
export type FigureId = (typeof FIGURE_IDS)[number];

export type ColumnKind = "count" | "percent" | "hours" | "average";

/** One figure as a table: the page's table, the chart and the CSV are all drawn from it (same numbers). */
export interface FigureTable {
  id: FigureId;
  title: string;
  /** The first column (the rows' labels) and the value columns. */
  labelColumn: MessageKey;
  columns: { key: MessageKey; kind: ColumnKind }[];
  rows: { label: string; values: (number | null)[] }[];
  /** Columns the chart draws (indexes into `columns`), and whether as one stacked bar. */
  chart: { columns: number[]; stacked: boolean };
}

/** Rounded as shown: percentages and hours to one decimal, averages to two. */
export const rounded = (kind: ColumnKind, n: number) =>
  kind === "count" ? n : Math.round(n * (kind === "average" ? 100 : 10)) / (kind === "average" ? 100 : 10);
const share = (part: number, whole: number) => (whole ? rounded("percent", (100 * part) / whole) : null);
const hours = (seconds: number) => rounded("hours", seconds / 3600);

function sumBy<T>(items: T[], key: (item: T) => string, value: (item: T) => number[]): Map<string, number[]> {
  const sums = new Map<string, number[]>();
  for (const item of items) {
    const values = value(item);
    const sum = sums.get(key(item)) ?? values.map(() => 0);
    sums.set(
      key(item),
      sum.map((s, i) => s + (values[i] ?? 0)),
    );
  }
  return sums;
}

/** The six figures as tables in `lang`, services named from `serviceNames` (unknown ids shown as is). */
export function figureTables(
  figures: DashboardFigures,
  lang: Lang,
  serviceNames: Map<string, string>,
): FigureTable[] {
  const service = (id: string | null) =>
    id === null ? t(lang, "dashboards.noService") : (serviceNames.get(id) ?? id);
  const channel = (c: string) => {
    const key = `channel.${c}`;
    return hasMessage(key) ? t(lang, key) : c;
  };
  const status = (s: string) => {
    const key = `status.${s}`;
    return hasMessage(key) ? t(lang, key) : t(lang, "dashboards.unknownStatus", { status: s });
  };
  const title = (id: FigureId) => t(lang, `dashboards.figure.${id}`);
  const { volume } = figures;
  const byChannel = sumBy(
    volume,
    (v) => v.channel,
    (v) => [v.entries, v.acknowledgedOnTime, v.acknowledgedLate, v.unacknowledgedLate],
  );
  const byService = sumBy(
    volume,
    (v) => service(v.serviceId),
    (v) => [v.entries],
  );
  const sorted = <T>(rows: [string, T][]) => rows;
  const byLabel = <T extends { label: string }>(rows: T[]) =>
    rows.sort((a, b) => a.label.localeCompare(b.label, "th"));
  return [
    {
      id: "channels",
      title: title("channels"),
      labelColumn: "dashboards.col.channel",
      columns: [{ key: "dashboards.col.entries", kind: "count" }],
      rows: byLabel(sorted([...byChannel]).map(([c, v]) => ({ label: channel(c), values: [v[0] ?? 0] }))),
      chart: { columns: [0], stacked: false },
    },
    {
      id: "services",
      title: title("services"),
      labelColumn: "dashboards.col.service",
      columns: [{ key: "dashboards.col.entries", kind: "count" }],
      rows: byLabel(sorted([...byService]).map(([label, v]) => ({ label, values: [v[0] ?? 0] }))),
      chart: { columns: [0], stacked: false },
    },
    {
      id: "acknowledgement",
      title: title("acknowledgement"),
      labelColumn: "dashboards.col.channel",
      columns: [
        { key: "dashboards.col.entries", kind: "count" },
        { key: "dashboards.col.ackOnTime", kind: "count" },
        { key: "dashboards.col.ackLate", kind: "count" },
        { key: "dashboards.col.ackMissing", kind: "count" },
        { key: "dashboards.col.ackShare", kind: "percent" },
      ],
      rows: byLabel(
        sorted([...byChannel]).map(([c, [n = 0, onTime = 0, late = 0, missing = 0]]) => ({
          label: channel(c),
          values: [n, onTime, late, missing, share(onTime, n)],
        })),
      ),
      chart: { columns: [1, 2, 3], stacked: true },
    },
    {
      id: "service-level",
      title: title("service-level"),
      labelColumn: "dashboards.col.service",
      columns: [
        { key: "dashboards.col.decided", kind: "count" },
        { key: "dashboards.col.onTime", kind: "count" },
        { key: "dashboards.col.late", kind: "count" },
        { key: "dashboards.col.onTimeShare", kind: "percent" },
      ],
      rows: byLabel(
        sorted(figures.serviceLevel.map((f) => [service(f.serviceId), f] as [string, typeof f])).map(
          ([label, f]) => ({
            label,
            values: [f.decided, f.onTime, f.decided - f.onTime, share(f.onTime, f.decided)],
          }),
        ),
      ),
      chart: { columns: [1, 2], stacked: true },
    },
    {
      id: "step-times",
      title: title("step-times"),
      labelColumn: "dashboards.col.step",
      columns: [
        { key: "dashboards.col.stays", kind: "count" },
        { key: "dashboards.col.median", kind: "hours" },
        { key: "dashboards.col.p90", kind: "hours" },
      ],
      rows: figures.stepTimes.map((f) => ({
        label: `${service(f.serviceId)} · ${status(f.status)}`,
        values: [f.count, hours(f.medianSeconds), hours(f.p90Seconds)],
      })),
      chart: { columns: [1, 2], stacked: false },
    },
    {
      id: "satisfaction",
      title: title("satisfaction"),
      labelColumn: "dashboards.col.service",
      columns: [
        { key: "dashboards.col.ratings", kind: "count" },
        { key: "dashboards.col.average", kind: "average" },
        ...([1, 2, 3, 4, 5] as const).map((n) => ({
          key: `dashboards.col.rating${n}` as MessageKey,
          kind: "count" as const,
        })),
      ],
      rows: byLabel(
        sorted(figures.satisfaction.map((f) => [service(f.serviceId), f] as [string, typeof f])).map(
          ([label, f]) => ({
            label,
            values: [f.count, f.average === null ? null : rounded("average", f.average), ...f.distribution],
          }),
        ),
      ),
      chart: { columns: [2, 3, 4, 5, 6], stacked: true },
    },
  ];
}
