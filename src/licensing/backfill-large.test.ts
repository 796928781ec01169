import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { earlierRegister, registerCsv, registerXlsx, SHEET_MAPPING, tis620 } from "../../test/backfill.js";
import { testDialects } from "../../test/db.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService, TEST_SERVICE } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { listBackfillMappings, saveBackfillMapping } from "./backfill-mappings.repo.js";
import { importLicences } from "./import-licences.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");
// The record PDF costs ~40 ms a row (measured; docs/backfill.md): the 10,000-row run stores a fixed
// stand-in so it tests the rows, not the PDF engine; the PostgreSQL run below makes real ones.
const quickPdf = async () => Buffer.from("%PDF-1.4\n% back-fill test record\n");
const SIZE: Record<string, number> = { sqlite: 10_000, postgres: 500 };

describe.each(testDialects())("back-filling a large earlier register on %s", (dialect) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });
  const size = SIZE[dialect]!;
  const deps = () => ({
    handle: service.handle,
    files: service.files,
    clock,
    recordPdf: dialect === "sqlite" ? quickPdf : undefined,
  });

  it(`PR-3: ${size} rows of XLSX with planted errors: each on its row, the rest imported, in force first, nothing twice`, async () => {
    const { rows, planted, importable } = earlierRegister(TEST_SERVICE.code, size, size >= 1000 ? 250 : 40);
    const file = await registerXlsx(rows);
    await saveBackfillMapping(service, {
      agencyId: "demo",
      name: "ระบบเดิม 2555",
      mapping: SHEET_MAPPING,
      actor: "staff:t",
    });
    const [saved] = await listBackfillMappings(service.handle.db, "demo");
    expect(saved).toEqual({ name: "ระบบเดิม 2555", mapping: SHEET_MAPPING });
    const started = performance.now();
    const report = await importLicences(deps(), {
      agencyId: "demo",
      file,
      mapping: saved!.mapping,
      actor: "staff:t",
    });
    console.log(`${dialect}: ${size} rows imported in ${Math.round(performance.now() - started)} ms`);
    expect(report.problems.map((p) => ({ line: p.line, code: p.code }))).toEqual(planted);
    expect(report.imported).toHaveLength(importable);
    const firstPast = report.imported.findIndex((i) => !i.inForce);
    expect(firstPast).toBeGreaterThan(0);
    expect(report.imported.slice(firstPast).every((i) => !i.inForce)).toBe(true);
    const db = service.handle.db;
    const count = async () =>
      Number(
        (
          await db
            .selectFrom("licences")
            .select(db.fn.countAll().as("n"))
            .where("origin", "=", "backfill")
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count()).toBe(importable);
    const holder = await db
      .selectFrom("licences")
      .select("holder_name")
      .where("number_text", "=", "BF-97")
      .executeTakeFirstOrThrow();
    expect(holder.holder_name).toBe("นาย\u0E19\u0E33 ชัย 97");

    const again = await importLicences(deps(), {
      agencyId: "demo",
      file,
      mapping: saved!.mapping,
      actor: "staff:t",
    });
    expect(again.imported).toEqual([]);
    expect(again.problems.filter((p) => p.code === "inRegister")).toHaveLength(importable);
    expect(await count()).toBe(importable);
  }, 900_000);

  it("PR-3: a TIS-620 CSV of the same layout: read as Windows-874, its rows imported and its faults reported", async () => {
    const { rows, planted, importable } = earlierRegister(TEST_SERVICE.code, 60, 10);
    const renumbered = rows.map((r) => [`TIS-${r[0]}`, ...r.slice(1)]);
    const file = tis620(registerCsv(renumbered));
    const report = await importLicences(deps(), {
      agencyId: "demo",
      file,
      mapping: SHEET_MAPPING,
      actor: "cli:t",
    });
    expect(report.encoding).toBe("windows-874");
    expect(report.problems.map((p) => ({ line: p.line, code: p.code }))).toEqual(planted);
    expect(report.imported).toHaveLength(importable);
    const shop = await service.handle.db
      .selectFrom("licences")
      .select("fields")
      .where("number_text", "=", "TIS-BF-1")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(shop.fields)).toEqual([
      { key: "shop", label: { th: "ชื่อร้าน", en: "Shop name" }, value: "ร้าน 1" },
    ]);
  }, 300_000);
});
