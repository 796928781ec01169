import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { makePng } from "../../test/images.js";
import { signedInChief } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService, TEST_SERVICE } from "../../test/service-fixture.js";
import { findAgency } from "../agencies/index.js";
import { receiveMail } from "../intake/mail/index.js";
import { fixedClock } from "../platform/clock.js";
import { loadOrCreateSecret } from "../platform/secret.js";

const clock = fixedClock("2026-11-23T03:00:00.000Z");

/** What a person would be found by: none of it may sit in the audit trail, which a purge cannot touch. */
const PERSONAL = {
  applicantEmail: "somying.private@example.com",
  applicantPhone: "0812345678",
  nationalId: "1101700230708",
  applicantName: "สมหญิง รักเงียบ",
  mailSender: "somchai.mailer@example.net",
  mailName: "Somchai Mailer",
  autoReplier: "vacation.person@example.org",
  officerEmail: "new.officer.private@demo.go.th",
  officerName: "นายใหม่ ส่วนตัว",
};

const mail = (from: string, subject: string, body: string, extra = "") =>
  Buffer.from(
    `From: ${from}\r\nTo: saraban@demo.go.th\r\nSubject: ${subject}\r\nMessage-ID: <${Math.random().toString(36).slice(2)}@example.net>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0700\r\n${extra}Content-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`,
  );

describe.each(testDialects())("the audit trail holds no personal data (#13) on %s", (dialect) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
  }, 120_000);
  afterAll(() => service?.stop());

  it("PD-4, PD-6: after a submission (email, phone, national ID), mail intake (a request and an auto-reply) and an officer's creation, no audit row's data or actor holds an email, name, phone or ID", async () => {
    const res = await service.app.inject({
      method: "POST",
      url: `/api/v1/services/${TEST_SERVICE.code}/applications`,
      payload: {
        applicant: {
          type: "person",
          name: PERSONAL.applicantName,
          idNumber: PERSONAL.nationalId,
          email: PERSONAL.applicantEmail,
          phone: PERSONAL.applicantPhone,
        },
        answers: { shopName: "ร้านข้าวแกง", hasBranch: "no" },
        documents: [
          {
            documentId: "id-card",
            filename: "id.png",
            contentBase64: Buffer.from(makePng(1012, 638)).toString("base64"),
          },
        ],
        signature: { name: PERSONAL.applicantName, confirmed: true },
        privacyNoticeVersion: "pn-1",
      },
    });
    expect(res.statusCode).toBe(201);

    const agency = (await findAgency(service.handle.db, "demo"))!;
    const deps = {
      handle: service.handle,
      clock,
      files: service.files,
      secret: loadOrCreateSecret(service.dataDir),
      maxFileBytes: 10 * 1024 * 1024,
    };
    const arrived = (raw: Buffer, uid: number) => ({
      raw,
      folder: "INBOX",
      folderRole: "inbox" as const,
      uidValidity: "1",
      uid,
      internalDate: clock.now(),
    });
    await receiveMail(
      deps,
      agency,
      { trustedServer: null },
      arrived(
        mail(
          `${PERSONAL.mailName} <${PERSONAL.mailSender}>`,
          `คำร้อง ${PERSONAL.mailName}`,
          `เลขประจำตัว ${PERSONAL.nationalId} โทร ${PERSONAL.applicantPhone}`,
        ),
        1,
      ),
    );
    await receiveMail(
      deps,
      agency,
      { trustedServer: null },
      arrived(mail(PERSONAL.autoReplier, "Out of office", "Away", "Auto-Submitted: auto-replied\r\n"), 2),
    );

    const admin = await signedInChief(service, clock, "chief-audit@demo.go.th");
    const created = await admin.post("/office/staff", {
      email: PERSONAL.officerEmail,
      displayName: PERSONAL.officerName,
      roles: "reviewer",
    });
    expect(created.statusCode).toBe(201);

    const rows = await service.handle.db
      .selectFrom("audit_events")
      .select(["action", "actor", "data"])
      .execute();
    const actions = new Set(rows.map((r) => r.action));
    // The flow did reach the rows that used to copy addresses.
    for (const action of ["entry.register", "staff.create"]) expect(actions).toContain(action);
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows)
      for (const [what, value] of Object.entries(PERSONAL)) {
        expect(row.data.toLowerCase(), `${row.action} copies ${what}`).not.toContain(value.toLowerCase());
        expect(row.actor.toLowerCase(), `${row.action}'s actor holds ${what}`).not.toContain(
          value.toLowerCase(),
        );
      }
  });
});
