import { sql } from "kysely";
import { type DatabaseHandle, openDatabase } from "../src/platform/db/database.js";
import type { TrafficResult } from "./province-traffic.js";

export interface Check {
  ok: boolean;
  text: string;
}

const n = (v: unknown) => Number(v ?? 0);

async function backlog(handle: DatabaseHandle) {
  const mails = await handle.db
    .selectFrom("mail_messages")
    .select(sql<number>`count(*)`.as("n"))
    .executeTakeFirstOrThrow();
  const line = await handle.db
    .selectFrom("line_events")
    .select([
      sql<number>`sum(case when status in ('pending', 'processing') then 1 else 0 end)`.as("open"),
      sql<number>`sum(case when status = 'failed' then 1 else 0 end)`.as("failed"),
      sql<number>`count(*)`.as("all"),
    ])
    .executeTakeFirstOrThrow();
  return { mails: n(mails.n), lineOpen: n(line.open), lineFailed: n(line.failed), lineAll: n(line.all) };
}

/**
 * Waits (at most `maxMs`) for the workers to take every appended mail and handle every LINE event, then
 * checks the run as the other benches do: every 201 submission stored once, numbers gapless per agency and
 * year over all channels, mails taken = mails appended, LINE events all handled, no 5xx. Returns how long
 * the drain took after the traffic stopped.
 */
export async function checkProvince(
  url: string,
  traffic: TrafficResult,
  maxMs: number,
): Promise<{ checks: Check[]; drainMs: number }> {
  const handle = openDatabase(url);
  try {
    const t0 = Date.now();
    let left = await backlog(handle);
    while ((left.mails < traffic.mailsAppended || left.lineOpen > 0) && Date.now() - t0 < maxMs) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      left = await backlog(handle);
    }
    const drainMs = Date.now() - t0;
    const checks: Check[] = [];
    const check = (ok: boolean, text: string) => checks.push({ ok, text });

    const web = await handle.db
      .selectFrom("entries")
      .select(["agency_id", "be_year", "sequence"])
      .where("channel", "=", "web")
      .execute();
    const stored = new Map<string, number>();
    for (const e of web) {
      const key = `${e.agency_id} ${e.sequence}/${e.be_year}`;
      stored.set(key, (stored.get(key) ?? 0) + 1);
    }
    const answered = new Set(traffic.receipts.map((r) => `${r.agencyId} ${r.receiptNumber}`));
    const missing = [...answered].filter((k) => stored.get(k) !== 1).length;
    check(
      answered.size === traffic.receipts.length && missing === 0 && web.length === answered.size,
      `web submissions: ${traffic.receipts.length} answered 201 (${answered.size} distinct receipts), ` +
        `${web.length} web entries stored, ${missing} acknowledged receipts not stored exactly once`,
    );

    const years = await handle.db
      .selectFrom("entries")
      .select([
        "agency_id",
        "be_year",
        sql<number>`count(*)`.as("n"),
        sql<number>`count(distinct sequence)`.as("distinct_n"),
        sql<number>`min(sequence)`.as("first"),
        sql<number>`max(sequence)`.as("last"),
      ])
      .groupBy(["agency_id", "be_year"])
      .execute();
    const gaps = years.filter((y) => n(y.first) !== 1 || n(y.last) !== n(y.n) || n(y.distinct_n) !== n(y.n));
    const total = years.reduce((sum, y) => sum + n(y.n), 0);
    check(
      gaps.length === 0,
      `numbering (RG-1): ${total} entries in ${years.length} agency-years, ` +
        (gaps.length === 0
          ? "each numbered 1..N gapless"
          : `${gaps.length} WITH GAPS OR REPEATS (${gaps.map((g) => `${g.agency_id}/${g.be_year}`).join(", ")})`),
    );

    check(
      left.mails === traffic.mailsAppended,
      `mail: ${left.mails} messages taken for ${traffic.mailsAppended} appended`,
    );

    const lineEntries = await handle.db
      .selectFrom("entries")
      .select(sql<number>`count(*)`.as("n"))
      .where("channel", "=", "line")
      .executeTakeFirstOrThrow();
    check(
      left.lineOpen === 0 && left.lineFailed === 0 && n(lineEntries.n) === traffic.lineConversations,
      `LINE: ${left.lineAll} events, ${left.lineOpen} still open, ${left.lineFailed} failed; ` +
        `${n(lineEntries.n)} LINE entries for ${traffic.lineConversations} whole conversations`,
    );

    const fiveXx = traffic.paths.reduce((sum, p) => sum + p.serverErrors, 0);
    check(fiveXx === 0, `no 5xx: ${fiveXx} answers of 500 or more`);
    return { checks, drainMs };
  } finally {
    await handle.close();
  }
}
