import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../../test/db.js";
import { type FakeLine, startFakeLine } from "../../../test/line-server.js";
import { connectLine, deliveryOf, lineEnv, lineEvents, postWebhook } from "../../../test/line-webhook.js";
import { startTestService, type TestService } from "../../../test/service.js";
import { fixedClock } from "../../platform/clock.js";
import { createLineProcessor } from "./index.js";
import { subjectOf } from "./line-drafts.js";

const FILES = path.resolve(import.meta.dirname, "../../../test/fixtures/files");
// Friday 20 November 2026, 10:00 in Bangkok.
const T0 = Date.parse("2026-11-20T03:00:00.000Z");
const user = (tag: string) => ({ type: "user", userId: `U${tag.padEnd(32, "0")}` });

describe("subjectOf", () => {
  it("CH-10: the first line written, whitespace collapsed, no line break of any kind, at most 120 characters", () => {
    expect(subjectOf("\n \r\n  ขอใบอนุญาต\t\tก่อสร้าง\u00a0 อาคาร\rรายละเอียด")).toBe("ขอใบอนุญาต ก่อสร้าง อาคาร");
    expect(subjectOf("แจ้ง\u2028ซ่อม")).toBe("แจ้ง");
    expect(subjectOf("a\u0000b\u001bc")).toBe("a b c");
    const long = subjectOf("ก".repeat(119) + "😀".repeat(10));
    expect(Array.from(long)).toHaveLength(120);
    expect(long.endsWith("…")).toBe(true);
    expect(long).not.toMatch(/[\ud800-\udbff]…/); // never half of a character
    expect(subjectOf(" \n\t ")).toBe("");
  });
});

