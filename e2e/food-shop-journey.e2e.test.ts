import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { makePdf, makePng } from "../test/images.js";
import { signedInOfficer } from "../test/office.js";
import { startTestService } from "../test/service.js";
import { startSmtpListener } from "../test/smtp.js";
import {
  blockingAxeViolations,
  HAVE_CHROMIUM,
  IN_CI,
  PHONE_WIDTH,
  usePhoneBrowser,
} from "./phone-browser.js";

const smtp = await startSmtpListener();
afterAll(() => smtp.close());

/** No serious or critical axe finding and no sideways scrolling on a 390 px phone. */
async function expectAccessible(page: Page, name: string) {
  const { blocking, report } = await blockingAxeViolations(page);
  expect(blocking, `axe on ${name}: ${report}`).toEqual([]);
  const width = await page.evaluate<number>("document.documentElement.scrollWidth");
  expect(width, `${name} scrolls sideways`).toBeLessThanOrEqual(PHONE_WIDTH);
}

/*
 * The journey on a phone with JavaScript off, on the demo food-shop service as seeded: found by a
 * Thai query, its manual read, its form filled with a conditional field and a Thai address, documents
 * uploaded (one a low-resolution photo), answers checked, signed with an email code read from the SMTP
 * listener, the receipt seen; then the officer sees the application with its version, documents and
 * signature evidence. Every page is also checked by axe-core in a scripted tab.
 */
