import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { toLocal } from "../src/calendar/index.js";
import { systemClock } from "../src/platform/clock.js";
import { createStaff } from "../src/staff/index.js";
import { expectUsableOnPhone, FIXTURES, HAVE_CHROMIUM, IN_CI, usePhoneBrowser } from "./phone-browser.js";

const OFFICER = { email: "saraban.phone@demo.go.th", displayName: "สมชาย ใจดี" };
const NEW_PASSWORD = "Correct-Horse-42";

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)("the back office in a real browser on a phone", () => {
  const phone = usePhoneBrowser({ acceptDownloads: true });

  it("SC-1, CH-5, RG-1, RG-3, RG-5, RG-6, WS-3: an officer on a phone signs in, checks the register, registers a paper item and exports the day", async () => {
    const { service, context, baseUrl } = phone;
    const { staff, temporaryPassword } = await createStaff(
      service.handle,
      "demo",
      { ...OFFICER, roles: ["saraban_officer", "admin"] },
      { clock: systemClock, actor: "test" },
    );
    const submitted: { receiptNumber: string; workingStart: string }[] = [];
    for (const subject of ["ขอสำเนาทะเบียนบ้าน", "ขอหนังสือรับรองการเป็นผู้ประกอบการ"]) {
      const res = await service.app.inject({
        method: "POST",
        url: "/api/v1/requests",
        payload: { name: "สมหญิง รักไทย", email: "somying@example.test", subject, confirmed: true },
      });
      expect(res.statusCode, res.body).toBe(201);
      submitted.push(res.json());
    }
    // The register lists a day by working start: a request made after hours is the next business day's.
    const date = toLocal(new Date(submitted[0]!.workingStart), "Asia/Bangkok").date;
    const registerUrl = `${baseUrl}/office/register?date=${date}`;
    const page = await context.newPage();

    // WS-3: the register asks for a sign-in, then the forced change of the temporary password.
    await page.goto(registerUrl);
    await expect.poll(() => new URL(page.url()).pathname).toBe("/office/login");
    await expectUsableOnPhone(page, "login");
    await page.fill("#email", OFFICER.email);
    await page.fill("#password", temporaryPassword);
    await Promise.all([page.waitForURL(/\/office\/account$/), page.click("main button[type=submit]")]);
    await expectUsableOnPhone(page, "account");
    await page.fill("#current", temporaryPassword);
    await page.fill("#next", NEW_PASSWORD);
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/office/account/password")),
      page.click("form[action$='/account/password'] button"),
    ]);
    await expect.poll(() => page.locator("main [role=status]").textContent()).toContain("เปลี่ยนรหัสผ่านแล้ว");

    // RG-1: the day's register shows both requests.
    await page.goto(registerUrl);
    for (const { receiptNumber } of submitted)
      await expect.poll(() => page.locator(`tr[data-receipt="${receiptNumber}"]`).count()).toBe(1);
    await expectUsableOnPhone(page, "register");

    // CH-5: the morning check, with who did it.
    await Promise.all([
      page.waitForURL(/\/office\/register$/),
      page.click("form:has(input[name=period][value=morning]) button"),
    ]);
    await expect.poll(() => page.locator("#checks-title + ul").textContent()).toContain("ตรวจแล้วโดย");
    expect(await page.locator("#checks-title + ul").textContent()).toContain(OFFICER.displayName);

    // RG-5: open an entry and send it to a unit.
    await page.goto(registerUrl);
    const first = submitted[0]!.receiptNumber;
    await Promise.all([page.waitForURL(/\/office\/entries\//), page.click(`tr[data-receipt="${first}"] a`)]);
    expect(await page.locator("h1").textContent()).toContain(first);
    await expectUsableOnPhone(page, "entry");
    await page.selectOption("#unit", { label: "งานสารบรรณ" });
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/unit")),
      page.click("form[action$='/unit'] button"),
    ]);
    await expect.poll(() => page.locator("main [role=status]").textContent()).toContain("บันทึกแล้ว");
    expect(await page.locator("#unit option:checked").textContent()).toBe("งานสารบรรณ");

    // RG-1, RG-6: a paper item with its scan, received-at prefilled from the clock.
    await page.goto(`${baseUrl}/office/paper`);
    expect(await page.inputValue("#receivedAt")).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
    await expectUsableOnPhone(page, "paper");
    await page.fill("#senderName", "โรงเรียนบ้านหนองบัว");
    await page.fill("#subject", "ขอเชิญร่วมงานวันเด็กแห่งชาติ");
    await page.fill("#scanDevice", "Brother ADS-2200 ห้องสารบรรณ");
    await page.setInputFiles("#scans", path.join(FIXTURES, "sample.pdf"));
    await page.check("input[name=completenessChecked]");
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/office/paper")),
      page.click("main form button[type=submit]"),
    ]);
    await expect
      .poll(() => page.locator("main [role=status]").textContent())
      .toMatch(/ลงรับแล้ว เลขรับ \d+\/25\d\d/);
    const paperEntries = await service.handle.db
      .selectFrom("entries")
      .select(["scan_device", "scanned_by"])
      .where("channel", "=", "paper")
      .execute();
    expect(paperEntries).toEqual([
      { scan_device: "Brother ADS-2200 ห้องสารบรรณ", scanned_by: expect.any(String) },
    ]);

    // The agency's settings, for the admin.
    await page.goto(`${baseUrl}/office/admin`);
    await expectUsableOnPhone(page, "admin");
    // CH-4, CH-12: no mail server here, so the acknowledgements wait at Outgoing mail, labelled not sent.
    await service.outbox.drain();
    await page.goto(`${baseUrl}/office/outbox`);
    expect(await page.locator("main [role=alert]").textContent()).toContain("ยังไม่ได้ส่ง");
    expect(await page.locator("tr[data-outbox]").count()).toBe(submitted.length);
    await expectUsableOnPhone(page, "outbox");

    // RG-3: the day's register as a spreadsheet, both requests in it.
    await page.goto(registerUrl);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click("a[href*='register.xlsx']"),
    ]);
    expect(download.suggestedFilename()).toBe(`register-${date}.xlsx`);
    const xlsx = fs.readFileSync(await download.path());
    expect(xlsx.subarray(0, 2).toString("latin1")).toBe("PK");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheets = JSON.stringify(workbook.worksheets.map((sheet) => sheet.getSheetValues()));
    for (const { receiptNumber } of submitted) expect(sheets).toContain(`"${receiptNumber}"`);

    // WS-3: signing out ends the session; the register asks for a sign-in again.
    await Promise.all([page.waitForURL(/\/office\/login$/), page.click("nav.office button")]);
    await page.goto(registerUrl);
    expect(new URL(page.url()).pathname).toBe("/office/login");
    await page.close();

    // SC-1: the reads of personal data and the officer's acts are in the audit trail, under their name.
    const audited = await service.handle.db
      .selectFrom("audit_events")
      .select("action")
      .where("actor", "=", `staff:${staff.id}`)
      .execute();
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "register.read",
        "register.check",
        "entry.read",
        "entry.assign-unit",
        "register.export",
      ]),
    );
  }, 60_000);
});
