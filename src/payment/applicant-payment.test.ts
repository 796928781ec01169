import { createRequire } from "node:module";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { matterAwaitingPayment } from "../../test/payment.js";
import { HAVE_PDFTOTEXT, normaliseThai, pdfText } from "../../test/pdf-text.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { readBillPayment } from "./thai-qr.js";

// jsqr's typings name a default export its CommonJS build does not have under NodeNext.
const jsQR = createRequire(import.meta.url)("jsqr") as typeof import("jsqr").default;

// Monday 7 December 2026, 10:00 Bangkok: the notice is due 15 calendar days later (BE 2569).
const clock = fixedClock("2026-12-07T03:00:00.000Z");

describe.each(testDialects())("the applicant's payment page on %s", (dialect) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  const path = (a: { beYear: number; sequence: number }) => `/requests/${a.beYear}/${a.sequence}/payment`;

  it("PY-1: lists the notice with its QR, Ref1, amount in words and deadline in BE", async () => {
    const { application, notice } = await matterAwaitingPayment(service, clock);
    const res = await service.app.inject({ url: `${path(application)}?t=${application.token}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(notice.ref1);
    expect(res.body).toContain("หนึ่งร้อยบาทถ้วน");
    expect(res.body).toContain("100.00 บาท");
    expect(res.body).toContain("2569"); // 22 December 2569 BE
    expect(res.body).toContain("ธันวาคม");
    expect(res.body).toMatch(/data-testid="state">รอชำระ/);
    expect(res.body).toContain(`${path(application)}/${notice.id}/qr.png?t=${application.token}`);
    expect(res.body).toMatch(new RegExp(`alt="[^"]*${notice.ref1}[^"]*100\\.00`));
    expect(res.body).toContain('data-testid="comp-code">99999');
  });

  it("PY-1: the QR image decodes to the notice's bill payment (Biller ID, Ref1, amount)", async () => {
    const { application, notice } = await matterAwaitingPayment(service, clock);
    const res = await service.app.inject({
      url: `${path(application)}/${notice.id}/qr.png?t=${application.token}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("image/png");
    const png = PNG.sync.read(res.rawPayload);
    const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(code && readBillPayment(code.data)).toEqual({
      billerId: "099999999999990",
      ref1: notice.ref1,
      amountSatang: 10_000,
    });
  });

  it.skipIf(!HAVE_PDFTOTEXT)(
    "PY-1: the PDF notice carries Ref1, the amount in words and the QR",
    async () => {
      const { application, notice } = await matterAwaitingPayment(service, clock);
      const res = await service.app.inject({
        url: `${path(application)}/${notice.id}.pdf?t=${application.token}`,
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("application/pdf");
      const text = normaliseThai(pdfText(res.rawPayload));
      expect(text).toContain(notice.ref1);
      expect(text).toContain(normaliseThai("หนึ่งร้อยบาทถ้วน"));
      expect(text).toContain("99999");
      expect(res.rawPayload.toString("latin1")).toContain("/Subtype /Image");
    },
  );

  it("PY-1: another token, another matter's notice or an unknown notice is not found", async () => {
    const { application, notice } = await matterAwaitingPayment(service, clock);
    const other = await matterAwaitingPayment(service, clock);
    const wrongToken = await service.app.inject({ url: `${path(application)}?t=${other.application.token}` });
    expect(wrongToken.statusCode).toBe(404);
    const noToken = await service.app.inject({ url: `${path(application)}/${notice.id}.pdf` });
    expect(noToken.statusCode).toBe(404);
    const othersNotice = await service.app.inject({
      url: `${path(application)}/${other.notice.id}/qr.png?t=${application.token}`,
    });
    expect(othersNotice.statusCode).toBe(404);
    const unknown = await service.app.inject({
      url: `${path(application)}/no-such-notice.pdf?t=${application.token}`,
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code ?? unknown.body).toContain("PAYMENT_NOTICE_NOT_FOUND");
  });
});
