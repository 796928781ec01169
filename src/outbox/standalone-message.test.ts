import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDialects } from "../../test/db.js";
import { DEMO_AGENCY, initAgency } from "../agencies/index.js";
import { fixedClock } from "../platform/clock.js";
import { withTransaction } from "../platform/db/database.js";
import type { OutgoingMail } from "../platform/mail/transport.js";
import { enqueueMessage, type StandaloneMessage } from "./enqueue-message.js";
import { createOutboxWorker } from "./outbox-worker.js";

describe.each(testDialects())("messages about no register entry (%s)", (dialect) => {
  let database: TestDatabase;
  const clock = fixedClock("2026-12-07T03:00:00.000Z");
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await initAgency(database.handle, DEMO_AGENCY, { clock, actor: "test" });
  });
  afterAll(() => database.drop());

  const message = (subjectKey: string, recipient = "citizen@example.com"): StandaloneMessage => ({
    agencyId: "demo",
    entryId: null,
    subjectKey,
    kind: "draft-link",
    channel: "email",
    recipient,
    mail: { subject: "ลิงก์กลับมากรอกต่อ", text: "https://example.go.th/apply/abc" },
  });
  const noCompose = async (): Promise<never> => {
    throw new Error("an entry-less message is never composed");
  };

  it("is sent as written, from the agency's central address, once per subject and kind", async () => {
    await withTransaction(database.handle, async (trx) => {
      await enqueueMessage(trx, message("draft:1"), clock.now().toISOString());
      await enqueueMessage(trx, message("draft:1", "other@example.com"), clock.now().toISOString());
      await enqueueMessage(trx, message("draft:2", "second@example.com"), clock.now().toISOString());
    });
    const sent: OutgoingMail[] = [];
    const mail = { configured: true, send: async (m: OutgoingMail) => void sent.push(m), close: () => {} };
    const worker = createOutboxWorker({
      handle: database.handle,
      clock,
      mail,
      compose: noCompose,
      log: () => {},
    });
    expect(await worker.drain()).toBe(2);
    expect(sent.map((m) => m.to).sort()).toEqual(["citizen@example.com", "second@example.com"]);
    expect(sent[0]?.from).toBe(
      `"${DEMO_AGENCY.nameTh} (${DEMO_AGENCY.nameEn})" <${DEMO_AGENCY.centralEmail}>`,
    );
    expect(sent[0]?.text).toBe("https://example.go.th/apply/abc");
    const rows = await database.handle.db.selectFrom("outbox").select(["status", "entry_id"]).execute();
    expect(rows.every((r) => r.status === "sent" && r.entry_id === null)).toBe(true);
  });

  it("CH-4: with no mail server it is kept, never called sent", async () => {
    await withTransaction(database.handle, (trx) =>
      enqueueMessage(trx, message("draft:3"), clock.now().toISOString()),
    );
    const mail = { configured: false, send: async () => {}, close: () => {} };
    const worker = createOutboxWorker({
      handle: database.handle,
      clock,
      mail,
      compose: noCompose,
      log: () => {},
    });
    expect(await worker.drain()).toBe(0);
    const row = await database.handle.db
      .selectFrom("outbox")
      .select("status")
      .where("subject_key", "=", "draft:3")
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("not_configured");
  });

  it("FM-6: a code is kept only until sent, and never sent after it expires", async () => {
    const code = (subjectKey: string, notAfter: string): StandaloneMessage => ({
      ...message(subjectKey),
      kind: "signature-code",
      mail: { subject: "รหัส", text: "รหัสของท่านคือ 123456", secret: "123456", notAfter },
    });
    await withTransaction(database.handle, async (trx) => {
      await enqueueMessage(trx, code("otp:fresh", "2026-12-07T03:10:00.000Z"), clock.now().toISOString());
      await enqueueMessage(trx, code("otp:stale", "2026-12-07T02:59:00.000Z"), clock.now().toISOString());
    });
    const sent: OutgoingMail[] = [];
    const mail = { configured: true, send: async (m: OutgoingMail) => void sent.push(m), close: () => {} };
    const worker = createOutboxWorker({
      handle: database.handle,
      clock,
      mail,
      compose: noCompose,
      log: () => {},
    });
    await worker.drain();
    expect(sent.filter((m) => m.subject === "รหัส").map((m) => m.text)).toEqual(["รหัสของท่านคือ 123456"]);
    const rows = await database.handle.db
      .selectFrom("outbox")
      .select(["subject_key", "status", "payload", "last_error"])
      .where("kind", "=", "signature-code")
      .orderBy("subject_key")
      .execute();
    expect(rows.map((r) => [r.subject_key, r.status])).toEqual([
      ["otp:fresh", "sent"],
      ["otp:stale", "failed"],
    ]);
    expect(rows[1]?.last_error).toMatch(/^expired/);
    for (const row of rows) expect(row.payload).not.toContain("123456");
  });
});
