import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { earlierRegister, MAPPING_FORM, registerXlsx, uploadRegister } from "../../test/backfill.js";
import { testDialects } from "../../test/db.js";
import { type OfficeClient, signedInOfficer, stepUp } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService, TEST_SERVICE } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";

describe.each(testDialects())("the licence import page on %s", (dialect) => {
  const clock = fixedClock("2026-12-07T03:00:00.000Z");
  let service: TestService;
  let supervisor: OfficeClient;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    supervisor = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "sup.bf@demo.go.th", ["supervisor"])
    ).client;
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });
  const licences = async () =>
    (
      await service.handle.db
        .selectFrom("licences")
        .select("number_text")
        .where("origin", "=", "backfill")
        .execute()
    ).length;

  it("PR-3: upload → columns → check (nothing written) → import after a step-up; the mapping saved and reused", async () => {
    const { rows, planted, importable } = earlierRegister(TEST_SERVICE.code, 40, 7);
    const page = await supervisor.get("/office/licences/import");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('enctype="multipart/form-data"');
    const uploaded = await uploadRegister(service, supervisor, await registerXlsx(rows));
    expect(uploaded.statusCode, uploaded.body.slice(0, 300)).toBe(303);
    const mappingPage = String(uploaded.headers.location);
    const id = /import\/([0-9a-f-]{36})$/.exec(mappingPage)![1]!;
    const shown = await supervisor.get(`/office/licences/import/${id}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain("ผู้ได้รับอนุญาต");
    expect(shown.body).toContain("BF-1");
    expect(shown.body).toContain("40");

    const checked = await supervisor.post(`/office/licences/import/${id}/check`, {
      ...MAPPING_FORM,
      saveAs: "ระบบเก่า",
    });
    expect(checked.statusCode, checked.body.slice(0, 500)).toBe(200);
    const lines = [...checked.body.matchAll(/<tr data-line="(\d+)" data-code="(\w+)"/g)].map((m) => ({
      line: Number(m[1]),
      code: m[2],
    }));
    expect(lines).toEqual(planted);
    expect(checked.body).toContain(`นำเข้าได้ ${importable} แถว`);
    expect(await licences()).toBe(0);

    // Without a fresh step-up the import is sent to confirm the officer first; nothing is written.
    const refused = await supervisor.post(`/office/licences/import/${id}/import`, MAPPING_FORM);
    expect(refused.statusCode).toBe(303);
    expect(String(refused.headers.location)).toContain("/office/step-up");
    expect(await licences()).toBe(0);
    await stepUp(supervisor, clock);
    const done = await supervisor.post(`/office/licences/import/${id}/import`, MAPPING_FORM);
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain(`data-imported="${importable}"`);
    expect(await licences()).toBe(importable);
    const again = await supervisor.post(`/office/licences/import/${id}/import`, MAPPING_FORM);
    expect(again.body).toContain('data-imported="0"');
    expect(await licences()).toBe(importable);

    const reused = await supervisor.get(
      `/office/licences/import/${id}?mapping=${encodeURIComponent("ระบบเก่า")}`,
    );
    expect(reused.body).toMatch(/<option value="6" selected>ชื่อร้าน|name="print\.6" checked/);
    expect(reused.body).toContain("<option>ระบบเก่า</option>");
  });

  it("PR-3: a bad mapping is shown on the page (4xx); an unknown upload is not found; roles are checked", async () => {
    const uploaded = await uploadRegister(
      service,
      supervisor,
      await registerXlsx(earlierRegister(TEST_SERVICE.code, 3).rows),
    );
    const id = /import\/([0-9a-f-]{36})$/.exec(String(uploaded.headers.location))![1]!;
    const bad = await supervisor.post(`/office/licences/import/${id}/check`, {
      ...MAPPING_FORM,
      "col.holder": "",
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("การจับคู่คอลัมน์ไม่ถูกต้อง");
    const unknown = await supervisor.get("/office/licences/import/00000000-0000-4000-8000-000000000000");
    expect(unknown.statusCode).toBe(404);
    await service.handle.db
      .updateTable("licence_import_uploads")
      .set({ agency_id: "other" })
      .where("id", "=", id)
      .execute()
      .catch(() => {});
    const saraban = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "sar.bf@demo.go.th", [
        "saraban_officer",
      ])
    ).client;
    expect((await saraban.get("/office/licences/import")).statusCode).toBe(403);
    const garbage = await uploadRegister(service, supervisor, Uint8Array.from([0x50, 0x4b, 3, 4, 1, 2, 3]));
    expect(garbage.statusCode).toBe(422);
    expect(garbage.body).toContain("อ่านไฟล์ทะเบียนเดิมไม่ได้");
  });
});
