import { describe, expect, it } from "vitest";
import { findDraftByToken, updateDraft } from "../src/forms/drafts.repo.js";
import { publishTestService, TEST_SERVICE } from "../test/service-fixture.js";
import { THAI_FORM } from "../test/thai-form-fixture.js";
import { expectUsableOnPhone, HAVE_CHROMIUM, IN_CI, PHONE_WIDTH, usePhoneBrowser } from "./phone-browser.js";

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)("applying for a service on a phone", () => {
  const phone = usePhoneBrowser();

  it("FM-1, PD-1, WS-2: privacy notice, question pages with errors, a Thai address without JavaScript, check your answers — each page axe-clean", async () => {
    const { service, context, baseUrl } = phone;
    await publishTestService(service, {
      ...TEST_SERVICE,
      code: "thai-shop",
      form: THAI_FORM,
      licence: undefined,
    });
    // JavaScript off: every step must work as plain HTML forms.
    const noJs = await phone.browser.newContext({
      viewport: { width: PHONE_WIDTH, height: 844 },
      isMobile: true,
      javaScriptEnabled: false,
      locale: "th-TH",
    });
    const page = await noJs.newPage();
    const check = await context.newPage(); // axe needs script: each page is checked again in a normal tab
    const audit = async (name: string) => {
      await check.goto(page.url());
      await expectUsableOnPhone(check, name);
    };

    await page.goto(`${baseUrl}/services/thai-shop`);
    await page.locator('form[action$="/services/thai-shop/apply"] button').click();
    expect(page.url()).toMatch(/\/apply\/[\w-]+\/privacy$/);
    const token = /\/apply\/([\w-]+)\//.exec(page.url())?.[1] ?? "";
    await expect(page.locator("h1").textContent()).resolves.toContain("ประกาศความเป็นส่วนตัว");
    await audit("privacy");
    await page.getByRole("button", { name: "รับทราบ และเริ่มกรอกคำขอ" }).click();

    const draft = await findDraftByToken(service.handle.db, "demo", token, service.clock.now());
    if (!draft) throw new Error("no draft");
    await updateDraft(
      service.handle.db,
      draft.id,
      { applicant: { type: "person", name: "สมชาย ใจดี", idNumber: "1101700207129" } },
      service.clock.now(),
    );

    await page.goto(`${baseUrl}/apply/${token}/q/owner`);
    await audit("question");
    await page.getByLabel("เลขประจำตัวประชาชน", { exact: false }).first().fill("1-1017-00207-12-8");
    await page.getByRole("button", { name: "ดำเนินการต่อ" }).click();
    await expect(page.locator("#error-summary").textContent()).resolves.toContain(
      "กรุณากรอกเลขประจำตัวประชาชน 13 หลักให้ถูกต้อง",
    );
    await expectUsableOnPhone(
      await (async () => {
        // The error state comes from a POST: audit it by posting the same in the scripted tab.
        await check.goto(`${baseUrl}/apply/${token}/q/owner`);
        await check.locator("#f-ownerId").fill("1-1017-00207-12-8");
        await check.locator("#f-bornOn-day").fill("31");
        await check.locator("#f-bornOn-month").selectOption("2");
        await check.locator("#f-bornOn-year").fill("2567");
        await check.getByRole("button", { name: "ดำเนินการต่อ" }).click();
        return check;
      })(),
      "question with errors",
    );
    await page.locator("#f-ownerId").fill("1-1017-00207-12-9");
    await page.locator("#f-phone").fill("081 234 5678");
    await page.getByRole("button", { name: "ดำเนินการต่อ" }).click();
    expect(page.url()).toMatch(/\/q\/place$/);
    await audit("address");

    await page.locator("#f-address-houseNumber").fill("99/1");
    await page.locator("#f-address-province").selectOption("เชียงใหม่");
    await page.locator('button[name="_choose"]').first().click();
    await page.locator("#f-address-district").selectOption("เมืองเชียงใหม่");
    await page.locator('button[name="_choose"]').nth(1).click();
    await page.locator("#f-address-subdistrict").selectOption("ศรีภูมิ");
    await page.locator('button[name="_choose"]').nth(2).click();
    await expect(page.locator("#f-address-postcode").inputValue()).resolves.toBe("50200");
    await expect(page.locator("#f-address-houseNumber").inputValue()).resolves.toBe("99/1");
    await page.getByRole("button", { name: "ดำเนินการต่อ" }).click();
    expect(page.url()).toMatch(/\/q\/business$/);

    await page.locator("#f-fee").fill("1,500");
    await page.getByRole("button", { name: "ดำเนินการต่อ" }).click();
    await page.goto(`${baseUrl}/apply/${token}/check`);
    const summary = (await page.locator("main").textContent()) ?? "";
    expect(summary).toContain("1-1017-00207-12-9");
    expect(summary).toContain("ตำบลศรีภูมิ อำเภอเมืองเชียงใหม่ จังหวัดเชียงใหม่ 50200");
    await audit("check");

    await page.locator("#save-email").fill("somchai@example.com");
    await page.getByRole("button", { name: "ส่งลิงก์ให้ฉันทางอีเมล" }).click();
    await expect(page.locator("h1").textContent()).resolves.toContain("บันทึกคำขอไว้แล้ว");
    await noJs.close();
  }, 90_000);
});
