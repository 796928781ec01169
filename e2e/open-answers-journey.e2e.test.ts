import { describe, expect, it } from "vitest";
import { CITIZEN_COOKIE } from "../src/identity/index.js";
import { fixedClock } from "../src/platform/clock.js";
import { unitIdOf } from "../test/answers.js";
import { signedInCitizen } from "../test/citizen.js";
import { signedInOfficer, stepUp } from "../test/office.js";
import { startTestService } from "../test/service.js";
import { publishTestService } from "../test/service-fixture.js";
import { expectUsableOnPhone, HAVE_CHROMIUM, IN_CI, usePhoneBrowser } from "./phone-browser.js";

// Monday 7 December 2026, 10:00 Bangkok.
const clock = fixedClock("2026-12-07T03:00:00.000Z");
const TITLE = "ต่ออายุใบอนุญาตร้านค้าล่วงหน้าได้กี่วัน";
const ANSWER = "ยื่นคำขอต่ออายุได้ภายในหกสิบวันก่อนใบอนุญาตสิ้นอายุ";

/**
 * The "done when", in one browser: a citizen's webboard question gets a cited answer that appears
 * only after another officer approves it, and then serves as an FAQ entry found by Thai search and shown
 * on the service page.
 */
describe.skipIf(!HAVE_CHROMIUM && !IN_CI)("a webboard question answered in the open, on a phone", () => {
  const phone = usePhoneBrowser({
    start: async () => {
      const service = await startTestService("sqlite", { clock });
      await publishTestService(service);
      return service;
    },
  });

  it("WB-2, WB-3, WB-4, IF-4: asked by a verified citizen, answered with a citation, public only once approved, then an FAQ entry found by Thai search on /faq and the service page", async () => {
    const { service, browser, context, baseUrl } = phone;
    // The citizen asks, signed in with a verified email (WB-2).
    const citizen = await signedInCitizen(service.app, service.handle, service.sealer, {
      agencyId: "demo",
      at: clock.now(),
      email: "asker@example.th",
    });
    await context.addCookies([
      { name: CITIZEN_COOKIE, value: citizen.client.cookies.get(CITIZEN_COOKIE)!, url: baseUrl },
    ]);
    const asker = await context.newPage();
    await asker.goto(`${baseUrl}/webboard/new`);
    await asker.getByLabel("เกี่ยวกับงานบริการ").selectOption({ index: 1 });
    await asker.getByLabel("หัวข้อ").fill(TITLE);
    await asker.getByLabel("คำถาม").fill("ใบอนุญาตจะหมดอายุเดือนหน้า ต้องยื่นเมื่อไร");
    await asker.getByRole("button", { name: "ส่ง" }).click();
    await asker.locator("h1").waitFor();
    expect(await asker.locator("h1").textContent()).toBe(TITLE);
    const topicUrl = asker.url();
    const topicId = /\/webboard\/topics\/([0-9a-f-]{36})/.exec(topicUrl)?.[1];
    expect(topicId).toBeTruthy();

    // An officer of the permits unit drafts a cited answer and submits it (WB-3).
    const permits = await unitIdOf(service.handle, "permits");
    const drafter = await signedInOfficer(
      service.app,
      service.handle,
      clock,
      "demo",
      "drafter@demo.go.th",
      ["reviewer"],
      "",
      [permits],
    );
    const officeContext = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: "th-TH",
    });
    await officeContext.addCookies(
      [...drafter.client.cookies].map(([name, value]) => ({ name, value, url: baseUrl })),
    );
    const office = await officeContext.newPage();
    await office.goto(`${baseUrl}/office/webboard/topics/${topicId}/answer`);
    await office.getByLabel("คำตอบ", { exact: true }).fill(ANSWER);
    await office.getByLabel("ระเบียบหรือกฎหมายที่อ้างอิง").fill("ข้อบัญญัติว่าด้วยการควบคุมกิจการค้า พ.ศ. 2565");
    await office.getByLabel("วันที่ระเบียบมีผลใช้บังคับ").fill("1/10/2565");
    await office.getByLabel("คำตอบนี้ถูกต้อง ณ วันที่").fill("7/12/2569");
    await Promise.all([
      office.waitForURL(/\/office\/webboard\/answers\/[0-9a-f-]{36}$/),
      office.getByRole("button", { name: "บันทึกและส่งขออนุมัติ" }).click(),
    ]);
    const answerUrl = office.url();
    expect(await office.getByTestId("answer-status").textContent()).toBe("รออนุมัติ");

    // Not approved yet: nothing of it is public — the topic page, its JSON, the webboard's search (WB-4).
    await asker.goto(topicUrl);
    expect(await asker.content()).not.toContain(ANSWER);
    const json = await (await fetch(`${baseUrl}/webboard/topics/${topicId}.json`)).text();
    expect(json).not.toContain(ANSWER);
    const search = await (await fetch(`${baseUrl}/webboard?q=${encodeURIComponent("หกสิบวัน")}`)).text();
    expect(search).not.toContain(TITLE);

    // A supervisor (not the drafter) approves, after stepping up (WB-4).
    const supervisor = await signedInOfficer(service.app, service.handle, clock, "demo", "head@demo.go.th", [
      "supervisor",
    ]);
    await stepUp(supervisor.client, clock);
    await officeContext.clearCookies();
    await officeContext.addCookies(
      [...supervisor.client.cookies].map(([name, value]) => ({ name, value, url: baseUrl })),
    );
    await office.goto(answerUrl);
    await office.getByRole("button", { name: "อนุมัติและเผยแพร่" }).click();
    await office.getByTestId("answer-status").waitFor();
    expect(await office.getByTestId("answer-status").textContent()).toBe("เผยแพร่แล้ว");

    // Now public, with its citation (effective date in the Buddhist era) and the unit's contact (WB-1, WB-3).
    await asker.goto(topicUrl);
    const published = await asker.content();
    expect(published).toContain(ANSWER);
    expect(published).toContain("ข้อบัญญัติว่าด้วยการควบคุมกิจการค้า พ.ศ. 2565");
    expect(published).toContain("2565");
    await expectUsableOnPhone(asker, "open-answers-topic");

    // Promoted to the service's FAQ in one action; found by a Thai word inside the answer (IF-4).
    await office.getByRole("button", { name: "ยกเป็นคำถามที่พบบ่อยของบริการ" }).click();
    await office.getByTestId("answer-status").waitFor();
    await asker.goto(`${baseUrl}/faq?q=${encodeURIComponent("ต่ออายุ")}`);
    expect(await asker.content()).toContain(TITLE);
    await expectUsableOnPhone(asker, "open-answers-faq-search");
    const { code } = await service.handle.db
      .selectFrom("webboard_topics as t")
      .innerJoin("services as s", "s.id", "t.service_id")
      .select("s.code")
      .where("t.id", "=", topicId!)
      .executeTakeFirstOrThrow();
    await asker.goto(`${baseUrl}/services/${code}`);
    expect(await asker.getByTestId("service-faq").textContent()).toContain(TITLE);
    await asker.getByTestId("service-faq").getByRole("link", { name: TITLE }).click();
    await asker.locator("h1").waitFor();
    expect(await asker.content()).toContain(ANSWER);
    await officeContext.close();
  });
});
