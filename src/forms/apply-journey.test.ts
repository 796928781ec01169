import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { makePng } from "../../test/images.js";
import { multipartBody } from "../../test/multipart.js";
import { signedInOfficer } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService, TEST_SERVICE } from "../../test/service-fixture.js";
import { startSmtpListener } from "../../test/smtp.js";
import { fixedClock } from "../platform/clock.js";

const NOW = "2026-12-08T03:00:00.000Z";
const FORM = { "content-type": "application/x-www-form-urlencoded", accept: "text/html" };

/*
 * The whole web journey through both parts' pages, as a phone without JavaScript makes it: apply,
 * privacy notice, applicant, the form's pages (a conditional field), documents with a low-resolution
 * scan, check, sign with an email code read from the SMTP listener, the receipt; then the officer sees
 * the application with its version, documents and signature evidence.
 */
describe.each(testDialects())("applying for a service from start to receipt on %s", (dialect) => {
  const clock = fixedClock(NOW);
  let service: TestService;
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    service = await startTestService(dialect, { clock, smtpUrl: smtp.url });
    await publishTestService(service, { ...TEST_SERVICE, signature: { otp: "email" } });
  });
  afterAll(async () => {
    await service?.stop();
    await smtp?.close();
  });

  const get = (url: string) => service.app.inject({ url, headers: { accept: "text/html" } });
  const post = (url: string, fields: Record<string, string>) =>
    service.app.inject({
      method: "POST",
      url,
      payload: new URLSearchParams(fields).toString(),
      headers: FORM,
    });
  const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? "";

  it("FM-1..6, PD-1: apply, fill, upload, check, sign with an email code, see the receipt; the officer sees it all", async () => {
    const started = await post("/services/shop-permit/apply", {});
    const token = /\/apply\/([\w-]+)\/privacy$/.exec(String(started.headers.location))?.[1] ?? "";
    const notice = await get(`/apply/${token}/privacy`);
    const _csrf = csrfOf(notice.body);
    const version = /name="version" value="([^"]+)"/.exec(notice.body)?.[1] ?? "";
    const privacy = await post(`/apply/${token}/privacy`, { _csrf, version });
    expect(privacy.headers.location).toBe(`/apply/${token}/applicant`);
    const applicant = await post(`/apply/${token}/applicant`, {
      _csrf,
      type: "person",
      name: "สมหญิง รักดี",
      idNumber: "1101700230708",
      email: "somying@example.com",
    });
    expect(applicant.statusCode).toBe(303);
    let next = String(applicant.headers.location);
    expect(next).toBe(`/apply/${token}/q/shop`);
    const shop = await post(next, { _csrf, shopName: "ร้านข้าวแกง" });
    next = String(shop.headers.location);
    expect(next).toBe(`/apply/${token}/q/branch`);
    const branch = await post(next, { _csrf, hasBranch: "yes", branchName: "สาขาตลาด" });
    next = String(branch.headers.location);
    expect(next).toBe(`/apply/${token}/documents`);
    const scan = await multipartBody({ _csrf, documentId: "id-card" }, [
      { field: "file", filename: "idcard.png", bytes: makePng(500, 315) },
    ]);
    const uploaded = await service.app.inject({
      method: "POST",
      url: `/apply/${token}/documents/upload`,
      payload: scan.payload,
      headers: { ...scan.headers, accept: "text/html" },
    });
    expect(uploaded.statusCode).toBe(303);
    expect((await get(next)).body).toContain('data-warning="low-resolution"');
    const documents = await post(next, { _csrf });
    expect(documents.headers.location).toBe(`/apply/${token}/check`);
    const check = await get(`/apply/${token}/check`);
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain("สาขาตลาด");
    const sign = await get(`/apply/${token}/sign`);
    expect(sign.body).toContain("somying@example.com".replace(/^(.).*(@.*)$/, "$1***$2"));
    expect((await post(`/apply/${token}/sign/code`, { _csrf })).statusCode).toBe(303);
    await service.outbox.drain();
    const code = /\b(\d{6})\b/.exec(smtp.messages.at(-1)?.text ?? "")?.[1] ?? "";
    expect(code).toMatch(/^\d{6}$/);
    const signed = await post(`/apply/${token}/sign`, { _csrf, name: "สมหญิง รักดี", confirmed: "yes", code });
    expect(signed.statusCode).toBe(303);
    const receipt = await get(String(signed.headers.location));
    expect(receipt.statusCode).toBe(200);

    const application = await service.handle.db
      .selectFrom("applications")
      .selectAll()
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(application.form_data)).toEqual({
      shopName: "ร้านข้าวแกง",
      hasBranch: "yes",
      branchName: "สาขาตลาด",
    });
    expect(application.privacy_notice_version).toBe(version);
    const { client } = await signedInOfficer(
      service.app,
      service.handle,
      clock,
      "demo",
      "officer@demo.go.th",
      ["saraban_officer"],
    );
    const page = await client.get(`/office/entries/${application.entry_id}`);
    for (const text of [
      "ฉบับที่ 1",
      "สาขาตลาด",
      'data-warning="low-resolution"',
      "OTP",
      application.signed_sha256!,
    ])
      expect(page.body).toContain(text);
  });
});
