import type { FastifyRequest } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { makePdf } from "../../test/images.js";
import { multipartBody } from "../../test/multipart.js";
import { type OfficeClient, stepUp } from "../../test/office.js";
import { matterAwaitingPayment, startPaymentService } from "../../test/payment.js";
import type { TestService } from "../../test/service.js";
import { slipJpeg, slipPayload, slipPng } from "../../test/slips.js";
import { findAgency } from "../agencies/index.js";
import { loadBusinessCalendar } from "../calendar/index.js";
import { fixedClock } from "../platform/clock.js";
import { withTransaction } from "../platform/db/database.js";
import { findMatter, registerEntry } from "../register/index.js";
import { confirmSlip } from "./decide-slip.js";
import { listMatterNotices } from "./notices.repo.js";
import { recordPayment } from "./record-payment.js";
import { slipFormToken, slipsSection } from "./slips-section.js";
import { sweepMailedSlips } from "./sweep-mailed-slips.js";

// Monday 7 December 2026, 10:00 Bangkok.
const clock = fixedClock("2026-12-07T03:00:00.000Z");

describe.each(testDialects())("payment slips on %s", (dialect) => {
  let service: TestService;
  let finance: OfficeClient;
  beforeAll(async () => {
    ({ service, finance } = await startPaymentService(dialect, clock, "finance.slips@demo.go.th"));
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  const slipsOf = (matterId: string) =>
    service.handle.db.selectFrom("payment_slips").selectAll().where("matter_id", "=", matterId).execute();

  async function upload(
    app: Awaited<ReturnType<typeof matterAwaitingPayment>>["application"],
    file: { filename: string; bytes: Uint8Array },
    csrf = slipFormToken(service.payment.secret, app.entryId),
  ) {
    const body = await multipartBody({ _csrf: csrf }, [{ field: "slip", ...file }]);
    return service.app.inject({
      method: "POST",
      url: `/requests/${app.beYear}/${app.sequence}/payment/slips?t=${app.token}`,
      payload: body.payload,
      headers: { ...body.headers, accept: "text/html" },
    });
  }

  it("PY-2: a PNG slip uploaded on the payment page is kept pending, its QR's bank reference read", async () => {
    const { application } = await matterAwaitingPayment(service, clock);
    const png = await slipPng(slipPayload("014", "014340123456ABC0001"));
    const res = await upload(application, { filename: "slip.png", bytes: png });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toContain("/payment?t=");
    const [slip, ...more] = await slipsOf(application.matterId);
    expect(more).toHaveLength(0);
    expect(slip).toMatchObject({
      state: "pending",
      channel: "web",
      media_type: "image/png",
      bank_reference: "014340123456ABC0001",
      sending_bank: "014",
    });
    expect(slip!.notice_id).not.toBeNull();
    // The file store keeps what was sent (sealed on disk, opened on read).
    expect(Buffer.from(await service.payment.files.read(slip!.file_key)).equals(png)).toBe(true);
  });

  it("PY-2: a JPEG slip's QR is read too; a PDF slip is kept without one", async () => {
    const { application } = await matterAwaitingPayment(service, clock);
    const jpg = await slipJpeg(slipPayload("004", "2026120712345678"));
    expect((await upload(application, { filename: "slip.jpg", bytes: jpg })).statusCode).toBe(303);
    const pdf = await makePdf([{ text: "สลิปโอนเงิน 100.00 บาท" }]);
    expect((await upload(application, { filename: "slip.pdf", bytes: pdf })).statusCode).toBe(303);
    const slips = await slipsOf(application.matterId);
    const byType = Object.fromEntries(slips.map((s) => [s.media_type, s]));
    expect(byType["image/jpeg"]).toMatchObject({ bank_reference: "2026120712345678", sending_bank: "004" });
    expect(byType["application/pdf"]).toMatchObject({ bank_reference: null, state: "pending" });
  });

  it("PY-2: a text file named .jpg is refused 415 in the applicant's language, and nothing is stored", async () => {
    const { application } = await matterAwaitingPayment(service, clock);
    const res = await upload(application, {
      filename: "slip.jpg",
      bytes: new TextEncoder().encode("โอนแล้วนะคะ 100 บาท"),
    });
    expect(res.statusCode).toBe(415);
    expect(res.body).toContain("JPG");
    expect(await slipsOf(application.matterId)).toHaveLength(0);
  });

  it("PY-2: an upload without the page's token, or with another request's token, is refused and nothing kept", async () => {
    const { application } = await matterAwaitingPayment(service, clock);
    const other = await matterAwaitingPayment(service, clock);
    const png = await slipPng(slipPayload("014", "X1"));
    const wrong = slipFormToken(service.payment.secret, other.application.entryId);
    expect((await upload(application, { filename: "s.png", bytes: png }, wrong)).statusCode).toBe(403);
    const badLink = await service.app.inject({
      method: "POST",
      url: `/requests/${application.beYear}/${application.sequence}/payment/slips?t=nope`,
    });
    expect(badLink.statusCode).toBe(404);
    expect(await slipsOf(application.matterId)).toHaveLength(0);
  });

  it("PY-2: the finance officer confirms a slip after a step-up: paid once, the request moves on", async () => {
    const { application, notice } = await matterAwaitingPayment(service, clock);
    await upload(application, {
      filename: "s.png",
      bytes: await slipPng(slipPayload("014", "REF-CONFIRM-1")),
    });
    const [slip] = await slipsOf(application.matterId);
    const queue = await finance.get("/office/finance/slips");
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain("REF-CONFIRM-1");
    expect(queue.body).toContain(notice.ref1);
    // WS-3: money is recorded only on a fresh step-up.
    const early = await finance.post(`/office/finance/slips/${slip!.id}/confirm`, { expectedVersion: "1" });
    expect(early.statusCode).toBe(303);
    expect(early.headers.location).toContain("/office/step-up");
    await stepUp(finance, clock);
    const res = await finance.post(`/office/finance/slips/${slip!.id}/confirm`, { expectedVersion: "1" });
    expect(res.statusCode).toBe(303);
    const payments = await service.handle.db
      .selectFrom("payments")
      .selectAll()
      .where("notice_id", "=", notice.id)
      .execute();
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({
      source: "slip",
      evidence: `slip:${slip!.id}`,
      bank_reference: "REF-CONFIRM-1",
    });
    expect((await slipsOf(application.matterId))[0]).toMatchObject({
      state: "confirmed",
      payment_id: payments[0]!.id,
    });
    expect((await findMatter(service.handle.db, "demo", application.matterId))?.status).toBe("paid");
    // Confirmed twice (a second tab): refused, nothing paid again.
    const again = await finance.post(`/office/finance/slips/${slip!.id}/confirm`, { expectedVersion: "1" });
    expect(again.statusCode).toBe(409);
    const receipts = await service.handle.db
      .selectFrom("e_receipts")
      .select("id")
      .where("notice_id", "=", notice.id)
      .execute();
    expect(receipts).toHaveLength(1);
  });

  it("PY-2, PY-4: a slip confirmed after the bank's callback paid the notice is linked to that payment, not paid twice", async () => {
    const { application, notice } = await matterAwaitingPayment(service, clock);
    await upload(application, { filename: "s.png", bytes: await slipPng(slipPayload("014", "REF-LINK-1")) });
    const first = await withTransaction(service.handle, (trx) =>
      recordPayment(
        trx,
        {
          agencyId: "demo",
          ref1: notice.ref1,
          amountSatang: notice.amountSatang,
          source: "callback",
          bankReference: "REF-LINK-1",
          paidAt: clock.now(),
          evidence: "callback:test",
        },
        { kind: "system", name: "system:test" },
        clock.now(),
      ),
    );
    expect(first.kind).toBe("recorded");
    const [slip] = await slipsOf(application.matterId);
    await stepUp(finance, clock);
    const res = await finance.post(`/office/finance/slips/${slip!.id}/confirm`, {}, {});
    expect(res.statusCode).toBe(303);
    const payments = await service.handle.db
      .selectFrom("payments")
      .selectAll()
      .where("notice_id", "=", notice.id)
      .execute();
    expect(payments).toHaveLength(1);
    expect(payments[0]!.source).toBe("callback");
    expect((await slipsOf(application.matterId))[0]).toMatchObject({
      state: "confirmed",
      payment_id: payments[0]!.id,
    });
  });

  it("PY-2, PY-4: a slip confirmed at the same moment as the bank's callback: paid once, the slip on that payment", async () => {
    const { application, notice } = await matterAwaitingPayment(service, clock);
    await upload(application, { filename: "s.png", bytes: await slipPng(slipPayload("014", "REF-RACE-1")) });
    const [slip] = await slipsOf(application.matterId);
    const officer = { kind: "staff", staffId: "test-finance", roles: ["finance_officer"] } as const;
    const [confirmed, called] = await Promise.all([
      confirmSlip(service.handle, { agencyId: "demo", slipId: slip!.id }, officer, clock.now()),
      withTransaction(service.handle, (trx) =>
        recordPayment(
          trx,
          {
            agencyId: "demo",
            ref1: notice.ref1,
            amountSatang: notice.amountSatang,
            source: "callback",
            bankReference: "REF-RACE-1",
            paidAt: clock.now(),
            evidence: "callback:race",
          },
          { kind: "system", name: "system:test" },
          clock.now(),
        ),
      ),
    ]);
    const payments = await service.handle.db
      .selectFrom("payments")
      .select("id")
      .where("notice_id", "=", notice.id)
      .execute();
    expect(payments).toHaveLength(1);
    expect(confirmed.paymentId).toBe(payments[0]!.id);
    expect([confirmed.outcome, called.kind].sort()).toEqual(
      confirmed.outcome === "linked" ? ["linked", "recorded"] : ["already-paid", "recorded"],
    );
    const receipts = await service.handle.db
      .selectFrom("e_receipts")
      .select("id")
      .where("notice_id", "=", notice.id)
      .execute();
    expect(receipts).toHaveLength(1);
  });

  it("PY-2: a rejected slip keeps its reason for the applicant; another's or an unknown slip is a 404", async () => {
    const { application } = await matterAwaitingPayment(service, clock);
    await upload(application, { filename: "s.png", bytes: await slipPng(slipPayload("014", "REF-REJ-1")) });
    const [slip] = await slipsOf(application.matterId);
    const empty = await finance.post(`/office/finance/slips/${slip!.id}/reject`, { reason: " " });
    expect(empty.statusCode).toBe(400);
    const res = await finance.post(`/office/finance/slips/${slip!.id}/reject`, {
      reason: "ยอดเงินในสลิปไม่ตรงกับใบแจ้ง",
    });
    expect(res.statusCode).toBe(303);
    expect((await slipsOf(application.matterId))[0]).toMatchObject({
      state: "rejected",
      reason: "ยอดเงินในสลิปไม่ตรงกับใบแจ้ง",
      payment_id: null,
    });
    expect((await finance.get("/office/finance/slips")).body).not.toContain("REF-REJ-1");
    // The applicant's payment page says why (its section of the page, as the page renders it).
    const matter = (await findMatter(service.handle.db, "demo", application.matterId))!;
    const req = {
      lang: "th",
      agency: { id: "demo", timeZone: "Asia/Bangkok" },
      params: { beYear: String(application.beYear), sequence: String(application.sequence) },
    } as unknown as FastifyRequest;
    const section = await slipsSection(service.payment, {
      req,
      matter,
      base: `/requests/${application.beYear}/${application.sequence}`,
      token: application.token,
      entryId: application.entryId,
      notices: await listMatterNotices(service.handle.db, application.matterId),
    });
    expect(String(section)).toContain("ยอดเงินในสลิปไม่ตรงกับใบแจ้ง");
    expect(String(section)).toContain("ไม่รับสลิป");
    expect((await finance.get("/office/finance/slips/nope/file")).statusCode).toBe(404);
    expect((await service.app.inject({ url: `/office/finance/slips/${slip!.id}/file` })).statusCode).not.toBe(
      200,
    );
    const file = await finance.get(`/office/finance/slips/${slip!.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toContain("image/png");
  });

  it("PY-2: a slip mailed as a reply on a matter awaiting payment becomes one pending slip, however often the sweep runs", async () => {
    const { application } = await matterAwaitingPayment(service, clock);
    const png = await slipPng(slipPayload("002", "MAILREF0001"));
    const stored = await service.payment.files.put(png);
    const agency = (await findAgency(service.handle.db, "demo"))!;
    const calendar = await loadBusinessCalendar(service.handle.db, agency);
    clock.set(new Date(clock.now().getTime() + 60_000));
    await withTransaction(service.handle, (trx) =>
      registerEntry(
        trx,
        {
          agencyId: "demo",
          matterId: application.matterId,
          channel: "email",
          senderName: "สมหญิง รักดี",
          senderEmail: "somying@example.com",
          subject: `Re: ใบแจ้งชำระเงิน (${application.receiptNumber})`,
          body: "แนบสลิปค่ะ",
          language: "th",
          attachments: [
            {
              filename: "slip.png",
              mediaType: "image/png",
              size: png.byteLength,
              sha256: stored.sha256,
              storageKey: stored.key,
              viewableKey: null,
              refusalCode: null,
            },
          ],
        },
        { clock, calendar, actor: "system:mail" },
      ),
    );
    expect(await sweepMailedSlips(service.payment, clock.now())).toBeGreaterThanOrEqual(1);
    expect(await sweepMailedSlips(service.payment, clock.now())).toBe(0);
    const slips = await slipsOf(application.matterId);
    expect(slips).toHaveLength(1);
    expect(slips[0]).toMatchObject({ channel: "email", state: "pending", bank_reference: "MAILREF0001" });
  });
});
