import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { type FakeLine, startFakeLine } from "../../test/line-server.js";
import { connectLine, deliveryOf, lineEnv, postWebhook } from "../../test/line-webhook.js";
import { signedInOfficer } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { findAgency, saveAgency } from "../agencies/index.js";
import { publishFaqEntry } from "../faq/index.js";
import { SUBMIT_DATA } from "../intake/line/index.js";
import { fixedClock } from "../platform/clock.js";
import { DEFAULT_PACE_SECONDS } from "./index.js";

// Friday 20 November 2026, 10:00 in Bangkok.
const T0 = Date.parse("2026-11-20T03:00:00.000Z");
const clock = fixedClock(new Date(T0 + 3_600_000));
const FAQ_Q = "ต่ออายุใบอนุญาตร้านอาหารต้องใช้เอกสารอะไรบ้าง";
const FAQ_A = "ใช้สำเนาใบอนุญาตเดิมและบัตรประจำตัวประชาชน";

describe.each(testDialects())("the assistant on LINE on %s", (dialect) => {
  let line: FakeLine;
  let service: TestService;
  let faqId: string;
  let n = 0;

  beforeAll(async () => {
    line = await startFakeLine();
    service = await startTestService(dialect, { clock, env: lineEnv(line) });
    await connectLine(service, line, new Date(T0));
    const published = await publishFaqEntry(service, {
      agencyId: "demo",
      serviceId: null,
      question: FAQ_Q,
      answer: FAQ_A,
      source: "officer",
      sourceId: null,
      actor: "staff:test",
    });
    faqId = published.entry.id;
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    await line?.close();
  });

  const user = (name: string) => ({ type: "user", userId: `U${name.padEnd(32, "0")}` });
  function event(body: Record<string, unknown>, source: Record<string, unknown>) {
    n++;
    return {
      webhookEventId: `01AL${String(n).padStart(22, "0")}`,
      deliveryContext: { isRedelivery: false },
      timestamp: T0 + n * 1000,
      mode: "active",
      source,
      replyToken: `al-reply-${n}`,
      ...body,
    };
  }
  const text = (t: string, source: Record<string, unknown>) =>
    event(
      { type: "message", message: { type: "text", id: `alm${n + 1}`, quoteToken: "q", text: t } },
      source,
    );
  async function post(...evts: ReturnType<typeof event>[]) {
    expect((await postWebhook(service, line, deliveryOf(evts))).statusCode).toBe(200);
    await service.line.drain();
  }
  const repliesTo = (e: { replyToken: string }) =>
    line.replies.find((r) => r.replyToken === e.replyToken)?.messages.map((m) => m.text ?? "") ?? [];
  /** Sends Submit and the name; answers the registered entry and the acknowledgement replied. */
  async function register(source: Record<string, unknown>, name: string) {
    const submit = event({ type: "postback", postback: { data: SUBMIT_DATA } }, source);
    await post(submit);
    const named = text(name, source);
    await post(named);
    const entry = await service.handle.db
      .selectFrom("entries")
      .selectAll()
      .where("line_user_id", "=", source.userId as string)
      .orderBy("sequence", "desc")
      .executeTakeFirstOrThrow();
    return { entry, ack: repliesTo(named), submittedAt: new Date(submit.timestamp).toISOString() };
  }
  const repliesOfUser = (userId: string) =>
    service.handle.db
      .selectFrom("assistant_replies")
      .innerJoin("line_drafts", "line_drafts.id", "assistant_replies.draft_id")
      .selectAll("assistant_replies")
      .where("line_drafts.user_id", "=", userId)
      .orderBy("assistant_replies.created_at")
      .execute();

  it("IF-4, RG-1: a question in an open draft is answered with its source linked; the draft is registered as without the assistant", async () => {
    const asker = user("asker");
    const question = text(`${FAQ_Q}?`, asker);
    await post(question);
    const said = repliesTo(question);
    // The intake's own message first, unchanged; the assistant's after it in the same reply.
    expect(said[0]).toContain("ยื่นเรื่อง / Submit");
    expect(said[1]).toContain(FAQ_A);
    expect(said[1]).toContain(`http://borikan.test/a/demo/faq/${faqId}`);
    expect(said[1]).toContain("เจ้าหน้าที่");
    const asked = await register(asker, "สมหญิง ถามดี");

    // The same conversation without a question: the entry is made and acknowledged the same way.
    const teller = user("teller");
    const statement = text("ขอต่ออายุใบอนุญาตร้านอาหาร", teller);
    await post(statement);
    expect(repliesTo(statement)).toHaveLength(1);
    const told = await register(teller, "สมชาย บอกดี");
    const shape = (e: typeof asked.entry) => ({
      channel: e.channel,
      status: e.status,
      language: e.language,
      acknowledged_via: e.acknowledged_via,
      matter_kind: e.matter_id === null,
    });
    expect(shape(asked.entry)).toEqual(shape(told.entry));
    expect(asked.entry.body).toBe(`${FAQ_Q}?`);
    expect(asked.entry.signature).toBe("สมหญิง ถามดี (LINE)");
    // CH-3: received when Submit was tapped, as always.
    expect(asked.entry.received_at).toBe(asked.submittedAt);
    expect(asked.ack[0]).toContain(asked.entry.receipt_number);
    expect(told.ack[0]).toContain(told.entry.receipt_number);
    expect(asked.entry.acknowledged_via).toBe("line-reply");

    const [recorded] = await repliesOfUser(asker.userId);
    expect(recorded).toMatchObject({ kind: "answer", via: "line-reply", last_error: null });
    expect(recorded?.sent_at).not.toBeNull();
    expect(JSON.parse(recorded!.sources)[0]).toMatchObject({ kind: "faq", id: faqId });
    expect(await repliesOfUser(teller.userId)).toHaveLength(0);
  });

  it("IF-4: when the agency has its own public origin, the LINE answer links its sources there", async () => {
    const db = service.handle.db;
    const agency = await findAgency(db, "demo");
    await saveAgency(
      db,
      { ...agency!, licenceOrigin: "https://eservice.demo.go.th" },
      clock.now().toISOString(),
    );
    try {
      const question = text(`${FAQ_Q}?`, user("origin"));
      await post(question);
      expect(repliesTo(question)[1]).toContain(`https://eservice.demo.go.th/faq/${faqId}`);
    } finally {
      await saveAgency(db, agency!, clock.now().toISOString());
    }
  });

  it("IF-4: a text that is no question gets no assistant reply, in a new draft or an open one", async () => {
    const writer = user("writer");
    const first = text("ขอแจ้งไฟไหม้หญ้าข้างทาง", writer);
    await post(first);
    expect(repliesTo(first)).toHaveLength(1);
    const more = text("ส่งรูปเพิ่มเติมภายหลัง", writer);
    await post(more);
    expect(repliesTo(more)).toHaveLength(0);
    expect(await repliesOfUser(writer.userId)).toHaveLength(0);
  });

  it("IF-4: a question the material cannot answer gets the hand-over: it says it does not know and an officer will answer", async () => {
    const stranger = user("stranger");
    await post(text("สวัสดีครับ", stranger));
    const question = text("ค่าธรรมเนียมจอดเรือที่ท่าน้ำเท่าไร", stranger);
    await post(question);
    const [said] = repliesTo(question);
    expect(said).toContain("ไม่มีคำตอบ");
    expect(said).toContain("เจ้าหน้าที่จะเป็นผู้ตอบ");
    expect(said).toContain("officer will answer");
    const [recorded] = await repliesOfUser(stranger.userId);
    expect(recorded).toMatchObject({ kind: "unknown", sources: "[]", via: "line-reply" });
    const { entry } = await register(stranger, "ชาวเรือ ริมน้ำ");
    expect(entry.body).toBe("สวัสดีครับ\n\nค่าธรรมเนียมจอดเรือที่ท่าน้ำเท่าไร");
  });

  it("IF-4, RG-1: LINE refusing the assistant's message still registers the entry; the reply is recorded as not sent and shown on the entry page", async () => {
    const refused = user("refused");
    line.refuseMessagesContaining("คำตอบอัตโนมัติจากข้อมูลของหน่วยงาน");
    const pushesBefore = line.pushes.length;
    const question = text(`${FAQ_Q} ครับ`, refused);
    try {
      await post(question);
    } finally {
      line.refuseMessagesContaining(undefined);
    }
    // The intake's own message still went by the reply token; the assistant's by neither.
    expect(repliesTo(question)).toHaveLength(1);
    expect(repliesTo(question)[0]).toContain("ยื่นเรื่อง / Submit");
    expect(line.pushes).toHaveLength(pushesBefore);
    const { entry, ack } = await register(refused, "มานะ ปฏิเสธ");
    expect(ack[0]).toContain(entry.receipt_number);
    const [recorded] = await repliesOfUser(refused.userId);
    expect(recorded).toMatchObject({ kind: "answer", via: null, sent_at: null });
    expect(recorded?.last_error).toBeTruthy();

    const { client: officer } = await signedInOfficer(
      service.app,
      service.handle,
      service.clock,
      "demo",
      "assist.officer@demo.go.th",
      ["saraban_officer"],
    );
    const page = await officer.get(`/office/entries/${entry.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("สิ่งที่ผู้ช่วยอัตโนมัติตอบผู้ยื่นทาง LINE");
    expect(page.body).toContain('data-delivery="not-sent"');
    expect(page.body).toContain(`http://borikan.test/a/demo/faq/${faqId}`);
    // The first asker's entry shows the reply as sent; an entry with no assistant reply shows no panel.
    const asked = await service.handle.db
      .selectFrom("entries")
      .select("id")
      .where("line_user_id", "=", user("asker").userId)
      .executeTakeFirstOrThrow();
    const askedPage = await officer.get(`/office/entries/${asked.id}`);
    expect(askedPage.body).toContain('data-delivery="sent"');
    expect(askedPage.body).toContain(FAQ_A);
    const teller = await service.handle.db
      .selectFrom("entries")
      .select("id")
      .where("line_user_id", "=", user("teller").userId)
      .executeTakeFirstOrThrow();
    expect((await officer.get(`/office/entries/${teller.id}`)).body).not.toContain("assistline-title");
  });

  it("IF-4: at most one assistant reply per draft per pace; past it, a spent reply token falls back to one push with a retry key", async () => {
    const eager = user("eager");
    await post(text(`${FAQ_Q}?`, eager), text("แล้วต้องใช้รูปถ่ายไหม", eager));
    expect(await repliesOfUser(eager.userId)).toHaveLength(1);
    clock.set(new Date(clock.now().getTime() + (DEFAULT_PACE_SECONDS + 1) * 1000));
    const later = text(`${FAQ_Q}?`, eager);
    line.expireReplyToken(later.replyToken);
    await post(later);
    const recorded = await repliesOfUser(eager.userId);
    expect(recorded).toHaveLength(2);
    expect(recorded[1]).toMatchObject({ via: "line-push" });
    const push = line.pushes.find((p) => p.retryKey === recorded[1]!.id);
    expect(push?.to).toBe(eager.userId);
    expect(push?.messages[0]?.text).toContain(`/faq/${faqId}`);
  });
});
