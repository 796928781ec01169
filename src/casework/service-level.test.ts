import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeMatter, submitTestApplication, unitOfficer } from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { startSmtpListener } from "../../test/smtp.js";
import { fixedClock } from "../platform/clock.js";
import { findMatter, listMatterActions, recordAction } from "../register/index.js";
import { sweepEscalations } from "./sweep-escalations.js";

// Tuesday 1 December 2026, 10:00 Bangkok. Saturday 5 December's holiday is made up on Monday 7;
// Thursday 10 December is Constitution Day.
const at = (date: string, time = "10:00") => new Date(`${date}T${time}:00+07:00`).toISOString();
const queueOrder = (page: string) => [...page.matchAll(/data-matter="([^"]+)"/g)].map((m) => m[1]);

describe.each(testDialects())("service levels on %s", (dialect) => {
  const clock = fixedClock(at("2026-12-01"));
  let service: TestService;
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  let matterId: string;
  let receiptNumber: string;
  let n = 0;
  /** Sessions end after 15 idle minutes; the clock moves by days, so each step signs in afresh. */
  const reviewerAt = async (iso: string) => {
    clock.set(iso);
    return (await unitOfficer(service, clock, `sl${++n}@demo.go.th`, ["reviewer"])).client;
  };
  const clockCell = (page: string) => /data-clock="[^"]+">([^<]*)</.exec(page)?.[1] ?? "";

  beforeAll(async () => {
    smtp = await startSmtpListener();
    service = await startTestService(dialect, { clock, smtpUrl: smtp.url });
    await publishTestService(service);
    const submitted = await submitTestApplication(service);
    ({ matterId, receiptNumber } = submitted);
    await routeMatter(service, clock, matterId);
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    await smtp?.close();
  });

  it("LF-1: five business days from Tuesday 1 December skip the weekend and the substitution holiday of Monday 7", async () => {
    const matter = await findMatter(service.handle.db, "demo", matterId);
    expect(matter?.dueAt?.toISOString()).toBe(at("2026-12-09", "16:30"));
  });

  it("RV-6: at risk within 2 business days of the agency's calendar, counted across the holiday", async () => {
    // Thursday 3: the window ends on Tuesday 8 (Friday 4, then Monday 7 is a holiday): not yet at risk.
    let reviewer = await reviewerAt(at("2026-12-03"));
    expect(queueOrder((await reviewer.get("/office/work?view=at-risk")).body)).not.toContain(matterId);
    // Friday 4: the window reaches Wednesday 9.
    reviewer = await reviewerAt(at("2026-12-04"));
    const atRisk = await reviewer.get("/office/work?view=at-risk");
    expect(queueOrder(atRisk.body)).toContain(matterId);
    expect(atRisk.body).toContain('class="due-soon"');
    expect(clockCell((await reviewer.get(`/office/matters/${matterId}`)).body)).toContain("เหลือ 2 วันทำการ");
    expect(queueOrder((await reviewer.get("/office/work?view=overdue")).body)).not.toContain(matterId);
  });

  it("LF-1: while the applicant is awaited the clock is paused, neither at risk nor overdue; it resumes with the due day moved on", async () => {
    clock.set(at("2026-12-04", "11:00"));
    const actor = { kind: "staff" as const, staffId: "reviewer-test", roles: ["reviewer" as const] };
    const base = { agencyId: "demo", subject: { matterId }, actor } as const;
    await recordAction(service.handle, { ...base, action: "start-review", payload: {}, at: clock.now() });
    await recordAction(service.handle, {
      ...base,
      action: "request-more-info",
      payload: {},
      at: clock.now(),
    });
    let reviewer = await reviewerAt(at("2026-12-10"));
    expect(queueOrder((await reviewer.get("/office/work?view=overdue")).body)).not.toContain(matterId);
    expect(queueOrder((await reviewer.get("/office/work?view=at-risk")).body)).not.toContain(matterId);
    expect(clockCell((await reviewer.get(`/office/matters/${matterId}`)).body)).toContain("หยุดนับ");
    // Back on Friday 11: Friday 4 to Thursday 10 stood still (Friday 4, Tuesday 8, Wednesday 9 are business days).
    clock.set(at("2026-12-11"));
    await recordAction(service.handle, {
      ...base,
      actor: { kind: "system", name: "test" },
      action: "resubmit",
      payload: {},
      at: clock.now(),
    });
    await recordAction(service.handle, { ...base, action: "resume-review", payload: {}, at: clock.now() });
    const matter = await findMatter(service.handle.db, "demo", matterId);
    expect(matter?.dueAt?.toISOString()).toBe(at("2026-12-15", "16:30"));
    reviewer = await reviewerAt(at("2026-12-11"));
    expect(clockCell((await reviewer.get(`/office/matters/${matterId}`)).body)).toContain("เหลือ 2 วันทำการ");
  });

  it("RV-6: once overdue it is listed as such and escalated once, by mail to its unit's supervisor", async () => {
    const supervisor = await unitOfficer(service, clock, "sup-permits@demo.go.th", ["supervisor"]);
    await unitOfficer(service, clock, "sup-saraban@demo.go.th", ["supervisor"], "saraban");
    // Wednesday 16 December, 10:00: a day past Tuesday 15's closing.
    const reviewer = await reviewerAt(at("2026-12-16"));
    const overdue = await reviewer.get("/office/work?view=overdue");
    expect(queueOrder(overdue.body)).toContain(matterId);
    expect(overdue.body).toContain("เกินกำหนด 1 วันทำการ");
    expect(
      await sweepEscalations({ handle: service.handle, publicUrl: "http://borikan.test" }, clock.now()),
    ).toBe(1);
    expect(
      await sweepEscalations({ handle: service.handle, publicUrl: "http://borikan.test" }, clock.now()),
    ).toBe(0);
    const escalations = (await listMatterActions(service.handle.db, matterId)).filter(
      (a) => a.action === "escalate",
    );
    expect(escalations).toHaveLength(1);
    expect(escalations[0]!.visibility).toBe("officers");
    expect(escalations[0]!.actor).toBe("escalation");
    expect(escalations[0]!.payload.recipients).toEqual([supervisor.staff.id]);
    await service.outbox.drain();
    const escalated = (subject = "") => subject.includes(receiptNumber) && subject.includes("เกินกำหนด");
    const mails = smtp.messages.filter((mail) => escalated(mail.subject));
    expect(mails.map((mail) => mail.to && "text" in mail.to && mail.to.text)).toEqual([
      "sup-permits@demo.go.th",
    ]);
    expect(mails[0]!.text).toContain(`/a/demo/office/matters/${matterId}`);
    expect(mails[0]!.text).toContain("เกินกำหนดเวลาตามคู่มือ");
    // Another sweep, even with the outbox drained, sends nothing more.
    await sweepEscalations({ handle: service.handle, publicUrl: "http://borikan.test" }, clock.now());
    await service.outbox.drain();
    expect(smtp.messages.filter((mail) => escalated(mail.subject))).toHaveLength(1);
  });

  it("RV-6: two sweeps at once escalate a matter once", async () => {
    clock.set(at("2026-12-16", "11:00"));
    const other = await submitTestApplication(service);
    await routeMatter(service, clock, other.matterId);
    // Its 5 business days end on Wednesday 23 December; a week later it is overdue.
    const later = new Date(at("2026-12-30"));
    const deps = { handle: service.handle, publicUrl: "http://borikan.test" };
    const counts = await Promise.all([sweepEscalations(deps, later), sweepEscalations(deps, later)]);
    expect(counts[0]! + counts[1]!).toBe(1);
    const escalations = (await listMatterActions(service.handle.db, other.matterId)).filter(
      (a) => a.action === "escalate",
    );
    expect(escalations).toHaveLength(1);
  });
});
