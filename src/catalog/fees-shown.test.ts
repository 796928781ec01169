import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeMatter, submitTestApplication } from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import { HAVE_PDFTOTEXT, normaliseThai, pdfText } from "../../test/pdf-text.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService, TEST_SERVICE } from "../../test/service-fixture.js";
import { findDraftByToken, updateDraft } from "../forms/drafts.repo.js";
import { requestFeesAfterApproval } from "../payment/index.js";
import { fixedClock } from "../platform/clock.js";
import { withTransaction } from "../platform/db/database.js";
import { findMatter, recordAction } from "../register/index.js";
import type { ServiceDefinition } from "./service-definition.js";
import { findCurrentVersion } from "./service-versions.repo.js";

const NOW = "2026-12-07T03:00:00.000Z";
const FORM = { "content-type": "application/x-www-form-urlencoded" };
const CASEWORKER = { kind: "staff", staffId: "test-caseworker", roles: ["admin"] } as const;

/** TEST_SERVICE with a floor-area question, an application fee and a licence fee tiered by area. */
const AREA_SERVICE: ServiceDefinition = (() => {
  const d = structuredClone(TEST_SERVICE);
  d.code = "area-permit";
  (d.form.schema.properties as Record<string, unknown>).area = {
    type: "number",
    minimum: 0,
    maximum: 100000,
  };
  d.form.ui.pages[0]?.fields.push("area");
  d.form.ui.fields.area = {
    label: { th: "พื้นที่ร้าน (ตร.ม.)", en: "Floor area (m²)" },
    lawfulBasis: "public-task",
    dataClass: "general",
  };
  d.fees = [
    { detail: { th: "ค่าคำขอ", en: "Application fee" }, amount: 20, unit: "baht", kind: "application_fee" },
    {
      detail: { th: "ค่าใบอนุญาต", en: "Licence fee" },
      amount: 0,
      unit: "baht",
      calculation: {
        type: "tiered",
        field: "area",
        unit: { th: "ตร.ม.", en: "m²" },
        tiers: [
          { upTo: 50, amount: 500 },
          { upTo: 200, amount: 1000 },
          { upTo: null, amount: 2000 },
        ],
      },
    },
  ];
  d.payment = { daysToPay: 7, dayKind: "business", remindDaysBefore: 2, whenUnpaid: "returned" };
  return d;
})();

