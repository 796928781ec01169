import { describe, expect, it } from "vitest";
import { findAgency, saveAgency } from "../src/agencies/index.js";
import { recordLicenceAction, verificationUrl } from "../src/licensing/index.js";
import { fixedClock } from "../src/platform/clock.js";
import { withTransaction } from "../src/platform/db/database.js";
import { issuedLicence, LICENSING_OFFICER } from "../test/licensing.js";
import { startTestService } from "../test/service.js";
import { publishTestService } from "../test/service-fixture.js";
import { expectUsableOnPhone, HAVE_CHROMIUM, IN_CI, usePhoneBrowser } from "./phone-browser.js";

// Monday 7 December 2026, 10:00 Bangkok (BE 2569).
const clock = fixedClock("2026-12-07T03:00:00.000Z");

/*
 * Issue #15's check on a phone (LC-3): a licence's QR link opened without login on the agency's own
 * host, its status in Thai and English, a revocation showing at once, the 404 and the form; axe clean.
 */
describe.skipIf(!HAVE_CHROMIUM && !IN_CI)("licence verification on a phone", () => {
  const phone = usePhoneBrowser({ start: () => startTestService("sqlite", { clock }) });

  it("LC-3: the QR link shows the licence and its current status; a revocation shows at once", async () => {
    const { service, baseUrl } = phone;
    await publishTestService(service);
    // The agency's own origin is where the browser reaches it, so the page names this host as genuine.
    const agency = await findAgency(service.handle.db, "demo");
    await withTransaction(service.handle, (trx) =>
      saveAgency(trx, { ...agency!, licenceOrigin: baseUrl }, clock.now().toISOString()),
    );
    const { licence } = await issuedLicence(service, clock);
    const link = verificationUrl(baseUrl, licence);
    expect(new URL(link).origin).toBe(baseUrl);
    // The agency resolver keeps agencies 5 s: wait for it to read the new origin.
    await new Promise((resolve) => setTimeout(resolve, 5_200));

    const page = await phone.context.newPage();
    await page.goto(link);
    await expect(page.getByTestId("status").getAttribute("data-status")).resolves.toBe("valid");
    await expect(page.getByTestId("licence-number").textContent()).resolves.toBe(licence.number);
    await expect(page.getByTestId("genuine-host").textContent()).resolves.toContain("127.0.0.1");
    await expect(page.getByTestId("wrong-host").count()).resolves.toBe(0);
    await expectUsableOnPhone(page, "verify-licence");

    await withTransaction(service.handle, (trx) =>
      recordLicenceAction(trx, {
        agencyId: "demo",
        licenceId: licence.id,
        action: "revoke",
        reason: "ฝ่าฝืนเงื่อนไขการอนุญาต",
        actor: LICENSING_OFFICER,
        at: clock.now(),
      }),
    );
    await page.reload();
    await expect(page.getByTestId("status").getAttribute("data-status")).resolves.toBe("revoked");
    await expect(page.getByTestId("status-reason").textContent()).resolves.toBe("ฝ่าฝืนเงื่อนไขการอนุญาต");
    await expectUsableOnPhone(page, "verify-licence-revoked");

    // A wrong code: the one 404 page, with the form to type the number and code in.
    const wrong = await page.goto(`${baseUrl}/verify/${encodeURIComponent(licence.number)}?c=000000000000`);
    expect(wrong?.status()).toBe(404);
    await expectUsableOnPhone(page, "verify-licence-not-found");
    await page.getByLabel("เลขที่ใบอนุญาต").fill(licence.number);
    await page.getByLabel("รหัสตรวจสอบ").fill(licence.verificationCode.toLowerCase());
    await Promise.all([page.waitForNavigation(), page.getByTestId("verify-form").locator("button").click()]);
    expect(new URL(page.url()).searchParams.get("c")).toBe(licence.verificationCode);
    await expect(page.getByTestId("status").getAttribute("data-status")).resolves.toBe("revoked");
  }, 120_000);
});
