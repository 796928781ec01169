import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { makePng } from "../../test/images.js";
import { multipartBody } from "../../test/multipart.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { findAgency } from "../agencies/index.js";
import { loadBusinessCalendar } from "../calendar/index.js";
import { fixedClock } from "../platform/clock.js";
import { withTransaction } from "../platform/db/database.js";
import { listMatterActions, listMatterEntries, registerEntry } from "../register/index.js";
import { addDaysOfKind } from "../workflow/index.js";
import { applicationInReview, deficiencyForm, matterNow } from "./deficiency.test-kit.js";
import { deficiencyState, sweepDeficiencyAnswers, sweepLapsedDeficiencies } from "./index.js";

const TUESDAY = "2026-12-08T03:00:00.000Z"; // Tue 8 Dec 2026, 10:00 in Bangkok
const FRIDAY = "2026-12-11T03:00:00.000Z";
const AFTER_DEADLINE = "2026-12-15T03:00:00.000Z"; // the 3 business days ended on Monday 14 at closing

describe.each(testDialects())("the applicant's answer on %s", (dialect) => {
  const clock = fixedClock(TUESDAY);
  let service: TestService;
  let n = 0;
  const tag = () => `a${++n}`;

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
  });
  afterAll(async () => service?.stop());

  /** An application with a deficiency record issued on Tuesday (3 business days). */
  async function withRecord() {
    clock.set(TUESDAY);
    const app = await applicationInReview(service, clock, tag());
    const res = await app.reviewer.client.post(
      `/office/matters/${app.matterId}/deficiency`,
      await deficiencyForm(service, app.matterId),
    );
    if (res.statusCode !== 303)
      throw new Error(`record not issued: ${res.statusCode} ${res.body.slice(0, 300)}`);
    const page = `/requests/${app.beYear}/${app.sequence}/deficiency?t=${app.token}`;
    return { ...app, page };
  }
  const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? "";
  const actionsNamed = async (matterId: string, action: string) =>
    (await listMatterActions(service.handle.db, matterId)).filter((a) => a.action === action);

  it("RV-2: the applicant sees the record with its deadline's kind of day and letter, and acknowledges it once", async () => {
    const app = await withRecord();
    const page = await service.app.inject({ url: app.page });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("บัตรประจำตัวประชาชน");
    expect(page.body).toContain("วันทำการ");
    expect(page.body).toMatch(
      new RegExp(`/requests/${app.beYear}/${app.sequence}/letters/[^"]+\\.pdf\\?t=${app.token}`),
    );
    const wrong = await service.app.inject({
      // Another first character (a token starting with "x" one time in 64 made this flaky).
      url: `/requests/${app.beYear}/${app.sequence}/deficiency?t=${app.token.startsWith("x") ? "y" : "x"}${app.token.slice(1)}`,
    });
    expect(wrong.statusCode).toBe(404);
    const url = `/requests/${app.beYear}/${app.sequence}/deficiency/acknowledge?t=${app.token}`;
    const form = (csrf: string) => ({
      method: "POST" as const,
      url,
      payload: `_csrf=${encodeURIComponent(csrf)}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect((await service.app.inject(form("forged"))).statusCode).toBe(403);
    const crossSite = await service.app.inject({
      ...form(csrfOf(page.body)),
      headers: { ...form("").headers, "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.statusCode).toBe(403);
    for (let i = 0; i < 2; i++)
      expect((await service.app.inject(form(csrfOf(page.body)))).statusCode).toBe(303);
    expect(await actionsNamed(app.matterId, "acknowledge-deficiency")).toHaveLength(1);
    const record = await service.handle.db
      .selectFrom("deficiency_records")
      .selectAll()
      .where("matter_id", "=", app.matterId)
      .executeTakeFirstOrThrow();
    expect([record.applicant_acknowledged_at, record.applicant_acknowledged_via]).toEqual([
      TUESDAY,
      "tracking-page",
    ]);
  });

  it("RV-2, LF-1: the answer on the page is a new entry with its own receipt number on the same matter; resubmitted once; the clock runs again", async () => {
    const app = await withRecord();
    clock.set(FRIDAY);
    const page = await service.app.inject({ url: app.page });
    const send = async (csrf: string) => {
      const body = await multipartBody({ _csrf: csrf, text: "ส่งสำเนาบัตรใหม่" }, [
        { filename: "id-card.png", bytes: makePng(1012, 638), type: "image/png" },
      ]);
      return service.app.inject({
        method: "POST",
        url: `/requests/${app.beYear}/${app.sequence}/deficiency/answer?t=${app.token}`,
        payload: body.payload,
        headers: body.headers,
      });
    };
    expect((await send("forged")).statusCode).toBe(403);
    const res = await send(csrfOf(page.body));
    expect(res.statusCode, res.body).toBe(303);
    const entries = await listMatterEntries(service.handle.db, app.matterId);
    expect(entries).toHaveLength(2);
    const answer = entries[1]!;
    expect(answer.receiptNumber).not.toBe(app.receiptNumber);
    expect(answer.channel).toBe("web");
    expect(answer.body).toBe("ส่งสำเนาบัตรใหม่");
    expect(res.headers.location).toContain(`/requests/${answer.beYear}/${answer.sequence}?t=`);
    const attachments = await service.handle.db
      .selectFrom("attachments")
      .selectAll()
      .where("entry_id", "=", answer.id)
      .execute();
    expect(attachments).toHaveLength(1);
    const matter = await matterNow(service, app.matterId);
    expect(matter.status).toBe("resubmitted");
    expect(matter.pausedAt).toBeNull();
    const agency = (await findAgency(service.handle.db, "demo"))!;
    const calendar = await loadBusinessCalendar(service.handle.db, agency);
    // LF-1: Tuesday and Wednesday stood still (Thursday was a holiday): the manual's 5 days become 7.
    expect(matter.dueAt?.toISOString()).toBe(
      addDaysOfKind(calendar, matter.clockStart!, 7, "business").toISOString(),
    );
    const resubmits = await actionsNamed(app.matterId, "resubmit");
    expect(resubmits.map((a) => a.payload.entryId)).toEqual([answer.id]);
    expect(await deficiencyState(service.handle.db, app.matterId)).toMatchObject({
      requested: true,
      fulfilled: true,
    });
    // A double click: the record no longer awaits an answer; nothing more is registered.
    const again = await send(csrfOf(page.body));
    expect(again.statusCode).toBe(409);
    expect(await listMatterEntries(service.handle.db, app.matterId)).toHaveLength(2);
    // The sweep finds the record fulfilled and records nothing more.
    expect(await sweepDeficiencyAnswers({ handle: service.handle }, clock.now())).toBe(0);
  });

  it("RV-2: two answers sent at once register one entry and one resubmit", async () => {
    const app = await withRecord();
    const page = await service.app.inject({ url: app.page });
    const send = async (text: string) => {
      const body = await multipartBody({ _csrf: csrfOf(page.body), text });
      return service.app.inject({
        method: "POST",
        url: `/requests/${app.beYear}/${app.sequence}/deficiency/answer?t=${app.token}`,
        payload: body.payload,
        headers: body.headers,
      });
    };
    const results = await Promise.all([send("คำตอบที่หนึ่ง"), send("คำตอบที่สอง")]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([303, 409]);
    expect(await listMatterEntries(service.handle.db, app.matterId)).toHaveLength(2);
    expect(await actionsNamed(app.matterId, "resubmit")).toHaveLength(1);
  });

  it("LF-4: after the deadline the page refuses an answer (409) and the sweep returns the application once, with a numbered letter", async () => {
    const app = await withRecord();
    clock.set(AFTER_DEADLINE);
    const page = await service.app.inject({ url: app.page });
    expect(page.body).not.toContain('name="text"');
    // The page shows no form now, so no token either: a post made anyway is refused.
    expect(csrfOf(page.body)).toBe("");
    const body = await multipartBody({ _csrf: "x".repeat(43), text: "ช้าไป" });
    const late = await service.app.inject({
      method: "POST",
      url: `/requests/${app.beYear}/${app.sequence}/deficiency/answer?t=${app.token}`,
      payload: body.payload,
      headers: body.headers,
    });
    expect(late.statusCode).toBe(403);
    expect(await sweepDeficiencyAnswers({ handle: service.handle }, clock.now())).toBe(0);
    const returned = await sweepLapsedDeficiencies({ handle: service.handle }, clock.now());
    expect(returned).toBeGreaterThanOrEqual(1);
    expect(await sweepLapsedDeficiencies({ handle: service.handle }, clock.now())).toBe(0);
    const matter = await matterNow(service, app.matterId);
    expect(matter.status).toBe("returned");
    expect(matter.endedAt?.toISOString()).toBe(AFTER_DEADLINE);
    const returns = await actionsNamed(app.matterId, "return");
    expect(returns).toHaveLength(1);
    const letter = await service.handle.db
      .selectFrom("outgoing_letters")
      .selectAll()
      .where("id", "=", String(returns[0]!.payload.letterId))
      .executeTakeFirstOrThrow();
    expect(letter.purpose).toBe("return");
    expect(letter.number).toMatch(/^ตย 0001\/\d+$/);
    expect(letter.body).toContain("บัตรประจำตัวประชาชน");
    const record = await service.handle.db
      .selectFrom("deficiency_records")
      .selectAll()
      .where("matter_id", "=", app.matterId)
      .executeTakeFirstOrThrow();
    expect([record.lapsed_at, record.return_letter_id]).toEqual([AFTER_DEADLINE, letter.id]);
  });

  it("LF-4: the answer is taken up to the deadline itself; the page's deadline is refused one business day later", async () => {
    const app = await withRecord();
    clock.set("2026-12-14T09:00:00.000Z"); // Monday 16:00, before closing
    const page = await service.app.inject({ url: app.page });
    expect(page.body).toContain('name="text"');
    clock.set(AFTER_DEADLINE);
    const body = await multipartBody({ _csrf: csrfOf(page.body), text: "ช้าไป" });
    const late = await service.app.inject({
      method: "POST",
      url: `/requests/${app.beYear}/${app.sequence}/deficiency/answer?t=${app.token}`,
      payload: body.payload,
      headers: body.headers,
    });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain("พ้นกำหนด");
  });

  it.each(["email", "line"] as const)(
    "RV-2: an answer by %s joins the matter and the sweep resubmits it once",
    async (channel) => {
      const app = await withRecord();
      clock.set(FRIDAY);
      const agency = (await findAgency(service.handle.db, "demo"))!;
      const calendar = await loadBusinessCalendar(service.handle.db, agency);
      // As the mail intake registers a reply in the thread (matter-of-reply), or LINE a follow-up of the same
      // user: a new entry on the same matter.
      const { entry } = await withTransaction(service.handle, (trx) =>
        registerEntry(
          trx,
          {
            agencyId: "demo",
            matterId: app.matterId,
            channel,
            senderName: "สมหญิง รักดี",
            senderEmail: channel === "email" ? `${n}@example.com` : null,
            lineUserId: channel === "line" ? `U${"0".repeat(31)}${n}`.slice(0, 33) : null,
            subject: `Re: แจ้งความบกพร่องของคำขอ (${app.receiptNumber})`,
            body: "แนบสำเนาบัตรมาแล้วค่ะ",
            language: "th",
            attachments: [],
          },
          { clock, calendar, actor: "system:mail" },
        ),
      );
      expect(await sweepDeficiencyAnswers({ handle: service.handle }, clock.now())).toBeGreaterThanOrEqual(1);
      expect(await sweepDeficiencyAnswers({ handle: service.handle }, clock.now())).toBe(0);
      const resubmits = await actionsNamed(app.matterId, "resubmit");
      expect(resubmits).toHaveLength(1);
      expect(resubmits[0]!.payload).toMatchObject({ entryId: entry.id, channel });
      expect(resubmits[0]!.actor).toContain("system");
      expect((await matterNow(service, app.matterId)).status).toBe("resubmitted");
      expect(await deficiencyState(service.handle.db, app.matterId)).toMatchObject({ fulfilled: true });
      // Answered in time: nothing lapses later.
      clock.set(AFTER_DEADLINE);
      await sweepLapsedDeficiencies({ handle: service.handle }, clock.now());
      expect((await matterNow(service, app.matterId)).status).toBe("resubmitted");
    },
  );
});
