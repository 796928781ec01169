import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { findAgency, saveAgency } from "../src/agencies/index.js";
import { sweepDeliveries } from "../src/delivery/index.js";
import { listMatterLicences, sweepLicences } from "../src/licensing/index.js";
import { fixedClock } from "../src/platform/clock.js";
import { withTransaction } from "../src/platform/db/database.js";
import { verifyPdfSignatures } from "../src/platform/pdf/index.js";
import { findMatter } from "../src/register/index.js";
import { unitOfficer } from "../test/casework.js";
import { testDocumentSigner } from "../test/document-signer.js";
import { decodeQr, pagePngs } from "../test/licence-pages.js";
import { paidMatter } from "../test/licensing.js";
import { stepUp } from "../test/office.js";
import { matterAwaitingPayment } from "../test/payment.js";
import { startTestService } from "../test/service.js";
import { publishTestService, TEST_SERVICE } from "../test/service-fixture.js";
import { startSmtpListener } from "../test/smtp.js";
import { expectUsableOnPhone, HAVE_CHROMIUM, IN_CI, usePhoneBrowser } from "./phone-browser.js";

const smtp = await startSmtpListener();
afterAll(() => smtp.close());

// Monday 7 December 2026, 10:00 Bangkok (BE 2569).
const clock = fixedClock("2026-12-07T03:00:00.000Z");
const APPLICANT = "licensee@example.com";
/** The test service, its licence issued by Borikan once paid, as the demo food shop's is. */
const AUTOMATIC = { ...TEST_SERVICE, licence: { ...TEST_SERVICE.licence!, issue: "automatic" as const } };

/*
 * Issue #15's journey: a paid application's licence issued and signed by the worker, mailed to the
 * applicant with the PDF attached, opened from the tracking page on a phone, its QR leading to the
 * agency's own host without login, listed in the public register, then revoked by an officer with
 * immediate effect on both.
 */
describe.skipIf(!HAVE_CHROMIUM && !IN_CI)("licence: issued, delivered, verified, registered, revoked", () => {
  const phone = usePhoneBrowser({ start: () => startTestService("sqlite", { clock, smtpUrl: smtp.url }) });

  async function submit(page: Page, form: string) {
    await Promise.all([
      page.waitForNavigation({ waitUntil: "load" }),
      page.locator(form).first().locator('button[type="submit"]').first().click(),
    ]);
  }

  it("LC-1, LC-2, LC-3, DL-1, DL-2, PR-1: the licence reaches the applicant signed, verifies by its QR and is revoked at once", async () => {
    const { service, baseUrl } = phone;
    await publishTestService(service, AUTOMATIC);
    const signer = testDocumentSigner();
    service.licensing.documentSigner = signer;
    // LC-3: the agency's own origin is where this browser reaches it.
    const agency = await findAgency(service.handle.db, "demo");
    await withTransaction(service.handle, (trx) =>
      saveAgency(trx, { ...agency!, licenceOrigin: baseUrl }, clock.now().toISOString()),
    );
    const { application, notice } = await matterAwaitingPayment(service, clock, { email: APPLICANT });
    await paidMatter(service, clock, notice);

    // LC-1, LC-2: the worker issues and signs it; DL-1, DL-2: it is mailed once, the PDF attached.
    for (let pass = 0; pass < 2; pass++) {
      await sweepLicences(service.licensing, clock.now());
      await sweepDeliveries(service.delivery, clock.now());
      await service.outbox.drain();
    }
    const [licence] = await listMatterLicences(service.handle.db, application.matterId);
    expect(licence?.status).toBe("issued");
    const mailed = smtp.messages.filter(
      (m) =>
        JSON.stringify(m.to).includes(APPLICANT) &&
        m.attachments.some((a) => a.contentType === "application/pdf"),
    );
    expect(mailed).toHaveLength(1);
    const pdf = mailed[0]!.attachments.find((a) => a.contentType === "application/pdf")!.content as Buffer;
    const report = await verifyPdfSignatures(pdf, { trustedRoots: [signer.root.pem] });
    if (report.verifier === "unavailable") throw new Error(report.reason);
    expect(report.outcome === "signed" && report.signatures[0]?.integrity).toBe("valid");
    expect((await findMatter(service.handle.db, "demo", application.matterId))?.status).toBe("delivered");

    // LC-3: the QR printed on the licence leads to the agency's own host, with the stored code.
    const link = decodeQr(pagePngs(pdf, 150)[0]!);
    expect(new URL(link!).origin).toBe(baseUrl);
    expect(new URL(link!).searchParams.get("c")).toBe(licence!.verificationCode);

    // The applicant, on a phone: the tracking page leads to the licence and its download.
    const applicant = await phone.context.newPage();
    await applicant.goto(
      `${baseUrl}/requests/${application.beYear}/${application.sequence}?t=${application.token}`,
    );
    await Promise.all([applicant.waitForNavigation(), applicant.getByTestId("licence-link").click()]);
    await expect(applicant.getByTestId("licence-number").textContent()).resolves.toBe(licence!.number);
    await expectUsableOnPhone(applicant, "applicant-licence");

    // The agency resolver keeps agencies 5 s: the new origin is read after that.
    await new Promise((resolve) => setTimeout(resolve, 5_200));
    // LC-3: anyone opens the QR's link without signing in.
    const reader = await phone.browser.newContext({ viewport: { width: 390, height: 844 } });
    const verify = await reader.newPage();
    await verify.goto(link!);
    await expect(verify.getByTestId("status").getAttribute("data-status")).resolves.toBe("valid");
    await expectUsableOnPhone(verify, "licence-journey-verify");
    // PR-1: the public register lists it.
    const register = await reader.newPage();
    await register.goto(`${baseUrl}/licences`);
    await expect(register.locator("main").textContent()).resolves.toContain(licence!.number);

    // An approver revokes it on the officers' licence page (fresh step-up) …
    // An approver of the unit the matter was routed to (casework's scope).
    const { client } = await unitOfficer(service, clock, "approver@demo.go.th", ["approver"]);
    await stepUp(client, clock);
    const office = await phone.browser.newContext({ viewport: { width: 390, height: 844 } });
    await office.addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: baseUrl })));
    const desk = await office.newPage();
    await desk.goto(`${baseUrl}/office/licences/${licence!.id}`);
    await expectUsableOnPhone(desk, "office-licence");
    await desk.locator("#revoke-reason").fill("ฝ่าฝืนเงื่อนไขการอนุญาต");
    await submit(desk, 'form[action$="/revoke"]');
    await expect(desk.getByTestId("licence-status").textContent()).resolves.toContain("ฝ่าฝืนเงื่อนไขการอนุญาต");

    // … and the verification page and the register say so at once.
    await verify.reload();
    await expect(verify.getByTestId("status").getAttribute("data-status")).resolves.toBe("revoked");
    await register.reload();
    await expect(register.locator("main").textContent()).resolves.toMatch(/เพิกถอน/);
    await Promise.all([reader.close(), office.close()]);
  }, 180_000);
});
