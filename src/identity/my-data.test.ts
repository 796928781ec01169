import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  routeMatter,
  type SubmittedApplication,
  submitTestApplication,
  unitOfficer,
} from "../../test/casework.js";
import { signedInCitizen, type TestCitizen } from "../../test/citizen.js";
import { testDialects } from "../../test/db.js";
import { OfficeClient } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService, TEST_SERVICE } from "../../test/service-fixture.js";
import { createDraft } from "../forms/drafts.repo.js";
import { emailResumeLink } from "../forms/email-resume-link.js";
import { isLinkCommand } from "../intake/line/line-link-command.js";
import { fixedClock } from "../platform/clock.js";
import { emailLookupKey, idNumberLookupKey, phoneLookupKey } from "../platform/crypto/index.js";
import { CITIZEN_COOKIE, createLineLinkToken, insertProof, startCitizenSession } from "./index.js";

// Monday 23 November 2026, 10:00 Bangkok.
const MONDAY_10 = "2026-11-23T03:00:00.000Z";
const A_EMAIL = "somying@example.com";
const B_EMAIL = "somchai@example.com";
const A_ID = "1101700230708";

describe.each(testDialects())("my requests and who read my data on %s", (dialect) => {
  const clock = fixedClock(MONDAY_10);
  let service: TestService;
  let a: SubmittedApplication;
  let b: SubmittedApplication;
  /** A mail entry of A's, found by the phone number A verified. */
  let byPhone: SubmittedApplication;
  const accounts = new Map<string, string>();
  /** A citizen signed in now; the same details sign the same account in again (the hashes are unique). */
  const citizen = async (input: {
    email?: string;
    phone?: string;
    nationalId?: string;
  }): Promise<TestCitizen> => {
    const accountId = accounts.get(input.email ?? "");
    if (!accountId) {
      const made = await signedInCitizen(service.app, service.handle, service.sealer, {
        agencyId: "demo",
        at: clock.now(),
        ...input,
      });
      accounts.set(input.email ?? "", made.accountId);
      return made;
    }
    const db = service.handle.db;
    const signIn = await db
      .selectFrom("sign_ins")
      .select("id")
      .where("account_id", "=", accountId)
      .executeTakeFirstOrThrow();
    const session = await startCitizenSession(
      db,
      { accountId, agencyId: "demo", signInId: signIn.id },
      clock.now(),
    );
    const client = new OfficeClient(service.app, "");
    client.cookies.set(CITIZEN_COOKIE, session.token);
    client.csrf = session.csrfToken;
    return { accountId, client, csrfToken: session.csrfToken };
  };
  const readsOf = (matterId: string) =>
    service.handle.db.selectFrom("data_reads").selectAll().where("matter_id", "=", matterId).execute();

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    a = await submitTestApplication(service, { email: A_EMAIL });
    b = await submitTestApplication(service, { email: B_EMAIL, name: "สมชาย ใจดี" });
    byPhone = await submitTestApplication(service, { email: "other@example.com" });
    // The sealing part fills these keyed hashes when an entry is registered; here they are set as it would.
    const db = service.handle.db;
    for (const [s, email] of [
      [a, A_EMAIL],
      [b, B_EMAIL],
    ] as const)
      await db
        .updateTable("entries")
        .set({ sender_email_hmac: emailLookupKey(service.sealer, email) ?? null })
        .where("id", "=", s.entryId)
        .execute();
    await db
      .updateTable("entries")
      .set({ sender_phone_hmac: phoneLookupKey(service.sealer, "081-234-5678") ?? null })
      .where("id", "=", byPhone.entryId)
      .execute();
    // Every test application carries A's national ID: only a proven one may find them.
    await db
      .updateTable("applications")
      .set({ applicant_id_hmac: idNumberLookupKey(service.sealer, A_ID) ?? null })
      .where("matter_id", "in", [a.matterId, b.matterId, byPhone.matterId])
      .execute();
    await routeMatter(service, clock, a.matterId);
  }, 120_000);
  afterAll(() => service?.stop());

  it("PD-6: my requests lists the matters of my verified email and phone, each with its tracking link; another citizen's are not there", async () => {
    const me = await citizen({ email: A_EMAIL, phone: "+66812345678" });
    const page = await me.client.get("/account/requests");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(a.receiptNumber);
    expect(page.body).toContain(byPhone.receiptNumber);
    expect(page.body).not.toContain(b.receiptNumber);
    expect(page.body).toContain(`/requests/${a.beYear}/${a.sequence}?t=${a.token}`);
    // The link it gives opens the tracking page.
    const tracking = await service.app.inject({ url: `/requests/${a.beYear}/${a.sequence}?t=${a.token}` });
    expect(tracking.statusCode).toBe(200);

    const other = await citizen({ email: B_EMAIL });
    const theirs = await other.client.get("/account/requests");
    expect(theirs.body).toContain(b.receiptNumber);
    expect(theirs.body).not.toContain(a.receiptNumber);
    expect(theirs.body).not.toContain(byPhone.receiptNumber);
  });

  it("PD-6, SC-1: a national ID finds applications only once the account proved it, never when merely typed", async () => {
    const typed = await citizen({ email: "nobody@example.com", nationalId: A_ID });
    const before = await typed.client.get("/account/requests");
    expect(before.body).not.toContain(a.receiptNumber);
    await insertProof(service.handle.db, {
      agencyId: "demo",
      accountId: typed.accountId,
      nationalIdHmac: idNumberLookupKey(service.sealer, A_ID) ?? null,
      method: "thaid",
      assurance: "IAL2",
      status: "proven",
      evidence: { ial: "2.3" },
      at: clock.now().toISOString(),
    });
    const after = await typed.client.get("/account/requests");
    expect(after.body).toContain(a.receiptNumber);
    expect(after.body).toContain(b.receiptNumber);
  });

  it("PD-6: an officer's reads of the matter page, the entry page and the register list are recorded, and the applicant sees who read what", async () => {
    const reviewer = await unitOfficer(service, clock, "reader@demo.go.th", ["reviewer"]);
    const saraban = await unitOfficer(service, clock, "clerk@demo.go.th", ["saraban_officer"], "saraban");
    expect((await reviewer.client.get(`/office/matters/${a.matterId}`)).statusCode).toBe(200);
    expect((await saraban.client.get(`/office/entries/${a.entryId}`)).statusCode).toBe(200);
    expect((await saraban.client.get("/office/register?date=2026-11-23")).statusCode).toBe(200);
    const reads = await readsOf(a.matterId);
    expect(reads.map((r) => r.what).sort()).toEqual(["entry", "matter", "register-list"]);
    expect(new Set(reads.map((r) => r.reader))).toEqual(
      new Set([`staff:${reviewer.staff.id}`, `staff:${saraban.staff.id}`]),
    );
    expect(reads.find((r) => r.what === "entry")?.entry_id).toBe(a.entryId);
    const file = await service.handle.db
      .selectFrom("attachments")
      .select("id")
      .where("entry_id", "=", a.entryId)
      .executeTakeFirstOrThrow();
    expect((await saraban.client.get(`/office/entries/${a.entryId}/files/${file.id}`)).statusCode).toBe(200);
    expect((await saraban.client.get("/office/register.csv?date=2026-11-23")).statusCode).toBe(200);
    const more = (await readsOf(a.matterId)).map((r) => r.what);
    expect(more).toContain("attachment");
    expect(more).toContain("export");

    const me = await citizen({ email: A_EMAIL });
    const page = await me.client.get("/account/reads");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(reviewer.staff.displayName);
    expect(page.body).toContain("หน้าเรื่อง");
    expect(page.body).toContain(a.receiptNumber);
    // B's matter was on the register list too, but B sees only reads of B's own matters.
    const other = await citizen({ email: B_EMAIL });
    const theirs = await other.client.get("/account/reads");
    expect(theirs.body).not.toContain(a.receiptNumber);
    expect(theirs.body).not.toContain(reviewer.staff.displayName);
    expect(theirs.body).toContain(b.receiptNumber);
  });

  it("PD-6: who read my data is paged, newest first", async () => {
    clock.set(new Date(Date.parse(MONDAY_10) + 60 * 60_000).toISOString());
    const reviewer = await unitOfficer(service, clock, "pager@demo.go.th", ["reviewer"]);
    for (let i = 0; i < 22; i++) {
      clock.set(new Date(Date.parse(MONDAY_10) + (i + 61) * 60_000).toISOString());
      expect((await reviewer.client.get(`/office/matters/${a.matterId}`)).statusCode).toBe(200);
    }
    const me = await citizen({ email: A_EMAIL });
    const first = await me.client.get("/account/reads");
    expect(first.body).toContain("?page=1");
    expect(first.body).not.toContain("?page=-1");
    const rows = (body: string) => (body.match(/<tr><td>/g) ?? []).length;
    expect(rows(first.body)).toBe(20);
    const second = await me.client.get("/account/reads?page=1");
    expect(second.statusCode).toBe(200);
    expect(rows(second.body)).toBeGreaterThan(0);
    expect((await me.client.get("/account/reads?page=x")).statusCode).toBe(400);
  });

  it("PD-6: unsigned visitors are sent to sign in and back; a POST without a session is refused", async () => {
    const requests = await service.app.inject({ url: "/account/requests", headers: { accept: "text/html" } });
    expect(requests.statusCode).toBe(303);
    expect(requests.headers.location).toBe(
      `/account/sign-in?return=${encodeURIComponent("/account/requests")}`,
    );
    const reads = await service.app.inject({ url: "/account/reads" });
    expect(reads.statusCode).toBe(303);
    const post = await service.app.inject({ method: "POST", url: `/account/line-link/${"x".repeat(43)}` });
    expect(post.statusCode).toBe(401);
  });

  it("IF-1, SC-1: another matter's tracking token opens nothing: tracking page, letters, deficiency page, a draft (404)", async () => {
    const res = await service.app.inject({ url: `/requests/${b.beYear}/${b.sequence}?t=${a.token}` });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain("สมชาย");
    // The tracking page's neighbours: the letters, the deficiency page, a draft's resume link.
    for (const url of [
      `/requests/${b.beYear}/${b.sequence}/letters/decision.pdf?t=${a.token}`,
      `/requests/${b.beYear}/${b.sequence}/deficiency?t=${a.token}`,
      `/apply/${a.token}/privacy`,
    ])
      expect((await service.app.inject({ url })).statusCode, url).toBe(404);
  });

  it("PD-6: 'link account' in LINE is a command, and its link ties the LINE user to the signed-in account once", async () => {
    expect(isLinkCommand(" Link  Account ")).toBe(true);
    expect(isLinkCommand("เชื่อมบัญชี")).toBe(true);
    expect(isLinkCommand("ขอเชื่อมบัญชีหน่อย")).toBe(false);
    const lineUser = `U${"a".repeat(32)}`;
    // A LINE entry of that user's.
    const line = await submitTestApplication(service, { email: "line-user@example.com" });
    await service.handle.db
      .updateTable("entries")
      .set({ line_user_id: lineUser })
      .where("id", "=", line.entryId)
      .execute();
    const token = await createLineLinkToken(
      service.handle.db,
      { agencyId: "demo", lineUserId: lineUser },
      clock.now(),
    );
    const me = await citizen({ email: "linker@example.com" });
    expect((await me.client.get("/account/requests")).body).not.toContain(line.receiptNumber);

    const confirm = await me.client.get(`/account/line-link/${token}`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain(`name="_csrf" value="${me.csrfToken}"`);
    expect((await me.client.post(`/account/line-link/${token}`, {}, { csrf: "wrong" })).statusCode).toBe(403);
    const linked = await me.client.post(`/account/line-link/${token}`, {});
    expect(linked.statusCode).toBe(303);
    expect((await me.client.get("/account/requests")).body).toContain(line.receiptNumber);

    const audit = await service.handle.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "account.link-line")
      .execute();
    expect(audit.map((e) => e.subject_id)).toEqual([me.accountId]);
    expect(JSON.stringify(audit)).not.toContain(lineUser);

    // A replay is refused, by the same account or another.
    expect((await me.client.post(`/account/line-link/${token}`, {})).statusCode).toBe(409);
    const other = await citizen({ email: "second@example.com" });
    expect((await other.client.get(`/account/line-link/${token}`)).statusCode).toBe(409);
    // A fresh link for the same LINE user cannot take it from the first account.
    const again = await createLineLinkToken(
      service.handle.db,
      { agencyId: "demo", lineUserId: lineUser },
      clock.now(),
    );
    const refused = await other.client.post(`/account/line-link/${again}`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain("เชื่อมกับบัญชีผู้ใช้อื่น");
    const unused = await service.handle.db.selectFrom("line_link_tokens").select("used_at").execute();
    expect(unused.filter((r) => r.used_at === null)).toHaveLength(1);
    expect((await other.client.get("/account/requests")).body).not.toContain(line.receiptNumber);
  });

  it("PD-6: my unsubmitted drafts whose link went to my address are listed, with no link (only its hash is kept)", async () => {
    const version = await service.handle.db
      .selectFrom("service_versions")
      .innerJoin("services", "services.id", "service_versions.service_id")
      .select(["service_versions.id", "service_versions.definition"])
      .where("services.code", "=", TEST_SERVICE.code)
      .executeTakeFirstOrThrow();
    const { draft, token } = await createDraft(
      service.handle.db,
      { agencyId: "demo", serviceVersionId: version.id, language: "th" },
      clock.now(),
    );
    const resumeUrl = `http://borikan.test/resume/${token}`;
    await emailResumeLink(
      service.handle,
      { draft, email: "Drafter@Example.com", resumeUrl, serviceName: "x" },
      clock.now(),
    );
    const me = await citizen({ email: "drafter@example.com" });
    const page = await me.client.get("/account/requests");
    expect(page.body).toContain("แบบคำขอที่ยังไม่ได้ยื่น");
    expect(page.body).toContain(JSON.parse(version.definition).name.th);
    expect(page.body).not.toContain(token);
    const other = await citizen({ email: B_EMAIL });
    expect((await other.client.get("/account/requests")).body).not.toContain("แบบคำขอที่ยังไม่ได้ยื่น");
  });

  it("PD-6: an unknown or expired link is 404, and says how to get a new one", async () => {
    const me = await citizen({ email: "late@example.com" });
    expect((await me.client.get(`/account/line-link/${"A".repeat(43)}`)).statusCode).toBe(404);
    expect((await me.client.get("/account/line-link/short")).statusCode).toBe(404);
    const token = await createLineLinkToken(
      service.handle.db,
      { agencyId: "demo", lineUserId: `U${"b".repeat(32)}` },
      new Date(clock.now().getTime() - 16 * 60_000),
    );
    const expired = await me.client.post(`/account/line-link/${token}`, {});
    expect(expired.statusCode).toBe(404);
    expect(expired.body).toContain("เชื่อมบัญชี");
  });
});
