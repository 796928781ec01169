import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { makePng } from "../../test/images.js";
import type { OfficeClient } from "../../test/office.js";
import { signedInOfficer } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService, TEST_SERVICE } from "../../test/service-fixture.js";
import { findAgency } from "../agencies/index.js";
import { loadBusinessCalendar } from "../calendar/index.js";
import { fixedClock } from "../platform/clock.js";
import { withTransaction } from "../platform/db/database.js";
import { registerEntry } from "../register/index.js";

const T0 = "2026-12-08T03:00:00.000Z";
const T1 = "2026-12-08T03:02:00.000Z";
const T2 = "2026-12-08T03:04:00.000Z";
const LOW_RES = makePng(500, 315);

describe.each(testDialects())("the application on the register's entry page on %s", (dialect) => {
  const clock = fixedClock(T0);
  let service: TestService;
  let officer: OfficeClient;

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    ({ client: officer } = await signedInOfficer(
      service.app,
      service.handle,
      clock,
      "demo",
      "saraban@demo.go.th",
      ["saraban_officer"],
    ));
  });
  afterAll(async () => service?.stop());

  /** A mail entry with a scan attached, received at `at`. */
  const mailEntry = async (at: string) => {
    const agency = (await findAgency(service.handle.db, "demo"))!;
    const calendar = await loadBusinessCalendar(service.handle.db, agency);
    const stored = await service.files.put(LOW_RES);
    return withTransaction(service.handle, (trx) =>
      registerEntry(
        trx,
        {
          agencyId: "demo",
          channel: "email",
          senderName: "สมชาย ใจดี",
          senderEmail: "somchai@example.com",
          subject: "ขออนุญาตเปิดร้าน",
          body: "ขอยื่นคำขอ\nสมชาย ใจดี",
          language: "th",
          signature: "สมชาย ใจดี (name in the mail)",
          receivedAt: new Date(at),
          attachments: [
            {
              filename: "idcard.png",
              mediaType: "image/png",
              size: LOW_RES.length,
              sha256: stored.sha256,
              storageKey: stored.key,
              viewableKey: null,
              refusalCode: null,
            },
          ],
        },
        { clock, calendar, actor: "system" },
      ),
    );
  };

  it("a mail entry turned into an application by an officer, at the version in force when it arrived", async () => {
    clock.set(T0);
    await publishTestService(service); // v1 at T0
    const { entry, attachments } = await mailEntry(T1);
    clock.set(T2);
    await publishTestService(service, { ...TEST_SERVICE, name: { th: "ฉบับสอง" } }); // v2 at T2
    const page = await officer.get(`/office/entries/${entry.id}`);
    expect(page.body).toContain(`/office/entries/${entry.id}/application`);
    expect(page.body).toContain('<option value="shop-permit">ฉบับสอง (shop-permit)</option>');
    const res = await officer.post(`/office/entries/${entry.id}/application`, {
      service: "shop-permit",
      [`doc_${attachments[0]!.id}`]: "id-card",
    });
    expect(res.statusCode).toBe(303);
    const application = await service.handle.db
      .selectFrom("applications as a")
      .innerJoin("service_versions as v", "v.id", "a.service_version_id")
      .select(["v.version", "a.signature", "a.signed_sha256", "a.created_by", "a.id"])
      .where("a.entry_id", "=", entry.id)
      .executeTakeFirstOrThrow();
    expect(application.version).toBe(1);
    expect(JSON.parse(application.signature)).toMatchObject({
      method: "entry",
      name: "สมชาย ใจดี",
      source: { channel: "email", signature: "สมชาย ใจดี (name in the mail)" },
      signedSha256: application.signed_sha256,
    });
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "application.convert")
      .where("subject_id", "=", entry.id)
      .execute();
    expect(audit).toHaveLength(1);
    const shown = await officer.get(`/office/entries/${entry.id}`);
    expect(shown.body).toContain(TEST_SERVICE.name.th);
    expect(shown.body).toContain("ฉบับที่ 1");
    expect(shown.body).toContain('data-warning="low-resolution"'); // FM-4: the officer sees it too
    expect(shown.body).toContain('data-signature="entry"');
    const again = await officer.post(`/office/entries/${entry.id}/application`, { service: "shop-permit" });
    expect(again.statusCode).toBe(409);
  });

  it("FM-1, FM-6: a web application shows its version, applicant, answers, documents and signature evidence; it is not converted again", async () => {
    clock.set(T2);
    const res = await service.app.inject({
      method: "POST",
      url: "/api/v1/services/shop-permit/applications",
      payload: {
        applicant: { type: "person", name: "สมหญิง รักดี", idNumber: "1101700230708", phone: "0812345678" },
        answers: { shopName: "ร้านข้าวแกง", hasBranch: "no" },
        documents: [
          {
            documentId: "id-card",
            filename: "id.png",
            contentBase64: Buffer.from(LOW_RES).toString("base64"),
          },
        ],
        signature: { name: "สมหญิง รักดี", confirmed: true },
        privacyNoticeVersion: "pn-7",
      },
      headers: { "user-agent": "api-client" },
    });
    expect(res.statusCode).toBe(201);
    const entry = await service.handle.db
      .selectFrom("applications")
      .select("entry_id")
      .where("id", "=", res.json().applicationId)
      .executeTakeFirstOrThrow();
    const page = await officer.get(`/office/entries/${entry.entry_id}`);
    for (const text of [
      "ฉบับสอง",
      "ฉบับที่ 2",
      "1101700230708",
      "ร้านข้าวแกง",
      "ไม่มี",
      "pn-7",
      "api-client",
      'data-warning="low-resolution"',
    ])
      expect(page.body).toContain(text);
    expect(page.body).not.toContain(`/office/entries/${entry.entry_id}/application"`);
    const convert = await officer.post(`/office/entries/${entry.entry_id}/application`, {
      service: "shop-permit",
    });
    expect(convert.statusCode).toBe(409);
  });

  it("an entry received before any version was in force cannot be converted to that service", async () => {
    const { entry } = await mailEntry("2026-12-01T03:00:00.000Z");
    const res = await officer.post(`/office/entries/${entry.id}/application`, { service: "shop-permit" });
    expect(res.statusCode).toBe(404);
    const forged = await officer.post(
      `/office/entries/${entry.id}/application`,
      { service: "shop-permit" },
      { csrf: "forged" },
    );
    expect(forged.statusCode).toBe(403);
  });
});
