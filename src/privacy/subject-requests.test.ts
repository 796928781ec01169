import crypto from "node:crypto";
import { type FileEntry, TextWriter, Uint8ArrayReader, Uint8ArrayWriter, ZipReader } from "@zip.js/zip.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInCitizen, type TestCitizen } from "../../test/citizen.js";
import { testDialects } from "../../test/db.js";
import { testDocumentSigner } from "../../test/document-signer.js";
import { issuedLicence } from "../../test/licensing.js";
import { type OfficeClient, signedInChief, stepUp } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { findAgency } from "../agencies/index.js";
import { loadBusinessCalendar } from "../calendar/index.js";
import { sweepNotifications } from "../notifications/index.js";
import { issueEReceipts } from "../payment/index.js";
import { fixedClock } from "../platform/clock.js";
import { withTransaction } from "../platform/db/database.js";
import { t } from "../platform/i18n/index.js";
import { newId } from "../platform/ids.js";
import { loadOrCreateSecret } from "../platform/secret.js";
import { registerEntry } from "../register/index.js";
import { isOverdue } from "./subject-request-statuses.js";

const MONDAY_10 = "2026-11-23T03:00:00.000Z";
const A_EMAIL = "somying@example.com";
const B_EMAIL = "somchai@example.com";

describe.each(testDialects())("data-subject requests on %s", (dialect) => {
  const clock = fixedClock(MONDAY_10);
  let service: TestService;
  let a: TestCitizen;
  let b: TestCitizen;
  let chief: OfficeClient;
  const planted = { a: [] as string[], b: [] as string[] };
  /** #17 export: what each person's application left in the other rooms (forms, payment, licensing). */
  const rooms = {} as Record<
    "a" | "b",
    { matterId: string; applicationId: string; licenceId: string; topicId: string; ratingId: string }
  >;
  const hashes = { a: [] as string[], b: [] as string[] };

  /** A mail entry from `email` with one file of its own bytes. */
  async function plant(who: "a" | "b", email: string, text: string) {
    const file = await service.files.put(new TextEncoder().encode(`${who}: ${text}`));
    const agency = (await findAgency(service.handle.db, "demo"))!;
    const calendar = await loadBusinessCalendar(service.handle.db, agency);
    const { entry } = await withTransaction(service.handle, (trx) =>
      registerEntry(
        trx,
        {
          agencyId: "demo",
          channel: "email",
          senderName: who === "a" ? "สมหญิง" : "สมชาย",
          senderEmail: email,
          subject: text,
          body: text,
          language: "th",
          attachments: [
            {
              filename: `${who}.txt`,
              mediaType: "text/plain",
              size: 10,
              sha256: file.sha256,
              storageKey: file.key,
              viewableKey: null,
              refusalCode: null,
            },
          ],
        },
        { clock, calendar, actor: "test" },
      ),
    );
    planted[who].push(entry.id);
    hashes[who].push(file.sha256);
  }

  const rowsOf = () => service.handle.db.selectFrom("data_subject_requests").selectAll().execute();

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    const input = { agencyId: "demo", at: clock.now() };
    a = await signedInCitizen(service.app, service.handle, service.sealer, {
      ...input,
      email: A_EMAIL,
      provider: "thaid",
      ial: "2.3",
    });
    b = await signedInCitizen(service.app, service.handle, service.sealer, { ...input, email: B_EMAIL });
    await plant("a", A_EMAIL, "ขอสำเนาใบอนุญาต");
    await plant("a", A_EMAIL, "สอบถามค่าธรรมเนียม");
    await plant("b", B_EMAIL, "ร้องเรียนเสียงดัง");
    // #17 export: an application each, approved, paid, its e-receipt and licence made
    await publishTestService(service);
    for (const [who, email] of [
      ["a", A_EMAIL],
      ["b", B_EMAIL],
    ] as const) {
      const { application, licence } = await issuedLicence(service, clock, { email });
      const citizen = who === "a" ? a : b;
      await citizen.client.get("/webboard/new");
      const topic = await citizen.client.post("/webboard/new", {
        title: `คำถามของ ${who}`,
        body: `ข้อความของ ${who}`,
      });
      if (topic.statusCode !== 303) throw new Error(`topic not opened: ${topic.statusCode}`);
      // A rating is given on a closed matter through a signed link; planted directly, as the room stores it.
      const ratingId = newId();
      await service.handle.db
        .insertInto("satisfaction_ratings")
        .values({
          id: ratingId,
          agency_id: "demo",
          matter_id: application.matterId,
          service_id: null,
          rating: who === "a" ? 5 : 1,
          comment: `ความเห็นของ ${who}`,
          channel: "web",
          created_at: clock.now().toISOString(),
        })
        .execute();
      rooms[who] = {
        matterId: application.matterId,
        applicationId: application.applicationId,
        licenceId: licence.id,
        topicId: String(topic.headers.location).split("/").pop()!,
        ratingId,
      };
    }
    // The assistant's LINE reply in the draft each person's first mail entry stands for (IF-4), planted as the rooms store them.
    for (const who of ["a", "b"] as const) {
      const draftId = newId();
      const at = clock.now().toISOString();
      await service.handle.db
        .insertInto("line_drafts")
        .values({
          id: draftId,
          agency_id: "demo",
          user_id: `U-${who}`,
          status: "submitted",
          full_name: null,
          submitted_at: at,
          entry_id: planted[who][0]!,
          matter_id: null,
          name_event_id: null,
          opened_at: at,
          last_activity_at: at,
        })
        .execute();
      await service.handle.db
        .insertInto("line_deliveries")
        .values({
          id: `delivery-${who}`,
          agency_id: "demo",
          received_at: at,
          body_encoding: "utf8",
          body: "{}",
          invalid_reason: null,
        })
        .execute();
      await service.handle.db
        .insertInto("line_events")
        .values({
          id: `event-${who}`,
          agency_id: "demo",
          webhook_event_id: `webhook-${who}`,
          delivery_id: `delivery-${who}`,
          type: "message",
          source_type: "user",
          user_id: `U-${who}`,
          event_at: at,
          payload: "{}",
          status: "done",
          invalid_reason: null,
          attempts: 1,
          lease_until: null,
          last_error: null,
          processed_at: at,
        })
        .execute();
      await service.handle.db
        .insertInto("assistant_replies")
        .values({
          id: newId(),
          agency_id: "demo",
          draft_id: draftId,
          event_id: `event-${who}`,
          kind: "unknown",
          said: `คำตอบผู้ช่วยถึง ${who}`,
          sources: "[]",
          created_at: at,
          via: "line-reply",
          sent_at: at,
          last_error: null,
        })
        .execute();
    }
    await sweepNotifications(
      {
        handle: service.handle,
        secret: loadOrCreateSecret(service.dataDir),
        publicUrl: "http://borikan.test",
        env: {},
      },
      clock.now(),
    );
    await issueEReceipts({ ...service.payment, documentSigner: testDocumentSigner() }, clock.now());
    chief = await signedInChief(service, clock);
  });
  afterAll(async () => service?.stop());

  it("PD-3: a request about oneself without verified identity is refused with a reason, nothing written", async () => {
    const res = await b.client.post("/account/privacy-requests", { kind: "access", details: "ขอข้อมูลของฉัน" });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain("ยืนยันตัวตน");
    expect(await rowsOf()).toHaveLength(0);
  });

  it("PD-3: a request for another person without proof of authority is refused, nothing written", async () => {
    const res = await a.client.post("/account/privacy-requests", {
      kind: "access",
      details: "ขอข้อมูลของมารดา",
      subjectName: "นางสมศรี",
      delegationId: crypto.randomUUID(),
    });
    expect(res.statusCode).toBe(403);
    expect(await rowsOf()).toHaveLength(0);
  });

  it("PD-3: a wrong kind is a 400, never a 500", async () => {
    const res = await a.client.post("/account/privacy-requests", { kind: "everything", details: "x" });
    expect(res.statusCode).toBe(400);
    expect(await rowsOf()).toHaveLength(0);
  });

  it("PD-3: an access request is a matter; answered, its export holds everything of A and nothing of B", async () => {
    const filed = await a.client.post("/account/privacy-requests", {
      kind: "access",
      details: "ขอข้อมูลทั้งหมด",
    });
    expect(filed.statusCode).toBe(303);
    const [row] = await rowsOf();
    expect(row!.status).toBe("open");
    // PDPA s.30: 30 calendar days from receipt.
    expect(Date.parse(row!.due_at) - Date.parse(row!.received_at)).toBe(30 * 86_400_000);
    const matter = await service.handle.db
      .selectFrom("matters")
      .select(["status", "kind"])
      .where("id", "=", row!.matter_id)
      .executeTakeFirstOrThrow();
    expect(matter).toEqual({ status: "received", kind: "general" });

    const list = await chief.get("/office/privacy/requests");
    expect(list.statusCode).toBe(200);
    await stepUp(chief, clock);
    await chief.get("/office/privacy/requests");
    const refused = await chief.post(`/office/privacy/requests/${row!.id}/decide`, {
      action: "refuse",
      text: " ",
    });
    expect(refused.statusCode).toBe(400);
    const answered = await chief.post(`/office/privacy/requests/${row!.id}/decide`, {
      action: "answer",
      text: "จัดทำไฟล์ข้อมูลของท่านแล้ว",
    });
    expect(answered.statusCode).toBe(303);
    const [done] = await rowsOf();
    expect(done!.status).toBe("answered");
    const ended = await service.handle.db
      .selectFrom("matters")
      .select("status")
      .where("id", "=", row!.matter_id)
      .executeTakeFirstOrThrow();
    expect(ended.status).toBe("closed");

    // B cannot fetch A's export; A can.
    expect((await b.client.get(`/account/privacy-requests/${row!.id}/export`)).statusCode).toBe(404);
    const zipRes = await service.app.inject({
      url: `/account/privacy-requests/${row!.id}/export`,
      headers: { cookie: a.client.cookieHeader },
    });
    expect(zipRes.statusCode).toBe(200);
    const reader = new ZipReader(new Uint8ArrayReader(new Uint8Array(zipRes.rawPayload)));
    const entries = (await reader.getEntries()).filter((e): e is FileEntry => !e.directory);
    const dataEntry = entries.find((e) => e.filename === "data.json")!;
    const data = JSON.parse(await dataEntry.getData(new TextWriter())) as {
      entries: { id: string }[];
      account: { account: { id: string } };
      applications: { id: string; formData: { shopName: string }; documents: { attachmentId: string }[] }[];
      payments: {
        notices: { matterId: string }[];
        payments: { matterId: string }[];
        receipts: { id: string; matterId: string; file: string | null }[];
      };
      licences: { id: string; holderName: string; file: string }[];
      webboard: { topics: { id: string }[]; posts: { topicId: string; body: string }[] };
      ratings: { id: string }[];
      notifications: { matterId: string }[];
      assistantReplies: { said: string }[];
    };
    const ids = data.entries.map((e) => e.id);
    for (const id of planted.a) expect(ids).toContain(id);
    for (const id of planted.b) expect(ids).not.toContain(id);
    expect(data.account.account.id).toBe(a.accountId);
    const fileHashes: string[] = [];
    for (const e of entries.filter((x) => x.filename.startsWith("files/"))) {
      const bytes = await e.getData(new Uint8ArrayWriter());
      fileHashes.push(crypto.createHash("sha256").update(bytes).digest("hex"));
    }
    for (const h of hashes.a) expect(fileHashes).toContain(h);
    for (const h of hashes.b) expect(fileHashes).not.toContain(h);

    // #17 export: each room's rows of A's application, and none of B's
    const paths = entries.map((e) => e.filename);
    const { a: ra, b: rb } = rooms;
    expect(data.applications.map((x) => x.id)).toEqual([ra.applicationId]);
    expect(data.applications[0]!.formData.shopName).toBe("ร้านข้าวแกง");
    const [document] = data.applications[0]!.documents;
    expect(paths.some((p) => p.startsWith(`files/${document!.attachmentId}-`))).toBe(true);
    const bDocument = await service.handle.db
      .selectFrom("application_documents")
      .select("attachment_id")
      .where("application_id", "=", rb.applicationId)
      .executeTakeFirstOrThrow();
    expect(paths.some((p) => p.startsWith(`files/${bDocument.attachment_id}-`))).toBe(false);
    for (const kind of ["notices", "payments", "receipts"] as const)
      expect(
        data.payments[kind].map((x) => x.matterId),
        kind,
      ).toEqual([ra.matterId]);
    const receipt = data.payments.receipts[0]!;
    expect(receipt.file).toBe(`files/receipts/${receipt.id}.pdf`);
    expect(paths).toContain(receipt.file);
    expect(paths.filter((p) => p.startsWith("files/receipts/"))).toHaveLength(1);
    expect(data.licences.map((x) => x.id)).toEqual([ra.licenceId]);
    const licencePdf = entries.find((e) => e.filename === `files/licences/${ra.licenceId}.pdf`)!;
    const held = await service.handle.db
      .selectFrom("licences")
      .select("pdf_sha256")
      .where("id", "=", ra.licenceId)
      .executeTakeFirstOrThrow();
    const pdfBytes = await licencePdf.getData(new Uint8ArrayWriter());
    expect(crypto.createHash("sha256").update(pdfBytes).digest("hex")).toBe(held.pdf_sha256);
    expect(paths).not.toContain(`files/licences/${rb.licenceId}.pdf`);
    expect(data.webboard.topics.map((x) => x.id)).toEqual([ra.topicId]);
    expect(data.webboard.posts.map((x) => x.body)).toEqual(["ข้อความของ a"]);
    expect(data.ratings.map((x) => x.id)).toEqual([ra.ratingId]);
    expect(data.notifications.length).toBeGreaterThan(0);
    expect(new Set(data.notifications.map((x) => x.matterId))).toEqual(new Set([ra.matterId]));
    expect(data.assistantReplies.map((x) => x.said)).toEqual(["คำตอบผู้ช่วยถึง a"]);
    const text = JSON.stringify(data);
    for (const id of [rb.matterId, rb.topicId, rb.ratingId, "ข้อความของ b", "ความเห็นของ b", "คำตอบผู้ช่วยถึง b"])
      expect(text).not.toContain(id);
    await reader.close();
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", row!.id)
      .execute();
    expect(audit.map((x) => x.action).sort()).toEqual([
      "privacy.subject-request.answer",
      "privacy.subject-request.file",
    ]);
  });

  it("PD-3: a request still open after 30 days is overdue; the office turns an entry into one", async () => {
    const entryId = planted.b[0]!;
    const entryPage = await chief.get(`/office/entries/${entryId}`);
    expect(entryPage.body).toContain(`/office/privacy/requests?entry=${entryId}#turn`);
    const prefilled = await chief.get(`/office/privacy/requests?entry=${entryId}`);
    expect(prefilled.body).toContain(`value="${entryId}"`);
    const junk = await chief.get(`/office/privacy/requests?entry=%22%3E%3Cscript%3E`);
    expect(junk.statusCode).toBe(200);
    expect(junk.body).not.toContain("<script>");
    const noProof = await chief.post("/office/privacy/requests/turn", {
      entryId,
      kind: "deletion",
      details: "ขอลบข้อมูล",
      proofNote: "",
    });
    expect(noProof.statusCode).toBe(403);
    const turned = await chief.post("/office/privacy/requests/turn", {
      entryId,
      kind: "deletion",
      details: "ขอลบข้อมูล",
      proofNote: "ตรวจบัตรประชาชนที่เคาน์เตอร์",
    });
    expect(turned.statusCode).toBe(303);
    const again = await chief.post("/office/privacy/requests/turn", {
      entryId,
      kind: "deletion",
      details: "ซ้ำ",
      proofNote: "ตรวจแล้ว",
    });
    expect(again.statusCode).toBe(409);
    const turnedPage = await chief.get(`/office/entries/${entryId}`);
    expect(turnedPage.body).not.toContain(`?entry=${entryId}`);
    expect(turnedPage.body).toContain(t("th", "subjects.panel.turned"));
    const open = (await rowsOf()).find((r) => r.entry_id === entryId)!;
    const request = { status: open.status, dueAt: open.due_at };
    expect(isOverdue(request, new Date(Date.parse(open.received_at) + 29 * 86_400_000))).toBe(false);
    expect(isOverdue(request, new Date(Date.parse(open.received_at) + 31 * 86_400_000))).toBe(true);
  });
});
