import path from "node:path";
import type { ParsedMail } from "mailparser";
import type { Locator, Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { findAgency } from "../src/agencies/index.js";
import { acknowledgeBy, loadBusinessCalendar, workingStart } from "../src/calendar/index.js";
import { formatDateTime } from "../src/platform/i18n/format.js";
import { startTestService } from "../test/service.js";
import { startSmtpListener } from "../test/smtp.js";
import {
  ARTIFACTS,
  blockingAxeViolations,
  FIXTURES,
  HAVE_CHROMIUM,
  IN_CI,
  PHONE_WIDTH,
  usePhoneBrowser,
} from "./phone-browser.js";

const citizen = {
  name: "สมหญิง รักไทย",
  // Long enough not to fit a phone's width in one piece: the receipt must wrap it, not scroll sideways.
  email: "somying.rakthai.household.registration@example.test",
  phone: "0812345678",
  subject: "ขอสำเนาทะเบียนบ้าน",
  message: "ขอสำเนาทะเบียนบ้านสำหรับยื่นธนาคาร แนบรูปถ่ายบัตรประชาชนมาด้วย",
};

/** The page fits the phone: no horizontal scrolling (content wider than the viewport). */
async function expectNoHorizontalScroll(page: Page) {
  const scrollWidth = await page.evaluate<number>("document.documentElement.scrollWidth");
  expect(scrollWidth, "page scrolls horizontally on a 390 px phone").toBeLessThanOrEqual(PHONE_WIDTH);
}

/** The text of an element, trimmed ("" when it has none). */
const text = async (locator: Locator) => ((await locator.textContent()) ?? "").trim();

const recipients = (mail: ParsedMail) =>
  (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) => a.value.map((v) => v.address));

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)("web intake in a real browser on a phone", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpListener>> | undefined;
  // Registered first, so it runs last: after hooks run in reverse order, the mail server outlives the service.
  afterAll(() => smtp?.close(), 30_000);
  const phone = usePhoneBrowser({
    start: async () => {
      smtp = await startSmtpListener();
      return startTestService("sqlite", { smtpUrl: smtp.url });
    },
  });

  it("CH-11, CH-3, CH-4, FM-3, WS-2, WS-3: a citizen submits on a phone, sees the receipt, and gets one acknowledgement by email", async () => {
    if (!smtp) throw new Error("the mail server did not start");
    const { service, context, baseUrl } = phone;
    const db = service.handle.db;
    const page = await context.newPage();

    // The form: accessible, fits the phone, its small controls are comfortable tap targets.
    await page.goto(`${baseUrl}/requests`);
    expect(await page.locator("html").getAttribute("lang")).toBe("th");
    const formAxe = await blockingAxeViolations(page);
    expect(formAxe.blocking, `axe on the form:\n${formAxe.report}`).toEqual([]);
    await expectNoHorizontalScroll(page);
    for (const target of ["header a.lang", "#files", "button[type=submit]"]) {
      const box = await page.locator(target).boundingBox();
      expect(box?.height, `tap target ${target}`).toBeGreaterThanOrEqual(44);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, "form-th-phone.png"), fullPage: true });

    await page.fill("#name", citizen.name);
    await page.fill("#email", citizen.email);
    await page.fill("#phone", citizen.phone);
    await page.fill("#subject", citizen.subject);
    await page.fill("#message", citizen.message);
    await page.check("input[name=confirmed]");
    await page.setInputFiles("#files", [
      path.join(FIXTURES, "photo.heic"),
      path.join(FIXTURES, "disguised-invoice.pdf"),
    ]);
    await Promise.all([page.waitForURL(/\/requests\/\d+\/\d+\?/), page.click("button[type=submit]")]);

    // The confirmation page: receipt number, times, the photo accepted and the executable refused.
    const receiptNumber = await text(page.getByTestId("receipt-number"));
    expect(receiptNumber).toMatch(/^\d+\/25\d\d$/);
    await expect
      .poll(() => page.getByTestId("file-accepted").allTextContents())
      .toEqual([expect.stringContaining("photo.heic")]);
    const refused = await page.getByTestId("file-refused").allTextContents();
    expect(refused).toEqual([expect.stringContaining("disguised-invoice.pdf")]);
    expect(refused[0]).toContain("เนื้อหาไฟล์ไม่ตรงกับนามสกุลไฟล์");
    const shown = {
      receivedAt: await text(page.getByTestId("received-at")),
      workingStart: await text(page.getByTestId("working-start")),
      acknowledgeBy: await text(page.getByTestId("acknowledge-by")),
    };
    for (const value of Object.values(shown)) expect(value).toMatch(/25\d\d.*น\.$/);
    expect((await text(page.locator("main"))).replace(/\u00a0/g, " ")).toContain("02 123 4567");
    const receiptAxe = await blockingAxeViolations(page);
    expect(receiptAxe.blocking, `axe on the confirmation:\n${receiptAxe.report}`).toEqual([]);
    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: path.join(ARTIFACTS, "confirmation-th-phone.png"), fullPage: true });

    // The register agrees with the page, and its deadlines are the business calendar's.
    const entries = await db.selectFrom("entries").selectAll().execute();
    expect(entries).toHaveLength(1);
    const entry = entries[0]!;
    expect(entry).toMatchObject({
      receipt_number: receiptNumber,
      channel: "web",
      sender_email: citizen.email,
    });
    const attachments = await db
      .selectFrom("attachments")
      .selectAll()
      .where("entry_id", "=", entry.id)
      .orderBy("position")
      .execute();
    expect(attachments.map((a) => [a.filename, a.refusal_code])).toEqual([
      ["photo.heic", null],
      ["disguised-invoice.pdf", "FILE_DISGUISED"],
    ]);
    const agency = await findAgency(db, "demo");
    if (!agency) throw new Error("the demo agency is not seeded");
    const calendar = await loadBusinessCalendar(db, agency);
    const receivedAt = new Date(entry.received_at);
    const expected = {
      workingStart: workingStart(calendar, receivedAt),
      acknowledgeBy: acknowledgeBy(calendar, receivedAt),
    };
    expect(new Date(entry.working_start).toISOString()).toBe(expected.workingStart.toISOString());
    expect(new Date(entry.acknowledge_by).toISOString()).toBe(expected.acknowledgeBy.toISOString());
    const th = (d: Date) => formatDateTime("th", d, agency.timeZone);
    expect(shown).toEqual({
      receivedAt: th(receivedAt),
      workingStart: th(expected.workingStart),
      acknowledgeBy: th(expected.acknowledgeBy),
    });

    // Reloading the confirmation (Post/Redirect/Get) registers nothing more.
    await page.reload();
    expect(await text(page.getByTestId("receipt-number"))).toBe(receiptNumber);
    expect(await db.selectFrom("entries").select("id").execute()).toHaveLength(1);

    // The language link switches the page to English.
    await page.locator("header a[lang=en]").click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    await expect.poll(() => page.locator("main").textContent()).toContain("Receipt number");
    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: path.join(ARTIFACTS, "confirmation-en-phone.png"), fullPage: true });

    // CH-4: exactly one acknowledgement, to the citizen, in Thai and English, with the agency's phone.
    await service.outbox.drain();
    await service.outbox.drain();
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0]!;
    expect(recipients(mail)).toEqual([citizen.email]);
    expect(mail.subject).toContain(receiptNumber);
    for (const text of ["เลขรับ", "Receipt number", receiptNumber, "02 123 4567"])
      expect(mail.text).toContain(text);
    await page.close();
  }, 30_000);
});
