import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unitOfficer } from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import type { OfficeClient } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService, TEST_SERVICE } from "../../test/service-fixture.js";
import { findAgency } from "../agencies/index.js";
import { loadBusinessCalendar, toLocal } from "../calendar/index.js";
import { fixedClock } from "../platform/clock.js";
import { listMatterActions, recordAction } from "../register/index.js";
import { addDaysOfKind } from "../workflow/index.js";
import { applicationInReview, deficiencyForm, matterNow } from "./deficiency.test-kit.js";
import { deficiencyState } from "./index.js";

const TUESDAY = "2026-12-08T03:00:00.000Z"; // Tue 8 Dec 2026, 10:00 in Bangkok; Thu 10 Dec is a holiday

describe.each(testDialects())("the deficiency record on %s", (dialect) => {
  const clock = fixedClock(TUESDAY);
  let service: TestService;
  let n = 0;
  const tag = () => `d${++n}`;

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
  });
  afterAll(async () => service?.stop());

  const post = (client: OfficeClient, matterId: string, form: Record<string, string | string[]>) =>
    client.post(`/office/matters/${matterId}/deficiency`, form);

  it("LF-3, RV-2: only the manual's checklist items are accepted; nothing is recorded otherwise", async () => {
    clock.set(TUESDAY);
    const app = await applicationInReview(service, clock, tag());
    const before = await matterNow(service, app.matterId);
    // "delegation" is in the manual, but only for a juristic person: this applicant is a person (FM-5).
    for (const item of ["passport", "delegation", "id-card\u0000"]) {
      const res = await post(
        app.reviewer.client,
        app.matterId,
        await deficiencyForm(service, app.matterId, { item }),
      );
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
    const passport = await post(
      app.reviewer.client,
      app.matterId,
      await deficiencyForm(service, app.matterId, { item: "passport" }),
    );
    expect(passport.statusCode).toBe(422);
    const delegation = await post(
      app.reviewer.client,
      app.matterId,
      await deficiencyForm(service, app.matterId, { item: "delegation" }),
    );
    expect(delegation.statusCode).toBe(422);
    const panel = await app.reviewer.client.get(`/office/matters/${app.matterId}/deficiency`);
    expect(panel.body).toContain('name="item" value="id-card"');
    expect(panel.body).not.toContain('value="delegation"');
    expect(passport.body).toContain("passport");
    const empty = await post(
      app.reviewer.client,
      app.matterId,
      await deficiencyForm(service, app.matterId, { item: [] }),
    );
    expect(empty.statusCode).toBe(400);
    const after = await matterNow(service, app.matterId);
    expect(after.version).toBe(before.version);
    expect(after.status).toBe("in_review");
    expect((await deficiencyState(service.handle.db, app.matterId)).requested).toBe(false);
  });

  it("RV-2, LF-2, ES-1: the record pauses the clock, its letter is numbered, the deadline counts business days across a holiday and a weekend", async () => {
    clock.set(TUESDAY);
    const app = await applicationInReview(service, clock, tag());
    const res = await post(app.reviewer.client, app.matterId, await deficiencyForm(service, app.matterId));
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe(`/office/matters/${app.matterId}`);
    const matter = await matterNow(service, app.matterId);
    expect(matter.status).toBe("more_info_requested");
    expect(matter.pausedAt?.toISOString()).toBe(TUESDAY);
    const record = await service.handle.db
      .selectFrom("deficiency_records")
      .selectAll()
      .where("matter_id", "=", app.matterId)
      .executeTakeFirstOrThrow();
    // 3 business days from Tuesday: Wednesday 9, (Thursday 10 a holiday), Friday 11, (the weekend), Monday 14.
    expect(toLocal(new Date(record.deadline), "Asia/Bangkok").date).toBe("2026-12-14");
    expect(record.deadline_kind).toBe("business");
    expect(record.officer_acknowledged_by).toBe(app.reviewer.staff.id);
    expect(record.officer_acknowledged_at).toBe(TUESDAY);
    expect(JSON.parse(record.items)).toEqual([
      { documentId: "id-card", problem: "defective", note: "สำเนาไม่ชัด" },
    ]);
    const letter = await service.handle.db
      .selectFrom("outgoing_letters")
      .selectAll()
      .where("id", "=", record.letter_id)
      .executeTakeFirstOrThrow();
    expect(letter.number).toMatch(/^ตย 0001\/\d+$/);
    expect(letter.purpose).toBe("deficiency-record");
    expect(letter.matter_id).toBe(app.matterId);
    expect(letter.subject).toContain("แจ้งความบกพร่องของคำขอ");
    expect(letter.body).toContain("บัตรประจำตัวประชาชน");
    expect(letter.body).toContain("3 วันทำการ");
    expect(letter.body).toContain("14 ธันวาคม 2569");
    expect(letter.signer_name).toBe(app.reviewer.staff.displayName);
    const actions = await listMatterActions(service.handle.db, app.matterId);
    const asked = actions.find((a) => a.action === "request-more-info");
    expect(asked?.payload).toMatchObject({
      recordId: record.id,
      letterId: letter.id,
      deadlineKind: "business",
      itemCount: 1,
    });
    expect(asked?.visibility).toBe("public");
    expect(await deficiencyState(service.handle.db, app.matterId)).toEqual({
      requested: true,
      fulfilled: false,
      deadline: new Date(record.deadline),
    });
    // The panel shows the record, its letter and the kind of day.
    const page = await app.reviewer.client.get(`/office/matters/${app.matterId}/deficiency`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(letter.number);
    expect(page.body).toContain("วันทำการ");
  });

  it("LF-3: a second record is refused, a reviewer cannot override, a supervisor can with a reason (recorded)", async () => {
    clock.set(TUESDAY);
    const app = await applicationInReview(service, clock, tag());
    expect(
      (await post(app.reviewer.client, app.matterId, await deficiencyForm(service, app.matterId))).statusCode,
    ).toBe(303);
    // While the first awaits the applicant the table refuses another request.
    const meanwhile = await post(
      app.reviewer.client,
      app.matterId,
      await deficiencyForm(service, app.matterId),
    );
    expect(meanwhile.statusCode).toBe(409);
    // The applicant answers; the reviewer resumes the review.
    const actor = { kind: "staff" as const, staffId: app.reviewer.staff.id, roles: ["reviewer" as const] };
    for (const action of ["resubmit", "resume-review"] as const)
      await recordAction(service.handle, {
        agencyId: "demo",
        subject: { matterId: app.matterId },
        action,
        payload: {},
        actor,
        at: clock.now(),
      });
    const second = await post(app.reviewer.client, app.matterId, await deficiencyForm(service, app.matterId));
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain("ครั้งเดียว");
    const byReviewer = await post(
      app.reviewer.client,
      app.matterId,
      await deficiencyForm(service, app.matterId, { overrideReason: "ขอเพิ่ม" }),
    );
    expect(byReviewer.statusCode).toBe(403);
    const supervisor = await unitOfficer(service, clock, `${tag()}-sup@demo.go.th`, ["supervisor"]);
    const noReason = await post(supervisor.client, app.matterId, await deficiencyForm(service, app.matterId));
    expect(noReason.statusCode).toBe(409);
    const allowed = await post(
      supervisor.client,
      app.matterId,
      await deficiencyForm(service, app.matterId, { overrideReason: "ผู้ยื่นส่งเอกสารฉบับใหม่ที่หมดอายุ" }),
    );
    expect(allowed.statusCode, allowed.body).toBe(303);
    const rows = await service.handle.db
      .selectFrom("deficiency_records")
      .selectAll()
      .where("matter_id", "=", app.matterId)
      .orderBy("ordinal")
      .execute();
    expect(rows.map((r) => [r.ordinal, r.override_reason, r.override_by])).toEqual([
      [1, null, null],
      [2, "ผู้ยื่นส่งเอกสารฉบับใหม่ที่หมดอายุ", supervisor.staff.id],
    ]);
  });

  it("RV-2: scope and staleness — another unit's officer gets 404, a stale form 409, no session is refused", async () => {
    clock.set(TUESDAY);
    const app = await applicationInReview(service, clock, tag());
    const saraban = await unitOfficer(service, clock, `${tag()}-other@demo.go.th`, ["reviewer"], "saraban");
    const form = await deficiencyForm(service, app.matterId);
    expect((await post(saraban.client, app.matterId, form)).statusCode).toBe(404);
    expect((await saraban.client.get(`/office/matters/${app.matterId}/deficiency`)).statusCode).toBe(404);
    expect((await post(app.reviewer.client, "no-such-matter", form)).statusCode).toBe(404);
    const stale = await post(app.reviewer.client, app.matterId, {
      ...form,
      version: String(Number(form.version) - 1),
    });
    expect(stale.statusCode).toBe(409);
    const anonymous = await service.app.inject({
      method: "POST",
      url: `/office/matters/${app.matterId}/deficiency`,
      payload: new URLSearchParams(form as Record<string, string>).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(anonymous.statusCode).toBe(401);
    const noCsrf = await app.reviewer.client.post(`/office/matters/${app.matterId}/deficiency`, form, {
      csrf: null,
    });
    expect(noCsrf.statusCode).toBe(403);
    // A double click: the first is recorded, the second (same version) is refused; one record, one letter.
    const first = await post(app.reviewer.client, app.matterId, form);
    const again = await post(app.reviewer.client, app.matterId, form);
    expect([first.statusCode, again.statusCode]).toEqual([303, 409]);
    const records = await service.handle.db
      .selectFrom("deficiency_records")
      .select("id")
      .where("matter_id", "=", app.matterId)
      .execute();
    expect(records).toHaveLength(1);
  });

  it("LF-1: the manual's clock resumes after the answer, due later by the business days it stood still", async () => {
    clock.set(TUESDAY);
    const app = await applicationInReview(service, clock, tag());
    const dueBefore = (await matterNow(service, app.matterId)).dueAt!;
    await post(app.reviewer.client, app.matterId, await deficiencyForm(service, app.matterId));
    clock.set("2026-12-11T03:00:00.000Z"); // Friday: Tuesday and Wednesday stood still (Thursday a holiday)
    await recordAction(service.handle, {
      agencyId: "demo",
      subject: { matterId: app.matterId },
      action: "resubmit",
      payload: {},
      actor: { kind: "system", name: "test" },
      at: clock.now(),
    });
    const agency = (await findAgency(service.handle.db, "demo"))!;
    const calendar = await loadBusinessCalendar(service.handle.db, agency);
    const matter = await matterNow(service, app.matterId);
    expect(matter.dueAt?.toISOString()).toBe(
      addDaysOfKind(calendar, matter.clockStart!, 5 + 2, "business").toISOString(),
    );
    expect(matter.dueAt!.getTime()).toBeGreaterThan(dueBefore.getTime());
  });
  it("RV-2, LF-2: a manual counting calendar days gives a deadline in calendar days, holidays and weekends counted, and says so", async () => {
    clock.set(TUESDAY);
    await publishTestService(service, { ...TEST_SERVICE, timeLimit: { amount: 5, dayKind: "calendar" } });
    const app = await applicationInReview(service, clock, tag());
    const res = await post(app.reviewer.client, app.matterId, await deficiencyForm(service, app.matterId));
    expect(res.statusCode, res.body).toBe(303);
    const record = await service.handle.db
      .selectFrom("deficiency_records")
      .selectAll()
      .where("matter_id", "=", app.matterId)
      .executeTakeFirstOrThrow();
    // Wednesday 9, Thursday 10 (a holiday, counted), Friday 11.
    expect(toLocal(new Date(record.deadline), "Asia/Bangkok").date).toBe("2026-12-11");
    expect(record.deadline_kind).toBe("calendar");
    const letter = await service.handle.db
      .selectFrom("outgoing_letters")
      .select("body")
      .where("id", "=", record.letter_id)
      .executeTakeFirstOrThrow();
    expect(letter.body).toContain("3 วัน (นับตามปฏิทิน)");
  });
});
