import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeMatter, submitTestApplication, unitOfficer } from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import type { OfficeClient } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { findMatter, listMatterActions, recordAction } from "../register/index.js";
import { sweepDelayNotices } from "./index.js";

// Monday 23 November 2026, 10:00 Bangkok.
const clock = fixedClock("2026-11-23T03:00:00.000Z");
const DAY = 86_400_000;

describe.each(testDialects())("LF-5 delay notices on %s", (dialect) => {
  let service: TestService;
  let reviewer: { client: OfficeClient; id: string };

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    const r = await unitOfficer(service, clock, "reviewer@demo.go.th", ["reviewer", "approver"]);
    reviewer = { client: r.client, id: r.staff.id };
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  const actor = () => ({
    kind: "staff" as const,
    staffId: reviewer.id,
    roles: ["reviewer", "approver"] as const,
  });
  const notices = async (matterId: string) =>
    (await listMatterActions(service.handle.db, matterId)).filter((a) => a.action === "notify-delay");
  const sweep = (at: Date) => sweepDelayNotices({ handle: service.handle }, at);
  const letter = (id: unknown) =>
    service.handle.db
      .selectFrom("outgoing_letters")
      .selectAll()
      .where("id", "=", String(id))
      .executeTakeFirstOrThrow();

  async function openMatter(): Promise<{ matterId: string; dueAt: Date }> {
    const { matterId } = await submitTestApplication(service);
    await routeMatter(service, clock, matterId);
    const matter = (await findMatter(service.handle.db, "demo", matterId))!;
    expect(matter.dueAt).not.toBeNull();
    return { matterId, dueAt: matter.dueAt! };
  }

  it("LF-5: none before due, the first at due, not twice in a period, the second 7 calendar days later, with the OPDC copy queued", async () => {
    const { matterId, dueAt } = await openMatter();
    await sweep(new Date(dueAt.getTime() - 60_000));
    expect(await notices(matterId)).toHaveLength(0);

    await sweep(dueAt);
    const [first] = await notices(matterId);
    expect(first?.payload).toMatchObject({ noticeNumber: 1, reasonGiven: false, opdcCopy: "queued" });
    expect(first?.actor).toBe("approval.delay-notices");
    const firstLetter = await letter(first?.payload.letterId);
    expect(firstLetter).toMatchObject({ purpose: "delay-notice", matter_id: matterId });
    expect(firstLetter.body).toContain("อยู่ระหว่างการพิจารณา");
    const copy = await service.handle.db
      .selectFrom("outbox")
      .selectAll()
      .where("subject_key", "=", `delay-copy:${firstLetter.id}`)
      .executeTakeFirstOrThrow();
    expect(copy).toMatchObject({ kind: "delay-notice-copy", recipient: "opdc-copy@demo.go.th" });
    expect(copy.payload).toContain(firstLetter.number);

    // Again within the same 7-day period (and 6 days 23 hours on): nothing more.
    await sweep(new Date(dueAt.getTime() + DAY));
    await sweep(new Date(dueAt.getTime() + 7 * DAY - 3_600_000));
    expect(await notices(matterId)).toHaveLength(1);

    await recordAction(service.handle, {
      agencyId: "demo",
      subject: { matterId },
      action: "record-delay-reason",
      payload: { text: "รอผลตรวจสถานที่จากสำนักงานสิ่งแวดล้อม" },
      actor: actor(),
      at: new Date(dueAt.getTime() + 2 * DAY),
    });
    await sweep(new Date(dueAt.getTime() + 7 * DAY));
    await sweep(new Date(dueAt.getTime() + 7 * DAY + 60_000));
    const both = await notices(matterId);
    expect(both).toHaveLength(2);
    expect(both[1]?.payload).toMatchObject({ noticeNumber: 2, reasonGiven: true });
    expect((await letter(both[1]?.payload.letterId)).body).toContain("รอผลตรวจสถานที่จากสำนักงานสิ่งแวดล้อม");
    const copies = await service.handle.db
      .selectFrom("outbox")
      .select("id")
      .where("kind", "=", "delay-notice-copy")
      .where(
        "subject_key",
        "in",
        both.map((n) => `delay-copy:${String(n.payload.letterId)}`),
      )
      .execute();
    expect(copies).toHaveLength(2);

    // The panel shows them, and the officers see the copy queued (not "sent").
    const page = await reviewer.client.get(`/office/matters/${matterId}/approval`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("ครั้งที่ 2");
    expect(page.body).toContain("opdc-copy@demo.go.th");
  });

  it("LF-5: after a worker outage, one notice for the current period (numbered by it), not one per missed period", async () => {
    const { matterId, dueAt } = await openMatter();
    await sweep(new Date(dueAt.getTime() + 30 * DAY));
    await sweep(new Date(dueAt.getTime() + 30 * DAY + 5_000));
    const given = await notices(matterId);
    expect(given).toHaveLength(1);
    expect(given[0]?.payload.noticeNumber).toBe(5);
    await sweep(new Date(dueAt.getTime() + 35 * DAY));
    expect((await notices(matterId)).map((n) => n.payload.noticeNumber)).toEqual([5, 6]);
  });

  it("LF-5: an agency without a letter code is said in the log, and the sweep goes on", async () => {
    const { matterId, dueAt } = await openMatter();
    await service.handle.db
      .updateTable("agencies")
      .set({ letter_code: null })
      .where("id", "=", "demo")
      .execute();
    const log: string[] = [];
    try {
      await sweepDelayNotices({ handle: service.handle, log: (msg) => log.push(msg) }, dueAt);
    } finally {
      await service.handle.db
        .updateTable("agencies")
        .set({ letter_code: "ตย 0001" })
        .where("id", "=", "demo")
        .execute();
    }
    expect(await notices(matterId)).toHaveLength(0);
    expect(log.join("\n")).toContain(`delay notice of matter ${matterId} not given: LETTER_CODE_NOT_SET`);
    await sweep(dueAt);
    expect(await notices(matterId)).toHaveLength(1);
  });

  it("LF-5: the notices stop after the decision and while the applicant is awaited", async () => {
    const { matterId, dueAt } = await openMatter();
    const other = await openMatter();
    for (const action of ["start-review", "submit-for-approval", "approve"] as const)
      await recordAction(service.handle, {
        agencyId: "demo",
        subject: { matterId },
        action,
        payload: {},
        actor: actor(),
        at: clock.now(),
      });
    for (const action of ["start-review", "request-more-info"] as const)
      await recordAction(service.handle, {
        agencyId: "demo",
        subject: { matterId: other.matterId },
        action,
        payload: {},
        actor: actor(),
        at: clock.now(),
      });
    await sweep(new Date(dueAt.getTime() + 14 * DAY));
    expect(await notices(matterId)).toHaveLength(0);
    expect(await notices(other.matterId)).toHaveLength(0);
  });

  it("LF-5: without an OPDC address the copy is recorded as not sent, and said so", async () => {
    await service.handle.db
      .updateTable("agencies")
      .set({ opdc_email: null })
      .where("id", "=", "demo")
      .execute();
    try {
      const { matterId, dueAt } = await openMatter();
      await sweep(dueAt);
      const [first] = await notices(matterId);
      expect(first?.payload).toMatchObject({ noticeNumber: 1, opdcCopy: "not-configured" });
      const queued = await service.handle.db
        .selectFrom("outbox")
        .select("id")
        .where("subject_key", "=", `delay-copy:${String(first?.payload.letterId)}`)
        .execute();
      expect(queued).toHaveLength(0);
      expect((await letter(first?.payload.letterId)).body).not.toContain("ก.พ.ร.");
      const page = await reviewer.client.get(`/office/matters/${matterId}/approval`);
      expect(page.body).toContain("ไม่ได้ส่งสำเนาถึง ก.พ.ร.");
    } finally {
      await service.handle.db
        .updateTable("agencies")
        .set({ opdc_email: "opdc-copy@demo.go.th" })
        .where("id", "=", "demo")
        .execute();
    }
  });
});
