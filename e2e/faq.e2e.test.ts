import { describe, expect, it } from "vitest";
import { findAgency } from "../src/agencies/index.js";
import { loadBusinessCalendar } from "../src/calendar/index.js";
import { logRequest, publishFaqEntry } from "../src/faq/index.js";
import { fixedClock } from "../src/platform/clock.js";
import { withTransaction } from "../src/platform/db/database.js";
import { registerEntry } from "../src/register/index.js";
import { type OfficeClient, signedInOfficer } from "../test/office.js";
import { startTestService } from "../test/service.js";
import { publishTestService } from "../test/service-fixture.js";
import { expectUsableOnPhone, HAVE_CHROMIUM, IN_CI, usePhoneBrowser } from "./phone-browser.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");
const SUBJECT = "สอบถามเอกสารประกอบคำขอใบอนุญาต";

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)("the FAQ and the request log in a real browser on a phone", () => {
  let chief: OfficeClient;
  let entryId = "";
  const phone = usePhoneBrowser({
    start: async () => {
      const service = await startTestService("sqlite", { clock });
      const { serviceId } = await publishTestService(service);
      const signedIn = await signedInOfficer(
        service.app,
        service.handle,
        clock,
        "demo",
        "chief.faq@demo.go.th",
        ["admin", "saraban_officer"],
      );
      chief = signedIn.client;
      const staff = signedIn.staff;
      const deps = { handle: service.handle, clock };
      const faq = {
        agencyId: "demo",
        serviceId,
        source: "officer" as const,
        sourceId: null,
        actor: `staff:${staff.id}`,
      };
      entryId = (
        await publishFaqEntry(deps, {
          ...faq,
          question: "ต่ออายุใบอนุญาตร้านค้าได้ที่ไหน",
          answer: "ยื่นคำขอต่ออายุใบอนุญาตได้ที่สำนักงานเขตหรือทางเว็บไซต์",
          regulation: "ระเบียบกรุงเทพมหานคร ว่าด้วยร้านค้า",
          regulationEffectiveOn: "2025-01-01",
          holdsAsOf: "2026-12-01",
        })
      ).entry.id;
      await publishFaqEntry(deps, {
        ...faq,
        question: "ค่าธรรมเนียมใบอนุญาตเท่าไร",
        answer: "ค่าธรรมเนียมเป็นไปตามข้อบัญญัติ",
      });
      const agency = (await findAgency(service.handle.db, "demo"))!;
      const entry = await withTransaction(service.handle, async (trx) => {
        const calendar = await loadBusinessCalendar(trx, agency);
        const input = {
          agencyId: "demo",
          channel: "web" as const,
          senderName: "นางสมศรี ทดสอบชื่อ",
          subject: SUBJECT,
          body: "รายละเอียด",
          language: "th" as const,
          attachments: [],
        };
        return (await registerEntry(trx, input, { clock, calendar, actor: "test" })).entry;
      });
      await logRequest(deps, {
        agencyId: "demo",
        entryId: entry.id,
        serviceId,
        informationSource: "ระเบียบ",
        officer: { staffId: staff.id, roles: ["admin", "saraban_officer"], unitIds: [] },
      });
      return service;
    },
  });

  it("IF-4, RG-2, WS-1: the FAQ search, an entry page and the office request log are accessible on a phone", async () => {
    const { context, baseUrl } = phone;
    const page = await context.newPage();
    await page.goto(`${baseUrl}/faq`);
    expect(await page.locator("h1").textContent()).toBe("คำถามที่พบบ่อย");
    await page.getByLabel("ค้นหาคำถาม").fill("ต่ออายุ");
    await page.getByRole("button", { name: "ค้นหา" }).click();
    await page.waitForURL(/q=/);
    const found = page.locator("li[data-faq]");
    expect(await found.count()).toBe(1);
    expect(await found.getAttribute("data-faq")).toBe(entryId);
    await expectUsableOnPhone(page, "faq-search");
    await found.getByRole("link").click();
    await page.waitForURL(new RegExp(`/faq/${entryId}$`));
    expect(await page.locator("h1").textContent()).toBe("ต่ออายุใบอนุญาตร้านค้าได้ที่ไหน");
    expect(await page.locator(".citation").textContent()).toContain("2568");
    await expectUsableOnPhone(page, "faq-entry");

    await context.addCookies([...chief.cookies].map(([name, value]) => ({ name, value, url: baseUrl })));
    await page.goto(`${baseUrl}/office/request-log`);
    expect(await page.locator("h1").textContent()).toBe("ทะเบียนคำขอข้อมูล");
    expect(await page.locator("body").textContent()).toContain(SUBJECT);
    await expectUsableOnPhone(page, "request-log");
  });
});
