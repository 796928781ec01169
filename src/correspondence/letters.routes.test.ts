import ExcelJS from "exceljs";
import fc from "fast-check";
import type { FastifyRequest } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  routeMatter,
  type SubmittedApplication,
  submitTestApplication,
  unitOfficer,
} from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import { fuzzBody, fuzzQuery } from "../../test/fuzz-inputs.js";
import { type OfficeClient, signedInChief } from "../../test/office.js";
import { HAVE_PDFTOTEXT, normaliseThai, pdfText } from "../../test/pdf-text.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { startSmtpListener } from "../../test/smtp.js";
import { fixedClock } from "../platform/clock.js";
import { withTransaction } from "../platform/db/database.js";
import { findMatter } from "../register/index.js";
import { issueLetter, lettersPanel, listApplicantLetters, listMatterLetters } from "./index.js";

const letterForm = (overrides: Record<string, string> = {}) => ({
  formKey: crypto.randomUUID(),
  kind: "external",
  toName: "นางสมหญิง รักดี",
  subject: "แจ้งผลการตรวจคำขอ",
  salutation: "เรียน นางสมหญิง รักดี",
  reference: "",
  enclosures: "สำเนาคำขอ\nแผนที่ร้าน",
  body: "ตามที่ท่านยื่นคำขอ สำนักงานเขตได้ตรวจแล้ว",
  closing: "ขอแสดงความนับถือ",
  signerName: "นายผู้อำนวย การเขต",
  signerPosition: "ผู้อำนวยการเขตตัวอย่าง",
  ownerUnit: "งานอนุญาต",
  urgency: "normal",
  secrecy: "normal",
  ...overrides,
});

const letterIdOf = (location: unknown) =>
  /\/office\/letters\/([0-9a-f-]{36})$/.exec(String(location))?.[1] ?? "";

