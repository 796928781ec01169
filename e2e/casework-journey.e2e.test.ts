import type { BrowserContext, Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { decideApproval, submitForApproval } from "../src/approval/index.js";
import { listMatterLetters } from "../src/correspondence/index.js";
import { SUBMIT_DATA } from "../src/intake/line/index.js";
import { listNotifications, type NotificationDeps, sweepNotifications } from "../src/notifications/index.js";
import { fixedClock } from "../src/platform/clock.js";
import { loadOrCreateSecret } from "../src/platform/secret.js";
import { findMatter, recordAction, trackingToken } from "../src/register/index.js";
import { deficiencyState, requestMoreInformation, sweepDeficiencyAnswers } from "../src/review/index.js";
import { totpCode } from "../src/staff/index.js";
import { routeMatter, submitTestApplication, unitId, unitOfficer } from "../test/casework.js";
import { makePng } from "../test/images.js";
import { type FakeLine, startFakeLine } from "../test/line-server.js";
import { connectLine, deliveryOf, lineEnv, postWebhook } from "../test/line-webhook.js";
import { type OfficeClient, signedInChief } from "../test/office.js";
import { HAVE_PDFTOTEXT, normaliseThai, pdfText } from "../test/pdf-text.js";
import { startTestService } from "../test/service.js";
import { publishTestService, TEST_SERVICE } from "../test/service-fixture.js";
import { startSmtpListener } from "../test/smtp.js";
import { expectUsableOnPhone, HAVE_CHROMIUM, IN_CI, PHONE_WIDTH, usePhoneBrowser } from "./phone-browser.js";

const smtp = await startSmtpListener();
const line: FakeLine = await startFakeLine();
afterAll(async () => {
  await smtp.close();
  await line.close();
});

// Monday 7 December 2026, 10:00 in Bangkok: a working day, moved on a minute at each step.
const T0 = Date.parse("2026-12-07T03:00:00.000Z");
const UNIT_PHONE = "02 555 0101";
const LINE_USER = "U0fedcba9876543210fedcba98765432";

/** The actions the applicant is told about on the way to approval, each once, and their events. */
const NOTIFIED = [
  "start-review",
  "request-more-info",
  "resubmit",
  "resume-review",
  "submit-for-approval",
  "approve",
];
const EVENTS = [
  "status-changed",
  "more-info-requested",
  "status-changed",
  "status-changed",
  "status-changed",
  "approved",
];
/** The status each of those mails names in its subject ("ความคืบหน้าเรื่องเลขรับ …: <status> / …"). */
const STATUSES = [
  "อยู่ระหว่างตรวจสอบ",
  "ขอเอกสารหรือข้อมูลเพิ่มเติม",
  "ส่งเอกสารเพิ่มเติมแล้ว",
  "อยู่ระหว่างตรวจสอบ",
  "รอการพิจารณาอนุมัติ",
  "อนุมัติแล้ว",
];
const statusIn = (subject: string) => /^ความคืบหน้าเรื่องเลขรับ [^:]+: ([^/]+?) \//.exec(subject)?.[1];

/*
 * Issue #12's journey on a phone: an application checked, a deficiency record sent and answered by the
 * applicant on the tracking page (JavaScript off), approved at two levels (the unit's approver, then the
 * head of agency) on the officer's matter page; the tracking page's timeline and letters, and what the
 * applicant was told at the loopback SMTP listener, each once. Then the same with an applicant on LINE.
 */
describe.skipIf(!HAVE_CHROMIUM && !IN_CI)("casework: checked, more asked, approved at two levels", () => {
  const clock = fixedClock(new Date(T0));
  const tick = () => clock.set(new Date(clock.now().getTime() + 60_000));
  const phone = usePhoneBrowser({
    start: () => startTestService("sqlite", { clock, smtpUrl: smtp.url, env: lineEnv(line) }),
  });
  let prepared: Promise<{ chief: OfficeClient; deps: NotificationDeps }> | undefined;

  /** Once per suite: the test service published, the permits unit's phone, its two-level approval chain. */
  const prepare = () => {
    prepared ??= (async () => {
      const { service } = phone;
      await connectLine(service, line, clock.now());
      // A free service: this journey ends at the decision (the fee's journey is payment's own, #14).
      await publishTestService(service, { ...TEST_SERVICE, fees: [], noFee: true });
      await service.handle.db
        .updateTable("units")
        .set({ phone: UNIT_PHONE })
        .where("id", "=", await unitId(service, "permits"))
        .execute();
      const chief = await signedInChief(service, clock);
      // AP-1: the unit's approver, then the head of agency, set on the admin's page.
      await chief.get(`/office/approval-chains/${TEST_SERVICE.code}`);
      const chain = await chief.post(`/office/approval-chains/${TEST_SERVICE.code}`, {
        level1Role: "approver",
        level1Unit: "",
        level1LabelTh: "หัวหน้างานอนุญาต",
        level1LabelEn: "Head of Permits",
        level2Role: "head_of_agency",
        level2Unit: "",
        level2LabelTh: "ผู้อำนวยการเขต",
        level2LabelEn: "District Director",
      });
      expect(chain.statusCode, chain.body.slice(0, 300)).toBe(200);
      const deps: NotificationDeps = {
        handle: service.handle,
        secret: loadOrCreateSecret(service.dataDir),
        publicUrl: "http://borikan.test",
        env: { ...process.env, ...lineEnv(line) },
      };
      return { chief, deps };
    })();
    return prepared;
  };

  /** The officer's browser session: the JS-on phone context holding only their session cookie. */
  async function signInAs(context: BrowserContext, client: OfficeClient) {
    await context.clearCookies();
    await context.addCookies(
      [...client.cookies].map(([name, value]) => ({ name, value, url: phone.baseUrl })),
    );
  }

  const statusOf = async (matterId: string) =>
    (await findMatter(phone.service.handle.db, "demo", matterId))?.status;

  /** Submits the first form matching `form` by its button and waits for the page it leads to. */
  async function submit(page: Page, form: string) {
    await Promise.all([
      page.waitForNavigation({ waitUntil: "load" }),
      page.locator(form).first().locator('button[type="submit"]').first().click(),
    ]);
  }

  /** The actions the tracking page's timeline shows, oldest first. */
  const timelineOf = (page: Page) =>
    page
      .locator('[data-testid="timeline"] li[data-action]')
      .evaluateAll((items) => items.map((li) => li.getAttribute("data-action")));

  /** The actions of a matter the applicant was told about, in the timeline's order. */
  const notifiedActions = async (matterId: string) => {
    const rows = await phone.service.handle.db
      .selectFrom("notifications")
      .innerJoin("matter_actions", "matter_actions.id", "notifications.matter_action_id")
      .select(["matter_actions.action", "matter_actions.version"])
      .where("notifications.matter_id", "=", matterId)
      .orderBy("matter_actions.version")
      .execute();
    return rows.map((r) => r.action);
  };

  it("RV-1, RV-2, LF-2, AP-1, TR-1, TR-2, WS-5, WS-1: checked, more asked and answered on the tracking page, approved at two levels; told by email once per step", async () => {
    const { service, baseUrl, context } = phone;
    const { deps } = await prepare();
    const email = "somying.casework@example.com";
    const app = await submitTestApplication(service, { email });
    tick();
    await routeMatter(service, clock, app.matterId);
    const reviewer = await unitOfficer(service, clock, "somsak.reviewer@demo.go.th", ["reviewer"]);
    const approver = await unitOfficer(service, clock, "approver.permits@demo.go.th", ["approver"]);
    const head = await unitOfficer(service, clock, "director@demo.go.th", ["head_of_agency"], "saraban");
    const office = await context.newPage();
    const matterUrl = `${baseUrl}/office/matters/${app.matterId}`;

    // RV-1: the reviewer finds it in the unit's queue, first come first served, and takes it.
    await signInAs(context, reviewer.client);
    await office.goto(`${baseUrl}/office/work`);
    await expectUsableOnPhone(office, "casework-queue");
    await Promise.all([
      office.waitForURL(matterUrl),
      office.locator(`tr[data-matter="${app.matterId}"] a`).click(),
    ]);
    tick();
    await submit(office, 'form.action:has(input[name="action"][value="claim"])');
    tick();
    await submit(office, 'form.action:has(input[name="action"][value="start-review"])');
    expect(await statusOf(app.matterId)).toBe("in_review");

    // RV-1, RV-4: a finding on the ID card, in the review panel.
    const idCard = office.locator('article.review-item[data-item="id-card"] form[data-form="document"]');
    await idCard.locator("select[name=outcome]").selectOption("defective");
    await idCard.locator("textarea[name=note]").fill("สำเนาบัตรไม่ชัด อ่านเลขบัตรไม่ได้");
    tick();
    await submit(office, 'article.review-item[data-item="id-card"] form[data-form="document"]');
    await expect(
      office.locator('article.review-item[data-item="id-card"] [data-outcome="defective"]').count(),
    ).resolves.toBe(1);

    // RV-2, LF-2: the deficiency record for that one item of the manual, with its letter.
    const record = office.locator('section.deficiency form[action$="/deficiency"]');
    await record.locator('input[name="item"][value="id-card"]').check();
    await record.locator('select[name="problem.id-card"]').selectOption("defective");
    await record.locator('input[name="note.id-card"]').fill("ขอสำเนาบัตรที่ชัดเจน");
    await record.locator('input[name="deadlineDays"]').fill("7");
    tick();
    await submit(office, 'section.deficiency form[action$="/deficiency"]');
    expect(await statusOf(app.matterId)).toBe("more_info_requested");
    await expect(office.locator('article.deficiency[data-record="1"]').count()).resolves.toBe(1);
    await expectUsableOnPhone(office, "casework-matter-deficiency");

    // TR-1, WS-1: the applicant, JavaScript off, follows the tracking link.
    const noJs = await phone.browser.newContext({
      viewport: { width: PHONE_WIDTH, height: 844 },
      isMobile: true,
      javaScriptEnabled: false,
      locale: "th-TH",
    });
    const applicant = await noJs.newPage();
    const audit = await context.newPage();
    const check = async (name: string) => {
      await audit.goto(applicant.url());
      await expectUsableOnPhone(audit, name);
    };
    const trackingUrl = `${baseUrl}/requests/${app.beYear}/${app.sequence}?t=${app.token}`;
    await applicant.goto(trackingUrl);
    await expect(applicant.getByTestId("status").textContent()).resolves.toContain("ขอเอกสารหรือข้อมูลเพิ่มเติม");
    await check("casework-tracking-more-info");
    await Promise.all([
      applicant.waitForURL(/\/deficiency\?t=/),
      applicant.getByTestId("deficiency-link").click(),
    ]);
    await expect(applicant.locator("main").textContent()).resolves.toContain("บัตรประจำตัวประชาชน");
    await check("casework-deficiency");
    tick();
    await submit(applicant, 'form[action*="/deficiency/acknowledge"]');
    await expect(applicant.locator('[data-acknowledged="yes"]').count()).resolves.toBe(1);
    const answer = applicant.locator('form[action*="/deficiency/answer"]');
    await answer.locator('textarea[name="text"]').fill("ส่งสำเนาบัตรประจำตัวประชาชนที่ชัดเจนมาแล้ว");
    await answer.locator('input[name="files"]').setInputFiles({
      name: "id-card-clear.png",
      mimeType: "image/png",
      buffer: Buffer.from(makePng(1012, 638)),
    });
    tick();
    await submit(applicant, 'form[action*="/deficiency/answer"]');
    expect(applicant.url()).toMatch(/\/requests\/\d+\/\d+\?t=[^&]+&new=1$/);
    const answerReceipt = /(\d+)\/(25\d\d)/.exec((await applicant.locator("main").textContent()) ?? "");
    expect(answerReceipt?.[0]).toBeDefined();
    expect(answerReceipt?.[0]).not.toBe(app.receiptNumber);
    await check("casework-answer-receipt");
    expect(await statusOf(app.matterId)).toBe("resubmitted");

    // The reviewer resumes the review and puts it to the chain.
    await office.goto(matterUrl);
    tick();
    await submit(office, 'form.action:has(input[name="action"][value="resume-review"])');
    tick();
    await submit(office, 'form[action$="/approval/submit"]');
    expect(await statusOf(app.matterId)).toBe("awaiting_approval");

    // AP-1: level 1, the unit's approver; level 2, the head of agency; each on the approval panel.
    for (const [officer, name] of [
      [approver, "approver"],
      [head, "head"],
    ] as const) {
      await signInAs(context, officer.client);
      await office.goto(matterUrl);
      const decide = office.locator('form[action$="/approval/decide"]');
      await decide.locator('input[name="decision"][value="approve"]').check();
      await decide.locator('textarea[name="reasons"]').fill(`เห็นควรอนุมัติ (${name})`);
      tick();
      // WS-3: without a fresh password + code the decision leads to the step-up page, then back here.
      await submit(office, 'form[action$="/approval/decide"]');
      expect(new URL(office.url()).pathname).toBe("/office/step-up");
      await office.locator('input[name="password"]').fill(officer.client.password);
      await office.locator('input[name="code"]').fill(totpCode(officer.client.totpSecret, clock.now()));
      await submit(office, 'form[action*="/office/step-up"]');
      expect(new URL(office.url()).pathname).toBe(new URL(matterUrl).pathname);
      await decide.locator('input[name="decision"][value="approve"]').check();
      await decide.locator('textarea[name="reasons"]').fill(`เห็นควรอนุมัติ (${name})`);
      await submit(office, 'form[action$="/approval/decide"]');
      await expect(office.locator('form[action$="/approval/decide"]').count()).resolves.toBe(0);
    }
    await expect(office.locator("[data-status]").first().getAttribute("data-status")).resolves.toBe(
      "approved",
    );
    await expect(office.locator("main").textContent()).resolves.toContain("อนุมัติแล้ว");
    await expectUsableOnPhone(office, "casework-matter-approved");

    // TR-1, WS-5: the timeline, step by step, and the letters as PDFs the applicant can open.
    const letters = await listMatterLetters(service.handle.db, app.matterId);
    const numberOf = (purpose: string) => letters.find((l) => l.purpose === purpose)?.number ?? "?";
    await applicant.goto(trackingUrl);
    const tracking = (await applicant.locator("main").textContent()) ?? "";
    expect(tracking).toContain(app.receiptNumber);
    await expect(applicant.getByTestId("status").textContent()).resolves.toContain("อนุมัติแล้ว");
    expect(await timelineOf(applicant)).toEqual([
      "start-review",
      "request-more-info",
      "acknowledge-deficiency",
      "resubmit",
      "resume-review",
      "submit-for-approval",
      "approve",
    ]);
    const links = applicant.locator('[data-testid="timeline"] a[href*="/letters/"]');
    const hrefs = await links.evaluateAll((all) => all.map((a) => a.getAttribute("href") ?? ""));
    expect(hrefs).toHaveLength(2);
    for (const [i, purpose] of ["deficiency-record", "decision"].entries()) {
      await expect(links.nth(i).textContent()).resolves.toContain(numberOf(purpose));
      const pdf = await noJs.request.get(new URL(hrefs[i]!, baseUrl).href);
      expect(pdf.status(), await pdf.text()).toBe(200);
      expect(pdf.headers()["content-type"]).toContain("application/pdf");
      const bytes = await pdf.body();
      expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      if (HAVE_PDFTOTEXT) expect(normaliseThai(pdfText(bytes))).toContain(normaliseThai(app.receiptNumber));
    }
    await check("casework-tracking-approved");
    await noJs.close();

    // TR-2, IF-3: the sweep tells the applicant once per step, by email, naming officer, unit and phone.
    await service.outbox.drain();
    const before = smtp.messages.length;
    tick();
    const written = await sweepNotifications(deps, clock.now());
    expect(await sweepNotifications(deps, clock.now())).toBe(0);
    await service.outbox.drain();
    const notices = await listNotifications(service.handle.db, app.matterId);
    expect(notices).toHaveLength(written);
    expect(await notifiedActions(app.matterId)).toEqual(NOTIFIED);
    expect(notices.map((n) => [n.event, n.channel, n.status])).toEqual(
      EVENTS.map((event) => [event, "email", "sent"]),
    );
    const mails = smtp.messages.slice(before).filter((m) => m.subject?.includes("ความคืบหน้า"));
    expect(mails).toHaveLength(NOTIFIED.length);
    expect(mails.map((m) => statusIn(m.subject ?? "")).sort()).toEqual([...STATUSES].sort());
    for (const mail of mails) {
      expect(mail.to).toMatchObject({ text: email });
      expect(mail.text).toContain(app.receiptNumber);
      expect(mail.text).toContain("somsak.reviewer");
      expect(mail.text).toContain("งานอนุญาต");
      expect(mail.text).toContain(UNIT_PHONE);
      expect(mail.text).toContain(`/requests/${app.beYear}/${app.sequence}?t=${app.token}`);
    }
    const mailOf = (status: string) => mails.find((m) => statusIn(m.subject ?? "") === status)?.text ?? "";
    expect(mailOf("ขอเอกสารหรือข้อมูลเพิ่มเติม")).toContain(numberOf("deficiency-record"));
    expect(mailOf("อนุมัติแล้ว")).toContain(numberOf("decision"));
  }, 90_000);

  it("TR-2, RV-2, AP-1, TR-1: an applicant on LINE is told by one push per step; the tracking page's timeline matches", async () => {
    const { service, baseUrl, context } = phone;
    const { chief, deps } = await prepare();
    // Earlier journeys' notifications are already out: this one counts only its own.
    await sweepNotifications(deps, clock.now());
    await service.outbox.drain();

    let events = 0;
    const say = async (body: Record<string, unknown>) => {
      events++;
      const event = {
        webhookEventId: `01CW${String(events).padStart(22, "0")}`,
        deliveryContext: { isRedelivery: false },
        timestamp: clock.now().getTime(),
        mode: "active",
        source: { type: "user", userId: LINE_USER },
        replyToken: `casework-reply-${events}`,
        ...body,
      };
      await postWebhook(service, line, deliveryOf([event]));
      await service.line.drain();
      tick();
    };
    const text = (t: string) =>
      say({ type: "message", message: { type: "text", id: `cw${events + 1}`, quoteToken: "q", text: t } });
    const submitDraft = () => say({ type: "postback", postback: { data: SUBMIT_DATA } });

    // The request comes by LINE; the saraban records it as an application of the test service.
    await text("ขออนุญาตจัดตั้งร้านค้า ร้านข้าวแกง");
    await submitDraft();
    await text("สมชาย ใจดี");
    const entry = await service.handle.db
      .selectFrom("entries")
      .select(["id", "matter_id", "receipt_number", "be_year", "sequence"])
      .where("line_user_id", "=", LINE_USER)
      .executeTakeFirstOrThrow();
    const matterId = entry.matter_id;
    await chief.get(`/office/entries/${entry.id}`);
    const converted = await chief.post(`/office/entries/${entry.id}/application`, {
      service: TEST_SERVICE.code,
    });
    expect(converted.statusCode, converted.body.slice(0, 300)).toBe(303);
    await routeMatter(service, clock, matterId);

    const reviewer = await unitOfficer(service, clock, "line.reviewer@demo.go.th", ["reviewer"]);
    const approver = await unitOfficer(service, clock, "line.approver@demo.go.th", ["approver"]);
    const head = await unitOfficer(service, clock, "line.director@demo.go.th", ["head_of_agency"], "saraban");
    const actor = (o: typeof reviewer) => ({
      staffId: o.staff.id,
      roles: o.staff.roles,
      unitIds: o.staff.unitIds,
    });
    const version = async () => (await findMatter(service.handle.db, "demo", matterId))!.version;
    const act = async (action: "claim" | "start-review" | "resume-review") => {
      await recordAction(service.handle, {
        agencyId: "demo",
        subject: { matterId },
        action,
        payload: {},
        actor: { kind: "staff", staffId: reviewer.staff.id, roles: reviewer.staff.roles },
        at: clock.now(),
      });
      tick();
    };
    await act("claim");
    await act("start-review");
    const { letter } = await requestMoreInformation(
      { handle: service.handle, clock },
      {
        agencyId: "demo",
        matterId,
        expectedVersion: await version(),
        items: [{ documentId: "id-card", problem: "missing", note: "ยังไม่ได้แนบสำเนาบัตร" }],
        deadlineDays: 7,
      },
      actor(reviewer),
    );
    tick();

    // RV-2: the applicant answers on LINE, quoting the receipt number; the answer joins the matter.
    await text(`ส่งสำเนาบัตรตามที่ขอ เลขรับที่ ${entry.receipt_number}`);
    await submitDraft();
    await text("สมชาย ใจดี");
    expect(await sweepDeficiencyAnswers({ handle: service.handle }, clock.now())).toBe(1);
    expect(await deficiencyState(service.handle.db, matterId)).toMatchObject({ fulfilled: true });
    tick();
    await act("resume-review");
    await submitForApproval(
      service.handle,
      { agencyId: "demo", matterId, expectedVersion: await version() },
      actor(reviewer),
      { at: clock.now() },
    );
    tick();
    const deciders = { deficiencyState, handle: service.handle };
    for (const officer of [approver, head]) {
      await decideApproval(
        deciders,
        { agencyId: "demo", matterId, decision: "approve", expectedVersion: await version() },
        actor(officer),
        { at: clock.now() },
      );
      tick();
    }
    expect(await findMatter(service.handle.db, "demo", matterId)).toMatchObject({ status: "approved" });

    // TR-2: one push per notified step, to the LINE user, naming the receipt, officer and phone.
    const pushesBefore = line.pushes.length;
    const mailsBefore = smtp.messages.length;
    const written = await sweepNotifications(deps, clock.now());
    expect(await sweepNotifications(deps, clock.now())).toBe(0);
    await service.outbox.drain();
    const notices = await listNotifications(service.handle.db, matterId);
    expect(notices).toHaveLength(written);
    expect(await notifiedActions(matterId)).toEqual(NOTIFIED);
    expect(notices.map((n) => [n.event, n.channel, n.status])).toEqual(
      EVENTS.map((event) => [event, "line", "sent"]),
    );
    const pushes = line.pushes.slice(pushesBefore);
    expect(pushes).toHaveLength(NOTIFIED.length);
    expect(pushes.map((p) => p.retryKey).sort()).toEqual(notices.map((n) => n.id).sort());
    for (const push of pushes) {
      expect(push.to).toBe(LINE_USER);
      const said = push.messages[0]?.text ?? "";
      expect(said).toContain(entry.receipt_number);
      expect(said).toContain("line.reviewer");
      expect(said).toContain(UNIT_PHONE);
    }
    expect(pushes.filter((p) => p.messages[0]?.text?.includes(letter.number))).toHaveLength(1);
    expect(smtp.messages.length).toBe(mailsBefore);

    // TR-1: the tracking page shows the same steps, the two letters and what the applicant was told.
    const token = trackingToken(deps.secret, entry.id);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/requests/${entry.be_year}/${entry.sequence}?t=${token}`);
    await expect(page.getByTestId("status").textContent()).resolves.toContain("อนุมัติแล้ว");
    expect(await timelineOf(page)).toEqual([
      "start-review",
      "request-more-info",
      "resubmit",
      "resume-review",
      "submit-for-approval",
      "approve",
    ]);
    await expect(page.locator('[data-testid="timeline"] a[href*="/letters/"]').count()).resolves.toBe(2);
    await expect(page.locator('[data-testid="notifications"] li').count()).resolves.toBe(NOTIFIED.length);
    await expectUsableOnPhone(page, "casework-tracking-line");
  }, 60_000);
});
