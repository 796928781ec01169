import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { HAVE_PDFTOTEXT, normaliseThai, pdfText } from "../../test/pdf-text.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService, TEST_SERVICE } from "../../test/service-fixture.js";

const NO_FEE = { ...TEST_SERVICE, code: "free-permit", fees: [], noFee: true };

describe.skipIf(!HAVE_PDFTOTEXT).each(testDialects())("the manual and blank form as PDF (%s)", (dialect) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(dialect);
    await publishTestService(service);
    await publishTestService(service, NO_FEE);
  }, 60_000);
  afterAll(async () => {
    await service?.stop();
  });

  const get = async (url: string) => {
    const res = await service.app.inject({ method: "GET", url });
    return { res, text: res.statusCode === 200 ? normaliseThai(pdfText(res.rawPayload)) : "" };
  };
  const has = (text: string, expected: string) => expect(text).toContain(normaliseThai(expected));

  it("CM-1: the manual's service name, conditions, time limit and fees come back from the PDF", async () => {
    const { res, text } = await get(`/services/${TEST_SERVICE.code}/manual.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    has(text, TEST_SERVICE.name.th);
    has(text, TEST_SERVICE.conditions.th);
    has(text, "5 วันทำการ");
    has(text, "ค่าธรรมเนียมใบอนุญาต: 100 บาท");
    has(text, "หนังสือมอบอำนาจ");
    has(text, "(เฉพาะนิติบุคคล)");
  });

  it('CM-2: a service without fees says "ไม่มีค่าธรรมเนียม"; English when asked, under the agency prefix', async () => {
    has((await get(`/services/${NO_FEE.code}/manual.pdf`)).text, "ไม่มีค่าธรรมเนียม");
    const { text } = await get(`/a/demo/services/${NO_FEE.code}/manual.pdf?lang=en`);
    has(text, "Test shop permit");
    has(text, "No fee");
  });

  it("FM-1: the blank form lists every field with its label and the documents to tick", async () => {
    const { res, text } = await get(`/services/${TEST_SERVICE.code}/form.pdf`);
    expect(res.statusCode).toBe(200);
    for (const label of ["ชื่อร้าน", "วันที่เปิด", "มีสาขาหรือไม่", "ชื่อสาขา", "บัตรประจำตัวประชาชน"]) has(text, label);
    has(text, "กรอกเฉพาะเมื่อ “มีสาขาหรือไม่” เป็น มี");
    has(text, "ผู้มีอำนาจกระทำการแทน");
  });

  it("CM-1, FM-1: the three demo services' manuals and blank forms come back with their names", async () => {
    for (const code of ["food-shop-licence", "elderly-allowance", "social-security-s39"]) {
      const manual = await get(`/services/${code}/manual.pdf`);
      const form = await get(`/services/${code}/form.pdf`);
      expect([manual.res.statusCode, form.res.statusCode], code).toEqual([200, 200]);
      const name = (await service.app.inject({ method: "GET", url: `/api/v1/services/${code}` })).json().name
        .th;
      has(manual.text, name);
      has(form.text, name);
    }
  });

  it("an unknown, malformed or retired service is 404 SERVICE_NOT_FOUND", async () => {
    for (const code of ["no-such", "BAD%20CODE", "a".repeat(65)]) {
      const res = await service.app.inject({ method: "GET", url: `/services/${code}/manual.pdf` });
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain("SERVICE_NOT_FOUND");
    }
    await service.handle.db
      .updateTable("services")
      .set({ state: "retired" })
      .where("code", "=", NO_FEE.code)
      .execute();
    expect(
      (await service.app.inject({ method: "GET", url: `/services/${NO_FEE.code}/form.pdf` })).statusCode,
    ).toBe(404);
  });
});
