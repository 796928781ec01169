import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixedClock } from "../src/platform/clock.js";
import { loadOrCreateSecret } from "../src/platform/secret.js";
import { recordAction } from "../src/register/index.js";
import { ratingToken } from "../src/satisfaction/index.js";
import { routeMatter, unitOfficer } from "../test/casework.js";
import { submitRequest } from "../test/factories.js";
import { startTestService } from "../test/service.js";
import {
  ARTIFACTS,
  blockingAxeViolations,
  HAVE_CHROMIUM,
  IN_CI,
  PHONE_WIDTH,
  usePhoneBrowser,
} from "./phone-browser.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");

/*
 * TR-3 on a phone: the rating link of a closed matter opens a form that works with JavaScript off (radio
 * buttons, comment, one button), and both it and the thanks page pass axe-core and fit the screen.
 */
describe.skipIf(!HAVE_CHROMIUM && !IN_CI)("the rating page in a real browser on a phone", () => {
  let token = "";
  const phone = usePhoneBrowser({
    start: async () => {
      const service = await startTestService("sqlite", { clock });
      const { staff } = await unitOfficer(service, clock, "e2e.rater@demo.go.th", ["reviewer"]);
      const { entryId } = await submitRequest(service, {
        name: "สมหญิง รักดี",
        email: "rate.e2e@example.com",
        subject: "ขอทราบขั้นตอน",
        confirmed: true,
      });
      const { matter_id } = await service.handle.db
        .selectFrom("entries")
        .select("matter_id")
        .where("id", "=", entryId)
        .executeTakeFirstOrThrow();
      await routeMatter(service, clock, matter_id);
      for (const action of ["answer", "close"] as const)
        await recordAction(service.handle, {
          agencyId: "demo",
          subject: { matterId: matter_id },
          action,
          payload: {},
          actor: { kind: "staff", staffId: staff.id, roles: ["reviewer"] },
          at: clock.now(),
        });
      token = ratingToken(loadOrCreateSecret(service.dataDir), matter_id, clock.now());
      return service;
    },
  });

  it("TR-3: the rating form and the thanks page work without JavaScript and pass axe on a phone", async () => {
    const { browser, context, baseUrl } = phone;
    const noJs = await browser.newContext({
      viewport: { width: PHONE_WIDTH, height: 844 },
      isMobile: true,
      javaScriptEnabled: false,
      locale: "th-TH",
    });
    const page = await noJs.newPage();
    const check = await context.newPage(); // axe needs script: each page is checked again in a normal tab
    const audit = async (name: string) => {
      await check.goto(page.url());
      const found = await blockingAxeViolations(check);
      expect(found.blocking, `axe on ${name}: ${found.report}`).toEqual([]);
      expect(await check.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(
        PHONE_WIDTH,
      );
      await check.screenshot({
        path: path.join(ARTIFACTS, `satisfaction-${name}-phone.png`),
        fullPage: true,
      });
    };

    await page.goto(`${baseUrl}/a/demo/rate/${token}`);
    expect(await page.locator("h1").textContent()).toContain("ประเมินความพึงพอใจ");
    await audit("form");
    await page.getByLabel(/4 – พอใจ \//).check();
    await page.getByLabel(/ความคิดเห็น/).fill("เจ้าหน้าที่ตอบเร็ว");
    await page.getByRole("button", { name: "ส่งคะแนน" }).click();
    await page.locator('[data-rated="now"]').waitFor();
    await audit("thanks");
    await noJs.close();
    await check.close();
  }, 90_000);
});
