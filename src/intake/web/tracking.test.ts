import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  routeMatter,
  type SubmittedApplication,
  submitTestApplication,
  unitOfficer,
} from "../../../test/casework.js";
import { testDialects } from "../../../test/db.js";
import { startTestService, type TestService } from "../../../test/service.js";
import { publishTestService } from "../../../test/service-fixture.js";
import { issueLetter } from "../../correspondence/index.js";
import { sweepNotifications } from "../../notifications/index.js";
import { fixedClock } from "../../platform/clock.js";
import { withTransaction } from "../../platform/db/database.js";
import { loadOrCreateSecret } from "../../platform/secret.js";
import { findMatter, type MatterActor, recordAction } from "../../register/index.js";
import { trackingCsrfToken } from "./withdraw.routes.js";

// Monday 7 December 2026, 10:00 in Bangkok.
const T0 = Date.parse("2026-12-07T03:00:00.000Z");

describe.each(testDialects())("the tracking page's timeline and withdrawal (%s)", (dialect) => {
  const clock = fixedClock(new Date(T0));
  let service: TestService;
  let reviewer: MatterActor;

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    const { staff } = await unitOfficer(service, clock, "track.reviewer@demo.go.th", ["reviewer"]);
    reviewer = { kind: "staff", staffId: staff.id, roles: ["reviewer"] };
  });
  afterAll(() => service?.stop());

  const page = (a: SubmittedApplication, token = a.token) =>
    service.app.inject({ url: `/requests/${a.beYear}/${a.sequence}?t=${token}` });
  const api = (a: SubmittedApplication, token = a.token) =>
    service.app.inject({ url: `/api/v1/requests/${a.beYear}/${a.sequence}?t=${token}` });
  const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? "";
  const versionOf = (body: string) => /name="version" value="(\d+)"/.exec(body)?.[1] ?? "";
  const withdraw = (a: SubmittedApplication, form: Record<string, string>, token = a.token) =>
    service.app.inject({
      method: "POST",
      url: `/requests/${a.beYear}/${a.sequence}/withdraw?t=${token}`,
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
      payload: new URLSearchParams(form).toString(),
    });
  const act = (matterId: string, action: "start-review" | "request-more-info", payload = {}) =>
    recordAction(service.handle, {
      agencyId: "demo",
      subject: { matterId },
      action,
      payload,
      actor: reviewer,
      at: clock.now(),
    });

  it("TR-1, WS-5: the page and the API show the status, whom it waits for, the due date in its kind of day and the next step", async () => {
    const a = await submitTestApplication(service, { email: "track.one@example.com" });
    await routeMatter(service, clock, a.matterId);
    await act(a.matterId, "start-review");
    const matter = (await findMatter(service.handle.db, "demo", a.matterId))!;

    const json = (await api(a)).json();
    expect(json).toMatchObject({
      status: "in_review",
      bizPortal: { status: "CHECK", statusOther: "WAITING_AGENT_WORKING" },
      awaited: "agency",
      expectedAt: matter.dueAt?.toISOString(),
      dayKind: matter.timeLimit?.dayKind,
      paused: false,
      canWithdraw: true,
    });
    // The saraban's routing memo is the officers' only; the applicant sees the review start.
    expect(json.timeline.map((x: { action: string }) => x.action)).toEqual(["start-review"]);

    const html = (await page(a)).body;
    expect(html).toContain('data-testid="timeline"');
    expect(html).toContain("อยู่ระหว่างตรวจสอบ");
    expect(html).toContain("รอหน่วยงานดำเนินการ");
    expect(html).toContain("วันทำการ");
    expect(html).not.toContain("ส่งงานอนุญาตพิจารณา");
    expect(html).not.toContain('data-testid="deficiency-link"');
    const english = (
      await service.app.inject({ url: `/requests/${a.beYear}/${a.sequence}?t=${a.token}&lang=en` })
    ).body;
    expect(english).toContain("Waiting for");
    expect(english).toContain("business days");
  });

  it("TR-1, LF-1, RV-2: while more is asked the clock is paused, the deficiency page is linked, and its letter can be read", async () => {
    const a = await submitTestApplication(service, { email: "track.two@example.com" });
    await routeMatter(service, clock, a.matterId);
    await act(a.matterId, "start-review");
    const letter = await withTransaction(service.handle, (trx) =>
      issueLetter(
        trx,
        {
          agencyId: "demo",
          kind: "external",
          purpose: "deficiency-record",
          matterId: a.matterId,
          toName: "สมหญิง รักดี",
          subject: "บันทึกความบกพร่อง",
          salutation: "เรียน",
          body: "ขาดสำเนาทะเบียนบ้าน",
          signerName: "ผู้ตรวจ",
          signerPosition: "นักวิชาการ",
          ownerUnit: "งานอนุญาต",
        },
        { actor: "test", at: clock.now() },
      ),
    );
    await act(a.matterId, "request-more-info", {
      letterId: letter.id,
      deadline: new Date(T0 + 7 * 86_400_000).toISOString(),
    });
    const json = (await api(a)).json();
    expect(json).toMatchObject({
      status: "more_info_requested",
      bizPortal: { status: "PENDING", statusOther: "WAITING_USER_WORKING" },
      awaited: "applicant",
      paused: true,
      expectedAt: null,
    });
    expect(json.letters).toEqual([
      expect.objectContaining({
        id: letter.id,
        number: letter.number,
        url: expect.stringContaining(`/letters/${letter.id}.pdf?t=`),
      }),
    ]);
    expect(json.timeline.at(-1)).toMatchObject({ action: "request-more-info", letterId: letter.id });
    const html = (await page(a)).body;
    expect(html).toContain('data-testid="deficiency-link"');
    expect(html).toContain(`/requests/${a.beYear}/${a.sequence}/deficiency?t=${a.token}`);
    expect(html).toContain(`/letters/${letter.id}.pdf?t=${a.token}`);
    expect(html).toContain("หยุดนับเวลาไว้");
  });

  it("TR-1, TR-2: what the applicant was told is listed with its honest delivery status", async () => {
    const a = await submitTestApplication(service, { email: "track.three@example.com" });
    await routeMatter(service, clock, a.matterId);
    await act(a.matterId, "start-review");
    await sweepNotifications(
      {
        handle: service.handle,
        secret: loadOrCreateSecret(service.dataDir),
        publicUrl: "http://borikan.test",
        env: {},
      },
      clock.now(),
    );
    const json = (await api(a)).json();
    // No mail server in this service: queued, then kept as not configured — never "sent".
    expect(json.notifications).toEqual([
      expect.objectContaining({ event: "status-changed", channel: "email", status: "queued" }),
    ]);
    await service.outbox.drain();
    expect((await api(a)).json().notifications[0].status).toBe("not_configured");
    expect((await page(a)).body).toContain('data-testid="notifications"');
  });

  it("TR-1: the applicant withdraws after a confirm step; a second click and a withdrawn matter are refused 409; a wrong token is 404", async () => {
    const a = await submitTestApplication(service, { email: "track.four@example.com" });
    const shown = (await page(a)).body;
    expect(shown).toContain('data-testid="withdraw-form"');
    const form = { _csrf: csrfOf(shown), version: versionOf(shown) };

    const confirm = await withdraw(a, form);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('data-testid="withdraw-confirm"');
    expect((await api(a)).json().status).toBe("received");

    const done = await withdraw(a, { ...form, confirm: "yes" });
    expect(done.statusCode).toBe(303);
    const json = (await api(a)).json();
    expect(json).toMatchObject({ status: "withdrawn", canWithdraw: false, awaited: "nobody" });
    expect(json.timeline.at(-1)).toMatchObject({ action: "withdraw", to: "withdrawn" });
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .select("actor")
      .where("action", "=", "matter.withdraw")
      .where("subject_id", "=", a.matterId)
      .execute();
    expect(audit).toEqual([{ actor: "applicant:tracking-page" }]);

    // The double click: the page's version is stale now.
    const again = await withdraw(a, { ...form, confirm: "yes" });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("MATTER_CHANGED");
    // A fresh page: the table allows no withdrawal of a withdrawn matter.
    const fresh = { ...form, version: String(Number(form.version) + 1), confirm: "yes" };
    const refused = await withdraw(a, fresh);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain("ACTION_NOT_ALLOWED");
    expect((await page(a)).body).not.toContain('data-testid="withdraw-form"');

    const other = await submitTestApplication(service, { email: "track.five@example.com" });
    // Someone else's entry an officer joined to this matter opens neither its timeline nor its withdrawal.
    const stranger = await submitTestApplication(service, { email: "stranger@example.com" });
    await service.handle.db
      .updateTable("entries")
      .set({ matter_id: other.matterId })
      .where("id", "=", stranger.entryId)
      .execute();
    const strangerPage = await page(stranger);
    expect(strangerPage.statusCode).toBe(200);
    expect(strangerPage.body).not.toContain('data-testid="timeline"');
    expect((await api(stranger)).json().timeline).toBeUndefined();
    const strangerCsrf = trackingCsrfToken(loadOrCreateSecret(service.dataDir), stranger.entryId);
    const strangerForm = { _csrf: strangerCsrf, version: "0", confirm: "yes" };
    expect((await withdraw(stranger, strangerForm)).statusCode).toBe(409);
    const wrong = await withdraw(other, { ...form, confirm: "yes" }, a.token);
    expect(wrong.statusCode).toBe(404);
    const otherForm = { _csrf: csrfOf((await page(other)).body), version: "0", confirm: "yes" };
    // Another entry's CSRF token does not fit this one; nor does a cross-site post.
    expect((await withdraw(other, { ...otherForm, _csrf: form._csrf })).statusCode).toBe(403);
    expect((await withdraw(other, { ...otherForm, _csrf: "" })).statusCode).toBe(403);
    expect((await api(other)).json().status).toBe("received");
  });
});
