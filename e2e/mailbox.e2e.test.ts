import { describe, expect, it } from "vitest";
import { findAgency } from "../src/agencies/index.js";
import { receiveMail } from "../src/intake/mail/index.js";
import { systemClock } from "../src/platform/clock.js";
import { createStaff } from "../src/staff/index.js";
import {
  cspViolations,
  expectUsableOnPhone,
  HAVE_CHROMIUM,
  IN_CI,
  PHONE_WIDTH,
  usePhoneBrowser,
} from "./phone-browser.js";

const OFFICER = { email: "saraban.mail@demo.go.th", displayName: "มาลี ตรวจดี" };
const NEW_PASSWORD = "Correct-Horse-42";
const ACCEPTED = new Date("2026-11-20T03:00:00.000Z");

const raw = (lines: string[]) => Buffer.from(lines.join("\r\n"));

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)("the central mailbox pages in a real browser on a phone", () => {
  const phone = usePhoneBrowser();

  it("CH-5, CH-6: an officer checks held spam on a phone, releases one, and reads a mail with its remote content blocked", async () => {
    const { service, browser, context, baseUrl } = phone;
    const agency = (await findAgency(service.handle.db, "demo"))!;
    const deps = { ...service, secret: "test-secret", maxFileBytes: 10 * 1024 * 1024 };
    const arrived = (bytes: Buffer, folderRole: "inbox" | "junk", uid: number) => ({
      raw: bytes,
      folder: folderRole === "junk" ? "Junk" : "INBOX",
      folderRole,
      uidValidity: "1",
      uid,
      internalDate: ACCEPTED,
    });
    await receiveMail(
      deps,
      agency,
      { trustedServer: null },
      arrived(
        raw([
          "From: ผู้ขอ <asker@example.com>",
          `Subject: =?UTF-8?B?${Buffer.from("ขอข้อมูลการขออนุญาต").toString("base64")}?=`,
          "Message-ID: <junk-e2e@example.com>",
          "Content-Type: text/plain; charset=UTF-8",
          "",
          "ขอข้อมูลครับ",
          "",
        ]),
        "junk",
        1,
      ),
    );
    const html = await receiveMail(
      deps,
      agency,
      { trustedServer: null },
      arrived(
        raw([
          "From: Web Person <web@example.com>",
          "Subject: Newsletter-looking request",
          "Message-ID: <html-e2e@example.com>",
          "Content-Type: text/html; charset=UTF-8",
          "",
          '<p>Please help with <b>my permit</b>.</p><img src="http://tracker.invalid/pixel.gif" alt="">' +
            '<link rel="stylesheet" href="http://tracker.invalid/x.css"><a href="http://phish.invalid/">here</a>',
          "",
        ]),
        "inbox",
        2,
      ),
    );
    const { temporaryPassword } = await createStaff(
      service.handle,
      "demo",
      { ...OFFICER, roles: ["saraban_officer"] },
      { clock: systemClock, actor: "test" },
    );
    const page = await context.newPage();
    const offSite: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith(baseUrl) && !request.url().startsWith("data:"))
        offSite.push(request.url());
    });
    await page.goto(`${baseUrl}/office/login`);
    await page.fill("#email", OFFICER.email);
    await page.fill("#password", temporaryPassword);
    await Promise.all([page.waitForURL(/\/office\/account$/), page.click("main button[type=submit]")]);
    await page.fill("#current", temporaryPassword);
    await page.fill("#next", NEW_PASSWORD);
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/office/account/password")),
      page.click("form[action$='/account/password'] button"),
    ]);

    // CH-5: the register's check points at the held mail; the mailbox page lists it.
    await page.goto(`${baseUrl}/office/register`);
    await Promise.all([page.waitForURL(/\/office\/mail$/), page.click("a[href$='/office/mail'] >> nth=-1")]);
    await expect
      .poll(() => page.locator("#held-title + p + .table-wrap").textContent())
      .toContain("asker@example.com");
    await expectUsableOnPhone(page, "mailbox");

    // CH-6: not spam — registered with its original receipt time.
    await Promise.all([
      page.waitForResponse((r) => r.url().includes("/release")),
      page.click("form[action*='/release'] button"),
    ]);
    await expect.poll(() => page.locator("main [role=status]").first().textContent()).toContain("ลงรับแล้ว");
    const released = await service.handle.db
      .selectFrom("entries")
      .select("received_at")
      .where("source_message_id", "=", "<junk-e2e@example.com>")
      .executeTakeFirstOrThrow();
    expect(released.received_at).toBe(ACCEPTED.toISOString());

    // The HTML mail, shown sanitised: nothing is fetched from anywhere but Borikan.
    await page.goto(`${baseUrl}/office/entries/${html.entryId}`);
    await expectUsableOnPhone(page, "mail-entry");
    await page.click(`a[href$='/entries/${html.entryId}/mail']`);
    await expect.poll(() => page.locator(".mail-body").textContent()).toContain("my permit");
    expect(offSite).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    // The sandbox the page runs in still lets the officer keep the record as it came (RG-4).
    const [eml] = await Promise.all([page.waitForEvent("download"), page.click("a[href$='/mail.eml']")]);
    expect(eml.suggestedFilename()).toMatch(/^2569-\d+\.eml$/);
    // The page forbids every script, axe-core's own included: it is checked in a context that ignores CSP.
    const mailUrl = page.url();
    await page.close();
    const audit = await browser.newContext({
      viewport: { width: PHONE_WIDTH, height: 844 },
      isMobile: true,
      locale: "th-TH",
      bypassCSP: true,
      storageState: await context.storageState(),
    });
    const auditPage = await audit.newPage();
    await auditPage.goto(mailUrl);
    await expectUsableOnPhone(auditPage, "mail-original");
    await audit.close();
  }, 60_000);
});
