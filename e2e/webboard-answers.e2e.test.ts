import { describe, expect, it } from "vitest";
import { fixedClock } from "../src/platform/clock.js";
import { askedTopic, unitIdOf } from "../test/answers.js";
import { signedInOfficer } from "../test/office.js";
import { startTestService } from "../test/service.js";
import { publishTestService } from "../test/service-fixture.js";
import { expectUsableOnPhone, HAVE_CHROMIUM, IN_CI, usePhoneBrowser } from "./phone-browser.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)(
  "the officers' webboard answers in a real browser on a phone",
  () => {
    let topicId = "";
    const phone = usePhoneBrowser({
      start: async () => {
        const service = await startTestService("sqlite", { clock });
        const { serviceId } = await publishTestService(service);
        ({ topicId } = await askedTopic(service, {
          at: clock.now(),
          title: "ต่ออายุใบอนุญาตจำหน่ายสินค้าในที่สาธารณะ",
          question: "ต้องยื่นล่วงหน้ากี่วันครับ",
          serviceId,
        }));
        return service;
      },
    });

    it("WB-3: the queue, the answer form and the answer page are accessible on a phone, without JavaScript needed", async () => {
      const { service, context, baseUrl } = phone;
      const permits = await unitIdOf(service.handle, "permits");
      const { client } = await signedInOfficer(
        service.app,
        service.handle,
        clock,
        "demo",
        "ans.e2e@demo.go.th",
        ["reviewer"],
        "",
        [permits],
      );
      await context.addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: baseUrl })));
      const page = await context.newPage();
      await page.goto(`${baseUrl}/office/webboard/answers`);
      expect(await page.locator("h1").textContent()).toBe("คำตอบกระดานสนทนา");
      await expectUsableOnPhone(page, "webboard-answers-queue");
      await page.locator(`a[href$="/office/webboard/topics/${topicId}/answer"]`).click();
      await page.getByLabel("คำตอบ", { exact: true }).waitFor();
      await expectUsableOnPhone(page, "webboard-answer-form");
      await page.getByLabel("คำตอบ", { exact: true }).fill("ยื่นได้ภายใน 30 วันก่อนใบอนุญาตหมดอายุ");
      await page.getByLabel("ระเบียบหรือกฎหมายที่อ้างอิง").fill("ข้อบัญญัติว่าด้วยการจำหน่ายสินค้าในที่สาธารณะ พ.ศ. 2565");
      await page.getByLabel("วันที่ระเบียบมีผลใช้บังคับ").fill("1/10/2565");
      await page.getByLabel("คำตอบนี้ถูกต้อง ณ วันที่").fill("1/12/2569");
      await Promise.all([
        page.waitForURL(/\/office\/webboard\/answers\/[0-9a-f-]{36}$/),
        page.getByRole("button", { name: "บันทึกและส่งขออนุมัติ" }).click(),
      ]);
      expect(await page.getByTestId("answer-status").textContent()).toBe("รออนุมัติ");
      await expectUsableOnPhone(page, "webboard-answer-page");
    });
  },
);
