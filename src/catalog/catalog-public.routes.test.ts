import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { signedInChief } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import type { Manual } from "./manual.js";

describe.each(testDialects())("the public catalogue on %s", (dialect) => {
  let service: TestService;
  const get = (url: string) => service.app.inject({ url, headers: { accept: "text/html" } });
  beforeAll(async () => {
    service = await startTestService(dialect);
  });
  afterAll(() => service?.stop());

  it("IF-2, FM-1: the home page lists the demo agency's services, and the general request is one of its entries", async () => {
    for (const prefix of ["", "/a/demo"]) {
      const page = await get(`${prefix}/`);
      expect(page.statusCode).toBe(200);
      for (const code of ["social-security-s39", "food-shop-licence", "elderly-allowance"])
        expect(page.body).toContain(`href="${prefix}/services/${code}"`);
      expect(page.body).toContain("การขึ้นทะเบียนผู้ประกันตนตามมาตรา 39");
      expect(page.body).toContain(`href="${prefix}/requests"`);
      // IF-2: the search box sends its query to the search page.
      expect(page.body).toContain(`<form method="get" action="${prefix}/services" role="search">`);
    }
    const form = await get("/requests");
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="form_token"');
    expect(form.body).toContain('action="/requests"');
  });

  it("CM-1, CM-2: a service page shows the manual's fields, 'no fee' explicitly, and an apply button", async () => {
    const s39 = await get("/services/social-security-s39");
    expect(s39.statusCode).toBe(200);
    for (const text of [
      "คู่มือสำหรับประชาชน: การขึ้นทะเบียนผู้ประกันตนตามมาตรา 39",
      "พระราชบัญญัติประกันสังคม พ.ศ. 2533 มาตรา 39",
      "หลักเกณฑ์ วิธีการ เงื่อนไข",
      "ระยะเวลาดำเนินการรวม",
      "1 วันทำการ",
      "30 นาที",
      "ไม่มีค่าธรรมเนียม",
      "ฉบับจริง 0 ฉบับ, สำเนา 1 ฉบับ",
      "ศูนย์บริการประชาชน สำนักปลัดสำนักนายกรัฐมนตรี",
      "/services/social-security-s39/manual.pdf",
    ])
      expect(s39.body).toContain(text);
    expect(s39.body).toContain('action="/services/social-security-s39/apply"');
    const food = await get("/a/demo/services/food-shop-licence?lang=en");
    expect(food.body).toContain("Citizen manual: Licence to set up a food shop");
    expect(food.body).toContain("2,000 baht");
    expect(food.body).toContain("30 calendar days");
    expect(food.body).toContain("juristic persons only");
    expect(food.body).not.toContain("No fee");
    expect(food.body).toContain('action="/a/demo/services/food-shop-licence/apply"');
  });

  it("CM-1, CM-4: the manual as JSON and CSV in info.go.th's field layout", async () => {
    const json = await service.app.inject({ url: "/services/food-shop-licence/manual.json" });
    expect(json.statusCode).toBe(200);
    const manual: Manual = json.json();
    expect(manual).toMatchObject({ format: "borikan.manual/1", code: "food-shop-licence", version: 1 });
    expect(manual.fields.map((f) => f.no).filter(Boolean)).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
      "7",
      "8",
      "11",
      "12",
      "13",
      "15",
      "16",
      "17",
      "19",
    ]);
    const fees = manual.fields.find((f) => f.key === "fees");
    expect(fees?.value).toEqual([expect.objectContaining({ amount: 2000, unit: "baht" })]);
    const noFee = (
      await service.app.inject({ url: "/services/elderly-allowance/manual.json" })
    ).json() as Manual;
    expect(noFee.fields.find((f) => f.key === "fees")?.lines).toEqual([
      { th: "ไม่มีค่าธรรมเนียม", en: "No fee" },
    ]);
    const csv = await service.app.inject({ url: "/services/elderly-allowance/manual.csv" });
    expect(csv.headers["content-type"]).toContain("text/csv");
    const lines = csv.body.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("no,field,label_th,label_en,item,value_th,value_en");
    expect(lines).toContain("16,fees,ค่าธรรมเนียม,Fees,1,ไม่มีค่าธรรมเนียม,No fee");
    expect(lines.filter((l) => l.startsWith("15,documents,")).length).toBe(4);
  });

  it("an unknown or retired service is a 404 page in the user's language; its exports too", async () => {
    const unknown = await get("/services/no-such-service?lang=en");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain("No such service, or the service has been retired");
    expect((await get("/services/..%2F..")).statusCode).toBe(404);
    const admin = await signedInChief(service, service.clock, "retire@demo.go.th");
    expect((await admin.post("/office/services/elderly-allowance/retire")).statusCode).toBe(200);
    const retired = await get("/services/elderly-allowance");
    expect(retired.statusCode).toBe(404);
    expect(retired.body).toContain("ไม่พบบริการนี้ หรือบริการนี้ยกเลิกแล้ว");
    expect(retired.body).not.toContain("/apply");
    expect((await get("/services/elderly-allowance/manual.json")).statusCode).toBe(404);
    expect((await get("/")).body).not.toContain("/services/elderly-allowance");
  });
});
