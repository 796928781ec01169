import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testDialects } from "../../../test/db.js";
import { multipartBody } from "../../../test/multipart.js";
import { startTestService, type TestService } from "../../../test/service.js";
import { startSmtpListener } from "../../../test/smtp.js";
import { fixedClock } from "../../platform/clock.js";
import { emailLookupKey } from "../../platform/crypto/index.js";
import { convertPendingPhotos } from "./convert-photos.js";

const fixture = (name: string) =>
  new Uint8Array(fs.readFileSync(path.resolve(import.meta.dirname, "../../../test/fixtures/files", name)));
// Friday 20 November 2026, 18:00 in Bangkok: after hours before a weekend.
const FRIDAY_EVENING = "2026-11-20T11:00:00.000Z";
const base = { name: "สมหญิง รักดี", subject: "ขอสำเนาใบอนุญาต", message: "รายละเอียด", confirmed: true };

describe.each(testDialects())("web intake on %s", (dialect) => {
  const clock = fixedClock(FRIDAY_EVENING);
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  let service: TestService;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    service = await startTestService(dialect, { clock, smtpUrl: smtp.url, env: { UPLOAD_MAX_FILE_MB: "1" } });
  });
  afterAll(async () => {
    await service?.stop();
    await smtp?.close();
  });
  beforeEach(() => clock.set(FRIDAY_EVENING));

  const api = (body: unknown, headers: Record<string, string> = {}) =>
    service.app.inject({ method: "POST", url: "/api/v1/requests", payload: body as object, headers });
  const entryCount = async () =>
    Number(
      (
        await service.handle.db
          .selectFrom("entries")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("CH-3, CH-11: a request at Friday 18:00 is received then, counts from Monday 08:30, due Monday 10:00", async () => {
    const res = await api({ ...base, email: "somying@example.com" });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.receiptNumber).toMatch(/^\d+\/2569$/);
    expect(body.receivedAt).toBe(FRIDAY_EVENING);
    expect(body.workingStart).toBe("2026-11-23T01:30:00.000Z");
    expect(body.acknowledgeBy).toBe("2026-11-23T03:00:00.000Z");
    expect(body.acknowledgedAt).toBeNull();
  });

  it("CH-3: within hours the working start is the arrival and the deadline is closing time", async () => {
    clock.set("2026-11-23T02:15:00.000Z"); // Monday 09:15
    const body = (await api({ ...base, phone: "081-234-5678" })).json();
    expect(body.workingStart).toBe("2026-11-23T02:15:00.000Z");
    expect(body.acknowledgeBy).toBe("2026-11-23T09:30:00.000Z");
  });

  it("RG-1: numbers run 1, 2, 3 within the year, and the evening of 30 December 2026 is number 1 of 2570", async () => {
    const first = Number((await api({ ...base, phone: "0812345678" })).json().receiptNumber.split("/")[0]);
    const second = (await api({ ...base, phone: "0812345678" })).json().receiptNumber;
    expect(second).toBe(`${first + 1}/2569`);
    clock.set("2026-12-30T11:00:00.000Z"); // Wednesday 30 December 18:00; 31 Dec and 1 Jan are holidays
    const newYear = (await api({ ...base, phone: "0812345678" })).json();
    expect(newYear.receiptNumber).toBe("1/2570");
    expect(newYear.workingStart).toBe("2027-01-04T01:30:00.000Z");
  });

  it("CH-4: the acknowledgement goes out once, in Thai and English, with receipt number and phone", async () => {
    const body = (await api({ ...base, email: "ack-once@example.com" })).json();
    const before = smtp.messages.length;
    await service.outbox.drain();
    await service.outbox.drain();
    const mails = smtp.messages.slice(before).filter((m) => m.subject?.includes(body.receiptNumber));
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.to && "text" in mail.to ? mail.to.text : "").toContain("ack-once@example.com");
    expect(mail.headers.get("auto-submitted")).toBe("auto-replied");
    expect(mail.text).toContain(`เลขรับ ${body.receiptNumber}`);
    expect(mail.text).toContain(`Receipt number ${body.receiptNumber}`);
    expect(mail.text).toContain("02 123 4567");
    const tracked = await service.app.inject({
      url:
        new URL(body.trackingUrl).pathname.replace("/a/demo", "/api/v1") + new URL(body.trackingUrl).search,
    });
    expect(tracked.statusCode).toBe(200);
    expect(tracked.json().acknowledgedAt).toBe(FRIDAY_EVENING);
  });

  it("CH-4: without an email address the confirmation page is the acknowledgement, and nothing is queued", async () => {
    const body = (await api({ ...base, phone: "0812345678" })).json();
    expect(body.acknowledgedAt).toBe(body.receivedAt);
    const queued = await service.handle.db
      .selectFrom("outbox")
      .innerJoin("entries", "entries.id", "outbox.entry_id")
      .where("entries.receipt_number", "=", body.receiptNumber)
      .select("outbox.id")
      .execute();
    expect(queued).toHaveLength(0);
  });

  it("CH-4: a failed send is retried later and the entry stays unacknowledged until it leaves", async () => {
    const closed = await startSmtpListener();
    await closed.close();
    const broken = await startTestService(dialect, { clock, smtpUrl: closed.url });
    try {
      const res = await broken.app.inject({
        method: "POST",
        url: "/api/v1/requests",
        payload: { ...base, email: "retry@example.com" },
      });
      expect(await broken.outbox.drain()).toBe(0);
      const row = await broken.handle.db.selectFrom("outbox").selectAll().executeTakeFirstOrThrow();
      expect(row.status).toBe("pending");
      expect(row.attempts).toBe(1);
      expect(row.last_error).toBeTruthy();
      expect(row.next_attempt_at > FRIDAY_EVENING).toBe(true);
      const entry = await broken.handle.db
        .selectFrom("entries")
        .select("acknowledged_at")
        .where("receipt_number", "=", res.json().receiptNumber)
        .executeTakeFirstOrThrow();
      expect(entry.acknowledged_at).toBeNull();
    } finally {
      await broken.stop();
    }
  });

  it("the same Idempotency-Key posted twice at once makes one entry and one acknowledgement", async () => {
    const before = await entryCount();
    const headers = { "idempotency-key": `dup-${dialect}-0001` };
    const [a, b] = await Promise.all([
      api({ ...base, email: "twice@example.com" }, headers),
      api({ ...base, email: "twice@example.com" }, headers),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().receiptNumber).toBe(b.json().receiptNumber);
    expect(await entryCount()).toBe(before + 1);
    const outbox = await service.handle.db
      .selectFrom("outbox")
      .select("id")
      .where("recipient_hmac", "=", emailLookupKey(service.sealer, "twice@example.com")!)
      .execute();
    expect(outbox).toHaveLength(1);
    const reused = await api({ ...base, subject: "another", email: "twice@example.com" }, headers);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe("IDEMPOTENCY_KEY_REUSED");
  });

  it("CH-11: a form double-submitted at once makes one entry; both answers lead to the same receipt", async () => {
    const before = await entryCount();
    const form = await multipartBody({
      form_token: `tok-${dialect}-double-submit`,
      name: "นายทดสอบ",
      email: "form@example.com",
      subject: "ส่งซ้ำ",
      message: "",
      confirmed: "yes",
    });
    const post = () => service.app.inject({ method: "POST", url: "/requests", ...form });
    const [a, b] = await Promise.all([post(), post()]);
    expect(a.statusCode).toBe(303);
    expect(b.statusCode).toBe(303);
    expect(a.headers.location).toBe(b.headers.location);
    expect(await entryCount()).toBe(before + 1);
    const page = await service.app.inject({ url: String(a.headers.location) });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("ได้รับเรื่องของท่านแล้ว");
  });

  it("CH-11: refused files are named with the reason and the rest of the request is registered", async () => {
    const form = await multipartBody(
      {
        form_token: `tok-${dialect}-files-000`,
        name: "Jane Doe",
        email: "jane@example.com",
        subject: "Files",
        confirmed: "yes",
        lang: "en",
      },
      [
        { filename: "application.pdf", bytes: fixture("sample.pdf") },
        { filename: "IMG_0001.HEIC", bytes: fixture("photo.heic") },
        { filename: "invoice.pdf", bytes: fixture("disguised-invoice.pdf") },
        { filename: "empty.txt", bytes: fixture("empty.txt") },
        { filename: "huge.pdf", bytes: new Uint8Array(1024 * 1024 + 10) },
      ],
    );
    const res = await service.app.inject({ method: "POST", url: "/requests", ...form });
    expect(res.statusCode).toBe(303);
    const page = await service.app.inject({ url: String(res.headers.location) });
    expect(page.body).toContain("application.pdf — accepted");
    expect(page.body).toContain("IMG_0001.HEIC — accepted");
    expect(page.body).toMatch(/invoice\.pdf — refused: The file&#39;s content does not match its name/);
    expect(page.body).toContain("empty.txt — refused: The file is empty");
    expect(page.body).toContain("huge.pdf — refused: The file is larger than 1 MB");
    const files = await service.handle.db
      .selectFrom("attachments")
      .innerJoin("entries", "entries.id", "attachments.entry_id")
      .where("entries.sender_email_hmac", "=", emailLookupKey(service.sealer, "jane@example.com")!)
      .select(["filename", "refusal_code", "storage_key", "media_type"])
      .orderBy("position")
      .execute();
    expect(files.map((f) => f.refusal_code)).toEqual([
      null,
      null,
      "FILE_DISGUISED",
      "FILE_EMPTY",
      "FILE_TOO_LARGE",
    ]);
    expect(files[1]?.media_type).toBe("image/heic");
    expect(files.filter((f) => f.storage_key).length).toBe(2);
    // ID-7: stored sealed on disk, read back whole.
    const onDisk = fs.readFileSync(path.join(service.dataDir, "files", files[0]!.storage_key!));
    expect(onDisk.includes(Buffer.from("%PDF"))).toBe(false);
    expect(await service.files.read(files[0]!.storage_key!)).toEqual(Buffer.from(fixture("sample.pdf")));
  });

  it("CH-11: the API takes multipart too, and a phone's HEIC photo gets a JPEG copy for viewing", async () => {
    const form = await multipartBody({ ...base, confirmed: "true", phone: "0899999999" }, [
      { filename: "IMG_0002.HEIC", bytes: fixture("photo.heic") },
    ]);
    const res = await service.app.inject({
      method: "POST",
      url: "/api/v1/requests",
      ...form,
      headers: { ...form.headers, "idempotency-key": `multi-${dialect}-1` },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().attachments).toEqual([
      {
        filename: "IMG_0002.HEIC",
        accepted: true,
        mediaType: "image/heic",
        size: fixture("photo.heic").length,
      },
    ]);
    expect(await convertPendingPhotos(service.handle, service.files, () => {})).toBeGreaterThanOrEqual(1);
    // File names are sealed (ID-7): the photo is found among the attachments once opened.
    const photo = (
      await service.handle.db
        .selectFrom("attachments")
        .select(["filename", "storage_key", "viewable_key"])
        .execute()
    ).find((a) => a.filename === "IMG_0002.HEIC")!;
    expect(photo.viewable_key).not.toBe(photo.storage_key);
    const jpeg = await service.files.read(photo.viewable_key!);
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  });

  it("bad input gets a 4xx with a stable code in the user's language, and nothing is written", async () => {
    const before = await entryCount();
    const th = await api({ ...base });
    expect(th.statusCode).toBe(400);
    expect(th.json().error).toMatchObject({
      code: "CONTACT_REQUIRED",
      message: expect.stringContaining("อีเมลหรือหมายเลขโทรศัพท์"),
    });
    const en = await api({ ...base, email: "not-an-address" }, { "accept-language": "en-US,en;q=0.9" });
    expect(en.json().error).toMatchObject({
      code: "EMAIL_INVALID",
      message: "The email address is not valid",
    });
    expect((await api({ ...base, phone: "12" })).json().error.code).toBe("PHONE_INVALID");
    expect((await api({ ...base, phone: "0812345678", confirmed: false })).json().error.code).toBe(
      "CONFIRMATION_REQUIRED",
    );
    expect((await api({ name: "x" })).json().error.code).toBe("VALIDATION_FAILED");
    const broken = await service.app.inject({
      method: "POST",
      url: "/api/v1/requests",
      payload: "{oops",
      headers: { "content-type": "application/json" },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe("VALIDATION_FAILED");
    expect((await api({ ...base, phone: "0812345678" }, { "idempotency-key": "no" })).json().error.code).toBe(
      "IDEMPOTENCY_KEY_INVALID",
    );
    const form = await multipartBody({
      form_token: `tok-${dialect}-invalid-0`,
      name: "นายทดสอบ",
      subject: "ไม่มีช่องทางติดต่อ",
      confirmed: "yes",
    });
    const page = await service.app.inject({ method: "POST", url: "/requests", ...form });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain("กรุณาระบุอีเมลหรือหมายเลขโทรศัพท์");
    expect(page.body).toContain('value="ไม่มีช่องทางติดต่อ"');
    expect(await entryCount()).toBe(before);
  });

  it("CH-11: a file refused for its size is recorded with its real size, not the cut-off (#9)", async () => {
    const big = 1024 * 1024 * 2 + 123; // the limit in this suite is 1 MB
    const form = await multipartBody(
      { name: "Jane Doe", email: "size@example.com", subject: "Size", confirmed: "true" },
      [
        { filename: "big.pdf", bytes: new Uint8Array(big) },
        { filename: "small.pdf", bytes: fixture("sample.pdf") },
      ],
    );
    const res = await service.app.inject({ method: "POST", url: "/api/v1/requests", ...form });
    expect(res.statusCode).toBe(201);
    expect(
      res.json().attachments.map((a: { size: number; accepted: boolean }) => [a.size, a.accepted]),
    ).toEqual([
      [big, false],
      [fixture("sample.pdf").length, true],
    ]);
  });

  it("WS-3: API errors follow the request's language field, then Accept-Language (#9)", async () => {
    const thai = { "accept-language": "th" };
    const byField = await api({ ...base, email: "not-an-address", language: "en" }, thai);
    expect(byField.json().error).toMatchObject({
      code: "EMAIL_INVALID",
      message: "The email address is not valid",
    });
    const wrongType = await api({ ...base, name: ["a", "b"], language: "en" }, thai);
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.message).toMatch(/^Invalid input/);
    const byHeader = await api({ ...base, name: ["a"] }, { "accept-language": "en-GB,en;q=0.8" });
    expect(byHeader.json().error.message).toMatch(/^Invalid input/);
    const thaiByDefault = await api({ ...base, email: "not-an-address" });
    expect(thaiByDefault.json().error.message).not.toMatch(/[a-z]{6}/);
  });

  it("repeated fields, lists, control characters and broken multipart are 4xx with stable codes (#9)", async () => {
    const post = (payload: string | Buffer, type: string) =>
      service.app.inject({ method: "POST", url: "/requests", payload, headers: { "content-type": type } });
    const repeated = await post(
      "form_token=tok-repeat-0001&name=a&name=b&subject=s&email=a@b.co&confirmed=yes",
      "application/x-www-form-urlencoded",
    );
    expect([repeated.statusCode, repeated.body]).toEqual([
      400,
      expect.stringContaining("ถูกส่งมามากกว่าหนึ่งครั้ง"),
    ]);
    const nul = await post(
      "form_token=tok-nul-00001&name=a%00b&subject=s&email=a@b.co&confirmed=yes",
      "application/x-www-form-urlencoded",
    );
    expect([nul.statusCode, nul.body]).toEqual([400, expect.stringContaining("อักขระที่ไม่อนุญาต")]);
    const latin1 = await post(Buffer.from("name=\xe9", "latin1"), "application/x-www-form-urlencoded");
    expect(latin1.json().error.code).toBe("BODY_INVALID");
    const noBoundary = await post("x", "multipart/form-data");
    expect([noBoundary.statusCode, noBoundary.json().error.code]).toEqual([400, "MULTIPART_INVALID"]);
    const cut = await multipartBody({ name: "a" }, [{ filename: "a.pdf", bytes: new Uint8Array(5000) }]);
    const truncated = await service.app.inject({
      method: "POST",
      url: "/api/v1/requests",
      payload: cut.payload.subarray(0, 3000),
      headers: cut.headers,
    });
    expect([truncated.statusCode, truncated.json().error.code]).toEqual([400, "MULTIPART_INVALID"]);
    const fields: Record<string, string> = {};
    for (let i = 0; i < 150; i++) fields[`f${i}`] = "x";
    const many = await multipartBody(fields);
    const tooMany = await service.app.inject({ method: "POST", url: "/api/v1/requests", ...many });
    expect([tooMany.statusCode, tooMany.json().error.code]).toEqual([413, "TOO_MANY_FIELDS"]);
  });

  it("TR-1: the tracking link needs its token; agencies are chosen by path or host", async () => {
    const body = (await api({ ...base, phone: "0812345678" })).json();
    const url = new URL(body.trackingUrl);
    expect((await service.app.inject({ url: url.pathname + url.search })).statusCode).toBe(200);
    const wrong = await service.app.inject({
      url: `${url.pathname}?t=AAAAAAAAAAAAAAAAAAAAAAAA`,
      headers: { accept: "text/html" },
    });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toContain("ไม่พบเรื่องตามเลขรับ");
    const unknown = await service.app.inject({
      method: "POST",
      url: "/a/nowhere/api/v1/requests",
      payload: base,
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe("AGENCY_NOT_FOUND");
    const english = await service.app.inject({ url: "/a/demo/?lang=en" });
    expect(english.body).toContain('<html lang="en">');
    expect(english.headers["set-cookie"]).toContain("lang=en");
  });

  it("serves the OpenAPI document with the submission API", async () => {
    const doc = (await service.app.inject({ url: "/docs/json" })).json();
    expect(doc.paths).toHaveProperty("/api/v1/requests");
    expect(Object.keys(doc.paths["/api/v1/requests"].post.responses)).toContain("201");
  });
});