describe.each(testDialects())("LINE details and bad events on %s", (dialect) => {
  let line: FakeLine;
  let service: TestService;
  const { event, text, file, submit } = lineEvents("01K");

  beforeAll(async () => {
    line = await startFakeLine();
    service = await startTestService(dialect, {
      clock: fixedClock(new Date(T0 + 3_600_000)),
      env: { ...lineEnv(line), UPLOAD_MAX_FILE_MB: "1" },
    });
    await connectLine(service, line, new Date(T0));
  });
  afterAll(async () => {
    await service?.stop();
    await line?.close();
  });

  async function post(events: unknown[]) {
    const res = await postWebhook(service, line, deliveryOf(events));
    await service.line.drain();
    return res;
  }
  const db = () => service.handle.db;
  const lineEntries = () =>
    db().selectFrom("entries").selectAll().where("channel", "=", "line").orderBy("sequence").execute();
  const replyTo = (e: { replyToken: string }) =>
    line.replies.find((r) => r.replyToken === e.replyToken)?.messages.map((m) => m.text ?? "") ?? [];

  it("CH-10, RG-4: events missing or with a wrong timestamp, type or source are stored invalid with the reason; the valid one beside them is handled; 200", async () => {
    const good = text("ขอแจ้งไฟถนนดับ", T0, user("valid"));
    const base = event({ type: "message", message: { type: "text", id: "z1", text: "x" } }, T0, user("junk"));
    const { timestamp: _t, ...noTimestamp } = base;
    const { source: _s, ...noSource } = base;
    const noSourceNoType = { ...noSource, type: undefined }; // undefined is left out of JSON
    const bad = [
      noTimestamp,
      { ...base, webhookEventId: "01Kbad1", timestamp: "2026-11-20" },
      { ...base, webhookEventId: "01Kbad2", timestamp: 1e20 },
      { ...base, webhookEventId: "01Kbad3", type: 5 },
      { ...noSourceNoType, webhookEventId: "01Kbad4" },
      { ...base, webhookEventId: "01Kbad5", source: { type: "user" } },
      { ...base, webhookEventId: "01Kbad6", source: "Ujunk" },
      { ...base, webhookEventId: "01Kbad7", message: { type: "text", id: "z2" } },
      { ...base, webhookEventId: "01Kbad8", type: "postback", postback: {} },
      42,
      null,
      [],
    ];
    const payload = deliveryOf([bad[0], good, ...bad.slice(1)]);
    const res = await postWebhook(service, line, payload);
    await service.line.drain();
    expect(res.statusCode).toBe(200);
    const [delivery] = await db().selectFrom("line_deliveries").selectAll().execute();
    expect(delivery).toMatchObject({ body: payload, body_encoding: "utf8", invalid_reason: null });
    const rows = await db()
      .selectFrom("line_events")
      .selectAll()
      .where("delivery_id", "=", delivery!.id)
      .orderBy("webhook_event_id")
      .execute();
    const invalid = rows.filter((r) => r.status === "invalid");
    expect(invalid).toHaveLength(bad.length);
    for (const row of invalid) {
      expect(row.invalid_reason).toMatch(/^\/\S*: /);
      expect(row.webhook_event_id).toMatch(new RegExp(`^invalid:${delivery!.id}:\\d+$`));
    }
    const reasons = invalid.map((r) => r.invalid_reason).join("\n");
    for (const field of [
      "/timestamp",
      "/type",
      "/source",
      "/source/userId",
      "/message/text",
      "/postback/data",
    ])
      expect(reasons).toContain(`${field}:`);
    // The valid event was handled: a draft opened, and the user was told how to submit.
    expect(rows.find((r) => r.webhook_event_id === good.webhookEventId)?.status).toBe("done");
    expect(replyTo(good).join()).toContain("ยื่นเรื่อง / Submit");
  });

  it("RG-4: a signed body that is no webhook (not JSON, not an object, no events array, not UTF-8) is stored as received with its reason and answered 200", async () => {
    const bodies: [Buffer, string][] = [
      [Buffer.from("{not json"), "not JSON"],
      [Buffer.from(""), "not JSON"],
      [Buffer.from('["events"]'), "not a JSON object"],
      [Buffer.from('{"events": {"0": {}}}'), "no events array"],
      [Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x7d]), "not UTF-8"],
      [Buffer.from('{"events":[]}\u0000'), "not JSON"],
    ];
    for (const [body, reason] of bodies) {
      const res = await postWebhook(service, line, body);
      expect(res.statusCode).toBe(200);
      const stored = await db()
        .selectFrom("line_deliveries")
        .selectAll()
        .orderBy("received_at", "desc")
        .orderBy("id", "desc")
        .where("invalid_reason", "like", `%${reason}%`)
        .execute();
      const same = stored.filter((s) => Buffer.from(s.body, s.body_encoding).equals(body));
      expect(same).toHaveLength(1);
    }
  });

  it("CH-10, RG-4: an unsigned or forged body is 401 and not stored, whatever it holds", async () => {
    const count = async () => (await db().selectFrom("line_deliveries").select("id").execute()).length;
    const before = await count();
    for (const signature of ["", "not base64 at all!", line.sign("other"), "=".repeat(44)]) {
      const res = await postWebhook(service, line, Buffer.from([0xff, 0x00]), signature);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe("LINE_SIGNATURE_INVALID");
    }
    expect(await count()).toBe(before);
  });

  it("FM-3, CH-10: every refused file is told at once with its reason, in Thai and English", async () => {
    const who = user("refused");
    line.setContent("dis-1", fs.readFileSync(path.join(FILES, "disguised-invoice.pdf")), "application/pdf");
    line.setContent(
      "exe-1",
      Buffer.concat([Buffer.from("MZ"), Buffer.alloc(300, 1)]),
      "application/octet-stream",
    );
    line.setContent(
      "big-1",
      Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(1_200_000, 32)]),
      "application/pdf",
    );
    const disguised = file("dis-1", "invoice.pdf", 512, T0 + 1000, who);
    const exe = file("exe-1", "setup.exe", 302, T0 + 2000, who);
    const big = file("big-1", "scan.pdf", 1_200_009, T0 + 3000, who);
    // LINE says it is 50 MB: refused for its size without being fetched (LINE has no content for it).
    const huge = file("huge-1", "video.pdf", 50 * 1048576, T0 + 4000, who);
    for (const e of [disguised, exe, big, huge]) await post([e]);
    const told = [disguised, exe, big, huge].map((e) => replyTo(e).join("\n"));
    expect(told[0]).toContain("ปลอมชื่อ");
    expect(told[0]).toContain("disguised");
    expect(told[1]).toContain("ไม่รับไฟล์ประเภทนี้");
    expect(told[1]).toContain("type");
    expect(told[2]).toContain("เกิน 1 MB");
    expect(told[2]).toContain("larger than 1 MB");
    expect(told[3]).toContain("larger than 1 MB");
    for (const [i, name] of ["invoice.pdf", "setup.exe", "scan.pdf", "video.pdf"].entries())
      expect(told[i]).toContain(name);
    // The first of them opened the draft: one reply carries both the opening and the refusal.
    expect(replyTo(disguised)).toHaveLength(2);
    const codes = await db()
      .selectFrom("line_draft_items")
      .select(["filename", "refusal_code", "size"])
      .where("line_message_id", "in", ["dis-1", "exe-1", "big-1", "huge-1"])
      .orderBy("created_at")
      .execute();
    expect(codes.map((c) => c.refusal_code)).toEqual([
      "FILE_DISGUISED",
      "FILE_TYPE_NOT_ALLOWED",
      "FILE_TOO_LARGE",
      "FILE_TOO_LARGE",
    ]);
    expect(Number(codes[3]?.size)).toBe(50 * 1048576);
  });

  it("CH-10: a draft of only refused files asks for text or a valid file at Submit and registers nothing, nor does the quiet time; text then makes the entry", async () => {
    const who = user("refused"); // the draft of the previous test: four refused files
    const before = (await lineEntries()).length;
    const tap = submit(T0 + 5000, who);
    await post([tap]);
    expect(replyTo(tap).join()).toContain("ไม่มีข้อความหรือไฟล์ที่รับได้");
    expect(replyTo(tap).join()).toContain("no file that could be accepted");
    await service.line.sweep(); // long past the quiet time: still nothing submitted, nothing pushed
    expect(line.pushes.filter((p) => p.to === who.userId)).toHaveLength(0);
    expect(await lineEntries()).toHaveLength(before);
    await post([text("ส่งใบแจ้งหนี้ค่าน้ำ\r\nตามแนบ", T0 + 6000, who)]);
    await post([submit(T0 + 7000, who)]);
    await post([text("สมศรี ทดลอง", T0 + 8000, who)]);
    const entries = await lineEntries();
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)).toMatchObject({ subject: "ส่งใบแจ้งหนี้ค่าน้ำ", sender_name: "สมศรี ทดลอง" });
    const listed = await db()
      .selectFrom("attachments")
      .select("refusal_code")
      .where("entry_id", "=", entries.at(-1)!.id)
      .execute();
    expect(listed.map((a) => a.refusal_code).sort()).toEqual([
      "FILE_DISGUISED",
      "FILE_TOO_LARGE",
      "FILE_TOO_LARGE",
      "FILE_TYPE_NOT_ALLOWED",
    ]);
  });

  it("CH-10: the subject carries no line break and is bounded, and a name with a line break is asked again", async () => {
    const who = user("subject");
    await post([text(`\n  ${"ขอความอนุเคราะห์".repeat(20)}\u2028ต่อ`, T0 + 10_000, who)]);
    await post([submit(T0 + 11_000, who)]);
    const badName = text("สมหญิง\rใจดี", T0 + 12_000, who);
    await post([badName]);
    expect(replyTo(badName).join()).toContain("บรรทัดเดียว");
    await post([text("สมหญิง ใจดี", T0 + 13_000, who)]);
    const entry = (await lineEntries()).at(-1)!;
    expect(entry.sender_name).toBe("สมหญิง ใจดี");
    expect(entry.subject).not.toMatch(/[\r\n\u2028\u2029]/);
    expect(Array.from(entry.subject)).toHaveLength(120);
    expect(entry.subject.startsWith("ขอความอนุเคราะห์")).toBe(true);
  });

  it("CH-10: a group or room is told once, even by two processors at the same time; after the account leaves and is added again, once more", async () => {
    const group = { type: "group", groupId: "Cgroup0000000000000000000000000001", userId: user("g").userId };
    const room = { type: "room", roomId: "Rroom00000000000000000000000000001", userId: user("r").userId };
    const repliesBefore = line.replies.length;
    const inGroup = Array.from({ length: 6 }, (_, i) => text(`ขอยื่นเรื่อง ${i}`, T0 + 20_000 + i, group));
    const inRoom = Array.from({ length: 3 }, (_, i) => text(`สวัสดี ${i}`, T0 + 20_000 + i, room));
    await postWebhook(service, line, deliveryOf([...inGroup, ...inRoom]));
    const other = createLineProcessor({
      handle: service.handle,
      clock: service.clock,
      files: service.files,
      secret: "test-secret",
      publicUrl: "http://borikan.test",
      maxFileBytes: 1048576,
      env: { ...process.env, ...lineEnv(line) },
      log: () => {},
    });
    await Promise.all([service.line.drain(), other.drain(), service.line.drain()]);
    const refusals = () =>
      line.replies.slice(repliesBefore).filter((r) => r.messages[0]?.text?.includes("แชทส่วนตัว"));
    expect(refusals()).toHaveLength(2);
    // Which event of the chat wins the race does not matter: one in the group, one in the room.
    const tokens = refusals().map((r) => r.replyToken);
    expect(tokens.filter((t) => inGroup.some((e) => e.replyToken === t))).toHaveLength(1);
    expect(tokens.filter((t) => inRoom.some((e) => e.replyToken === t))).toHaveLength(1);
    await post([text("อีกครั้ง", T0 + 30_000, group)]);
    expect(refusals()).toHaveLength(2);
    await post([event({ type: "leave" }, T0 + 31_000, group)]);
    const join = event({ type: "join" }, T0 + 32_000, group);
    await post([join]);
    expect(replyTo(join).join()).toContain("แชทส่วนตัว");
    expect(refusals()).toHaveLength(3);
    const drafts = await db().selectFrom("line_drafts").select("user_id").execute();
    expect(drafts.map((d) => d.user_id)).not.toContain(group.userId);
  });
});
