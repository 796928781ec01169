/**
 * Citizen sign-in benchmark (issue #13): email-code sign-ins per second and their latency (ask a code,
 * read it from the outbox, enter it: three requests and the sign-in's writes), and the ThaiD round trip
 * (start, the local OpenID Connect provider over loopback HTTP with an ES256 ID token checked against
 * its JWKS, the callback's writes), beside a bare baseline in the same run: the sign-in page itself.
 * In-process requests (app.inject) for Borikan's side; real HTTP to the provider.
 *
 *   npm run bench -- sign-in [--db sqlite,postgres] [--ops 300] [--concurrency 4] [--no-docs]
 * PostgreSQL is used when TEST_PG_URL is set (scripts/test-pg.sh starts one).
 */
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { Dialect } from "../src/platform/db/database.js";
import { OfficeClient } from "../test/office.js";
import { startTestService, type TestService } from "../test/service.js";
import { startSmtpListener } from "../test/smtp.js";
import { startLocalThaid } from "../test/thaid-provider.js";
import { markdownTable, replaceSection } from "./report.js";

interface Figure {
  db: string;
  what: string;
  ops: number;
  perSecond: number;
  p50: number;
  p99: number;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/** Runs `op` `ops` times, `concurrency` at once; throughput and latency (ms). */
async function measure(ops: number, concurrency: number, op: (i: number) => Promise<void>) {
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < ops; i = next++) {
        const t = performance.now();
        await op(i);
        times.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { perSecond: ops / seconds, p50: pct(times, 50), p99: pct(times, 99) };
}

async function benchDialect(dialect: Dialect, ops: number, concurrency: number): Promise<Figure[]> {
  const smtp = await startSmtpListener();
  const thaid = await startLocalThaid("http://borikan.test");
  const service: TestService = await startTestService(dialect, { smtpUrl: smtp.url, env: thaid.env() });
  const address = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  let run = 0;
  const figures: Figure[] = [];
  const record = async (what: string, op: (i: number) => Promise<void>) => {
    await measure(Math.min(30, ops), concurrency, op); // warm-up
    const m = await measure(ops, concurrency, op);
    figures.push({ db: dialect, what, ops, ...m });
    console.log(
      `${dialect} ${what}: ${m.perSecond.toFixed(1)}/s p50 ${m.p50.toFixed(1)} ms p99 ${m.p99.toFixed(1)} ms`,
    );
  };
  try {
    await record("baseline: the sign-in page (GET)", async () => {
      const res = await service.app.inject({ url: "/account/sign-in", headers: { accept: "text/html" } });
      if (res.statusCode !== 200) throw new Error(`page ${res.statusCode}`);
    });
    await record("email-code sign-in (3 requests)", async () => {
      const n = run++;
      const client = new OfficeClient(service.app);
      const remoteAddress = address(n);
      const inject = (url: string, form?: Record<string, string>) =>
        client.app.inject({
          url,
          method: form ? "POST" : "GET",
          remoteAddress,
          payload: form && new URLSearchParams({ _csrf: client.csrf, ...form }).toString(),
          headers: {
            accept: "text/html",
            cookie: client.cookieHeader,
            ...(form && { "content-type": "application/x-www-form-urlencoded" }),
          },
        });
      const page = await inject("/account/sign-in");
      for (const c of page.cookies) client.cookies.set(c.name, c.value);
      client.csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
      const asked = await inject("/account/sign-in", { destination: `bench-${n}@example.com` });
      const ticket = /name="ticket" value="([^"]+)"/.exec(asked.body)?.[1] ?? "";
      const queued = await service.handle.db
        .selectFrom("outbox")
        .select("payload")
        .where("subject_key", "=", `sign-in:${ticket}`)
        .executeTakeFirstOrThrow();
      const code = /\b(\d{6})\b/.exec(queued.payload)?.[1] ?? "";
      const signed = await inject("/account/sign-in/code", { ticket, code });
      if (signed.statusCode !== 303)
        throw new Error(`code ${signed.statusCode} ${signed.body.slice(0, 200)}`);
    });
    await record("ThaiD round trip (start, provider over HTTP, callback)", async () => {
      const client = new OfficeClient(service.app);
      // Each client from its own address, as citizens are (the start is limited per address).
      const start = await service.app.inject({ url: "/account/thaid/start", remoteAddress: address(run++) });
      for (const c of start.cookies) client.cookies.set(c.name, c.value);
      const callback = await thaid.drive(String(start.headers.location));
      const done = await client.get(`${callback.pathname}${callback.search}`);
      if (done.statusCode !== 303) throw new Error(`callback ${done.statusCode} ${done.body.slice(0, 200)}`);
    });
  } finally {
    await service.stop();
    await thaid.close();
    await smtp.close();
  }
  return figures;
}

export async function runSignInBench(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      db: { type: "string", default: "sqlite,postgres" },
      ops: { type: "string", default: "300" },
      concurrency: { type: "string", default: "4" },
      "no-docs": { type: "boolean", default: false },
    },
  });
  const ops = Number(values.ops);
  const concurrency = Number(values.concurrency);
  const dialects = (values.db ?? "")
    .split(",")
    .filter((d): d is Dialect => d === "sqlite" || (d === "postgres" && !!process.env.TEST_PG_URL));
  const figures: Figure[] = [];
  for (const dialect of dialects) figures.push(...(await benchDialect(dialect, ops, concurrency)));
  if (!values["no-docs"]) {
    const title = "## Citizen sign-in (issue #13)";
    const rows = figures.map((f) => [
      f.db,
      f.what,
      String(f.ops),
      f.perSecond.toFixed(1),
      f.p50.toFixed(1),
      f.p99.toFixed(1),
    ]);
    const section = `${title}

\`npm run bench -- sign-in\` (bench/sign-in.ts): in-process requests, ${concurrency} at once, on ${os.cpus().length} cores
shared with other work. An email-code sign-in is three requests (the page, the code asked, the code entered) with
the code read from the outbox; the ThaiD round trip is the start, the local OpenID Connect provider over loopback
HTTP (discovery cached; the ES256 ID token checked against its JWKS) and the callback's writes (account, sign-in,
proof, session, audit). The baseline is the sign-in page alone.
The provider runs in the same process (its ES256 signing and sessions count in the round trip); the
figures were taken while other test suites ran on the same two cores, so they are upper bounds of the cost.

${markdownTable(["database", "what", "operations", "per second", "p50 ms", "p99 ms"], rows)}
`;
    const here = path.dirname(fileURLToPath(import.meta.url));
    replaceSection(path.join(here, "../docs/benchmarks.md"), section, title);
  }
  return 0;
}
