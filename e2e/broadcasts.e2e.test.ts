import { afterAll, describe, expect, it } from "vitest";
import { fixedClock } from "../src/platform/clock.js";
import { type FakeLine, startFakeLine } from "../test/line-server.js";
import { connectLine, lineEnv } from "../test/line-webhook.js";
import { type OfficeClient, signedInOfficer, stepUp } from "../test/office.js";
import { startTestService } from "../test/service.js";
import { expectUsableOnPhone, HAVE_CHROMIUM, IN_CI, usePhoneBrowser } from "./phone-browser.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)("LINE broadcasts in a real browser on a phone", () => {
  let writer: OfficeClient;
  let chief: OfficeClient;
  let line: FakeLine;
  const phone = usePhoneBrowser({
    start: async () => {
      line = await startFakeLine();
      const service = await startTestService("sqlite", { clock, env: lineEnv(line) });
      await connectLine(service, line, clock.now());
      const roles = ["saraban_officer"];
      writer = (await signedInOfficer(service.app, service.handle, clock, "demo", "w.b@demo.go.th", roles))
        .client;
      chief = (
        await signedInOfficer(service.app, service.handle, clock, "demo", "c.b@demo.go.th", ["supervisor"])
      ).client;
      await stepUp(chief, clock);
      return service;
    },
  });
  afterAll(async () => {
    await line?.close();
  });

  it("CH-10, WS-1: drafting, approving and sending a broadcast work without script and pass axe on a phone", async () => {
    const { browser, baseUrl } = phone;
    const asWriter = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await asWriter.addCookies([...writer.cookies].map(([name, value]) => ({ name, value, url: baseUrl })));
    const page = await asWriter.newPage();
    await page.goto(`${baseUrl}/office/broadcasts`);
    expect(await page.locator("h1").textContent()).toBe("ข้อความบรอดแคสต์ทาง LINE");
    expect(await page.getByTestId("broadcast-reach").textContent()).toBe("10");
    await expectUsableOnPhone(page, "broadcasts");
    await page.getByRole("link", { name: "ร่างข้อความบรอดแคสต์" }).click();
    await expectUsableOnPhone(page, "broadcast-new");
    await page.getByLabel("เรื่อง (สำหรับเจ้าหน้าที่ ไม่ส่งออกไป)").fill("ปิดปรับปรุงระบบ");
    await page.getByLabel("ข้อความภาษาไทย").fill("ระบบจะปิดปรับปรุงวันเสาร์ 12 ธันวาคม 2569");
    await page.getByRole("button", { name: "บันทึกร่าง" }).click();
    await page.waitForURL(/\/office\/broadcasts\/[0-9a-f-]{36}$/);
    const url = page.url();
    expect(await page.getByRole("button", { name: "ส่งทาง LINE ตอนนี้" }).count()).toBe(0);
    await page.getByRole("button", { name: "ส่งขออนุมัติ" }).click();
    expect(await page.getByTestId("broadcast-status").textContent()).toBe("รออนุมัติ");
    await expectUsableOnPhone(page, "broadcast-page");

    const asChief = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await asChief.addCookies([...chief.cookies].map(([name, value]) => ({ name, value, url: baseUrl })));
    const chiefPage = await asChief.newPage();
    await chiefPage.goto(url);
    await chiefPage.getByRole("button", { name: "อนุมัติข้อความนี้" }).click();
    expect(await chiefPage.getByTestId("broadcast-status").textContent()).toBe("อนุมัติแล้ว รอส่ง");
    await expectUsableOnPhone(chiefPage, "broadcast-approved");

    await page.goto(url);
    await page.getByRole("button", { name: "ส่งทาง LINE ตอนนี้" }).click();
    expect(await page.getByTestId("broadcast-status").textContent()).toBe("ส่งแล้ว");
    expect(line.broadcasts.map((b) => b.messages[0]?.text)).toEqual(["ระบบจะปิดปรับปรุงวันเสาร์ 12 ธันวาคม 2569"]);
    await expectUsableOnPhone(page, "broadcast-sent");
    await asWriter.close();
    await asChief.close();
  }, 120_000);
});
