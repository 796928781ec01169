import fc from "fast-check";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { fuzzBody, textValue } from "../../test/fuzz-inputs.js";
import { multipartBody } from "../../test/multipart.js";
import { type OfficeClient, stepUp } from "../../test/office.js";
import { matterAwaitingPayment, startPaymentService } from "../../test/payment.js";
import type { TestService } from "../../test/service.js";
import { STATEMENT_MAPPING, statementCsv } from "../../test/statements.js";
import { fixedClock } from "../platform/clock.js";
import { listAccounts } from "./accounts.repo.js";

/**
 * PY-3: seeded, bounded fuzzing of the statement upload, the mapping form and the queue's acts by a
 * signed-in, stepped-up finance officer: never a 5xx, every API refusal with a code, nothing of a refused
 * file stored, and no notice paid twice. FUZZ_RUNS scales the number of cases (1 = the CI default).
 */
const SCALE = Number(process.env.FUZZ_RUNS ?? "1");
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const sample = <T>(arb: fc.Arbitrary<T>, seed: number, n: number) =>
  fc.sample(arb, { seed, numRuns: runs(n) });
const clock = fixedClock("2026-12-07T03:00:00.000Z");

describe.each(testDialects())("statements under malformed input on %s", (dialect) => {
  let service: TestService;
  let finance: OfficeClient;
  let accountId: string;
  const ref1s: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    ({ service, finance } = await startPaymentService(dialect, clock, "fuzz-fin@demo.go.th"));
    await stepUp(finance, clock);
    await finance.get("/office/finance/statements");
    accountId = (await listAccounts(service.handle.db, "demo"))[0]!.id;
    for (let i = 0; i < 2; i++) ref1s.push((await matterAwaitingPayment(service, clock)).notice.ref1);
  }, 120_000);
  afterAll(() => service?.stop());

  const counts = async () => {
    const n = async (table: "bank_statements" | "statement_lines") =>
      Number(
        (
          await service.handle.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return [await n("bank_statements"), await n("statement_lines")];
  };
  const statuses = new Map<string, number>();
  const check = (what: string, res: { statusCode: number; body: string }, api: boolean) => {
    const code = `${res.statusCode} ${/"code":"([A-Z_]+)"/.exec(res.body)?.[1] ?? ""}`;
    statuses.set(code, (statuses.get(code) ?? 0) + 1);
    if (res.statusCode >= 500) problems.push(`${what} → ${res.statusCode} ${res.body.slice(0, 200)}`);
    if (api && res.statusCode >= 400 && !/"code":"[A-Z_]+"/.test(res.body))
      problems.push(`${what} → ${res.statusCode} without a code`);
  };
  /** Nothing paid twice: one payment per notice, and each matched line names a payment of its own. */
  const paidOnce = async () => {
    const lines = await service.handle.db
      .selectFrom("statement_lines")
      .select("payment_id")
      .where("state", "=", "matched")
      .execute();
    expect(new Set(lines.map((l) => l.payment_id)).size).toBe(lines.length);
  };

  const cell = fc.oneof(
    fc.constantFrom("07/12/2569", "2026-12-07 10:00", "31/02/2569", "100.00", "1,000.5", "(5.00)", "", '"'),
    textValue.map((v) => v.slice(0, 40)),
  );
  const file = fc.oneof(
    // A valid statement of the known notices, with cells replaced and bytes flipped.
    fc
      .tuple(
        fc.subarray([0, 1]),
        fc.constantFrom("utf-8", "windows-874" as const),
        fc.array(fc.tuple(fc.nat({ max: 3 }), fc.nat({ max: 6 }), cell), { maxLength: 3 }),
        fc.array(fc.tuple(fc.nat({ max: 400 }), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
      )
      .map(([which, encoding, cells, flips]) => {
        const rows = statementCsv(
          which.map((i) => ({
            date: "07/12/2569",
            time: `10:0${i}`,
            amount: "100.00",
            ref1: ref1s[i]!,
            bankReference: `F-${i}`,
          })),
          "utf-8",
        )
          .toString("utf8")
          .split("\r\n")
          .map((r) => r.split(","));
        for (const [r, c, v] of cells) if (rows[r]) rows[r]![c] = v;
        const text = rows.map((r) => r.join(",")).join("\r\n");
        const bytes = encoding === "utf-8" ? Buffer.from(text, "utf8") : iconv.encode(text, "windows-874");
        for (const [at, b] of flips) if (at < bytes.length) bytes[at] = b;
        return bytes;
      }),
    fc.uint8Array({ maxLength: 600 }).map((b) => Buffer.from(b)),
    fc.constantFrom(
      Buffer.from("PK\x03\x04broken zip", "latin1"),
      Buffer.from("\xef\xbb\xbf", "latin1"),
      Buffer.alloc(0),
    ),
  );
  const columns = fc.dictionary(
    fc.constantFrom(
      "date",
      "time",
      "amount",
      "credit",
      "debit",
      "ref1",
      "ref2",
      "bankReference",
      "payer",
      "x",
    ),
    fc.oneof(fc.integer({ min: -2, max: 8 }), fc.constant(1.5), textValue),
    { maxKeys: 6 },
  );
  const mapping = fc.oneof(
    { weight: 4, arbitrary: fc.constant(JSON.stringify(STATEMENT_MAPPING)) },
    {
      weight: 2,
      arbitrary: fc
        .record({
          encoding: fc.constantFrom("auto", "utf-8", "windows-874", "latin1"),
          headerRow: fc.oneof(fc.integer({ min: -1, max: 60 }), textValue),
          columns,
          dateOrder: fc.constantFrom("dmy", "ymd", "mdy", "x"),
          era: fc.constantFrom("be", "ce", ""),
        })
        .map((m) => JSON.stringify(m)),
    },
    { weight: 1, arbitrary: textValue },
    { weight: 1, arbitrary: fc.constantFrom("null", "[]", '{"columns":null}', "{") },
  );

  it("PY-3: the upload answers random files and mappings with a 4xx and a code, never a 5xx, storing nothing it refused", {
    timeout: 180_000,
  }, async () => {
    const cases = sample(
      fc.record({ file, mapping, accountId: fc.oneof(fc.constant("ok"), textValue) }),
      1401,
      60,
    );
    for (const c of cases) {
      const before = await counts();
      const { payload, headers } = await multipartBody(
        {
          _csrf: finance.csrf,
          accountId: c.accountId === "ok" ? accountId : c.accountId.slice(0, 100),
          mapping: c.mapping,
        },
        [{ field: "file", filename: "s.csv", bytes: c.file }],
      );
      const res = await service.app.inject({
        method: "POST",
        url: "/office/finance/statements",
        payload,
        headers: { ...headers, accept: "application/json", cookie: finance.cookieHeader },
      });
      check(`upload ${c.mapping.slice(0, 80)}`, res, true);
      if (res.statusCode !== 200) expect(await counts()).toEqual(before);
    }
    // The cases reached the import itself, not only the guard: some imported, some refused by it.
    expect(statuses.get("200 ")).toBeGreaterThan(0);
    expect([...statuses.keys()].filter((k) => k.includes("STATEMENT_")).length).toBeGreaterThan(2);
    // Random bodies of every encoding, too.
    for (const body of sample(fuzzBody([["_csrf", finance.csrf]]), 1402, 40)) {
      const res = await service.app.inject({
        method: "POST",
        url: "/office/finance/statements",
        payload: body.body,
        headers: { accept: "text/html", cookie: finance.cookieHeader, "content-type": body.contentType },
      });
      check(`upload ${body.kind}`, res, false);
    }
    await paidOnce();
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it("PY-3: the mapping form and the queue's acts answer fuzzed forms and ids without a 5xx, paying nothing twice", {
    timeout: 180_000,
  }, async () => {
    const lineIds = (await service.handle.db.selectFrom("statement_lines").select("id").execute()).map(
      (l) => l.id,
    );
    const id = fc.oneof(
      fc.constantFrom("nope", ...lineIds),
      textValue.map((v) => v.slice(0, 100)),
    );
    const form = fc.record({
      ref1: fc.oneof(fc.constantFrom(...ref1s), textValue),
      reason: textValue,
      accountId: fc.oneof(fc.constant(accountId), textValue),
      fileKey: textValue,
      fileToken: textValue,
      headerRow: textValue,
      col_date: textValue,
      col_amount: textValue,
      encoding: textValue,
    });
    for (const c of sample(
      fc.record({ id, form, act: fc.constantFrom("match", "ignore", "mapping") }),
      1403,
      80,
    )) {
      const url =
        c.act === "mapping"
          ? "/office/finance/statements/mapping"
          : `/office/finance/reconciliation/lines/${encodeURIComponent(c.id)}/${c.act}`;
      const res = await service.app.inject({
        method: "POST",
        url,
        payload: new URLSearchParams({ _csrf: finance.csrf, ...c.form }).toString(),
        headers: {
          accept: "application/json",
          "content-type": "application/x-www-form-urlencoded",
          cookie: finance.cookieHeader,
        },
      });
      check(`POST ${url.slice(0, 120)}`, res, true);
    }
    for (const body of sample(fuzzBody([["_csrf", finance.csrf]]), 1404, 30)) {
      const res = await service.app.inject({
        method: "POST",
        url: `/office/finance/reconciliation/lines/${lineIds[0] ?? "x"}/match`,
        payload: body.body,
        headers: { accept: "text/html", cookie: finance.cookieHeader, "content-type": body.contentType },
      });
      check(`match ${body.kind}`, res, false);
    }
    await paidOnce();
    expect(problems, problems.join("\n")).toEqual([]);
  });
});
