import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../../test/db.js";
import { type FakeLine, startFakeLine } from "../../../test/line-server.js";
import { connectLine, deliveryOf, lineEnv, postWebhook } from "../../../test/line-webhook.js";
import { signedInOfficer } from "../../../test/office.js";
import { startTestService, type TestService } from "../../../test/service.js";
import { fixedClock } from "../../platform/clock.js";
import { SUBMIT_DATA } from "./index.js";

const FILES = path.resolve(import.meta.dirname, "../../../test/fixtures/files");
const USER = "U4af4980629a1b2c3d4e5f60718293a4b";
// Friday 20 November 2026, 10:00 in Bangkok.
const T0 = Date.parse("2026-11-20T03:00:00.000Z");

describe.each(testDialects())("LINE intake on %s", (dialect) => {
  let line: FakeLine;
  let service: TestService;
  let events = 0;

  beforeAll(async () => {
    line = await startFakeLine();
    service = await startTestService(dialect, {
      clock: fixedClock(new Date(T0 + 3_600_000)),
      env: lineEnv(line),
    });
    await connectLine(service, line, new Date(T0));
  });

  afterAll(async () => {
    await service?.stop();
    await line?.close();
  });

  /** One webhook event as LINE sends it, from the user's one-to-one chat unless `source` says otherwise. */
  function event(
    body: Record<string, unknown>,
    at: number,
    source: Record<string, unknown> = { type: "user", userId: USER },
  ) {
    events++;
    return {
      webhookEventId: `01J${String(events).padStart(23, "0")}`,
      deliveryContext: { isRedelivery: false },
      timestamp: at,
      mode: "active",
      source,
      replyToken: `reply-token-${events}`,
      ...body,
    };
  }
  const text = (t: string, at: number) =>
    event({ type: "message", message: { type: "text", id: `m${events + 1}`, quoteToken: "q", text: t } }, at);
  const media = (type: "image" | "file", id: string, at: number, fileName?: string) =>
    event(
      {
        type: "message",
        message: {
          type,
          id,
          quoteToken: "q",
          ...(fileName ? { fileName, fileSize: 1 } : {}),
          contentProvider: { type: "line" },
        },
      },
      at,
    );
  const submit = (at: number) => event({ type: "postback", postback: { data: SUBMIT_DATA } }, at);

  async function post(evts: unknown[], options: { signature?: string } = {}) {
    const res = await postWebhook(service, line, deliveryOf(evts), options.signature);
    await service.line.drain();
    return res;
  }
  const entries = () =>
    service.handle.db
      .selectFrom("entries")
      .selectAll()
      .where("channel", "=", "line")
      .orderBy("sequence")
      .execute();

  it("CH-10, RG-4: a forged signature is refused with 401 and nothing is stored", async () => {
    const res = await post([text("hello", T0)], { signature: line.sign("something else") });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: "LINE_SIGNATURE_INVALID" });
    expect(res.json().error.message).toContain("ลายเซ็น");
    expect(await service.handle.db.selectFrom("line_deliveries").select("id").execute()).toHaveLength(0);
    expect(await service.handle.db.selectFrom("line_events").select("id").execute()).toHaveLength(0);
  });

  it("CH-10, FM-6, CH-3, CH-4: text, two photos and a PDF, then Submit and a name, make one entry with three files, acknowledged by reply token", async () => {
    line.setContent("img-1", fs.readFileSync(path.join(FILES, "photo.jpg")), "image/jpeg");
    // LINE's content endpoint fails twice before it answers: the download is retried, not dropped.
    line.setContent("img-2", fs.readFileSync(path.join(FILES, "photo.png")), "image/png", 2);
    line.setContent("pdf-1", fs.readFileSync(path.join(FILES, "sample.pdf")), "application/pdf");
    const first = await post([text("ขอใบอนุญาตจัดงานวัด", T0)]);
    expect(first.statusCode).toBe(200);
    // The first message opens a draft and says how to submit, with a Submit button.
    expect(line.replies.at(-1)?.messages[0]?.text).toContain("ยื่นเรื่อง / Submit");
    await post([media("image", "img-1", T0 + 1000), media("image", "img-2", T0 + 2000)]);
    await post([media("file", "pdf-1", T0 + 3000, "แบบคำขอ.pdf")]);
    await post([
      event(
        {
          type: "message",
          message: {
            type: "sticker",
            id: "s1",
            quoteToken: "q",
            packageId: "1",
            stickerId: "1",
            stickerResourceType: "STATIC",
          },
        },
        T0 + 4000,
      ),
    ]);
    const submittedAt = T0 + 5000;
    await post([submit(submittedAt)]);
    expect(line.replies.at(-1)?.messages[0]?.text).toContain("ชื่อ-นามสกุล");
    expect(await entries()).toHaveLength(0);
    const named = text("สมชาย ใจดี", T0 + 60_000);
    await post([named]);

    const [entry] = await entries();
    expect(entry).toMatchObject({
      sender_name: "สมชาย ใจดี",
      signature: "สมชาย ใจดี (LINE)",
      line_user_id: USER,
    });
    // CH-3: received when Submit was tapped.
    expect(entry?.received_at).toBe(new Date(submittedAt).toISOString());
    expect(entry?.body).toContain("ขอใบอนุญาตจัดงานวัด");
    const files = await service.handle.db
      .selectFrom("attachments")
      .select(["filename", "media_type", "refusal_code"])
      .where("entry_id", "=", entry!.id)
      .orderBy("position")
      .execute();
    expect(files.map((f) => [f.media_type, f.refusal_code])).toEqual([
      ["image/jpeg", null],
      ["image/png", null],
      ["application/pdf", null],
    ]);
    expect(files[2]?.filename).toBe("แบบคำขอ.pdf");
    // CH-4: by the name message's reply token, Thai and English, receipt number and phone.
    const ack = line.replies.find((r) => r.replyToken === named.replyToken);
    expect(ack?.messages[0]?.text).toContain(entry!.receipt_number);
    expect(ack?.messages[0]?.text).toContain("02 123 4567");
    expect(ack?.messages[0]?.text).toMatch(/received/i);
    expect(entry?.acknowledged_via).toBe("line-reply");
    expect(line.pushes).toHaveLength(0);
  });

  it("CH-10: the same event delivered twice makes one entry", async () => {
    const before = (await entries()).length;
    const opening = text("ขอแจ้งซ่อมถนน", T0 + 100_000);
    await post([opening]);
    await post([{ ...opening, deliveryContext: { isRedelivery: true } }]);
    const go = submit(T0 + 101_000);
    await post([go]);
    await post([go]);
    // A second tap (another event) asks for the name again; the receipt time stays the first tap's.
    const again = submit(T0 + 101_500);
    await post([again]);
    expect(line.replies.find((r) => r.replyToken === again.replyToken)?.messages[0]?.text).toContain(
      "ชื่อ-นามสกุล",
    );
    const name = text("มานี มีนา", T0 + 102_000);
    await post([name]);
    await post([{ ...name, deliveryContext: { isRedelivery: true } }]);
    const all = await entries();
    expect(all).toHaveLength(before + 1);
    expect(all.at(-1)?.body).toBe("ขอแจ้งซ่อมถนน");
    expect(all.at(-1)?.received_at).toBe(new Date(T0 + 101_000).toISOString());
    // Every delivery is kept as received (RG-4), redeliveries included; the events are stored once.
    const ids = await service.handle.db.selectFrom("line_events").select("webhook_event_id").execute();
    expect(new Set(ids.map((i) => i.webhook_event_id)).size).toBe(ids.length);
  });

  it("CH-10: a message in a group chat is refused politely and nothing is registered", async () => {
    const before = (await entries()).length;
    const inGroup = event(
      { type: "message", message: { type: "text", id: "g1", quoteToken: "q", text: "ขอยื่นเรื่อง" } },
      T0 + 200_000,
      { type: "group", groupId: "Cgroup", userId: USER },
    );
    await post([inGroup]);
    expect(line.replies.find((r) => r.replyToken === inGroup.replyToken)?.messages[0]?.text).toContain(
      "แชทส่วนตัว",
    );
    expect(await entries()).toHaveLength(before);
    const drafts = await service.handle.db
      .selectFrom("line_drafts")
      .select("id")
      .where("status", "=", "open")
      .execute();
    expect(drafts).toHaveLength(0);
  });

  it("FM-3, CH-4: an executable sent as a 'PDF' is refused, and the refusal is in the acknowledgement; an expired reply token falls back to one push", async () => {
    line.setContent("exe-1", fs.readFileSync(path.join(FILES, "disguised-invoice.pdf")), "application/pdf");
    await post([text("ส่งใบแจ้งหนี้", T0 + 300_000)]);
    await post([media("file", "exe-1", T0 + 301_000, "invoice.pdf")]);
    await post([submit(T0 + 302_000)]);
    const name = text("วิชัย ทดสอบ", T0 + 303_000);
    line.expireReplyToken(name.replyToken);
    await post([name]);
    const entry = (await entries()).at(-1)!;
    const files = await service.handle.db
      .selectFrom("attachments")
      .select(["filename", "refusal_code", "storage_key"])
      .where("entry_id", "=", entry.id)
      .execute();
    expect(files).toEqual([{ filename: "invoice.pdf", refusal_code: "FILE_DISGUISED", storage_key: null }]);
    const push = line.pushes.find((p) => p.to === USER);
    expect(push?.retryKey).toBe(entry.id);
    expect(push?.messages[0]?.text).toContain("invoice.pdf");
    expect(push?.messages[0]?.text).toContain(entry.receipt_number);
    expect(entry.acknowledged_via).toBe("line-push");
  });

  it("CH-10: a later message quoting the user's own receipt number joins that matter; someone else's number does not", async () => {
    const [first] = await entries();
    await post([text(`ส่งเอกสารเพิ่มเติมของเรื่อง ${first!.receipt_number}`, T0 + 500_000)]);
    await post([submit(T0 + 501_000)]);
    await post([text("สมชาย ใจดี", T0 + 502_000)]);
    const followUp = (await entries()).at(-1)!;
    expect(followUp.matter_id).toBe(first!.matter_id);
    expect(followUp.receipt_number).not.toBe(first!.receipt_number);

    const stranger = { type: "user", userId: "Ustranger000000000000000000000000" };
    await post([
      event(
        {
          type: "message",
          message: { type: "text", id: "x1", quoteToken: "q", text: `เรื่อง ${first!.receipt_number}` },
        },
        T0 + 600_000,
        stranger,
      ),
    ]);
    await post([event({ type: "postback", postback: { data: SUBMIT_DATA } }, T0 + 601_000, stranger)]);
    await post([
      event(
        { type: "message", message: { type: "text", id: "x2", quoteToken: "q", text: "คนอื่น ทดลอง" } },
        T0 + 602_000,
        stranger,
      ),
    ]);
    const theirs = (await entries()).at(-1)!;
    expect(theirs.sender_name).toBe("คนอื่น ทดลอง");
    expect(theirs.matter_id).not.toBe(first!.matter_id);
  });

  it("CH-10, CH-3: a conversation left quiet for the quiet time counts as submitted then; the name is asked once by push", async () => {
    const quietUser = { type: "user", userId: "Uquiet00000000000000000000000000" };
    const lastAt = T0 + 700_000;
    await post([
      event(
        { type: "message", message: { type: "text", id: "q1", quoteToken: "q", text: "ขอข้อมูลภาษีป้าย" } },
        lastAt,
        quietUser,
      ),
    ]);
    await service.line.sweep();
    await service.line.sweep(); // a second sweep changes nothing and pushes nothing more
    const asks = line.pushes.filter((p) => p.to === quietUser.userId);
    expect(asks).toHaveLength(1);
    expect(asks[0]?.messages[0]?.text).toContain("ชื่อ-นามสกุล");
    const named = event(
      { type: "message", message: { type: "text", id: "q2", quoteToken: "q", text: "ป้าย ดีมาก" } },
      T0 + 3_000_000,
      quietUser,
    );
    await post([named]);
    const entry = (await entries()).at(-1)!;
    expect(entry.sender_name).toBe("ป้าย ดีมาก");
    // Received when the 30 quiet minutes after the last message had passed.
    expect(entry.received_at).toBe(new Date(lastAt + 30 * 60_000).toISOString());
  });

  it("CH-10: an officer answers from the entry; it reaches the user by push, once, and is recorded", async () => {
    const { client: officer } = await signedInOfficer(
      service.app,
      service.handle,
      service.clock,
      "demo",
      "line.officer@demo.go.th",
      ["saraban_officer"],
    );
    const [first] = await entries();
    const page = await officer.get(`/office/entries/${first!.id}`);
    expect(page.body).toContain("ตอบผู้ยื่นทาง LINE");
    const before = line.pushes.length;
    const sent = await officer.post(`/office/entries/${first!.id}/line-answer`, {
      text: "โปรดส่งสำเนาบัตรประชาชนเพิ่มเติม",
    });
    expect(sent.statusCode).toBe(303);
    expect(line.pushes).toHaveLength(before + 1);
    const push = line.pushes.at(-1)!;
    expect(push.to).toBe(USER);
    expect(push.messages[0]?.text).toBe(`[${first!.receipt_number}] โปรดส่งสำเนาบัตรประชาชนเพิ่มเติม`);
    const recorded = await service.handle.db
      .selectFrom("line_replies")
      .selectAll()
      .where("entry_id", "=", first!.id)
      .execute();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ id: push.retryKey, text: "โปรดส่งสำเนาบัตรประชาชนเพิ่มเติม" });
    expect(recorded[0]?.sent_at).not.toBeNull();
    // Only an entry that came by LINE can be answered on LINE.
    const web = await service.app.inject({
      method: "POST",
      url: "/api/v1/requests",
      payload: { name: "เว็บ ทดสอบ", phone: "0812345678", subject: "ทางเว็บ", confirmed: true },
    });
    const webId = (
      await service.handle.db
        .selectFrom("entries")
        .select("id")
        .where("receipt_number", "=", web.json().receiptNumber)
        .executeTakeFirstOrThrow()
    ).id;
    expect((await officer.post(`/office/entries/${webId}/line-answer`, { text: "hi" })).statusCode).toBe(404);
  });

  it("CH-10: a file LINE keeps failing to serve is not dropped: the user is told, and the entry lists it with the reason", async () => {
    const user = { type: "user", userId: "Udownload0000000000000000000000" };
    line.setContent("broken-1", Buffer.from("%PDF-1.4"), "application/pdf", 99);
    await post([
      event(
        { type: "message", message: { type: "text", id: "d1", quoteToken: "q", text: "แนบแบบฟอร์ม" } },
        T0 + 800_000,
        user,
      ),
    ]);
    const file = event(
      {
        type: "message",
        message: { type: "file", id: "broken-1", quoteToken: "q", fileName: "form.pdf", fileSize: 8 },
      },
      T0 + 801_000,
      user,
    );
    await post([file]);
    expect(line.replies.find((r) => r.replyToken === file.replyToken)?.messages[0]?.text).toContain(
      "form.pdf",
    );
    await post([event({ type: "postback", postback: { data: SUBMIT_DATA } }, T0 + 802_000, user)]);
    await post([
      event(
        { type: "message", message: { type: "text", id: "d2", quoteToken: "q", text: "ดาว ลองดู" } },
        T0 + 803_000,
        user,
      ),
    ]);
    const entry = (await entries()).at(-1)!;
    const files = await service.handle.db
      .selectFrom("attachments")
      .select(["filename", "refusal_code"])
      .where("entry_id", "=", entry.id)
      .execute();
    expect(files).toEqual([{ filename: "form.pdf", refusal_code: "DOWNLOAD_FAILED" }]);
  });

  it("RG-1, CH-4: an event handled again after a crash registers nothing twice and only finishes the acknowledgement", async () => {
    const entry = (await entries()).at(-1)!;
    const draft = await service.handle.db
      .selectFrom("line_drafts")
      .select("name_event_id")
      .where("entry_id", "=", entry.id)
      .executeTakeFirstOrThrow();
    // As if the worker died after the registration's commit and before the acknowledgement went out:
    // the event's lease expired, and the entry has no acknowledgement.
    await service.handle.db
      .updateTable("line_events")
      .set({ status: "processing", lease_until: new Date(T0).toISOString() })
      .where("id", "=", draft.name_event_id!)
      .execute();
    await service.handle.db
      .updateTable("entries")
      .set({ acknowledged_at: null, acknowledged_via: null })
      .where("id", "=", entry.id)
      .execute();
    // #18 line-ack: nor was it marked started (a start without a record would be left uncertain).
    await service.handle.db
      .updateTable("line_drafts")
      .set({ ack_started_at: null })
      .where("entry_id", "=", entry.id)
      .execute();
    const count = (await entries()).length;
    const pushesBefore = line.pushes.length;
    await service.line.sweep();
    expect(await entries()).toHaveLength(count);
    const again = (await entries()).find((e) => e.id === entry.id)!;
    expect(again.acknowledged_via).toBe("line-push");
    expect(line.pushes.slice(pushesBefore).map((p) => p.retryKey)).toEqual([entry.id]);
    const handled = await service.handle.db
      .selectFrom("line_events")
      .select("status")
      .where("id", "=", draft.name_event_id!)
      .executeTakeFirstOrThrow();
    expect(handled.status).toBe("done");
  });

  it("CH-10: a follow gets a greeting that explains how to submit", async () => {
    const follow = event({ type: "follow", follow: { isUnblocked: false } }, T0 + 400_000);
    await post([follow]);
    expect(line.replies.find((r) => r.replyToken === follow.replyToken)?.messages[0]?.text).toContain(
      "ยื่นเรื่อง / Submit",
    );
  });
});