describe.each(testDialects())("fees shown before applying, and asked after approval, on %s", (dialect) => {
  const clock = fixedClock(NOW);
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    await publishTestService(service, AREA_SERVICE);
  });
  afterAll(() => service?.stop());

  const get = (url: string) => service.app.inject({ url, headers: { accept: "text/html" } });
  const post = (url: string, fields: Record<string, string>) =>
    service.app.inject({
      method: "POST",
      url,
      payload: new URLSearchParams(fields).toString(),
      headers: FORM,
    });

  it("PY-1, CM-2: the service page and the manual say how each fee is computed and the terms of payment", async () => {
    const th = await get("/services/food-shop-licence");
    expect(th.body).toContain(
      "ตามพื้นที่ประกอบการ (ตารางเมตร): ไม่เกิน 300 ตร.ม. 2,000 บาท; เกิน 300 ถึง 500 ตร.ม. 2,500 บาท; เกิน 500 ตร.ม. 3,000 บาท",
    );
    expect(th.body).toContain(
      "ชำระภายใน 15 วัน นับแต่ได้รับแจ้งให้ชำระ แจ้งเตือนก่อนครบกำหนด 3 วัน หากไม่ชำระภายในกำหนด คำขอจะถูกยกเลิก",
    );
    const en = await get("/services/area-permit?lang=en");
    expect(en.body).toContain("Application fee — 20 baht");
    expect(en.body).toContain(
      "by Floor area (m²): up to 50 m² 500 baht; over 50 to 200 m² 1,000 baht; over 200 m² 2,000 baht",
    );
    expect(en.body).toContain(
      "Pay within 7 working days of the payment notice. A reminder 2 days before. If unpaid by then, the application is returned.",
    );
    const manual = (await get("/services/area-permit/manual.json")).json() as {
      fields: { key: string; lines: { th: string }[] }[];
    };
    const fees = manual.fields.find((f) => f.key === "fees");
    expect(fees?.lines.map((l) => l.th)).toEqual([
      "ค่าคำขอ — 20 บาท",
      "ค่าใบอนุญาต — ตามพื้นที่ร้าน (ตร.ม.): ไม่เกิน 50 ตร.ม. 500 บาท; เกิน 50 ถึง 200 ตร.ม. 1,000 บาท; เกิน 200 ตร.ม. 2,000 บาท",
    ]);
    expect(manual.fields.find((f) => f.key === "paymentTerms")?.lines[0]?.th).toContain(
      "ชำระภายใน 7 วันทำการ",
    );
    const api = (await service.app.inject({ url: "/api/v1/services/food-shop-licence" })).json();
    expect(api.fees[0].calculation).toMatchObject({ type: "tiered", field: "areaSqm" });
    expect(api.payment).toEqual({
      daysToPay: 15,
      dayKind: "calendar",
      remindDaysBefore: 3,
      whenUnpaid: "cancelled",
    });
  });

  it.skipIf(!HAVE_PDFTOTEXT)(
    "PY-1, CM-2: the PDF manual says how the tiered fee is computed and the terms",
    async () => {
      const res = await service.app.inject({ url: "/services/area-permit/manual.pdf" });
      const text = normaliseThai(pdfText(res.rawPayload));
      for (const expected of [
        "ค่าคำขอ: 20 บาท",
        "ค่าใบอนุญาต: ตามพื้นที่ร้าน (ตร.ม.): ไม่เกิน 50 ตร.ม. 500 บาท; เกิน 50 ถึง 200 ตร.ม. 1,000 บาท",
        "ชำระภายใน 7 วันทำการ",
      ])
        expect(text).toContain(normaliseThai(expected));
    },
  );

  it("PY-1: check your answers shows the fee estimated from the answers, paid once approved", async () => {
    const started = await post("/services/area-permit/apply", {});
    const token = /\/apply\/([\w-]+)\/privacy$/.exec(started.headers.location as string)?.[1] ?? "";
    const notice = await get(`/apply/${token}/privacy`);
    await post(`/apply/${token}/privacy`, {
      _csrf: /name="_csrf" value="([^"]+)"/.exec(notice.body)?.[1] ?? "",
      version: /name="version" value="([^"]+)"/.exec(notice.body)?.[1] ?? "",
    });
    const draft = await findDraftByToken(service.handle.db, "demo", token, clock.now());
    if (!draft) throw new Error("no draft");
    const answer = (answers: Record<string, unknown>) =>
      updateDraft(service.handle.db, draft.id, { answers }, clock.now());

    await answer({ shopName: "ร้านป้าแดง", hasBranch: "no" });
    const waiting = await get(`/apply/${token}/check`);
    expect(waiting.body).toContain("ค่าธรรมเนียมโดยประมาณ");
    expect(waiting.body).toContain("ยังประมาณค่าธรรมเนียมไม่ได้จนกว่าจะตอบ: พื้นที่ร้าน (ตร.ม.)");
    expect(waiting.body).not.toContain("รวมโดยประมาณ");

    await answer({ shopName: "ร้านป้าแดง", hasBranch: "no", area: 120 });
    const check = await get(`/apply/${token}/check`);
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain("ชำระเมื่อได้รับอนุมัติ");
    expect(check.body).toContain("120 ตร.ม. (ช่วงเกิน 50 ถึง 200 ตร.ม.)");
    expect(check.body).toMatch(/รวมโดยประมาณ<\/dt><dd><strong>1,020\.00 บาท/);
    const english = await get(`/apply/${token}/check?lang=en`);
    expect(english.body).toContain("Estimated fees");
    expect(english.body).toMatch(/Estimated total<\/dt><dd><strong>1,020\.00 baht/);
  });

  /** An application of TEST_SERVICE made `version`'s with `answers`, reviewed and sent for approval. */
  async function matterForApproval(versionId: string, answers: Record<string, unknown>) {
    const { matterId } = await submitTestApplication(service);
    // The application is made the other version's, with its answers: fees are read from that version.
    await service.handle.db
      .updateTable("applications")
      .set({ service_version_id: versionId, form_data: JSON.stringify(answers) })
      .where("matter_id", "=", matterId)
      .execute();
    await routeMatter(service, clock, matterId);
    for (const action of ["start-review", "submit-for-approval"] as const)
      await recordAction(service.handle, {
        agencyId: "demo",
        subject: { matterId },
        action,
        payload: {},
        actor: CASEWORKER,
        at: clock.now(),
      });
    return matterId;
  }
  const approve = (matterId: string) =>
    withTransaction(service.handle, async (trx) => {
      const approved = await recordAction(trx, {
        agencyId: "demo",
        subject: { matterId },
        action: "approve",
        payload: {},
        actor: CASEWORKER,
        at: clock.now(),
      });
      return requestFeesAfterApproval(trx, approved.matter, clock.now());
    });

  it.each([
    [250, 200000, "250 ตร.ม. (ช่วงไม่เกิน 300 ตร.ม.)"],
    [420.5, 250000, "420.5 ตร.ม. (ช่วงเกิน 300 ถึง 500 ตร.ม.)"],
    [800, 300000, "800 ตร.ม. (ช่วงเกิน 500 ตร.ม.)"],
  ])(
    "PY-1: the food-shop demo, approved for %s m², asks its tiered fee of %i satang",
    async (area, satang, basis) => {
      const food = await findCurrentVersion(service.handle.db, "demo", "food-shop-licence");
      if (!food) throw new Error("no food-shop demo");
      const matterId = await matterForApproval(food.id, { shopName: "ร้านป้าแดง", areaSqm: area });
      const notice = await approve(matterId);
      expect(notice?.amountSatang).toBe(satang);
      expect(notice?.lines).toEqual([
        { detail: food.definition.fees[0]?.detail, amountSatang: satang, basis },
      ]);
      // 15 calendar days, as the demo's payment terms say.
      expect(notice?.dueAt.getTime()).toBeGreaterThan(clock.now().getTime() + 14 * 86_400_000);
      expect((await findMatter(service.handle.db, "demo", matterId))?.status).toBe("awaiting_payment");
    },
  );

  it("PY-1: a fee that cannot be computed from the answers stops the approval with FEE_NOT_COMPUTABLE, nothing written", async () => {
    const area = await findCurrentVersion(service.handle.db, "demo", "area-permit");
    if (!area) throw new Error("no area-permit");
    const matterId = await matterForApproval(area.id, { shopName: "ร้านป้าแดง", hasBranch: "no" });
    await expect(approve(matterId)).rejects.toMatchObject({
      code: "FEE_NOT_COMPUTABLE",
      params: { about: "area" },
    });
    expect((await findMatter(service.handle.db, "demo", matterId))?.status).toBe("awaiting_approval");
    const notices = await service.handle.db
      .selectFrom("payment_notices")
      .select("id")
      .where("matter_id", "=", matterId)
      .execute();
    expect(notices).toEqual([]);
  });
});
