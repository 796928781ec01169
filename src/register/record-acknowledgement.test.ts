import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { addOtherAgency, submitRequest } from "../../test/factories.js";
import { type OfficeClient, signedInOfficer } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { fixedClock } from "../platform/clock.js";

// Sunday 22 November 2026, 18:00 Bangkok: received after hours, due Monday 10:00.
const SUNDAY_EVENING = "2026-11-22T11:00:00.000Z";

describe.each(testDialects())("acknowledgements given another way on %s", (dialect) => {
  const clock = fixedClock(SUNDAY_EVENING);
  let service: TestService;
  let officer: OfficeClient;
  let staffId: string;
  let officers = 0;
  const signIn = async (roles: string[], agency = "demo") => {
    const prefix = agency === "demo" ? "" : `/a/${agency}`;
    return signedInOfficer(
      service.app,
      service.handle,
      clock,
      agency,
      `officer${++officers}@${agency}.go.th`,
      roles,
      prefix,
    );
  };
  const submit = (subject: string) =>
    submitRequest(service, { name: "สมชาย ใจดี", email: "somchai@example.com", subject, confirmed: true });
  const entryRow = (id: string) =>
    service.handle.db.selectFrom("entries").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await addOtherAgency(service, clock);
  });
  afterAll(() => service?.stop());

  it("CH-4, CH-5: an acknowledgement given by phone marks the entry acknowledged with who, when and how, audited", async () => {
    const item = await submit("ขอข้อมูลทางโทรศัพท์");
    await service.outbox.drain(); // no mail server: kept, not sent
    clock.set("2026-11-23T02:45:00.000Z"); // Monday 09:45
    const signed = await signIn(["saraban_officer"]);
    officer = signed.client;
    staffId = signed.staff.id;
    await officer.get(`/office/entries/${item.entryId}`);
    const res = await officer.post(`/office/entries/${item.entryId}/acknowledgement`, {
      way: "phone",
      at: "2026-11-23T09:40",
      note: "โทรแจ้งคุณสมชาย 081-234-5678",
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("บันทึกแล้ว");
    expect(await entryRow(item.entryId)).toMatchObject({
      acknowledged_at: "2026-11-23T02:40:00.000Z",
      acknowledged_via: "phone",
      acknowledged_by: staffId,
      acknowledgement_note: "โทรแจ้งคุณสมชาย 081-234-5678",
    });
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "entry.acknowledge-other-way")
      .where("subject_id", "=", item.entryId)
      .executeTakeFirstOrThrow();
    expect(audit.actor).toBe(`staff:${staffId}`);
    expect(JSON.parse(audit.data)).toMatchObject({
      way: "phone",
      at: "2026-11-23T02:40:00.000Z",
      inTime: true,
    });

    const page = await officer.get(`/office/entries/${item.entryId}`);
    expect(page.body).toContain("โทรศัพท์");
    expect(page.body).toContain(`บันทึกโดย ${signed.staff.displayName}`);
    expect(page.body).not.toContain(`/entries/${item.entryId}/acknowledgement"`);

    // Past the deadline (Monday 10:00) it is not overdue, and it is not among the unacknowledged.
    clock.set("2026-11-23T03:10:00.000Z");
    officer = (await signIn(["saraban_officer"])).client; // sessions end after 15 idle minutes
    const register = await officer.get("/office/register?date=2026-11-23");
    expect(register.statusCode).toBe(200);
    const line = new RegExp(`<tr class="([^"]*)" data-receipt="${item.receiptNumber}".*?</tr>`, "s").exec(
      register.body,
    );
    expect(line?.[1]).toBe("");
    expect(line?.[0]).toContain('data-ack="acknowledged"');
    expect(line?.[0]).toContain("ตอบรับแล้ว (โทรศัพท์)");
    const open = await officer.get("/office/register?date=2026-11-23&status=unacknowledged");
    expect(open.body).not.toContain(`data-receipt="${item.receiptNumber}"`);

    const url = new URL(item.trackingUrl);
    const tracked = await service.app.inject({
      url: url.pathname.replace("/a/demo", "/api/v1") + url.search,
    });
    expect(tracked.json().acknowledgement).toEqual({
      status: "acknowledged",
      via: "phone",
      at: "2026-11-23T02:40:00.000Z",
    });
    const trackingPage = await service.app.inject({ url: url.pathname + url.search });
    expect(trackingPage.body).toContain("ตอบรับแล้วเมื่อ");
    expect(trackingPage.body).toContain("(โทรศัพท์)");
  });

  it("CH-4: a second record, a time in the future or before receipt, and a malformed way are refused with a reason", async () => {
    clock.set("2026-11-23T04:00:00.000Z"); // Monday 11:00
    officer = (await signIn(["saraban_officer"])).client;
    const item = await submit("ตอบรับซ้ำ");
    const post = (form: Record<string, string>) =>
      officer.post(`/office/entries/${item.entryId}/acknowledgement`, form);
    await officer.get(`/office/entries/${item.entryId}`);

    const future = await post({ way: "paper", at: "2026-11-23T11:30" });
    expect(future.statusCode).toBe(422);
    expect(future.body).toContain("ต้องไม่อยู่ในอนาคต");
    const before = await post({ way: "paper", at: "2026-11-23T10:59" });
    expect(before.statusCode).toBe(422);
    expect((await post({ way: "carrier-pigeon", at: "2026-11-23T11:00" })).statusCode).toBe(400);
    expect((await post({ way: "paper", at: "yesterday" })).statusCode).toBe(400);
    expect((await entryRow(item.entryId)).acknowledged_at).toBeNull();

    expect((await post({ way: "in-person", at: "2026-11-23T11:00" })).statusCode).toBe(200);
    const twice = await post({ way: "phone", at: "2026-11-23T11:00", note: "again" });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain("ตอบรับแล้ว บันทึกการตอบรับซ้ำไม่ได้");
    expect(await entryRow(item.entryId)).toMatchObject({
      acknowledged_via: "in-person",
      acknowledgement_note: null,
    });
  });

  it("SC-1, CH-4: another role or another agency's officer cannot record it; a cancelled entry refuses it", async () => {
    clock.set("2026-11-23T05:00:00.000Z");
    const item = await submit("สิทธิ์");
    const reviewer = (await signIn(["reviewer"])).client;
    await reviewer.get("/office/account");
    expect(reviewer.csrf).not.toBe(""); // a valid form: only the role is wrong
    const form = { way: "phone", at: "2026-11-23T12:00" };
    expect((await reviewer.post(`/office/entries/${item.entryId}/acknowledgement`, form)).statusCode).toBe(
      403,
    );
    const stranger = (await signIn(["saraban_officer"], "other")).client;
    expect((await stranger.post(`/office/entries/${item.entryId}/acknowledgement`, form)).statusCode).toBe(
      404,
    );
    expect((await entryRow(item.entryId)).acknowledged_at).toBeNull();

    officer = (await signIn(["saraban_officer"])).client;
    await officer.get(`/office/entries/${item.entryId}`);
    expect(
      (await officer.post(`/office/entries/${item.entryId}/cancel`, { reason: "ยื่นซ้ำ" })).statusCode,
    ).toBe(200);
    expect((await officer.post(`/office/entries/${item.entryId}/acknowledgement`, form)).statusCode).toBe(
      409,
    );
    expect((await entryRow(item.entryId)).acknowledged_at).toBeNull();
  });
});
