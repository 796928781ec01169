import jsQRModule from "jsqr";
import type { Page } from "playwright-core";
import { PNG } from "pngjs";
import { afterAll, describe, expect, it } from "vitest";
import { readBillPayment, sweepPayments } from "../src/payment/index.js";
import { fixedClock } from "../src/platform/clock.js";
import { findMatter } from "../src/register/index.js";
import { signedInOfficer, stepUp } from "../test/office.js";
import { matterAwaitingPayment } from "../test/payment.js";
import { startTestService } from "../test/service.js";
import { publishTestService } from "../test/service-fixture.js";
import { slipPayload, slipPng } from "../test/slips.js";
import { startSmtpListener } from "../test/smtp.js";
import { statementCsv } from "../test/statements.js";
import { expectUsableOnPhone, HAVE_CHROMIUM, IN_CI, usePhoneBrowser } from "./phone-browser.js";

// jsqr is CommonJS typed as an ES default export: the callable sits on `default`.
type JsQr = typeof jsQRModule.default;
const jsQR: JsQr = (jsQRModule as unknown as { default?: JsQr }).default ?? (jsQRModule as unknown as JsQr);

const smtp = await startSmtpListener();
afterAll(() => smtp.close());

// Monday 7 December 2026, 10:00 Bangkok (BE 2569, fiscal year 2570).
const clock = fixedClock("2026-12-07T03:00:00.000Z");
const APPLICANT = "payer@example.com";

/*
 * Issue #14's journey on a phone: an approved application's notice with its Thai QR, a slip sent from
 * the payment page, the finance officer importing the bank statement that reconciles it and deciding
 * the slip, the application paid, and one signed e-receipt mailed to the applicant.
 */
describe.skipIf(!HAVE_CHROMIUM && !IN_CI)("payment: Thai QR, slip, statement, e-receipt", () => {
  const phone = usePhoneBrowser({ start: () => startTestService("sqlite", { clock, smtpUrl: smtp.url }) });

  /** Submits the first form matching `form` by its button and waits for the page it leads to. */
  async function submit(page: Page, form: string) {
    await Promise.all([
      page.waitForNavigation({ waitUntil: "load" }),
      page.locator(form).first().locator('button[type="submit"]').first().click(),
    ]);
  }

  it("PY-1, PY-2, PY-3, PY-4, PY-5, TR-2: the notice's QR pays the fee; the slip and the statement reconcile it once; one e-receipt arrives", async () => {
    const { service } = phone;
    await publishTestService(service);
    const { application, notice } = await matterAwaitingPayment(service, clock, { email: APPLICANT });
    const tracking = `${phone.baseUrl}/requests/${application.beYear}/${application.sequence}?t=${application.token}`;

    // PY-1: the tracking page leads to the notice: Ref1, the amount in words, the deadline, the QR.
    const applicant = await phone.context.newPage();
    await applicant.goto(tracking);
    await Promise.all([applicant.waitForNavigation(), applicant.getByTestId("payment-link").click()]);
    await expect(applicant.getByTestId("ref1").textContent()).resolves.toBe(notice.ref1);
    await expect(applicant.getByTestId("amount-words").textContent()).resolves.toBe("หนึ่งร้อยบาทถ้วน");
    await expectUsableOnPhone(applicant, "payment-notice");
    // PY-4: the QR the page shows is a bill payment of this notice, read back from its pixels.
    const qrSrc = await applicant.getByTestId("qr").getAttribute("src");
    const png = PNG.sync.read(
      await (await applicant.request.get(new URL(qrSrc!, applicant.url()).href)).body(),
    );
    const payload = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? "";
    expect(readBillPayment(payload)).toMatchObject({ billerId: "099999999999990", ref1: notice.ref1 });

    // PY-2: the slip, sent from the same page; its QR carries the bank's own reference.
    await applicant.locator("#slip-file").setInputFiles({
      name: "slip.png",
      mimeType: "image/png",
      buffer: await slipPng(slipPayload("004", "BANKREF0001")),
    });
    await submit(applicant, 'form[action*="/payment/slips"]');
    const slips = await service.handle.db.selectFrom("payment_slips").selectAll().execute();
    expect(slips.map((s) => [s.state, s.bank_reference])).toEqual([["pending", "BANKREF0001"]]);

    // PY-3: the finance officer imports the day's statement (first import: the mapping is confirmed).
    const { client: finance } = await signedInOfficer(
      service.app,
      service.handle,
      clock,
      "demo",
      "fin@demo.go.th",
      ["finance_officer"],
    );
    await stepUp(finance, clock);
    const office = await phone.browser.newContext({ viewport: { width: 390, height: 844 } });
    await office.addCookies(
      [...finance.cookies].map(([name, value]) => ({ name, value, url: phone.baseUrl })),
    );
    const desk = await office.newPage();
    await desk.goto(`${phone.baseUrl}/office/finance/statements`);
    await desk.locator("#st-file").setInputFiles({
      name: "statement.csv",
      mimeType: "text/csv",
      buffer: statementCsv(
        [
          {
            date: "07/12/2569",
            time: "10:30",
            amount: "100.00",
            ref1: notice.ref1,
            bankReference: "BANKREF0001",
          },
        ],
        "windows-874",
      ),
    });
    await submit(desk, 'form[action$="/office/finance/statements"]');
    await expectUsableOnPhone(desk, "statement-mapping");
    await submit(desk, 'form[action$="/office/finance/statements/mapping"]');
    expect((await findMatter(service.handle.db, "demo", application.matterId))?.status).toBe("paid");

    // PY-2: the slip's bank reference is on the statement; confirming it links, never pays twice.
    await desk.goto(`${phone.baseUrl}/office/finance/slips`);
    await expectUsableOnPhone(desk, "finance-slips");
    await expect(desk.locator("main").textContent()).resolves.toContain(
      "มีรายการเดินบัญชีที่เลขอ้างอิงธนาคารตรงกันแล้ว",
    );
    await submit(desk, 'form[action$="/confirm"]');
    const payments = await service.handle.db.selectFrom("payments").selectAll().execute();
    expect(payments.map((p) => [p.notice_id, p.source])).toEqual([[notice.id, "statement"]]);
    const slip = await service.handle.db.selectFrom("payment_slips").selectAll().executeTakeFirstOrThrow();
    expect([slip.state, slip.payment_id]).toEqual(["confirmed", payments[0]!.id]);

    // PY-5, TR-2: one signed e-receipt, mailed once however often the workers pass.
    for (let pass = 0; pass < 2; pass++) {
      await sweepPayments(service.payment, clock.now());
      await service.outbox.drain();
    }
    const receipts = await service.handle.db.selectFrom("e_receipts").selectAll().execute();
    expect(receipts.map((r) => [r.status, r.receipt_number])).toEqual([["issued", "2570-000001"]]);
    const mailed = smtp.messages.filter(
      (m) =>
        m.attachments.some((a) => a.contentType === "application/pdf") &&
        m.to &&
        JSON.stringify(m.to).includes(APPLICANT),
    );
    expect(mailed).toHaveLength(1);
    await applicant.reload();
    await expect(applicant.locator("main").textContent()).resolves.toContain("2570-000001");
    await expectUsableOnPhone(applicant, "payment-paid");
  });
});
