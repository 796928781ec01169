import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { makePng } from "../../test/images.js";
import { multipartBody } from "../../test/multipart.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService, TEST_SERVICE } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { createDraft, findDraftById } from "./drafts.repo.js";

const NOW = "2026-12-07T03:00:00.000Z";
const PERSON = { type: "person", name: "สมหญิง รักดี", idNumber: "1101700230708", email: "somying@example.com" };

describe.each(testDialects())("the applicant, documents and signature steps on %s", (dialect) => {
  const clock = fixedClock(NOW);
  let service: TestService;
  let versionId: string;

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    versionId = (await publishTestService(service)).id;
  });
  afterAll(async () => service?.stop());

  const newDraft = async (answers: Record<string, unknown> = { shopName: "ร้านข้าวแกง", hasBranch: "no" }) => {
    const { draft, token } = await createDraft(
      service.handle.db,
      { agencyId: "demo", serviceVersionId: versionId, language: "th" },
      clock.now(),
    );
    await service.handle.db
      .updateTable("application_drafts")
      .set({ answers: JSON.stringify(answers), privacy_notice_version: "pn-1" })
      .where("id", "=", draft.id)
      .execute();
    return { id: draft.id, token };
  };
  /** The draft's CSRF token, as its pages carry it (the forms part's defence of every POST under /apply). */
  const csrfOf = async (url: string) => {
    const token = /\/apply\/([^/]+)\//.exec(url)?.[1];
    const page = await service.app.inject({
      url: `/apply/${token}/applicant`,
      headers: { accept: "text/html" },
    });
    return /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "none";
  };
  const post = async (url: string, form: Record<string, string>, csrf?: string) =>
    service.app.inject({
      method: "POST",
      url,
      payload: new URLSearchParams({ _csrf: csrf ?? (await csrfOf(url)), ...form }).toString(),
      headers: { accept: "text/html", "content-type": "application/x-www-form-urlencoded" },
    });
  const upload = async (
    token: string,
    documentId: string,
    bytes: Uint8Array,
    extra: Record<string, string> = {},
  ) => {
    const _csrf = await csrfOf(`/apply/${token}/x`);
    const body = await multipartBody({ _csrf, documentId, ...extra }, [
      { field: "file", filename: "scan.png", bytes },
    ]);
    return service.app.inject({
      method: "POST",
      url: `/apply/${token}/documents/upload`,
      payload: body.payload,
      headers: { ...body.headers, accept: "text/html" },
    });
  };

  it("FM-5: the applicant page offers the service's types; a bad national ID is a field error; a good one is saved", async () => {
    const { id, token } = await newDraft();
    const page = await service.app.inject({
      url: `/apply/${token}/applicant`,
      headers: { accept: "text/html" },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers["referrer-policy"]).toBe("no-referrer");
    expect(page.headers["cache-control"]).toBe("no-store");
    expect(page.body).toContain('value="juristic"');
    const bad = await post(`/apply/${token}/applicant`, { ...PERSON, idNumber: "1101700230709" });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('id="f-applicant-idNumber"');
    expect(bad.body).toContain('aria-invalid="true"');
    const good = await post(`/apply/${token}/applicant`, { ...PERSON, idNumber: "1-1017-00230-70-8" });
    expect(good.statusCode).toBe(303);
    expect(good.headers.location).toBe(`/apply/${token}/q/shop`);
    expect((await findDraftById(service.handle.db, id))?.applicant).toMatchObject({
      idNumber: "1101700230708",
    });
  });

  it("FM-5: a juristic person needs a juristic ID starting with 0 and the person acting", async () => {
    const { token } = await newDraft();
    const bad = await post(`/apply/${token}/applicant`, {
      type: "juristic",
      name: "บริษัท ก จำกัด",
      idNumber: "1101700230708",
      phone: "0812345678",
    });
    expect(bad.statusCode).toBe(422);
    for (const id of [
      "f-applicant-idNumber",
      "f-applicant-actingPerson-name",
      "f-applicant-actingPerson-position",
    ])
      expect(bad.body).toContain(`href="#${id}"`);
  });

  it("FM-2, FM-4, LF-2: the checklist, a missing required item, a low-resolution warning, removal", async () => {
    const { id, token } = await newDraft();
    await post(`/apply/${token}/applicant`, PERSON);
    const page = await service.app.inject({
      url: `/apply/${token}/documents`,
      headers: { accept: "text/html" },
    });
    expect(page.body).toContain("สำเนาอิเล็กทรอนิกส์หนึ่งไฟล์ใช้แทนสำเนาทุกฉบับ");
    expect(page.body).toContain("บัตรประจำตัวประชาชน");
    expect(page.body).not.toContain("หนังสือมอบอำนาจ"); // a person's checklist has no delegation (FM-5)
    const missing = await post(`/apply/${token}/documents`, {});
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain("กรุณาแนบเอกสารที่ต้องใช้นี้");
    const uploaded = await upload(token, "id-card", makePng(500, 315));
    expect(uploaded.statusCode).toBe(303);
    const shown = await service.app.inject({
      url: `/apply/${token}/documents`,
      headers: { accept: "text/html" },
    });
    expect(shown.body).toContain('data-warning="low-resolution"');
    const draft = await findDraftById(service.handle.db, id);
    expect(draft?.documents).toMatchObject([{ documentId: "id-card", dpi: 148, lowResolution: true }]);
    expect((await post(`/apply/${token}/documents`, {})).headers.location).toBe(`/apply/${token}/check`);
    await post(`/apply/${token}/documents/remove`, {
      documentId: "id-card",
      sha256: draft!.documents[0]!.sha256,
    });
    expect((await findDraftById(service.handle.db, id))?.documents).toEqual([]);
  });

  it("FM-3: a file the allow-list refuses is not kept, and the item says why", async () => {
    const { id, token } = await newDraft();
    await post(`/apply/${token}/applicant`, PERSON);
    const res = await upload(token, "id-card", Buffer.from("MZ\x90\x00 not a document"));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("ไม่รับไฟล์ scan.png");
    expect((await findDraftById(service.handle.db, id))?.documents).toEqual([]);
  });

  it("FM-6: signing with a name not the applicant's is refused; the right one submits and shows the receipt; again gives the same receipt", async () => {
    const { id, token } = await newDraft();
    await post(`/apply/${token}/applicant`, PERSON);
    await upload(token, "id-card", makePng(1100, 700));
    const csrf = await csrfOf(`/apply/${token}/x`);
    const wrong = await post(`/apply/${token}/sign`, { name: "คนอื่น", confirmed: "yes" });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain("ชื่อที่พิมพ์ต้องตรงกับชื่อผู้ยื่นคำขอ");
    const signed = await post(`/apply/${token}/sign`, { name: " สมหญิง   รักดี ", confirmed: "yes" });
    expect(signed.statusCode).toBe(303);
    expect(signed.headers.location).toMatch(/^\/requests\/2569\/\d+\?t=.+&new=1/);
    const receipt = await service.app.inject({
      url: String(signed.headers.location),
      headers: { accept: "text/html" },
    });
    expect(receipt.statusCode).toBe(200);
    const again = await post(`/apply/${token}/sign`, { name: "สมหญิง รักดี", confirmed: "yes" }, csrf);
    expect(again.headers.location).toBe(signed.headers.location);
    const draft = await findDraftById(service.handle.db, id);
    const application = await service.handle.db
      .selectFrom("applications")
      .selectAll()
      .where("entry_id", "=", draft!.submittedEntryId!)
      .executeTakeFirstOrThrow();
    expect(application.privacy_notice_version).toBe("pn-1");
    expect(JSON.parse(application.signature)).toMatchObject({ name: "สมหญิง รักดี", method: "typed-name" });
    // A submitted draft no longer changes: its other steps are gone.
    expect((await post(`/apply/${token}/applicant`, PERSON, "x")).statusCode).toBe(404);
  });

  it("a POST without the draft's token, or marked cross-site, is refused and changes nothing", async () => {
    const { id, token } = await newDraft();
    expect((await post(`/apply/${token}/applicant`, PERSON, "forged")).statusCode).toBe(403);
    const crossSite = await service.app.inject({
      method: "POST",
      url: `/apply/${token}/applicant`,
      payload: new URLSearchParams({ _csrf: await csrfOf(`/apply/${token}/x`), ...PERSON }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.statusCode).toBe(403);
    expect((await findDraftById(service.handle.db, id))?.applicant).toBeNull();
  });

  it("PD-1: a draft whose privacy notice was not shown is sent there first", async () => {
    const { token } = await createDraft(
      service.handle.db,
      { agencyId: "demo", serviceVersionId: versionId, language: "th" },
      clock.now(),
    );
    for (const step of ["applicant", "documents", "sign"]) {
      const res = await service.app.inject({
        url: `/apply/${token}/${step}`,
        headers: { accept: "text/html" },
      });
      expect(res.headers.location).toBe(`/apply/${token}/privacy`);
    }
  });

  it("another agency's or an unknown draft link is a 404", async () => {
    expect((await service.app.inject({ url: "/apply/not-a-real-token-123456/applicant" })).statusCode).toBe(
      404,
    );
    expect((await post("/apply/x/sign", { name: "a" }, "x")).statusCode).toBe(404);
  });

  it("FM-6: with OTP by email and no mail server, the page says so and no code is claimed sent", async () => {
    versionId = (await publishTestService(service, { ...TEST_SERVICE, signature: { otp: "email" } })).id;
    const { token } = await newDraft();
    await post(`/apply/${token}/applicant`, PERSON);
    const page = await service.app.inject({ url: `/apply/${token}/sign`, headers: { accept: "text/html" } });
    expect(page.body).toContain('data-otp="unavailable"');
    const send = await post(`/apply/${token}/sign/code`, {});
    expect(send.statusCode).toBe(409);
    expect(send.body).not.toContain('data-otp="sent"');
    versionId = (await publishTestService(service)).id;
  });
});
