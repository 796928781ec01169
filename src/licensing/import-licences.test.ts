import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { testDocumentSigner } from "../../test/document-signer.js";
import { issuedLicence } from "../../test/licensing.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService, TEST_SERVICE } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { importLicences } from "./import-licences.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");
const code = TEST_SERVICE.code;
const HEADER = "number,service_code,holder,issued_on,valid_until,status,ชื่อร้าน";

describe.each(testDialects())("back-filling past licences on %s", (dialect) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    service.licensing.documentSigner = testDocumentSigner();
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });
  const run = (csv: string, mode: "import" | "all-or-nothing" = "import") =>
    importLicences(
      { handle: service.handle, files: service.files, clock },
      { agencyId: "demo", file: csv, actor: "cli:test", mode },
    );

  it("PR-3: all-or-nothing: a file with a bad row imports nothing and reports every refused row with its line", async () => {
    const report = await run(
      [
        HEADER,
        `ทส. 7/2569,${code},นายเก่า ก่อน,2026-03-01,2027-02-28,issued,ร้านเก่า`,
        `ทส. 7/2569,${code},นายซ้ำ,2026-03-02,,issued,ร้านซ้ำ`,
        `X-1,no-such-service,นายไม่มี,2026-03-02,,issued,ร้าน`,
        `X-2,${code},นายวันผิด,2026-02-30,,issued,ร้าน`,
        `X-3,${code},นายสถานะผิด,2026-02-03,,superseded,ร้าน`,
      ].join("\n"),
      "all-or-nothing",
    );
    expect(report.dryRun).toBe(true);
    // Both rows carrying the number twice are refused; then the unknown service, the bad date and status.
    expect(report.problems.map((p) => [p.line, p.code])).toEqual([
      [2, "twiceInFile"],
      [3, "twiceInFile"],
      [4, "service"],
      [5, "issuedOn"],
      [6, "status"],
    ]);
    const rows = await service.handle.db.selectFrom("licences").select("id").execute();
    expect(rows).toHaveLength(0);
    await expect(run("number,holder\nA,B")).rejects.toMatchObject({ code: "BACKFILL_MAPPING_INVALID" });
  });

  it("PR-3: past licences keep their numbers; the counter starts above a running one; a repeat is refused", async () => {
    const report = await run(
      [
        HEADER,
        `ทส. 7/2569,${code},นายเก่า ก่อน,2026-03-01,2027-02-28,issued,"ร้านเก่า, สาขา 1"`,
        `สอ. 12/2560,${code},นางอดีต ยาวนาน,2560-05-01,,revoked,ร้านอดีต`,
      ].join("\r\n"),
    );
    expect(report.problems).toEqual([]);
    expect(report.imported.map((i) => i.number)).toEqual(["ทส. 7/2569", "สอ. 12/2560"]);
    const rows = await service.handle.db
      .selectFrom("licences")
      .selectAll()
      .where("origin", "=", "backfill")
      .orderBy("number_text")
      .execute();
    expect(
      rows.map((r) => [r.number_text, r.series, r.sequence === null ? null : Number(r.sequence), r.status]),
    ).toEqual([
      ["ทส. 7/2569", code, 7, "issued"],
      ["สอ. 12/2560", `backfill:${code}`, null, "revoked"],
    ]);
    expect(rows[1]!.valid_from).toBe("2017-05-01");
    expect(JSON.parse(rows[0]!.fields)).toEqual([
      { key: "ชื่อร้าน", label: { th: "ชื่อร้าน", en: "ชื่อร้าน" }, value: "ร้านเก่า, สาขา 1" },
    ]);
    expect(rows[0]!.matter_id).toBeNull();
    const pdf = await service.files.read(rows[0]!.pdf_key);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const { licence } = await issuedLicence(service, clock);
    expect(licence.number).toBe("ทส. 8/2569");
    const again = await run(`${HEADER}\nทส. 8/2569,${code},นายซ้ำ,2026-03-01,,issued,ร้าน`);
    expect(again.problems[0]).toMatchObject({ line: 2 });
    expect(again.problems[0]!.code).toBe("inRegister");
    expect(again.imported).toEqual([]);
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .select("actor")
      .where("action", "=", "licence.backfill")
      .execute();
    expect(audit).toHaveLength(2);
  });
});
