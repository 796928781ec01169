import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDialects } from "../../test/db.js";
import { DEMO_AGENCY, initAgency } from "../agencies/index.js";
import { fixedClock } from "../platform/clock.js";
import { formatReceiptNumber, parseReceiptNumber } from "./receipt-number.js";

const run = promisify(execFile);
const writerScript = path.resolve(import.meta.dirname, "../../test/numbering-writer.ts");

describe("receipt number format", () => {
  it("RG-1: formats and parses <running number>/<BE year>, Thai digits too", () => {
    expect(formatReceiptNumber(15, 2569)).toBe("15/2569");
    expect(parseReceiptNumber("15/2569")).toEqual({ sequence: 15, beYear: 2569 });
    expect(parseReceiptNumber("๑๕/๒๕๖๙")).toEqual({ sequence: 15, beYear: 2569 });
    expect(parseReceiptNumber("0/2569")).toBeUndefined();
    expect(parseReceiptNumber("15-2569")).toBeUndefined();
  });
});

describe.each(testDialects())("receipt numbers on %s", (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await initAgency(database.handle, DEMO_AGENCY, {
      clock: fixedClock("2026-11-20T03:00:00Z"),
      actor: "test",
    });
  });
  afterAll(() => database.drop());

  it("RG-1: two processes with 50 concurrent writers each, some rolling back, number exactly 1..N", async () => {
    const spawnWriter = (tag: string) =>
      run(process.execPath, ["--import", "tsx", writerScript, database.url, "demo", "50", "4", "5", tag], {
        maxBuffer: 10 * 1024 * 1024,
      });
    const [a, b] = await Promise.all([spawnWriter("a"), spawnWriter("b")]);
    const committed = [
      ...(JSON.parse(a.stdout) as { committed: string[] }).committed,
      ...(JSON.parse(b.stdout) as { committed: string[] }).committed,
    ];
    // 2 processes × 50 writers × 4 rounds, every 5th attempt rolled back.
    expect(committed.length).toBe(320);
    const rows = await database.handle.db
      .selectFrom("entries")
      .select(["sequence", "receipt_number", "be_year"])
      .where("agency_id", "=", "demo")
      .orderBy("sequence")
      .execute();
    expect(rows.map((r) => Number(r.sequence))).toEqual(Array.from({ length: 320 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.receipt_number))).toEqual(new Set(committed));
    const counter = await database.handle.db
      .selectFrom("receipt_counters")
      .select("last_number")
      .where("agency_id", "=", "demo")
      .executeTakeFirstOrThrow();
    expect(Number(counter.last_number)).toBe(320);
  }, 120_000);
});
