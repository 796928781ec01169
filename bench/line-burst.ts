import crypto from "node:crypto";
import type { AddressInfo } from "node:net";
import { sql } from "kysely";
import { loadConfig } from "../src/config/index.js";
import type { Dialect } from "../src/platform/db/database.js";
import { createService } from "../src/service.js";
import { startFakeLine } from "../test/line-server.js";
import { connectLine } from "../test/line-webhook.js";
import { createFreshDatabase } from "./databases.js";
import { runLoad } from "./load.js";
import { markdownTable } from "./report.js";

/*
 * #18 line: a burst of LINE events, e.g. 10,000 (2,000 deliveries of 5 users each, every user with
 * several events in order), posted to the whole service as fast as `concurrency` clients go; the figure
 * is the time from the last 200 answered to the last event handled (the issue's bar: within 10 s). The
 * service's route kicks its processor after each answer, as in production (LINE_CONCURRENCY chats at once).
 */

export interface BurstResult {
  db: Dialect;
  events: number;
  users: number;
  postMs: number;
  afterLastMs: number;
  checks: string[];
  ok: boolean;
}

const PER_DELIVERY = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runLineBurst(
  o: { dialect: Dialect; pgUrl: string | undefined; events: number; users: number; concurrency: number },
  log: (msg: string) => void,
): Promise<BurstResult> {
  const line = await startFakeLine();
  const fresh = await createFreshDatabase(o.dialect, o.pgUrl);
  const config = {
    DATABASE_URL: fresh.url,
    DATA_DIR: fresh.dataDir,
    ROLE: "web",
    SECRET_KEY: "bench-secret",
  };
  const service = await createService(
    loadConfig({
      ...config,
      PUBLIC_URL: "http://borikan.bench",
      LOG_LEVEL: "silent",
      ...pick("LINE_CONCURRENCY"),
    }),
    {
      env: { LINE_CHANNEL_SECRET: line.channelSecret, LINE_CHANNEL_TOKEN: line.channelToken },
      log: () => {},
    },
  );
  try {
    await connectLine(service, line, new Date());
    await service.app.listen({ port: 0, host: "127.0.0.1" });
    const port = (service.app.server.address() as AddressInfo).port;
    const deliveries = Math.ceil(o.events / PER_DELIVERY);
    const t = Date.now() - 60_000;
    const bodies = Array.from({ length: deliveries }, (_, i) => {
      const events = Array.from({ length: PER_DELIVERY }, (_, j) => {
        const n = i * PER_DELIVERY + j;
        const userId = `U${crypto
          .createHash("md5")
          .update(`burst-${(n % o.users) + 1}`)
          .digest("hex")}`;
        return {
          webhookEventId: `01B${String(n).padStart(23, "0")}`,
          deliveryContext: { isRedelivery: false },
          timestamp: t + n,
          mode: "active",
          source: { type: "user", userId },
          replyToken: `burst-reply-${n}`,
          type: "message",
          message: { type: "text", id: `b${n}`, quoteToken: "q", text: `ขอใบอนุญาต ข้อความที่ ${n}` },
        };
      });
      const body = Buffer.from(JSON.stringify({ destination: "Uagency", events }), "utf8");
      return { body, signature: line.sign(body) };
    });
    const t0 = Date.now();
    const load = await runLoad({
      port,
      path: "/line/webhook",
      concurrency: o.concurrency,
      durationMs: 600_000,
      contentType: "application/json",
      count: deliveries,
      firstIndex: 0,
      body: (i) => bodies[i]!.body,
      headers: (i) => ({ "x-line-signature": bodies[i]!.signature }),
      expectStatus: 200,
    });
    const lastAnswer = Date.now();
    const count = async (statuses: ("pending" | "processing" | "done" | "failed")[]) =>
      Number(
        (
          await service.handle.db
            .selectFrom("line_events")
            .select(sql<number>`count(*)`.as("n"))
            .where("status", "in", statuses)
            .executeTakeFirstOrThrow()
        ).n,
      );
    // Polled every 20 ms: the figure is good to about that.
    while ((await count(["pending", "processing"])) > 0 && Date.now() - lastAnswer < 600_000) await sleep(20);
    const afterLastMs = Date.now() - lastAnswer;
    const done = await count(["done"]);
    const failed = await count(["failed"]);
    const items = Number(
      (
        await service.handle.db
          .selectFrom("line_draft_items")
          .select(sql<number>`count(*)`.as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const stored = deliveries * PER_DELIVERY;
    const ok = load.errors === 0 && done === stored && failed === 0 && items === stored;
    const checks = [
      `${ok ? "OK" : "MISMATCH"}: ${load.ok} of ${deliveries} deliveries answered 200; ${done} of ${stored} events done, ` +
        `${failed} failed, ${items} texts in drafts`,
    ];
    log(`  ${o.dialect} burst: ${checks[0]}`);
    return {
      db: o.dialect,
      events: stored,
      users: o.users,
      postMs: lastAnswer - t0,
      afterLastMs,
      checks,
      ok,
    };
  } finally {
    await service.close();
    await line.close();
    await fresh.drop();
  }
}

/** LINE_CONCURRENCY from the bench's environment, so a run can try other values. */
function pick(name: string): Record<string, string> {
  const value = process.env[name];
  return value ? { [name]: value } : {};
}

export const BURST_SECTION_TITLE = "## LINE event burst (issue #18)";

export function burstTable(results: BurstResult[]): string {
  return markdownTable(
    ["db", "events", "users", "posted in s", "last event handled, s after the last 200"],
    results.map((r) => [
      r.db,
      String(r.events),
      String(r.users),
      (r.postMs / 1000).toFixed(2),
      (r.afterLastMs / 1000).toFixed(2),
    ]),
  );
}
