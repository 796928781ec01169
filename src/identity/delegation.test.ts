import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeMatter, submitTestApplication, unitOfficer } from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import { makePng } from "../../test/images.js";
import type { OfficeClient } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService, TEST_SERVICE } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { idNumberLookupKey } from "../platform/crypto/index.js";
import { delegationValid } from "./index.js";

const T0 = "2026-12-07T03:00:00.000Z";
const COMPANY = "0105555123450";
const ACTING = "3100500123458";
const PNG = Buffer.from(makePng(1240, 1754)).toString("base64");

describe.each(testDialects())("FM-5 delegations of juristic persons (%s)", (dialect) => {
  const clock = fixedClock(T0);
  let service: TestService;
  let officer: OfficeClient;
  let stranger: OfficeClient;
  let parties: { agencyId: string; juristicIdHmac: string; actingIdHmac: string };

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    officer = (await unitOfficer(service, clock, "deleg.reviewer@demo.go.th", ["reviewer"])).client;
    stranger = (await unitOfficer(service, clock, "deleg.other@demo.go.th", ["reviewer"], "saraban")).client;
    const sealer = service.database.sealer;
    parties = {
      agencyId: "demo",
      juristicIdHmac: idNumberLookupKey(sealer, COMPANY)!,
      actingIdHmac: idNumberLookupKey(sealer, ACTING)!,
    };
  }, 120_000);
  afterAll(() => service?.stop());

  /** A company's application through the public API, made by the person acting for it (FM-5). */
  async function submitJuristic(acting = ACTING): Promise<{ matterId: string; receiptNumber: string }> {
    const res = await service.app.inject({
      method: "POST",
      url: `/api/v1/services/${TEST_SERVICE.code}/applications`,
      payload: {
        applicant: {
          type: "juristic",
          name: "บริษัท ทดสอบ จำกัด",
          idNumber: COMPANY,
          email: "company@example.com",
          actingPerson: { name: "สมชาย ใจดี", idNumber: acting, position: "กรรมการ" },
        },
        answers: { shopName: "ร้านบริษัท", hasBranch: "no" },
        documents: [
          { documentId: "id-card", filename: "id.png", contentBase64: PNG },
          {
            documentId: "delegation",
            filename: "d.png",
            contentBase64: PNG,
            eStampReference: "ES-2569-000123",
          },
        ],
        signature: { name: "สมชาย ใจดี", confirmed: true },
        privacyNoticeVersion: "pn-1",
      },
    });
    if (res.statusCode !== 201) throw new Error(`not submitted: ${res.statusCode} ${res.body}`);
    const { receiptNumber } = res.json() as { receiptNumber: string };
    const entry = await service.handle.db
      .selectFrom("entries")
      .select("matter_id")
      .where("receipt_number", "=", receiptNumber)
      .executeTakeFirstOrThrow();
    await routeMatter(service, clock, entry.matter_id);
    return { matterId: entry.matter_id, receiptNumber };
  }
  const verify = (matterId: string, form: Record<string, string>, client = officer) =>
    client.post(`/office/matters/${matterId}/identity/delegation/verify`, form);
  const rows = () => service.handle.db.selectFrom("delegations").selectAll().execute();

  let first: { matterId: string; receiptNumber: string };

  it("FM-5: the panel shows the company ID's checksum, the acting person, the document and its e-Stamp reference", async () => {
    first = await submitJuristic();
    const page = await officer.get(`/office/matters/${first.matterId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-section="delegation"');
    expect(page.body).toContain('data-checksum="ok"');
    expect(page.body).toContain("0-10-5-555-12345-0");
    expect(page.body).toContain("สมชาย ใจดี");
    expect(page.body).not.toContain(ACTING);
    expect(page.body).toContain('data-e-stamp="ES-2569-000123"');
    expect(page.body).toMatch(/\/office\/entries\/[^/]+\/files\/[^"]+/);
    expect(page.body).toContain('data-delegation="unverified"');
    // A person's application has no delegation section.
    const person = await submitTestApplication(service);
    await routeMatter(service, clock, person.matterId);
    expect((await officer.get(`/office/matters/${person.matterId}`)).body).not.toContain(
      'data-section="delegation"',
    );
    expect(
      (await verify(person.matterId, { outcome: "verified", validUntil: "2027-06-30" })).statusCode,
    ).toBe(409);
  });

  it("FM-5: a bad date, a past date or another unit's officer is refused and nothing is written", async () => {
    await officer.get(`/office/matters/${first.matterId}`);
    expect((await verify(first.matterId, { outcome: "verified", validUntil: "2027-02-30" })).statusCode).toBe(
      400,
    );
    expect((await verify(first.matterId, { outcome: "verified", validUntil: "2026-12-01" })).statusCode).toBe(
      400,
    );
    expect((await verify(first.matterId, { outcome: "maybe", validUntil: "2027-06-30" })).statusCode).toBe(
      400,
    );
    await stranger.get("/office/work");
    expect(
      (await verify(first.matterId, { outcome: "verified", validUntil: "2027-06-30" }, stranger)).statusCode,
    ).toBe(404);
    expect(await rows()).toHaveLength(0);
  });

  it("FM-5: an officer verifies the delegation, audited by ids only", async () => {
    await officer.get(`/office/matters/${first.matterId}`);
    const res = await verify(first.matterId, {
      outcome: "verified",
      validUntil: "2027-06-30",
      note: "ตรวจกับ DBD แล้ว",
    });
    expect(res.statusCode).toBe(303);
    const [row] = await rows();
    expect(row).toMatchObject({
      status: "verified",
      acting_name: "สมชาย ใจดี",
      juristic_name: "บริษัท ทดสอบ จำกัด",
      e_stamp_reference: "ES-2569-000123",
      juristic_id_hmac: parties.juristicIdHmac,
      acting_id_hmac: parties.actingIdHmac,
      matter_id: first.matterId,
      // Valid through 30 June 2027 in Bangkok: until 1 July 00:00 local.
      valid_until: "2027-06-30T17:00:00.000Z",
    });
    expect(await delegationValid(service.handle.db, parties, clock.now())).toBe(true);
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .select("data")
      .where("action", "=", "identity.verify-delegation")
      .executeTakeFirstOrThrow();
    expect(audit.data).toContain(row!.id);
    expect(audit.data).not.toMatch(/สมชาย|บริษัท|DBD|0105555123450|3100500123458/);
  });

  it("FM-5: a later application of the same company by the same person reuses the verified delegation", async () => {
    const second = await submitJuristic();
    const page = await officer.get(`/office/matters/${second.matterId}`);
    expect(page.body).toContain('data-delegation="reused"');
    expect(page.body).toContain(first.receiptNumber);
    expect(page.body).not.toContain(`identity/delegation/verify`);
    // Another person acting for the same company is not covered.
    const other = await submitJuristic("1101700230708");
    expect((await officer.get(`/office/matters/${other.matterId}`)).body).toContain(
      'data-delegation="unverified"',
    );
  });

  it("FM-5: an expired delegation is not reused", async () => {
    clock.set("2027-07-01T00:00:00.000Z");
    expect(await delegationValid(service.handle.db, parties, clock.now())).toBe(false);
    const third = await submitJuristic();
    // The officer's session of last year has long ended: a new sign-in.
    officer = (await unitOfficer(service, clock, "deleg.later@demo.go.th", ["reviewer"])).client;
    const page = await officer.get(`/office/matters/${third.matterId}`);
    expect(page.body).toContain('data-delegation="unverified"');
    expect(page.body).toContain(`identity/delegation/verify`);
  });
});
