import os from "node:os";

export const DASHBOARD_TITLE = "## #16 dashboards";

/** What one database's run printed: the views' rows, the CSV row, the seeding row. */
export interface DashboardBenchResult {
  lines: string[];
  csv: string;
  seeded: string;
}

/** The docs/benchmarks.md section of the dashboard benchmark (bench/dashboard.ts). */
export function dashboardSection(run: {
  argv: string[];
  entries: number;
  runs: number;
  load: string;
  pgNote: string;
  results: DashboardBenchResult[];
}): string {
  const { argv, entries, runs, load, pgNote, results } = run;
  const cpu = os.cpus();
  return [
    DASHBOARD_TITLE,
    "",
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${cpu.length} cores (${cpu[0]?.model.trim() ?? "unknown CPU"}), Node ${process.version}; ${pgNote}. Command:`,
    "",
    "```sh",
    `npm run bench -- dashboard ${argv.join(" ")}`.trimEnd(),
    "```",
    "",
    ...(entries < 1_000_000
      ? [
          `Below the issue's scale (1,000,000 entries, the default): a proof of the bench, not the measure. Load average at the start: ${load}.`,
          "",
        ]
      : [`Load average at the start: ${load}.`, ""]),
    `${entries.toLocaleString("en")} entries over the two years before the bench's clock (20 September 2026), bulk-inserted. ` +
      "The page is `GET /office/dashboard` through `app.inject` in the bench process (session, role guard, " +
      "`loadDashboard`, SVG charts, tables, page shell), after one warm-up call, " +
      `${runs} runs a view. Baseline: a bare \`select count(*)\` of the period's entries on the same handle ` +
      "(the least any figure of that period must read); the ratio is page p50 / bare p50.",
    "",
    "| Database | View | p50 ms | p99 ms | Page KB | Bare count p50 ms | Ratio | All 200 |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ...results.flatMap((r) => r.lines),
    "",
    "Each figure's CSV once (head of agency, fiscal year), ms:",
    "",
    "| Database | Figure ms |",
    "| --- | --- |",
    ...results.map((r) => r.csv),
    "",
    "Seeding (batches of 1,000 matters, one transaction each; SQLite with synchronous=OFF, PostgreSQL with " +
      "synchronous_commit=off and, for a superuser, no foreign-key triggers, while seeding):",
    "",
    "| Database | Matters | Entries | Actions | Ratings | Seeding | Per 100k entries |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...results.map((r) => r.seeded),
    "",
  ].join("\n");
}
