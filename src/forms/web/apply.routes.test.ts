import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../../test/db.js";
import { addOtherAgency } from "../../../test/factories.js";
import { startTestService, type TestService } from "../../../test/service.js";
import { publishTestService, TEST_SERVICE } from "../../../test/service-fixture.js";
import { THAI_FORM } from "../../../test/thai-form-fixture.js";
import { fixedClock } from "../../platform/clock.js";
import { emailLookupKey } from "../../platform/crypto/index.js";
import { findDraftByToken, updateDraft } from "../drafts.repo.js";

const NOW = "2026-12-07T03:00:00.000Z";
const FORM = { "content-type": "application/x-www-form-urlencoded" };
// Another form: the test service's licence names its fields, so this one issues none.
const THAI_SERVICE = { ...TEST_SERVICE, code: "thai-shop", form: THAI_FORM, licence: undefined };

const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? "";

describe.each(testDialects())("applying on the web on %s", (dialect) => {
  const clock = fixedClock(NOW);
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    await publishTestService(service, THAI_SERVICE);
  });
  afterAll(async () => {
    await service?.stop();
  });

  const get = (url: string) => service.app.inject({ method: "GET", url });
  const post = (
    url: string,
    fields: Record<string, string | string[]>,
    headers: Record<string, string> = {},
  ) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields))
      for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    return service.app.inject({
      method: "POST",
      url,
      payload: body.toString(),
      headers: { ...FORM, ...headers },
    });
  };
  const draftOf = async (token: string) => {
    const draft = await findDraftByToken(service.handle.db, "demo", token, clock.now());
    if (!draft) throw new Error("no draft");
    return draft;
  };

  /** Starts a draft of `code` and reads the privacy notice; returns its token and CSRF token. */
  async function start(code = "shop-permit") {
    const res = await post(`/services/${code}/apply`, {});
    expect(res.statusCode).toBe(303);
    const token = /\/apply\/([\w-]+)\/privacy$/.exec(res.headers.location as string)?.[1] ?? "";
    const notice = await get(`/apply/${token}/privacy`);
    const version = /name="version" value="([^"]+)"/.exec(notice.body)?.[1] ?? "";
    const csrf = csrfOf(notice.body);
    const accepted = await post(`/apply/${token}/privacy`, { _csrf: csrf, version });
    expect(accepted.statusCode).toBe(303);
    const draft = await draftOf(token);
    await updateDraft(
      service.handle.db,
      draft.id,
      {
        applicant: {
          type: "person",
          name: "สมชาย ใจดี",
          idNumber: "1101700207129",
          email: "somchai@example.com",
        },
      },
      clock.now(),
    );
    return { token, csrf, version };
  }

  it("PD-1: the privacy notice is shown before anything is collected, and its version is kept", async () => {
    const res = await post("/services/shop-permit/apply", {});
    expect(res.statusCode).toBe(303);
    expect(res.headers["cache-control"]).toBe("no-store");
    const token = /\/apply\/([\w-]+)\/privacy$/.exec(res.headers.location as string)?.[1] ?? "";
    // Every later step sends the applicant back to the notice until it is accepted.
    for (const path of ["q/shop", "check"]) {
      const early = await get(`/apply/${token}/${path}`);
      expect(early.statusCode).toBe(303);
      expect(early.headers.location).toBe(`/apply/${token}/privacy`);
    }
    const notice = await get(`/apply/${token}/privacy`);
    expect(notice.statusCode).toBe(200);
    expect(notice.headers["referrer-policy"]).toBe("no-referrer");
    expect(notice.headers["cache-control"]).toBe("no-store");
    expect(notice.body).toContain("การปฏิบัติหน้าที่ตามอำนาจรัฐ");
    expect(notice.body).toContain("เพื่อพิจารณาคำขอ");
    expect(notice.body).toContain("ชื่อร้าน");
    const version = /name="version" value="([^"]+)"/.exec(notice.body)?.[1] ?? "";
    expect(version).toMatch(/^1-[0-9a-f]{12}$/);
    expect((await draftOf(token)).privacyNoticeVersion).toBeNull();
    const accepted = await post(`/apply/${token}/privacy`, { _csrf: csrfOf(notice.body), version });
    expect(accepted.headers.location).toBe(`/apply/${token}/applicant`);
    expect((await draftOf(token)).privacyNoticeVersion).toBe(version);
    // A draft started in English resumes in English on a device that chose no language.
    const english0 = await post("/services/shop-permit/apply?lang=en", {});
    const enToken = /\/apply\/([\w-]+)\/privacy$/.exec(english0.headers.location as string)?.[1] ?? "";
    expect((await get(`/apply/${enToken}/privacy`)).body).toContain("Privacy notice");
    // The same notice in English has the same version.
    const english = await get(`/apply/${token}/privacy?lang=en`);
    expect(english.body).toContain("Public task");
    expect(english.body).toContain(version);
  });

  it("FM-1: pages save their fields, field errors in the user's language, then check your answers", async () => {
    const { token, csrf } = await start();
    const page = await get(`/apply/${token}/q/shop`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="shopName"');
    expect(page.body).toContain('name="openedOn-year"');
    const refused = await post(`/apply/${token}/q/shop`, {
      _csrf: csrf,
      shopName: "",
      "openedOn-day": "31",
      "openedOn-month": "2",
      "openedOn-year": "2567",
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#f-shopName"');
    expect(refused.body).toContain("กรุณากรอก “ชื่อร้าน”");
    expect(refused.body).toContain('aria-invalid="true"');
    expect(refused.body).toMatch(/id="f-shopName"[^>]*aria-describedby="f-shopName-error"/);
    expect(refused.body).toContain("กรุณากรอก “วันที่เปิด” เป็นวันที่ที่มีอยู่จริง");
    expect(refused.body).toContain('value="31"'); // what was typed is shown again
    const english = await post(`/apply/${token}/q/shop?lang=en`, { _csrf: csrf, shopName: "" });
    expect(english.body).toContain("Enter “Shop name”");

    const saved = await post(`/apply/${token}/q/shop`, {
      _csrf: csrf,
      shopName: "ร้านป้าแดง",
      "openedOn-day": "29",
      "openedOn-month": "2",
      "openedOn-year": "2567",
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/apply/${token}/q/branch`);
    expect((await draftOf(token)).answers).toEqual({ shopName: "ร้านป้าแดง", openedOn: "2024-02-29" });
    // Shown again as พ.ศ.
    const again = await get(`/apply/${token}/q/shop`);
    expect(again.body).toContain('value="2567"');

    // A choice that reveals a question on the same page shows it before going on.
    const branch = await get(`/apply/${token}/q/branch`);
    expect(branch.body).not.toContain('name="branchName"');
    const revealed = await post(`/apply/${token}/q/branch`, {
      _csrf: csrf,
      _shown: "hasBranch",
      hasBranch: "yes",
    });
    expect(revealed.statusCode).toBe(200);
    expect(revealed.body).toContain('name="branchName"');
    const done = await post(`/apply/${token}/q/branch`, {
      _csrf: csrf,
      _shown: "hasBranch,branchName",
      hasBranch: "yes",
      branchName: "สาขาลาดพร้าว",
    });
    expect(done.headers.location).toBe(`/apply/${token}/documents`);

    // A forged hidden field is not stored.
    await post(`/apply/${token}/q/branch`, {
      _csrf: csrf,
      _shown: "hasBranch",
      hasBranch: "no",
      branchName: "forged",
    });
    expect((await draftOf(token)).answers).toEqual({
      shopName: "ร้านป้าแดง",
      openedOn: "2024-02-29",
      hasBranch: "no",
    });

    const draft = await draftOf(token);
    const doc = {
      documentId: "id-card",
      fileKey: "k",
      filename: "บัตร.jpg",
      mediaType: "image/jpeg",
      size: 1,
      sha256: "0".repeat(64),
      dpi: 120,
      lowResolution: true,
    };
    await updateDraft(service.handle.db, draft.id, { documents: [doc] }, clock.now());
    const check = await get(`/apply/${token}/check`);
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain("ร้านป้าแดง");
    expect(check.body).toContain("29 กุมภาพันธ์ 2567");
    expect(check.body).toContain("ไม่มี");
    expect(check.body).toContain("สมชาย ใจดี");
    expect(check.body).toContain("1-1017-00207-12-9");
    expect(check.body).toContain(`href="/apply/${token}/q/shop?return=check#f-shopName"`);
    expect(check.body).toContain("ความละเอียดต่ำ (120 dpi)");
    expect(check.body).toContain("<strong>บัตรประจำตัวประชาชน</strong>: บัตร.jpg");
    expect(check.body).toContain(`action="/apply/${token}/sign"`);
    // A change from the check page returns to it.
    const changed = await post(`/apply/${token}/q/shop`, {
      _csrf: csrf,
      return: "check",
      shopName: "ร้านป้าแดง 2",
    });
    expect(changed.headers.location).toBe(`/apply/${token}/check`);
  });

  it("FM-1: Thai inputs: an ID typed with dashes, a phone with +66, baht with commas, an address chosen without JavaScript", async () => {
    const { token, csrf } = await start("thai-shop");
    const owner = await post(`/apply/${token}/q/owner`, {
      _csrf: csrf,
      ownerId: "1-1017-00207-12-9",
      phone: "+66 81 234 5678",
    });
    expect(owner.statusCode).toBe(303);
    const bad = await post(`/apply/${token}/q/owner`, {
      _csrf: csrf,
      ownerId: "1-1017-00207-12-8",
      phone: "0812345678",
    });
    expect(bad.body).toContain("กรุณากรอกเลขประจำตัวประชาชน 13 หลักให้ถูกต้อง");
    expect(bad.body).toContain('inputmode="numeric"');

    const place = `/apply/${token}/q/place`;
    const first = await get(place);
    expect(first.body).toContain("<option>กรุงเทพมหานคร</option>");
    expect(first.body).not.toContain('name="address-district"');
    const province = await post(place, {
      _csrf: csrf,
      _choose: "address",
      "address-houseNumber": "99/1",
      "address-province": "กรุงเทพมหานคร",
    });
    expect(province.statusCode).toBe(200);
    expect(province.body).toContain("<option>จตุจักร</option>");
    expect(province.body).not.toContain("<option>เมืองเชียงใหม่</option>");
    expect(province.body).toContain('value="99/1"');
    const district = await post(place, {
      _csrf: csrf,
      _choose: "address",
      "address-houseNumber": "99/1",
      "address-province": "กรุงเทพมหานคร",
      "address-district": "จตุจักร",
    });
    expect(district.body).toContain("<option>ลาดยาว</option>");
    const sub = await post(place, {
      _csrf: csrf,
      _choose: "address",
      "address-houseNumber": "99/1",
      "address-province": "กรุงเทพมหานคร",
      "address-district": "จตุจักร",
      "address-subdistrict": "ลาดยาว",
    });
    expect(sub.body).toMatch(/name="address-postcode"[^>]*value="10900"/);
    const wrong = await post(place, {
      _csrf: csrf,
      "address-houseNumber": "99/1",
      "address-province": "กรุงเทพมหานคร",
      "address-district": "จตุจักร",
      "address-subdistrict": "ลาดยาว",
      "address-postcode": "50200",
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain("รหัสไปรษณีย์ไม่ตรงกับตำบล/แขวงที่เลือก");
    expect(wrong.body).toContain('href="#f-address-postcode"');
    const ok = await post(place, {
      _csrf: csrf,
      "address-houseNumber": "99/1",
      "address-province": "กรุงเทพมหานคร",
      "address-district": "จตุจักร",
      "address-subdistrict": "ลาดยาว",
      "address-postcode": "10900",
    });
    expect(ok.statusCode).toBe(303);
    const business = await post(`/apply/${token}/q/business`, {
      _csrf: csrf,
      fee: "1,500.50",
      kind: "food",
      extras: ["tables", "music"],
      staff: "3",
    });
    expect(business.statusCode).toBe(303);
    expect((await draftOf(token)).answers).toEqual({
      ownerId: "1101700207129",
      phone: "0812345678",
      address: {
        houseNumber: "99/1",
        subdistrict: "ลาดยาว",
        district: "จตุจักร",
        province: "กรุงเทพมหานคร",
        postcode: "10900",
      },
      fee: "1500.50",
      kind: "food",
      extras: ["tables", "music"],
      staff: 3,
    });
    const check = await get(`/apply/${token}/check`);
    expect(check.body).toContain("99/1 แขวงลาดยาว เขตจตุจักร กรุงเทพมหานคร 10900");
    expect(check.body).toContain("1,500.50 บาท");
  });

  it("FM-1: an address in one free line (the form's own parts) beside the parts chosen from the data set", async () => {
    const part = { type: "string", minLength: 1, maxLength: 100 };
    const lineForm = structuredClone(THAI_FORM);
    lineForm.schema.properties = {
      ...(lineForm.schema.properties as object),
      address: {
        type: "object",
        additionalProperties: false,
        required: ["line", "subdistrict", "district", "province", "postcode"],
        properties: {
          line: { type: "string", minLength: 1, maxLength: 200 },
          subdistrict: part,
          district: part,
          province: part,
          postcode: { type: "string", pattern: "^[0-9]{5}$" },
        },
      },
    };
    await publishTestService(service, {
      ...TEST_SERVICE,
      code: "line-shop",
      form: lineForm,
      licence: undefined,
    });
    const { token, csrf } = await start("line-shop");
    const page = await get(`/apply/${token}/q/place`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="address-line"');
    expect(page.body).not.toContain('name="address-houseNumber"');
    const address = {
      "address-line": "12 หมู่ 4",
      "address-province": "เชียงใหม่",
      "address-district": "เมืองเชียงใหม่",
      "address-subdistrict": "ศรีภูมิ",
      "address-postcode": "50200",
    };
    const saved = await post(`/apply/${token}/q/place`, { _csrf: csrf, ...address });
    expect(saved.statusCode).toBe(303);
    expect((await draftOf(token)).answers).toEqual({
      address: {
        line: "12 หมู่ 4",
        province: "เชียงใหม่",
        district: "เมืองเชียงใหม่",
        subdistrict: "ศรีภูมิ",
        postcode: "50200",
      },
    });
  });

  it("FM-1: a demo service's form is filled through its pages", async () => {
    const { token, csrf } = await start("elderly-allowance");
    const person = await post(`/apply/${token}/q/person`, {
      _csrf: csrf,
      nationalId: "3100600445635",
      "birthDate-day": "1",
      "birthDate-month": "1",
      "birthDate-year": "2500",
    });
    expect(person.statusCode).toBe(303);
    const page = await get(`/apply/${token}/q/address`);
    expect(page.body).toContain('name="address-houseNumber"');
    const saved = await post(`/apply/${token}/q/address`, {
      _csrf: csrf,
      "address-houseNumber": "12",
      "address-province": "เชียงใหม่",
      "address-district": "เมืองเชียงใหม่",
      "address-subdistrict": "ศรีภูมิ",
      "address-postcode": "50200",
      phone: "053 123 456",
    });
    expect(saved.statusCode).toBe(303);
    expect((await draftOf(token)).answers).toMatchObject({
      nationalId: "3100600445635",
      birthDate: "1957-01-01",
      phone: "053123456",
    });
  });

  it("save and continue later: the resume link goes out through the outbox", async () => {
    const { token, csrf } = await start();
    const refused = await post(`/apply/${token}/save`, {
      _csrf: csrf,
      email: "not an address",
      return: "q/shop",
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("กรุณากรอกอีเมลให้ถูกต้อง");
    const saved = await post(`/apply/${token}/save`, {
      _csrf: csrf,
      email: "somchai@example.com",
      return: "q/shop",
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain("somchai@example.com");
    const draft = await draftOf(token);
    expect(draft.email).toBe("somchai@example.com");
    const rows = await service.handle.db
      .selectFrom("outbox")
      .selectAll()
      .where("kind", "=", "draft-link")
      .execute();
    const mine = rows.filter((r) => r.subject_key?.startsWith(`draft:${draft.id}:`));
    expect(mine).toHaveLength(1);
    expect(mine[0]?.recipient).toBe("somchai@example.com");
    expect(mine[0]?.entry_id).toBeNull();
    const payload = JSON.parse(mine[0]?.payload ?? "{}");
    expect(payload.text).toContain(`http://borikan.test/a/demo/apply/${token}/q/shop`);
    expect(payload.subject).toContain("ขออนุญาตจัดตั้งร้านทดสอบ");
    // Asking again for the same address sends nothing more; many drafts mailing one address are braked.
    await post(`/apply/${token}/save`, { _csrf: csrf, email: "somchai@example.com", return: "q/shop" });
    const again = await service.handle.db
      .selectFrom("outbox")
      .select("id")
      // ID-7: the recipient is sealed; it is found by its keyed hash.
      .where("recipient_hmac", "=", emailLookupKey(service.sealer, "somchai@example.com") ?? "")
      .execute();
    expect(again).toHaveLength(1);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const other = await start();
      statuses.push(
        (await post(`/apply/${other.token}/save`, { _csrf: other.csrf, email: "victim@example.com" }))
          .statusCode,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it("under the agency's prefix, from the service page's button; a retired service takes no new drafts", async () => {
    const page = await get("/a/demo/services/shop-permit");
    const formToken = /name="form_token" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
    expect(page.body).toContain('action="/a/demo/services/shop-permit/apply"');
    const res = await post("/a/demo/services/shop-permit/apply", { form_token: formToken });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/a\/demo\/apply\/[\w-]+\/privacy$/);
    expect((await get(res.headers.location as string)).statusCode).toBe(200);
    await publishTestService(service, { ...TEST_SERVICE, code: "old-permit" });
    await service.handle.db
      .updateTable("services")
      .set({ state: "retired" })
      .where("code", "=", "old-permit")
      .execute();
    expect((await post("/services/old-permit/apply", {})).statusCode).toBe(404);
  });

  it("a draft keeps its own version when the service is published again while it is filled", async () => {
    const { token, csrf } = await start();
    const before = await draftOf(token);
    const renamed = structuredClone(TEST_SERVICE);
    renamed.form.ui.fields.shopName = {
      ...renamed.form.ui.fields.shopName!,
      label: { th: "ชื่อกิจการ", en: "Business name" },
    };
    await publishTestService(service, renamed);
    const page = await get(`/apply/${token}/q/shop`);
    expect(page.body).toContain("ชื่อร้าน");
    expect(page.body).not.toContain("ชื่อกิจการ");
    await post(`/apply/${token}/q/shop`, { _csrf: csrf, shopName: "ร้านเดิม" });
    expect((await draftOf(token)).serviceVersionId).toBe(before.serviceVersionId);
    const fresh = await start();
    expect((await draftOf(fresh.token)).serviceVersionId).not.toBe(before.serviceVersionId);
  });

  it("another's, forged, expired or unknown links are a plain 404; POSTs need the draft's token", async () => {
    const { token, csrf } = await start();
    expect((await get("/apply/AAAAAAAAAAAAAAAAAAAAAA/privacy")).statusCode).toBe(404);
    // Another agency never finds this agency's draft, whether its link is right or not.
    await addOtherAgency(service, clock);
    expect((await get(`/a/demo/apply/${token}/check`)).statusCode).toBe(200);
    const elsewhere = await get(`/a/other/apply/${token}/check`);
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.body).toBe((await get("/a/other/apply/AAAAAAAAAAAAAAAAAAAAAA/check")).body);
    expect((await post(`/a/other/apply/${token}/q/shop`, { _csrf: csrf, shopName: "x" })).statusCode).toBe(
      404,
    );
    expect((await get("/apply/short/privacy")).statusCode).toBe(404);
    expect((await get(`/apply/${token}/q/nowhere`)).statusCode).toBe(404);
    expect((await post("/services/no-such-service/apply", {})).statusCode).toBe(404);
    expect((await post(`/apply/${token}/q/shop`, { shopName: "x" })).statusCode).toBe(403);
    expect((await post(`/apply/${token}/q/shop`, { _csrf: "forged", shopName: "x" })).statusCode).toBe(403);
    const other = await start();
    expect((await post(`/apply/${token}/q/shop`, { _csrf: other.csrf, shopName: "x" })).statusCode).toBe(403);
    const crossSite = await post(
      `/apply/${token}/q/shop`,
      { _csrf: csrf, shopName: "x" },
      { "sec-fetch-site": "cross-site" },
    );
    expect(crossSite.statusCode).toBe(403);
    expect(
      (await post("/services/shop-permit/apply", {}, { "sec-fetch-site": "cross-site" })).statusCode,
    ).toBe(403);
    // Submitted: its link no longer opens it.
    const submitted = await start();
    const draft = await draftOf(submitted.token);
    await service.handle.db
      .updateTable("application_drafts")
      .set({ submitted_entry_id: "entry-1" })
      .where("id", "=", draft.id)
      .execute();
    expect((await get(`/apply/${submitted.token}/check`)).statusCode).toBe(404);
    expect(
      (await post(`/apply/${submitted.token}/q/shop`, { _csrf: submitted.csrf, shopName: "x" })).statusCode,
    ).toBe(404);
    // Expired: 30 days untouched.
    clock.set(new Date(Date.parse(NOW) + 31 * 86_400_000));
    try {
      expect((await get(`/apply/${token}/check`)).statusCode).toBe(404);
    } finally {
      clock.set(NOW);
    }
    expect((await get(`/apply/${token}/check`)).statusCode).toBe(200);
  });
});
