import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { textValue } from "../../test/fuzz-inputs.js";
import { type OfficeClient, signedInOfficer } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { findAgency } from "../agencies/index.js";
import { loadBusinessCalendar } from "../calendar/index.js";
import { fixedClock } from "../platform/clock.js";
import { withTransaction } from "../platform/db/database.js";
import { isValidEmailAddress } from "../platform/email-address.js";
import { registerEntry } from "./index.js";

/**
 * #10, CH-4: an acknowledgement withheld because the sender's address could not be read is shown on the
 * entry and the register with why, and queued only once an officer confirms a valid address.
 */
describe.each(testDialects())("confirming a withheld sender address on %s", (dialect) => {
  const clock = fixedClock("2026-11-23T02:00:00.000Z");
  let service: TestService;
  let officer: OfficeClient;

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    officer = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "saraban@demo.go.th", [
        "saraban_officer",
      ])
    ).client;
  });
  afterAll(() => service?.stop());

  /** An entry as the mail intake writes one whose From did not read cleanly. */
  async function withheldEntry(senderRaw = "john smith@example.com") {
    const agency = (await findAgency(service.handle.db, "demo"))!;
    return withTransaction(service.handle, async (trx) => {
      const calendar = await loadBusinessCalendar(trx, agency);
      const { entry } = await registerEntry(
        trx,
        {
          agencyId: "demo",
          channel: "email",
          senderName: senderRaw,
          subject: "ขอสำเนาทะเบียนบ้าน",
          body: "รายละเอียด",
          language: "th",
          attachments: [],
          ackWithheld: "address-unclear",
          senderRaw,
        },
        { clock, calendar, actor: "system:mail" },
      );
      return entry;
    });
  }
  const outboxOf = (entryId: string) =>
    service.handle.db
      .selectFrom("outbox")
      .select(["recipient", "kind"])
      .where("entry_id", "=", entryId)
      .execute();

  it("CH-4: the entry and the register say why no acknowledgement went, with the From as received", async () => {
    const entry = await withheldEntry();
    const page = await officer.get(`/office/entries/${entry.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-flag="ack-withheld"');
    expect(page.body).toContain("อ่านที่อยู่ผู้ส่ง (From หรือ Reply-To) ได้ไม่ชัดเจน");
    expect(page.body).toContain("john smith@example.com");
    expect(page.body).toContain(`/office/entries/${entry.id}/sender-address`);
    const register = await officer.get("/office/register?date=2026-11-23");
    expect(register.body).toMatch(
      new RegExp(`data-receipt="${entry.receiptNumber}"[\\s\\S]*?data-flag="ack-withheld"`),
    );
    const en = await officer.get(`/office/entries/${entry.id}`, {
      cookie: `${officer.cookieHeader}; lang=en`,
    });
    expect(en.body).toContain("could not be read one way only, so it was not guessed");
  });

  it("CH-4: an invalid address is refused with 400 and nothing is queued; a valid one is queued once and audited", async () => {
    const entry = await withheldEntry();
    await officer.get(`/office/entries/${entry.id}`);
    for (const bad of ["smith@example.com.", "john smith@example.com", "somchai", "a@-x-.com", ""]) {
      const res = await officer.post(`/office/entries/${entry.id}/sender-address`, { address: bad });
      expect(res.statusCode, bad).toBe(400);
    }
    expect(await outboxOf(entry.id)).toEqual([]);

    const ok = await officer.post(`/office/entries/${entry.id}/sender-address`, {
      address: " John.Smith@Example.com ",
    });
    expect(ok.statusCode).toBe(200);
    expect(await outboxOf(entry.id)).toEqual([
      { recipient: "john.smith@example.com", kind: "acknowledgement" },
    ]);
    const row = await service.handle.db
      .selectFrom("entries")
      .select(["ack_withheld", "reply_to", "sender_email", "sender_raw"])
      .where("id", "=", entry.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      ack_withheld: null,
      reply_to: "john.smith@example.com",
      sender_email: "john.smith@example.com",
      sender_raw: "john smith@example.com",
    });
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .select(["action", "actor"])
      .where("subject_id", "=", entry.id)
      .where("action", "=", "entry.confirm-sender-address")
      .execute();
    expect(audit).toHaveLength(1);
    // Nothing waits any more: a second confirmation is a conflict, not a second acknowledgement.
    const again = await officer.post(`/office/entries/${entry.id}/sender-address`, {
      address: "other@example.com",
    });
    expect(again.statusCode).toBe(409);
    expect(await outboxOf(entry.id)).toHaveLength(1);
  });

  it("CH-4, SC-1: the action needs the CSRF token and a register role", async () => {
    const entry = await withheldEntry();
    await officer.get(`/office/entries/${entry.id}`);
    const noToken = await officer.post(
      `/office/entries/${entry.id}/sender-address`,
      { address: "a@example.com" },
      { csrf: null },
    );
    expect(noToken.statusCode).toBe(403);
    const reviewer = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "reviewer@demo.go.th", ["reviewer"])
    ).client;
    await reviewer.get("/office/account");
    const forbidden = await reviewer.post(`/office/entries/${entry.id}/sender-address`, {
      address: "a@example.com",
    });
    expect(forbidden.statusCode).toBe(403);
    expect(await outboxOf(entry.id)).toEqual([]);
  });

  it("bounded seeded fuzz: any address text gives a 4xx or one acknowledgement to a valid address, never a 5xx", {
    timeout: 120_000,
  }, async () => {
    const entry = await withheldEntry("Somchai <somchai@exa mple.com>");
    await officer.get(`/office/entries/${entry.id}`);
    const addresses = fc.sample(
      fc.oneof(textValue, fc.emailAddress(), fc.constantFrom("a@b.co", "x@[192.0.2.1]", "ก@ตัวอย่าง.ไทย")),
      { seed: 1010, numRuns: 120 },
    );
    for (const address of addresses) {
      const res = await officer.post(`/office/entries/${entry.id}/sender-address`, { address });
      expect(res.statusCode, JSON.stringify(address)).toBeLessThan(500);
      expect(res.statusCode === 200 || (res.statusCode >= 400 && res.statusCode < 500)).toBe(true);
    }
    const queued = await outboxOf(entry.id);
    expect(queued.length).toBeLessThanOrEqual(1);
    for (const q of queued) expect(isValidEmailAddress(q.recipient)).toBe(true);
  });
});
