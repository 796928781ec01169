import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeMatter, submitTestApplication, unitOfficer } from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import { submitRequest } from "../../test/factories.js";
import { type FakeLine, startFakeLine } from "../../test/line-server.js";
import { connectLine, deliveryOf, lineEnv, postWebhook } from "../../test/line-webhook.js";
import type { OfficeClient } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { startSmtpListener } from "../../test/smtp.js";
import { SUBMIT_DATA } from "../intake/line/index.js";
import { type NotificationDeps, sweepNotifications } from "../notifications/index.js";
import { fixedClock } from "../platform/clock.js";
import { loadOrCreateSecret } from "../platform/secret.js";
import { type MatterActor, recordAction } from "../register/index.js";
import { type RatingDeps, ratingToken, recordRating, satisfactionFigures } from "./index.js";

// Monday 7 December 2026, 10:00 in Bangkok.
const T0 = Date.parse("2026-12-07T03:00:00.000Z");
const DAY = 24 * 3600 * 1000;
/** The actions these tests take to close a matter. */
type Step = "answer" | "close" | "start-review" | "submit-for-approval" | "refuse";
const LINK = /http:\/\/borikan\.test\/a\/demo\/rate\/([\w.-]+)/;

describe.each(testDialects())("satisfaction after service (%s)", (dialect) => {
  const clock = fixedClock(new Date(T0));
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  let line: FakeLine;
  let service: TestService;
  let notify: NotificationDeps;
  let rating: RatingDeps;
  let officer: MatterActor;
  let office: OfficeClient;
  let events = 0;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    line = await startFakeLine();
    service = await startTestService(dialect, { clock, smtpUrl: smtp.url, env: lineEnv(line) });
    await connectLine(service, line, clock.now());
    await publishTestService(service);
    const secret = loadOrCreateSecret(service.dataDir);
    notify = { handle: service.handle, secret, publicUrl: "http://borikan.test", env: lineEnv(line) };
    rating = { handle: service.handle, clock, secret };
    const { staff, client } = await unitOfficer(service, clock, "rate.reviewer@demo.go.th", ["reviewer"]);
    officer = { kind: "staff", staffId: staff.id, roles: ["reviewer", "admin"] };
    office = client;
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    await smtp?.close();
    await line?.close();
  });

  const act = (matterId: string, ...actions: Step[]) =>
    actions.reduce(
      (done, action) =>
        done.then(() =>
          recordAction(service.handle, {
            agencyId: "demo",
            subject: { matterId },
            action,
            payload: {},
            actor: officer,
            at: clock.now(),
          }).then(() => undefined),
        ),
      Promise.resolve(),
    );
  const sweep = async () => {
    while ((await sweepNotifications(notify, clock.now())) > 0);
    await service.outbox.drain();
  };
  /** A question sent through the web API by `email`, answered and (unless `open`) closed: its matter. */
  async function closedRequest(email: string, open = false) {
    const { entryId, receiptNumber } = await submitRequest(service, {
      name: "สมหญิง รักดี",
      email,
      subject: "ขอทราบขั้นตอน",
      confirmed: true,
    });
    const { matter_id } = await service.handle.db
      .selectFrom("entries")
      .select("matter_id")
      .where("id", "=", entryId)
      .executeTakeFirstOrThrow();
    await routeMatter(service, clock, matter_id);
    await act(matter_id, "answer", ...(open ? [] : (["close"] as const)));
    return { matterId: matter_id, receiptNumber };
  }
  const page = (token: string) => `/a/demo/rate/${token}`;
  const post = (token: string, form: Record<string, string>) =>
    service.app.inject({
      method: "POST",
      url: page(token),
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
      payload: new URLSearchParams(form).toString(),
    });
  const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? "";
  const rows = (matterId: string) =>
    service.handle.db
      .selectFrom("satisfaction_ratings")
      .selectAll()
      .where("matter_id", "=", matterId)
      .execute();

  it("TR-3: the closing email carries the rating link; it works once, cleans the comment, and the officer sees the rating", async () => {
    const { matterId, receiptNumber } = await closedRequest("rate.one@example.com");
    await sweep();
    const closing = smtp.messages.filter((m) => m.text?.includes(receiptNumber) && LINK.test(m.text));
    expect(closing).toHaveLength(1);
    expect(closing[0]?.text).toContain("โปรดประเมินความพึงพอใจ");
    expect(closing[0]?.text).toContain("Please rate our service");
    const token = LINK.exec(closing[0]?.text ?? "")?.[1] ?? "";

    const form = await service.app.inject({ url: page(token), headers: { accept: "text/html" } });
    expect(form.statusCode).toBe(200);
    expect(form.body.match(/type="radio" name="rating"/g)).toHaveLength(5);
    expect(form.body).toContain("5 – พอใจมาก / 5 – Very satisfied");
    const csrf = csrfOf(form.body);

    expect((await post(token, { rating: "4" })).statusCode).toBe(403);
    const bad = await post(token, { _csrf: csrf, rating: "6", comment: "ดี" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("โปรดเลือกคะแนน 1 ถึง 5");
    expect(bad.body).toContain(">ดี</textarea>");
    expect(await rows(matterId)).toHaveLength(0);

    // Decomposed SARA AM, a zero-width space and a bell: kept as the words, not the tricks.
    const comment = "บริการดี\u200B รวดเร็ว ขอบคุณ\u0E4D\u0E32\u0007";
    const done = await post(token, { _csrf: csrf, rating: "4", comment });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`${page(token)}?done=1`);
    const [row] = await rows(matterId);
    expect(row).toMatchObject({
      rating: 4,
      channel: "web",
      service_id: null,
      comment: "บริการดี รวดเร็ว ขอบคุณำ",
    });
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .select(["actor", "data"])
      .where("action", "=", "satisfaction.rate")
      .where("subject_id", "=", matterId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.data).not.toContain("บริการดี");

    const again = await post(token, { _csrf: csrf, rating: "1" });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("ให้คะแนนได้ครั้งเดียวต่อเรื่อง");
    expect(await rows(matterId)).toHaveLength(1);
    const thanks = await service.app.inject({
      url: `${page(token)}?done=1`,
      headers: { accept: "text/html" },
    });
    expect(thanks.body).toContain('data-rated="now"');
    expect(thanks.body).not.toContain('name="rating"');

    const matterPage = await office.get(`/office/matters/${matterId}`);
    expect(matterPage.statusCode).toBe(200);
    expect(matterPage.body).toContain('data-rating="4"');
    expect(matterPage.body).toContain("บริการดี รวดเร็ว");
    // A finance officer of the unit sees the number, not the applicant's words (casework roles only).
    const { client: finance } = await unitOfficer(service, clock, "rate.finance@demo.go.th", [
      "finance_officer",
    ]);
    const financePage = await finance.get(`/office/matters/${matterId}`);
    expect(financePage.statusCode).toBe(200);
    expect(financePage.body).toContain('data-rating="4"');
    expect(financePage.body).not.toContain("บริการดี รวดเร็ว");
  });

  it("TR-3: a forged, tampered or expired link is refused, and so is a matter not closed", async () => {
    const { matterId } = await closedRequest("rate.two@example.com");
    const good = ratingToken(rating.secret, matterId, clock.now());
    const [id, e, s] = good.split(".");
    const flipped = `${s!.slice(0, -1)}${s!.endsWith("A") ? "B" : "A"}`;
    const { matterId: other } = await closedRequest("rate.three@example.com");
    for (const forged of [
      `${id}.${e}.${flipped}`,
      `${id}.${Number(e) + 3600}.${s}`,
      `${other}.${e}.${s}`,
      "not-a-token",
      ratingToken("another-secret", matterId, clock.now()),
    ]) {
      const res = await service.app.inject({ url: page(forged), headers: { accept: "text/html" } });
      expect(res.statusCode, forged).toBe(403);
      expect(res.body).toContain("ลิงก์ให้คะแนนนี้ไม่ถูกต้อง");
    }
    const expired = ratingToken(rating.secret, matterId, new Date(T0 - 61 * DAY));
    expect((await service.app.inject({ url: page(expired) })).statusCode).toBe(410);
    await expect(
      recordRating(rating, { agencyId: "demo", token: expired, rating: 5, channel: "web" }),
    ).rejects.toMatchObject({ code: "RATING_LINK_EXPIRED" });

    const open = await closedRequest("rate.four@example.com", true);
    const early = ratingToken(rating.secret, open.matterId, clock.now());
    expect((await service.app.inject({ url: page(early) })).statusCode).toBe(409);
    await expect(
      recordRating(rating, { agencyId: "demo", token: early, rating: 5, channel: "web" }),
    ).rejects.toMatchObject({ code: "RATING_MATTER_NOT_CLOSED" });
    expect(await rows(matterId)).toHaveLength(0);
    expect(await rows(open.matterId)).toHaveLength(0);
  });

  it("TR-3: one rating per matter across web and LINE: concurrent submissions leave exactly one row", async () => {
    const { matterId } = await closedRequest("rate.five@example.com");
    const token = ratingToken(rating.secret, matterId, clock.now());
    const tries = (["web", "line", "web", "line", "web", "line"] as const).map((channel, i) =>
      recordRating(rating, { agencyId: "demo", token, rating: (i % 5) + 1, channel }),
    );
    const results = await Promise.allSettled(tries);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected"))
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "RATING_ALREADY_GIVEN" });
    expect(await rows(matterId)).toHaveLength(1);
  });

  /** A request sent by LINE (text, Submit, name), as its user would; its matter. */
  async function lineRequest(user: string) {
    const send = async (evts: unknown[]) => {
      await postWebhook(service, line, deliveryOf(evts));
      await service.line.drain();
    };
    const now = clock.now().getTime();
    await send([lineEvent(user, textBody("ขอทราบขั้นตอนขออนุญาต"), now)]);
    await send([lineEvent(user, { type: "postback", postback: { data: SUBMIT_DATA } }, now + 1000)]);
    await send([lineEvent(user, textBody("สมชาย ใจดี"), now + 2000)]);
    return service.handle.db
      .selectFrom("entries")
      .select(["matter_id", "receipt_number"])
      .where("line_user_id", "=", user)
      .executeTakeFirstOrThrow();
  }
  const textBody = (text: string) => ({
    type: "message",
    message: { type: "text", id: `rm${events + 1}`, quoteToken: "q", text },
  });
  const lineEvent = (user: string, body: Record<string, unknown>, at: number) => ({
    webhookEventId: `01R${String(++events).padStart(23, "0")}`,
    deliveryContext: { isRedelivery: false },
    timestamp: at,
    mode: "active",
    source: { type: "user", userId: user },
    replyToken: `rate-reply-${events}`,
    ...body,
  });

  it("TR-3: on LINE the closing message carries quick replies 1..5; a tap records the rating, a second is told it was rated", async () => {
    const user = "U5555555555abcdef0123456789abcdef";
    const entry = await lineRequest(user);
    await routeMatter(service, clock, entry.matter_id);
    await act(entry.matter_id, "answer", "close");
    const before = line.pushes.length;
    await sweep();
    const closing = line.pushes
      .slice(before)
      .filter((p) => p.to === user && LINK.test(p.messages[0]?.text ?? ""));
    expect(closing).toHaveLength(1);
    type Item = { action: { type: string; data: string; label: string } };
    const message = closing[0]?.messages[0] as { quickReply?: { items: Item[] } } | undefined;
    const items = message?.quickReply?.items ?? [];
    expect(items.map((i) => i.action.label)).toEqual(["1 ★", "2 ★", "3 ★", "4 ★", "5 ★"]);
    for (const i of items) {
      expect(i.action.type).toBe("postback");
      expect(i.action.data.length).toBeLessThanOrEqual(300);
    }
    const tap = async (data: string) => {
      const token = `rate-reply-${events + 1}`;
      await postWebhook(
        service,
        line,
        deliveryOf([lineEvent(user, { type: "postback", postback: { data } }, clock.now().getTime())]),
      );
      await service.line.drain();
      return line.replies.find((r) => r.replyToken === token)?.messages[0]?.text ?? "";
    };
    const thanks = await tap(items[4]!.action.data);
    expect(thanks).toContain(`ขอบคุณสำหรับคะแนน 5 จาก 5 สำหรับเรื่องเลขรับ ${entry.receipt_number}`);
    expect(thanks).toContain("Thank you");
    expect(await rows(entry.matter_id)).toEqual([expect.objectContaining({ rating: 5, channel: "line" })]);
    const second = await tap(items[0]!.action.data);
    expect(second).toContain("ได้รับคะแนนความพึงพอใจแล้ว");
    expect(second).toContain("already been rated");
    const forged = await tap(items[0]!.action.data.replace(/.:1$/, "x:1"));
    expect(forged).toContain("ลิงก์ให้คะแนนนี้ไม่ถูกต้อง");
    expect(await rows(entry.matter_id)).toEqual([expect.objectContaining({ rating: 5 })]);
  });

  it("TR-3: satisfactionFigures counts a period's ratings per service, with the average and distribution", async () => {
    clock.set(new Date(T0 + 10 * DAY));
    const rate = async (matterId: string, n: number) =>
      recordRating(rating, {
        agencyId: "demo",
        token: ratingToken(rating.secret, matterId, clock.now()),
        rating: n,
        channel: "web",
      });
    const app = await submitTestApplication(service, { email: "rate.app@example.com" });
    await routeMatter(service, clock, app.matterId);
    await act(app.matterId, "start-review", "submit-for-approval", "refuse", "close");
    await rate(app.matterId, 2);
    await rate((await closedRequest("rate.six@example.com")).matterId, 5);
    await rate((await closedRequest("rate.seven@example.com")).matterId, 4);
    const service_id = (await rows(app.matterId))[0]?.service_id;
    expect(service_id).toBeTruthy();
    const figures = await satisfactionFigures(service.handle.db, "demo", {
      from: new Date(T0 + 10 * DAY).toISOString(),
      to: new Date(T0 + 11 * DAY).toISOString(),
    });
    const byService = new Map(figures.map((f) => [f.serviceId, f]));
    expect(byService.get(service_id!)).toEqual({
      serviceId: service_id,
      count: 1,
      average: 2,
      distribution: [0, 1, 0, 0, 0],
    });
    expect(byService.get(null)).toEqual({
      serviceId: null,
      count: 2,
      average: 4.5,
      distribution: [0, 0, 0, 1, 1],
    });
    expect(figures).toHaveLength(2);
  });
});
