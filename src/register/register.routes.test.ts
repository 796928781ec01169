import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { addOtherAgency } from "../../test/factories.js";
import { multipartBody } from "../../test/multipart.js";
import { type OfficeClient, signedInOfficer } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { fixedClock } from "../platform/clock.js";

const fixture = (name: string) =>
  new Uint8Array(fs.readFileSync(path.resolve(import.meta.dirname, "../../test/fixtures/files", name)));
// Monday 23 November 2026, 09:00 Bangkok.
const MONDAY_9 = "2026-11-23T02:00:00.000Z";

describe.each(testDialects())("the register in the back office on %s", (dialect) => {
  const clock = fixedClock(MONDAY_9);
  let service: TestService;
  let officer: OfficeClient;
  let officers = 0;
  /** Sessions end after 15 idle minutes and the tests move the clock by hours: sign in afresh. */
  const signInAt = async (iso: string) => {
    clock.set(iso);
    officer = (
      await signedInOfficer(service.app, service.handle, clock, "demo", `saraban${++officers}@demo.go.th`, [
        "saraban_officer",
      ])
    ).client;
    return officer;
  };
  const submit = (subject: string, extra: Record<string, unknown> = {}) =>
    service.app
      .inject({
        method: "POST",
        url: "/api/v1/requests",
        payload: { name: "=cmd|' /C calc'!A0", email: "c@example.com", subject, confirmed: true, ...extra },
      })
      .then((r) => r.json());

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await addOtherAgency(service, clock);
  });
  afterAll(() => service?.stop());

  it("CH-4, RG-1: today's entries are listed with deadlines; overdue and due-within-the-hour stand out", async () => {
    clock.set("2026-11-22T11:00:00.000Z"); // Sunday evening: due Monday 10:00
    const sunday = await submit("ส่งวันอาทิตย์");
    clock.set("2026-11-23T02:00:00.000Z"); // Monday 09:00: due Monday 16:30
    const monday = await submit("ส่งวันจันทร์");
    await signInAt("2026-11-23T03:30:00.000Z"); // Monday 10:30
    const page = await officer.get("/office/register?date=2026-11-23");
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(new RegExp(`<tr class="overdue" data-receipt="${sunday.receiptNumber}"`));
    expect(page.body).toMatch(new RegExp(`<tr class="" data-receipt="${monday.receiptNumber}"`));
    await signInAt("2026-11-23T09:00:00.000Z"); // Monday 16:00
    expect((await officer.get("/office/register?date=2026-11-23")).body).toMatch(
      new RegExp(`<tr class="due-soon" data-receipt="${monday.receiptNumber}"`),
    );
    const reads = await service.handle.db
      .selectFrom("audit_events")
      .select("action")
      .where("action", "=", "register.read")
      .execute();
    expect(reads.length).toBeGreaterThanOrEqual(2);
  });

  it("CH-5: the morning and afternoon checks are recorded once each, with who and when", async () => {
    await signInAt("2026-11-23T02:10:00.000Z");
    expect((await officer.post("/office/register/checks", { period: "morning" })).statusCode).toBe(303);
    expect((await officer.post("/office/register/checks", { period: "morning" })).statusCode).toBe(409);
    expect((await officer.post("/office/register/checks", { period: "noon" })).statusCode).toBe(400);
    const page = await officer.get("/office/register?date=2026-11-23");
    expect(page.body).toContain("ตรวจแล้วโดย saraban");
    const checks = await service.handle.db.selectFrom("register_checks").selectAll().execute();
    expect(checks).toEqual([
      expect.objectContaining({
        period: "morning",
        check_date: "2026-11-23",
        checked_at: "2026-11-23T02:10:00.000Z",
      }),
    ]);
  });

  it("RG-1, RG-6: a paper item is registered with its scan, who scanned it and with what", async () => {
    await signInAt("2026-11-23T04:00:00.000Z");
    await officer.get("/office/paper");
    const fields = {
      senderName: "สำนักงานจังหวัด",
      subject: "หนังสือแจ้งเวียน",
      letterReference: "ที่ พย 0017/ว 123",
      letterDate: "2026-11-20",
      receivedAt: "2026-11-23T10:45",
      scanDevice: "Fujitsu fi-7160",
      completenessChecked: "yes",
    };
    const scans = [{ field: "scans", filename: "scan.pdf", bytes: fixture("sample.pdf") }];
    const form = await multipartBody({ _csrf: officer.csrf, ...fields }, scans);
    const res = await service.app.inject({
      method: "POST",
      url: "/office/paper",
      ...form,
      headers: { ...form.headers, cookie: officer.cookieHeader },
    });
    expect(res.statusCode).toBe(201);
    const number = /เลขรับ (\d+\/2569)/.exec(res.body)?.[1];
    const entry = await service.handle.db
      .selectFrom("entries")
      .selectAll()
      .where("receipt_number", "=", number!)
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      channel: "paper",
      received_at: "2026-11-23T03:45:00.000Z",
      scan_device: "Fujitsu fi-7160",
      letter_reference: "ที่ พย 0017/ว 123",
      acknowledged_via: "paper-stamp",
    });
    expect(entry.scanned_by).toBeTruthy();
    const forgedForm = await multipartBody({ _csrf: "nope", ...fields }, scans);
    const forged = await service.app.inject({
      method: "POST",
      url: "/office/paper",
      ...forgedForm,
      headers: { ...forgedForm.headers, cookie: officer.cookieHeader },
    });
    expect(forged.statusCode).toBe(403);
  });

  it("RG-1, RG-5: an entry is assigned, joined to another matter, and cancelled with a reason; its number stays used", async () => {
    const first = await submit("เรื่องแรก");
    const second = await submit("เอกสารเพิ่มเติม");
    const id = (
      await service.handle.db
        .selectFrom("entries")
        .select("id")
        .where("receipt_number", "=", second.receiptNumber)
        .executeTakeFirstOrThrow()
    ).id;
    const unit = await service.handle.db
      .selectFrom("units")
      .select("id")
      .where("agency_id", "=", "demo")
      .executeTakeFirstOrThrow();
    await officer.get(`/office/entries/${id}`);
    expect((await officer.post(`/office/entries/${id}/unit`, { unitId: unit.id })).statusCode).toBe(200);
    expect(
      (await officer.post(`/office/entries/${id}/matter`, { receiptNumber: "999/2569" })).statusCode,
    ).toBe(404);
    expect(
      (await officer.post(`/office/entries/${id}/matter`, { receiptNumber: first.receiptNumber })).statusCode,
    ).toBe(200);
    expect((await officer.get(`/office/entries/${id}`)).body).toContain(`/entries/${id}/cancel"`);
    expect((await officer.post(`/office/entries/${id}/cancel`, { reason: "" })).statusCode).toBe(400);
    expect((await officer.post(`/office/entries/${id}/cancel`, { reason: "ลงรับซ้ำ" })).statusCode).toBe(200);
    expect((await officer.post(`/office/entries/${id}/cancel`, { reason: "again" })).statusCode).toBe(409);
    // The page offers only what the status table allows from "cancelled": no act of an officer.
    const cancelledPage = (await officer.get(`/office/entries/${id}`)).body;
    for (const form of ["unit", "matter", "misdirected", "acknowledgement", "cancel"])
      expect(cancelledPage).not.toContain(`/entries/${id}/${form}"`);
    const rows = await service.handle.db
      .selectFrom("entries")
      .select(["receipt_number", "matter_id", "status", "unit_id", "cancel_reason"])
      .where("receipt_number", "in", [first.receiptNumber, second.receiptNumber])
      .execute();
    const byNumber = Object.fromEntries(rows.map((r) => [r.receipt_number, r]));
    expect(byNumber[second.receiptNumber]).toMatchObject({
      status: "cancelled",
      unit_id: unit.id,
      cancel_reason: "ลงรับซ้ำ",
      matter_id: byNumber[first.receiptNumber]?.matter_id,
    });
    const next = await submit("หลังยกเลิก");
    expect(Number(next.receiptNumber.split("/")[0])).toBe(Number(second.receiptNumber.split("/")[0]) + 1);
    const actions = await service.handle.db
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", id)
      .execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(["entry.read", "entry.assign-unit", "entry.link-matter", "entry.cancel"]),
    );
  });

  it("RG-3: the register exports to Excel with receipt numbers as text and formulas made inert, and to CSV with a BOM", async () => {
    const xlsx = await service.app.inject({
      url: "/office/register.xlsx?date=2026-11-23",
      headers: { cookie: officer.cookieHeader },
    });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells: ExcelJS.Cell[] = [];
    book.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
    const numberCell = cells.find((c) => c.value === "1/2569");
    expect(numberCell?.type).toBe(ExcelJS.ValueType.String);
    expect(cells.some((c) => c.type === ExcelJS.ValueType.Formula)).toBe(false);
    expect(cells.some((c) => String(c.value).startsWith("'=cmd"))).toBe(true);
    expect(cells.some((c) => String(c.value).includes("หนังสือแจ้งเวียน"))).toBe(true);
    const csv = await service.app.inject({
      url: "/office/register.csv?date=2026-11-23",
      headers: { cookie: officer.cookieHeader },
    });
    expect([...csv.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.body).toContain("'=cmd");
  });

  it("SC-1: roles and agencies bound what an officer sees", async () => {
    const finance = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "finance@demo.go.th", [
        "finance_officer",
      ])
    ).client;
    expect((await finance.get("/office/register")).statusCode).toBe(403);
    const stranger = (
      await signedInOfficer(
        service.app,
        service.handle,
        clock,
        "other",
        "saraban@other.go.th",
        ["saraban_officer"],
        "/a/other",
      )
    ).client;
    const demoEntry = await service.handle.db
      .selectFrom("entries")
      .select("id")
      .where("agency_id", "=", "demo")
      .executeTakeFirstOrThrow();
    expect((await stranger.get(`/office/entries/${demoEntry.id}`)).statusCode).toBe(404);
    expect(
      (await stranger.post(`/office/entries/${demoEntry.id}/cancel`, { reason: "not mine" })).statusCode,
    ).toBe(404);
    const page = await stranger.get("/office/register?date=2026-11-23");
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain("data-receipt=");
  });

  it("RG-1: the register pages by keyset, 100 entries a page", async () => {
    clock.set("2026-11-24T02:00:00.000Z");
    for (let i = 0; i < 205; i++) await submit(`page ${i}`);
    await signInAt("2026-11-24T02:05:00.000Z");
    const first = await officer.get("/office/register?date=2026-11-24");
    const rows = (body: string) => [...body.matchAll(/data-receipt="(\d+)\/2569"/g)].map((m) => Number(m[1]));
    expect(rows(first.body)).toHaveLength(100);
    const nextHref = /href="([^"]+)" rel="next"/.exec(first.body)?.[1]?.replaceAll("&amp;", "&");
    const second = await officer.get(nextHref!);
    const third = await officer.get(
      /href="([^"]+)" rel="next"/.exec(second.body)![1]!.replaceAll("&amp;", "&"),
    );
    const all = [...rows(first.body), ...rows(second.body), ...rows(third.body)];
    expect(all).toHaveLength(205);
    expect(all).toEqual([...all].sort((a, b) => a - b));
    expect(third.body).not.toContain('rel="next"');
  });
});