describe.each(testDialects())("letters' routes (%s)", (dialect) => {
  let service: TestService;
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  let chief: OfficeClient;
  let app: SubmittedApplication;
  let other: SubmittedApplication;
  const clock = fixedClock("2026-12-08T03:00:00.000Z");

  beforeAll(async () => {
    smtp = await startSmtpListener();
    service = await startTestService(dialect, { clock, smtpUrl: smtp.url });
    await publishTestService(service);
    app = await submitTestApplication(service, { email: "somying@example.com" });
    other = await submitTestApplication(service, { email: "other@example.com", key: "other-app-1" });
    await routeMatter(service, clock, app.matterId, "permits");
    await routeMatter(service, clock, other.matterId, "saraban");
    chief = await signedInChief(service, clock);
    await service.outbox.drain();
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    await smtp?.close();
  });

  async function compose(form: Record<string, string>) {
    await chief.get("/office/letters/new");
    return chief.post("/office/letters/new", form);
  }

  it("ES-1, RG-7: a reply is numbered, recorded on its matter, listed in the register and the matter's panel", async () => {
    const page = await chief.get(`/office/letters/new?replyTo=${app.entryId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(app.receiptNumber);
    const formKey = /name="formKey" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
    const form = letterForm({ formKey, replyTo: app.entryId });
    const res = await chief.post("/office/letters/new", form);
    expect(res.statusCode).toBe(303);
    // A double click: the same form again gives the same letter, not a second number.
    const again = await chief.post("/office/letters/new", form);
    expect(letterIdOf(again.headers.location)).toBe(letterIdOf(res.headers.location));
    const letterId = letterIdOf(res.headers.location);
    const letter = await service.handle.db
      .selectFrom("outgoing_letters")
      .selectAll()
      .where("id", "=", letterId)
      .executeTakeFirstOrThrow();
    expect(letter.number).toBe("ตย 0001/1");
    expect([letter.matter_id, letter.replies_to_entry_id]).toEqual([app.matterId, app.entryId]);
    const actions = await service.handle.db
      .selectFrom("matter_actions")
      .select(["action", "payload"])
      .where("matter_id", "=", app.matterId)
      .where("action", "=", "record-letter")
      .execute();
    expect(actions).toHaveLength(1);
    expect(JSON.parse(actions[0]!.payload).letterId).toBe(letterId);

    const register = await chief.get("/office/letters?year=2569");
    expect(register.statusCode).toBe(200);
    expect(register.body).toContain('data-number="ตย 0001/1"');
    expect(register.body).toContain(app.receiptNumber);
    const found = await chief.get(`/office/letters?year=2569&q=${encodeURIComponent("ผลการตรวจ")}`);
    expect(found.body).toContain("ตย 0001/1");
    const none = await chief.get(`/office/letters?year=2569&q=${encodeURIComponent("ไม่มีเรื่องนี้")}`);
    expect(none.body).not.toContain('data-number="');
    const lastYear = await chief.get("/office/letters?year=2568");
    expect(lastYear.body).not.toContain('data-number="');
  });

  it("ES-1: sending by email shows pending, then sent once drained; the PDF goes attached", async () => {
    const res = await compose(letterForm({ subject: "ส่งทางอีเมล" }));
    const letterId = letterIdOf(res.headers.location);
    await chief.get(`/office/letters/${letterId}`);
    const sent = await chief.post(`/office/letters/${letterId}/send`, { recipient: "somying@example.com" });
    expect(sent.statusCode).toBe(303);
    await chief.post(`/office/letters/${letterId}/send`, { recipient: "somying@example.com" });
    const pending = await chief.get(`/office/letters/${letterId}`);
    expect(pending.body).toContain('data-status="pending"');
    const before = smtp.messages.length;
    await service.outbox.drain();
    const mails = smtp.messages.slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toContain("ส่งทางอีเมล");
    const pdf = mails[0]?.attachments.find((a) => a.contentType === "application/pdf");
    expect(pdf?.content.subarray(0, 5).toString()).toBe("%PDF-");
    const done = await chief.get(`/office/letters/${letterId}`);
    expect(done.body).toContain('data-status="sent"');
    expect(done.body).not.toContain('data-status="pending"');
  });

  it("ES-1: a top secret letter is refused by email (409) and on the tracking page (403)", async () => {
    const res = await compose(letterForm({ secrecy: "top_secret", matter: app.matterId }));
    expect(res.statusCode).toBe(303);
    const letterId = letterIdOf(res.headers.location);
    const page = await chief.get(`/office/letters/${letterId}`);
    expect(page.body).not.toContain('name="recipient"');
    const refused = await chief.post(
      `/office/letters/${letterId}/send`,
      { recipient: "somying@example.com" },
      {},
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain("LETTER_TOP_SECRET_NOT_BY_EMAIL");
    const online = await service.app.inject(
      `/requests/${app.beYear}/${app.sequence}/letters/${letterId}.pdf?t=${app.token}`,
    );
    expect(online.statusCode).toBe(403);
    expect(online.body).toContain("ลับที่สุด");
  });

  it("ES-1: a stale matter form is refused (MATTER_CHANGED) and numbers nothing", async () => {
    const count = async () =>
      Number(
        (
          await service.handle.db
            .selectFrom("outgoing_letters")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const res = await compose(letterForm({ matter: app.matterId, expectedVersion: "0" }));
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("MATTER_CHANGED");
    expect(await count()).toBe(before);
  });

  it("ES-1: the applicant reads their matter's letter with their token; a wrong token or another matter is 404", async () => {
    const res = await compose(letterForm({ matter: app.matterId, subject: "ถึงผู้ยื่นคำขอ", toApplicant: "yes" }));
    const letterId = letterIdOf(res.headers.location);
    // TR-2: a letter addressed to the applicant is marked so on the timeline, for its notification.
    const recorded = await service.handle.db
      .selectFrom("matter_actions")
      .select("payload")
      .where("matter_id", "=", app.matterId)
      .where("action", "=", "record-letter")
      .execute();
    expect(recorded.map((r) => JSON.parse(r.payload)).find((p) => p.letterId === letterId)).toMatchObject({
      toApplicant: true,
    });
    const url = (a: SubmittedApplication, token = a.token) =>
      `/requests/${a.beYear}/${a.sequence}/letters/${letterId}.pdf?t=${token}`;
    const ok = await service.app.inject(url(app));
    expect(ok.statusCode).toBe(200);
    expect(ok.headers["content-type"]).toContain("application/pdf");
    if (HAVE_PDFTOTEXT) expect(normaliseThai(pdfText(ok.rawPayload))).toContain(normaliseThai("ถึงผู้ยื่นคำขอ"));
    expect((await service.app.inject(url(app, other.token))).statusCode).toBe(404);
    expect((await service.app.inject(url(app, "x".repeat(43)))).statusCode).toBe(404);
    expect((await service.app.inject(url(other))).statusCode).toBe(404);
    expect((await service.app.inject(url(app).replace(".pdf", ""))).statusCode).toBe(404);
    // An internal memo of the matter (RG-5 routing) is the officers', not the applicant's.
    const memo = await compose(letterForm({ matter: app.matterId, kind: "memo", toName: "งานอนุญาต" }));
    const memoId = letterIdOf(memo.headers.location);
    const memoUrl = `/requests/${app.beYear}/${app.sequence}/letters/${memoId}.pdf?t=${app.token}`;
    expect((await service.app.inject(memoUrl)).statusCode).toBe(404);
  });

  it("ES-1: officers of the matter's unit read its letters; another unit's officer and the signed-out do not", async () => {
    const res = await compose(letterForm({ matter: app.matterId }));
    const letterId = letterIdOf(res.headers.location);
    const permits = await unitOfficer(service, clock, "reviewer-permits@demo.go.th", ["reviewer"], "permits");
    const saraban = await unitOfficer(service, clock, "reviewer-saraban@demo.go.th", ["reviewer"], "saraban");
    expect((await permits.client.get(`/office/letters/${letterId}`)).statusCode).toBe(200);
    expect((await permits.client.get(`/office/letters/${letterId}.pdf`)).statusCode).toBe(200);
    expect((await saraban.client.get(`/office/letters/${letterId}`)).statusCode).toBe(404);
    // The register itself is the saraban's: a unit's reviewer is refused it.
    expect((await permits.client.get("/office/letters")).statusCode).toBe(403);
    const anonymous = await service.app.inject({ url: `/office/letters/${letterId}.pdf` });
    expect(anonymous.statusCode).toBe(401);
    const otherAgency = await service.app.inject({ url: "/a/nowhere/office/letters" });
    expect(otherAgency.statusCode).toBe(404);
  });

  it("RG-7: the matter page's panel lists its letters, a reply naming the entry it answers; the applicant's list leaves out memos and top secret", async () => {
    const matter = await findMatter(service.handle.db, "demo", app.matterId);
    const staff = await service.handle.db
      .selectFrom("staff")
      .select("id")
      .where("email", "=", "chief@demo.go.th")
      .executeTakeFirstOrThrow();
    // The panel reads only the language, the prefix and who is signed in from the request.
    const req = {
      lang: "th",
      basePath: "",
      staffSession: { staff: { id: staff.id, roles: ["admin", "saraban_officer"], unitIds: [] } },
    } as unknown as FastifyRequest;
    const panel = String(await lettersPanel({ handle: service.handle })(req, matter!));
    expect(panel).toContain('data-letter="ตย 0001/1"');
    expect(panel).toContain(`ตอบหนังสือรับเลขที่ ${app.receiptNumber} แล้ว ด้วยหนังสือที่ ตย 0001/1`);
    expect(panel).toContain(`/office/letters/new?matter=${app.matterId}`);
    const all = await listMatterLetters(service.handle.db, app.matterId);
    const theirs = await listApplicantLetters(service.handle.db, app.matterId);
    expect(all.some((l) => l.secrecy === "top_secret")).toBe(true);
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((l) => l.secrecy !== "top_secret" && l.kind === "external")).toBe(true);
  });

  it("ES-1: the register exports as CSV and XLSX with Thai and English headers, formulas neutralised", async () => {
    await withTransaction(service.handle, (trx) =>
      issueLetter(
        trx,
        {
          agencyId: "demo",
          kind: "external",
          purpose: "other",
          toName: '=HYPERLINK("http://evil")',
          subject: "สูตร",
          salutation: "เรียน ท่าน",
          body: "ข้อความ",
          signerName: "ผู้ลงนาม",
          signerPosition: "ตำแหน่ง",
          ownerUnit: "งานสารบรรณ",
        },
        { actor: "test", at: clock.now() },
      ),
    );
    const csv = await chief.get("/office/letters/export.csv?year=2569");
    expect(csv.statusCode).toBe(200);
    const text = csv.body.replace(/^\uFEFF/, "");
    expect(text.split("\r\n")[0]).toContain("ที่ (Number)");
    expect(text).toContain(`'=HYPERLINK`);
    expect(text).toContain("ตย 0001/1");
    expect(text).toContain(app.receiptNumber);
    const xlsx = await chief.get("/office/letters/export.xlsx?year=2569");
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(String(sheet.getCell(2, 1).value)).toBe("ที่ (Number)");
    expect(String(sheet.getCell(3, 1).value)).toBe("ตย 0001/1");
  });

  it("ES-1: the register pages 50 letters at a time, newest first, and the next page carries on without a gap", async () => {
    const at = new Date("2027-02-01T03:00:00.000Z"); // 2570: a year of its own
    await withTransaction(service.handle, async (trx) => {
      for (let i = 0; i < 53; i++)
        await issueLetter(
          trx,
          {
            agencyId: "demo",
            kind: "external",
            purpose: "other",
            toName: `ผู้รับ ${i}`,
            subject: `เรื่องที่ ${i}`,
            salutation: "เรียน ท่าน",
            body: "ข้อความ",
            signerName: "ผู้ลงนาม",
            signerPosition: "ตำแหน่ง",
            ownerUnit: "งานสารบรรณ",
          },
          { actor: "test", at },
        );
    });
    const first = await chief.get("/office/letters?year=2570");
    const numbers = (body: string) =>
      [...body.matchAll(/data-number="ตย 0001\/(\d+)"/g)].map((m) => Number(m[1]));
    expect(numbers(first.body)).toEqual(Array.from({ length: 50 }, (_, i) => 53 - i));
    const next = /href="([^"]+)" rel="next"/.exec(first.body)?.[1]?.replaceAll("&amp;", "&") ?? "";
    expect(next).toContain("before=4");
    const second = await chief.get(next);
    expect(numbers(second.body)).toEqual([3, 2, 1]);
    expect(second.body).not.toContain('rel="next"');
  });

  it("ES-1: bad input to the letters' routes is a 4xx with a stable code, never a 5xx (seeded fuzz)", async () => {
    const letterId = (
      await service.handle.db.selectFrom("outgoing_letters").select("id").executeTakeFirstOrThrow()
    ).id;
    await chief.get("/office/letters/new");
    const csrf: [string, string][] = [["_csrf", chief.csrf]];
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/office/letters/new", `/office/letters/${letterId}/send`),
        fuzzBody(csrf),
        async (url, body) => {
          const res = await service.app.inject({
            method: "POST",
            url,
            payload: body.body,
            headers: { "content-type": body.contentType, cookie: chief.cookieHeader },
          });
          if (res.statusCode >= 500) failures.push(`${url} ${body.kind} ${res.statusCode} ${res.body}`);
          if (res.statusCode >= 400 && !/"code":"[A-Z_]+"|error\./.test(res.body) && !res.body.includes("<"))
            failures.push(`${url} ${res.statusCode} without a code`);
        },
      ),
      { seed: 1208, numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          "/office/letters",
          "/office/letters/new",
          `/office/letters/${letterId}`,
          "/office/letters/export.csv",
          `/requests/${app.beYear}/${app.sequence}/letters/${letterId}.pdf`,
          "/requests/99999/x/letters/nothing",
        ),
        fuzzQuery,
        async (path, query) => {
          const res = await service.app.inject({
            url: `${path}?${query}`,
            headers: { cookie: chief.cookieHeader, accept: "text/html" },
          });
          if (res.statusCode >= 500)
            failures.push(`${path}?${query} ${res.statusCode} ${res.body.slice(0, 200)}`);
        },
      ),
      { seed: 1209, numRuns: 60 },
    );
    expect(failures).toEqual([]);
  }, 120_000);
});