describe.skipIf(!HAVE_CHROMIUM && !IN_CI)("the food-shop licence, applied for on a phone", () => {
  const phone = usePhoneBrowser({ start: () => startTestService("sqlite", { smtpUrl: smtp.url }) });

  it("IF-2, FM-1..6, PD-1, WS-1: found in Thai, filled, uploaded, signed with an email code, received; the officer sees it all", async () => {
    const { service, baseUrl } = phone;
    const noJs = await phone.browser.newContext({
      viewport: { width: PHONE_WIDTH, height: 844 },
      isMobile: true,
      javaScriptEnabled: false,
      locale: "th-TH",
    });
    const page = await noJs.newPage();
    const check = await phone.context.newPage();
    const audit = async (name: string) => {
      await check.goto(page.url());
      await expectAccessible(check, name);
    };
    const next = () => page.getByRole("button", { name: "ดำเนินการต่อ" }).click();

    // IF-2: found by a Thai query that shares no exact phrase with its name.
    await page.goto(`${baseUrl}/`);
    await page.getByLabel("ค้นหาบริการ").fill("ใบอนุญาต ร้านอาหาร");
    await page.getByRole("button", { name: "ค้นหา", exact: true }).click();
    await audit("search results");
    await page.locator('main a[href$="/services/food-shop-licence"]').first().click();
    expect(page.url()).toMatch(/\/services\/food-shop-licence$/);
    await expect(page.locator("main").textContent()).resolves.toContain("ค่าธรรมเนียม");
    await audit("service page");

    await page.locator('form[action$="/services/food-shop-licence/apply"] button').click();
    const token = /\/apply\/([\w-]+)\//.exec(page.url())?.[1] ?? "";
    await audit("privacy notice");
    await page.getByRole("button", { name: "รับทราบ และเริ่มกรอกคำขอ" }).click();

    expect(page.url()).toMatch(/\/applicant$/);
    await audit("applicant");
    await page.locator("#f-applicant-name").fill("สมหญิง รักดี");
    await page.locator("#f-applicant-idNumber").fill("1-1017-00230-70-8");
    await page.locator("#f-applicant-email").fill("somying@example.com");
    await next();

    await page.locator("#f-shopName").fill("ครัวสมหญิง");
    await page.locator("#f-areaSqm").fill("250");
    await page.locator("#f-seats").fill("40");
    await next();
    // The conditional field: renting the premises asks for the landlord.
    await page.locator('input[name="premises"][value="rent"]').check();
    await next();
    await page.locator("#f-landlordName").fill("นายเจ้าของ ที่ดิน");
    await audit("conditional field");
    await next();

    await page.locator("#f-shopAddress-houseNumber").fill("12/3");
    await page.locator("#f-shopAddress-province").selectOption("เชียงใหม่");
    await page.locator('button[name="_choose"]').first().click();
    await page.locator("#f-shopAddress-district").selectOption("เมืองเชียงใหม่");
    await page.locator('button[name="_choose"]').nth(1).click();
    await page.locator("#f-shopAddress-subdistrict").selectOption("ศรีภูมิ");
    await page.locator('button[name="_choose"]').nth(2).click();
    await page.locator("#f-shopPhone").fill("053 123 456");
    await next();
    await page.locator("#f-managerName").fill("สมหญิง รักดี");
    await page.locator("#f-managerNationalId").fill("1101700230708");
    await next();
    await page.locator("#f-openingDate-day").fill("15");
    await page.locator("#f-openingDate-month").selectOption("1");
    await page.locator("#f-openingDate-year").fill("2570");
    await page.locator("#f-investment").fill("150,000");
    await next();

    // FM-2..4: the checklist; a phone photo of the ID card at 500 × 315 px is under 300 dpi.
    expect(page.url()).toMatch(/\/documents$/);
    await audit("documents");
    const upload = async (documentId: string, name: string, mimeType: string, buffer: Uint8Array) => {
      const form = page.locator(`form:has(input[name="documentId"][value="${documentId}"])`).last();
      await form.locator('input[type="file"]').setInputFiles({ name, mimeType, buffer: Buffer.from(buffer) });
      await form.getByRole("button", { name: "อัปโหลด" }).click();
    };
    await upload("id-card", "idcard.png", "image/png", makePng(500, 315));
    await upload("premises-proof", "lease.pdf", "application/pdf", await makePdf([{ text: "สัญญาเช่า" }]));
    await upload("site-plan", "plan.pdf", "application/pdf", await makePdf([{ text: "แผนผังร้าน" }]));
    await expect(page.locator('[data-warning="low-resolution"]').count()).resolves.toBe(1);
    await audit("documents with a warning");
    await page.locator("main > form").last().getByRole("button", { name: "ดำเนินการต่อ" }).click();

    expect(page.url()).toMatch(/\/check$/);
    const answers = (await page.locator("main").textContent()) ?? "";
    for (const text of ["ครัวสมหญิง", "นายเจ้าของ ที่ดิน", "ศรีภูมิ", "idcard.png"]) expect(answers).toContain(text);
    await audit("check your answers");
    await page.locator(`form[action$="/apply/${token}/sign"] button`).click();

    // FM-6: a typed name, confirm, and the code the loopback mail server received.
    expect(page.url()).toMatch(/\/sign\??$/);
    await page.getByRole("button", { name: "ส่งรหัส" }).click();
    await service.outbox.drain();
    const code = /\b(\d{6})\b/.exec(smtp.messages.at(-1)?.text ?? "")?.[1] ?? "";
    expect(code).toMatch(/^\d{6}$/);
    await audit("sign");
    await page.locator("#f-signature-name").fill("สมหญิง รักดี");
    await page.locator("#f-signature-code").fill(code);
    await page.locator("#f-signature-confirmed").check();
    await page.getByRole("button", { name: "ลงนามและยื่นคำขอ" }).click();
    expect(page.url()).toMatch(/\/requests\/\d+\/\d+\?t=/);
    const receipt = (await page.locator("main").textContent()) ?? "";
    const number = /\d+\/25\d\d/.exec(receipt)?.[0];
    expect(number, receipt).toBeDefined();
    await audit("receipt");
    await noJs.close();

    const application = await service.handle.db
      .selectFrom("applications")
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(JSON.parse(application.form_data)).toMatchObject({
      premises: "rent",
      landlordName: "นายเจ้าของ ที่ดิน",
    });
    expect(application.privacy_notice_version).toMatch(/^1-/);
    const { client } = await signedInOfficer(
      service.app,
      service.handle,
      service.clock,
      "demo",
      "officer@demo.go.th",
      ["saraban_officer"],
    );
    const entryPage = await client.get(`/office/entries/${application.entry_id}`);
    for (const text of [
      "ฉบับที่ 1",
      'data-warning="low-resolution"',
      "idcard.png",
      application.signed_sha256 ?? "?",
    ])
      expect(entryPage.body).toContain(text);
    // The draft's link is spent: the same pages now answer 404.
    expect((await service.app.inject({ url: `/apply/${token}/check` })).statusCode).toBe(404);
  }, 120_000);
});
