import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { textValue } from "../../test/fuzz-inputs.js";
import { multipartBody } from "../../test/multipart.js";
import { type OfficeClient, signedInOfficer } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { isBusinessDay, loadBusinessCalendar } from "../calendar/index.js";
import { fixedClock } from "../platform/clock.js";
import { emailLookupKey } from "../platform/crypto/index.js";
import { acknowledgementMail } from "../register/index.js";
import { findAgency } from "./index.js";

// Friday 27 November 2026, 18:00 Bangkok.
const FRIDAY_EVENING = "2026-11-27T11:00:00.000Z";

describe.each(testDialects())("agency settings pages on %s", (dialect) => {
  const clock = fixedClock(FRIDAY_EVENING);
  let service: TestService;
  let admin: OfficeClient;
  const profile = {
    nameTh: "สำนักงานเขตตัวอย่าง",
    nameEn: "Demo District Office",
    centralEmail: "saraban@demo.go.th",
    phones: "02 123 4567, 02 123 4568",
    weekdays: ["1", "2", "3", "4", "5"],
    opening: "08:30",
    closing: "16:30",
    acknowledgeByNextDay: "10:00",
  };
  const entryDeadline = async (receiptNumber: string) =>
    (
      await service.handle.db
        .selectFrom("entries")
        .select("acknowledge_by")
        .where("receipt_number", "=", receiptNumber)
        .executeTakeFirstOrThrow()
    ).acknowledge_by;

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    admin = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "admin1@demo.go.th", ["admin"])
    ).client;
  });
  afterAll(() => service?.stop());

  it("SC-1: only admins reach the settings; the page warns about unconfirmed holiday lists", async () => {
    const clerk = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "clerk1@demo.go.th", [
        "saraban_officer",
      ])
    ).client;
    expect((await clerk.get("/office/admin")).statusCode).toBe(403);
    expect((await clerk.post("/office/admin/acknowledgement", { th: "", en: "" })).statusCode).toBe(403);
    const page = await admin.get("/office/admin");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("ยังไม่ได้รับการยืนยันจากผู้ดูแลระบบ");
  });

  it("CH-2, CH-4: a new ack time recomputes open deadlines; a free-provider address is saved with a warning", async () => {
    const submitted = (
      await service.app.inject({
        method: "POST",
        url: "/api/v1/requests",
        payload: { name: "ก", phone: "0812345678", subject: "s", confirmed: true },
      })
    ).json();
    const open = (
      await service.app.inject({
        method: "POST",
        url: "/api/v1/requests",
        payload: { name: "ข", email: "b@example.com", subject: "s", confirmed: true },
      })
    ).json();
    expect(await entryDeadline(open.receiptNumber)).toBe("2026-11-30T03:00:00.000Z");
    const saved = await admin.post("/office/admin/agency", {
      ...profile,
      centralEmail: "saraban.demo@gmail.com",
      acknowledgeByNextDay: "09:00",
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain("อีเมลกลางไม่ควรใช้ผู้ให้บริการอีเมลฟรี");
    expect(await entryDeadline(open.receiptNumber)).toBe("2026-11-30T02:00:00.000Z");
    // Acknowledged on the confirmation page already: its deadline is history and stays.
    expect(await entryDeadline(submitted.receiptNumber)).toBe("2026-11-30T03:00:00.000Z");
    expect((await admin.post("/office/admin/agency", { ...profile, phones: "call me" })).statusCode).toBe(
      400,
    );
    expect((await admin.post("/office/admin/agency", { ...profile, opening: "17:00" })).statusCode).toBe(400);
    await admin.post("/office/admin/agency", profile);
  });

  it("RG-5: units are added from the page", async () => {
    expect(
      (
        await admin.post("/office/admin/units", {
          code: "finance",
          unitNameTh: "งานการเงิน",
          unitNameEn: "Finance",
        })
      ).body,
    ).toContain("งานการเงิน");
    expect(
      (await admin.post("/office/admin/units", { code: "bad code!", unitNameTh: "x", unitNameEn: "x" }))
        .statusCode,
    ).toBe(400);
  });

  it("CH-3: the agency's own closures are imported from CSV and move open deadlines; a bad file is refused with its lines", async () => {
    const open = (
      await service.app.inject({
        method: "POST",
        url: "/api/v1/requests",
        payload: { name: "ค", email: "c@example.com", subject: "s", confirmed: true },
      })
    ).json();
    await admin.get("/office/admin");
    const post = async (csv: string) => {
      const form = await multipartBody({ _csrf: admin.csrf }, [
        { field: "file", filename: "closures.csv", bytes: new TextEncoder().encode(csv) },
      ]);
      return service.app.inject({
        method: "POST",
        url: "/office/admin/holidays",
        ...form,
        headers: { ...form.headers, cookie: admin.cookieHeader },
      });
    };
    const bad = await post("date,name_th,name_en,kind\n2026-13-01,x,x,agency\n2026-11-30,,x,agency\n");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/line 2/);
    const good = await post(
      "\ufeffdate,name_th,name_en,kind\n2026-11-30,ปิดสำนักงานย้ายที่ทำการ,Office move,agency\n",
    );
    expect(good.statusCode).toBe(200);
    expect(await entryDeadline(open.receiptNumber)).toBe("2026-12-01T03:00:00.000Z");

    // A closure entered by mistake is removed on its own; the deadline moves back (CH-4).
    const page = await admin.get("/office/admin");
    expect(page.body).toMatch(/<select id="removeDate" name="date"[^>]*><option value="2026-11-30">/);
    const notADate = await admin.post("/office/admin/holidays/remove", { date: "30/11/2569" });
    expect(notADate.statusCode).toBe(400);
    expect(notADate.body).toContain("โปรดตรวจสอบช่อง “ลบวันหยุด”");
    const removed = await admin.post("/office/admin/holidays/remove", { date: "2026-11-30" });
    expect(removed.statusCode).toBe(200);
    expect(removed.body).toMatch(/ลบวันหยุด 30 พฤศจิกายน 2569 แล้ว เรื่องที่ได้กำหนดเวลาใหม่ [1-9]\d* เรื่อง/);
    expect(await entryDeadline(open.receiptNumber)).toBe("2026-11-30T03:00:00.000Z");
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .select(["actor", "data"])
      .where("action", "=", "calendar.remove-holiday")
      .executeTakeFirstOrThrow();
    expect(audit.actor).toMatch(/^staff:/);
    expect(JSON.parse(audit.data)).toMatchObject({ date: "2026-11-30", nameEn: "Office move" });
    const again = await admin.post("/office/admin/holidays/remove", { date: "2026-11-30" });
    expect(again.statusCode).toBe(404);
    expect(again.body).toContain("ไม่มีวันหยุดในวันที่นี้");
  });

  it("CH-4: the agency's own acknowledgement text is used, and must carry the receipt number and phone", async () => {
    expect((await admin.post("/office/admin/acknowledgement", { th: "ได้รับแล้ว", en: "" })).statusCode).toBe(
      400,
    );
    const th = "{agency} ได้รับเรื่องของท่านแล้ว เลขรับ {receiptNumber} โทร {phone}";
    expect((await admin.post("/office/admin/acknowledgement", { th, en: "" })).statusCode).toBe(200);
    const entry = await service.handle.db
      .selectFrom("entries")
      .select("id")
      .where("sender_email_hmac", "=", emailLookupKey(service.sealer, "c@example.com")!)
      .executeTakeFirstOrThrow();
    const mail = await acknowledgementMail(service.handle.db, entry.id, "c@example.com", {
      secret: "s",
      publicUrl: "http://x",
    });
    expect(mail.text).toMatch(/^สำนักงานเขตตัวอย่าง ได้รับเรื่องของท่านแล้ว เลขรับ \d+\/2569 โทร 02 123 4567/);
    expect(mail.text).toContain("Receipt number");
  });

  it("CH-3: an admin adds a special day with its source, moving open deadlines; bad input is a 4xx in Thai or English", async () => {
    const open = (
      await service.app.inject({
        method: "POST",
        url: "/api/v1/requests",
        payload: { name: "ง", email: "d@example.com", subject: "s", confirmed: true },
      })
    ).json();
    const deadline = await entryDeadline(open.receiptNumber);
    await admin.get("/office/admin");
    const special = {
      holidayDate: "2026-11-30",
      holidayNameTh: "วันหยุดพิเศษ (เพิ่มเติม)",
      holidayNameEn: "Special holiday",
      holidaySource: "มติคณะรัฐมนตรี (ตัวอย่างในการทดสอบ)",
      holidayKind: "special",
    };
    const added = await admin.post("/office/admin/holidays/add", special);
    expect(added.statusCode).toBe(200);
    expect(added.body).toMatch(/เพิ่มวันหยุด 30 พฤศจิกายน 2569 แล้ว เรื่องที่ยังไม่ได้ตอบรับ [1-9]\d* เรื่อง/);
    expect(await entryDeadline(open.receiptNumber)).not.toBe(deadline);
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .select(["actor", "subject_id", "data"])
      .where("action", "=", "calendar.add-holiday")
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor: expect.stringMatching(/^staff:/), subject_id: "agency:demo" });
    expect(JSON.parse(audit.data)).toMatchObject({ date: "2026-11-30", source: special.holidaySource });

    const twice = await admin.post("/office/admin/holidays/add", special);
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain("มีวันหยุดอยู่แล้วในปฏิทินนี้");
    const noSource = await admin.post("/office/admin/holidays/add", { ...special, holidaySource: " " });
    expect(noSource.statusCode).toBe(400);
    expect(noSource.body).toContain("โปรดตรวจสอบช่อง “แหล่งที่มา (เช่น มติคณะรัฐมนตรี วันที่)”");
    await admin.get("/office/admin?lang=en");
    const badDate = await admin.post("/office/admin/holidays/add", { ...special, holidayDate: "30/11/2569" });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain("Please check “Date”");
    const badKind = await admin.post("/office/admin/holidays/add", { ...special, holidayKind: "public" });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.body).toContain("Please check “Kind”");
    await admin.get("/office/admin?lang=th");

    expect((await admin.post("/office/admin/holidays/remove", { date: "2026-11-30" })).statusCode).toBe(200);
    expect(await entryDeadline(open.receiptNumber)).toBe(deadline);
  });

  it("CH-3: Labour Day closes the agency only when its admin ticks it; government offices stay open by default", async () => {
    const labourDayIsOpen = async () =>
      isBusinessDay(
        await loadBusinessCalendar(service.handle.db, (await findAgency(service.handle.db, "demo"))!),
        "2028-05-01", // Monday
      );
    expect(await labourDayIsOpen()).toBe(true);
    await admin.get("/office/admin");
    expect(
      (await admin.post("/office/admin/agency", { ...profile, closedOnLabourDay: "yes" })).statusCode,
    ).toBe(200);
    expect(await labourDayIsOpen()).toBe(false);
    expect((await admin.get("/office/admin")).body).toMatch(
      /name="closedOnLabourDay" value="yes"[^>]* checked/,
    );
    expect((await admin.post("/office/admin/agency", profile)).statusCode).toBe(200);
    expect(await labourDayIsOpen()).toBe(true);
  });

  it("the special-day form answers bounded, seeded malformed input with 4xx or 200, never 5xx", {
    timeout: 120_000,
  }, async () => {
    await admin.get("/office/admin");
    const field = fc.oneof(
      textValue,
      fc.constantFrom("2026-12-28", "2027-02-29", "special", "agency", "public", ""),
    );
    const cases = fc.sample(
      fc.record(
        {
          holidayDate: field,
          holidayNameTh: field,
          holidayNameEn: field,
          holidaySource: field,
          holidayKind: field,
        },
        { requiredKeys: [] },
      ),
      { seed: 1010, numRuns: 80 },
    );
    const statuses = new Map<number, number>();
    for (const form of cases) {
      const res = await admin.post("/office/admin/holidays/add", form as Record<string, string>);
      expect(
        res.statusCode,
        `${JSON.stringify(form).slice(0, 300)} → ${res.body.slice(0, 200)}`,
      ).toBeLessThan(500);
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    }
    expect([...statuses.keys()].some((s) => s >= 400 && s < 500)).toBe(true);
  });
});
