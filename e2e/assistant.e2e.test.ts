import { describe, expect, it } from "vitest";
import { publishFaqEntry } from "../src/faq/index.js";
import { fixedClock } from "../src/platform/clock.js";
import { startTestService } from "../test/service.js";
import { expectUsableOnPhone, HAVE_CHROMIUM, IN_CI, usePhoneBrowser } from "./phone-browser.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)("the FAQ assistant in a real browser on a phone", () => {
  const phone = usePhoneBrowser({
    start: async () => {
      const service = await startTestService("sqlite", { clock });
      await publishFaqEntry(service, {
        agencyId: "demo",
        serviceId: null,
        question: "รถเก็บขนมูลฝอยเข้าเก็บในชุมชนวันใด",
        answer: "ทุกวันอังคาร พฤหัสบดี และเสาร์ ช่วงเช้า",
        source: "officer",
        sourceId: null,
        actor: "staff:test",
      });
      return service;
    },
  });

  it("IF-4, WS-1: asking, the answer with its source, and the hand-over are accessible on a phone", async () => {
    const { context, baseUrl } = phone;
    const page = await context.newPage();
    await page.goto(`${baseUrl}/assistant`);
    expect(await page.locator("h1").textContent()).toBe("ผู้ช่วยตอบคำถาม");
    await page.getByLabel("คำถามของท่าน").fill("รถขยะมาเก็บวันไหน");
    await page.getByRole("button", { name: "ถาม" }).click();
    await page.waitForURL(/q=/);
    expect(await page.locator("[data-answer]").textContent()).toContain("ทุกวันอังคาร");
    expect(await page.locator("li[data-source=faq] a").count()).toBe(1);
    await expectUsableOnPhone(page, "assistant-answer");
    await page.getByLabel("คำถามของท่าน").fill("ต่ออายุใบขับขี่ได้ที่ไหน");
    await page.getByRole("button", { name: "ถาม" }).click();
    await page.waitForSelector("[data-unknown]");
    await expectUsableOnPhone(page, "assistant-unknown");
    await page.locator("[data-hand-over]").click();
    await page.waitForURL(/\/requests\?/);
    expect(await page.locator("#subject").inputValue()).toBe("ต่ออายุใบขับขี่ได้ที่ไหน");
  });
});
