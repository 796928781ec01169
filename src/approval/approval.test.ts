import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeMatter, submitTestApplication, unitOfficer } from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import { type OfficeClient, signedInChief, stepUp } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService, TEST_SERVICE } from "../../test/service-fixture.js";
import { findAgency } from "../agencies/index.js";
import { loadBusinessCalendar } from "../calendar/index.js";
import { fixedClock } from "../platform/clock.js";
import { withTransaction } from "../platform/db/database.js";
import { findMatter, listMatterActions, recordAction, registerEntry } from "../register/index.js";
import { deficiencyState, requestMoreInformation, sweepDeficiencyAnswers } from "../review/index.js";
import type { Role } from "../staff/index.js";

// Monday 23 November 2026, 10:00 Bangkok.
const clock = fixedClock("2026-11-23T03:00:00.000Z");

/** Posts a back-office form as a browser would. */
async function act(client: OfficeClient, url: string, form: Record<string, string>) {
  const body = new URLSearchParams({ _csrf: client.csrf, ...form });
  const res = await client.app.inject({
    method: "POST",
    url,
    payload: body.toString(),
    headers: {
      accept: "text/html",
      "content-type": "application/x-www-form-urlencoded",
      cookie: client.cookieHeader,
    },
  });
  // The error page names the stable code under its message.
  const code = res.statusCode >= 400 ? /<p>([A-Z_]+)<\/p>/.exec(res.body)?.[1] : undefined;
  return { status: res.statusCode, code, location: res.headers.location };
}

describe.each(testDialects())("approval on %s", (dialect) => {
  let service: TestService;
  let admin: OfficeClient;
  const officers: Record<string, { client: OfficeClient; id: string; roles: Role[] }> = {};

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    admin = await signedInChief(service, clock, "chief@demo.go.th");
    const make = async (name: string, roles: Role[], unit = "permits") => {
      const { client, staff } = await unitOfficer(service, clock, `${name}@demo.go.th`, roles, unit);
      await stepUp(client, clock); // WS-3: a decision needs a fresh password + code
      officers[name] = { client, id: staff.id, roles };
    };
    await make("reviewer", ["reviewer"]);
    await make("approver", ["approver"]);
    await make("boss", ["approver", "head_of_agency"]);
    await make("head", ["head_of_agency"]);
    await make("outsider", ["approver", "reviewer"], "saraban");
    // AP-1: the test service is decided by an approver of the unit, then by the head of agency.
    const set = await act(admin, `/office/approval-chains/${TEST_SERVICE.code}`, {
      level1Role: "approver",
      level1Unit: "",
      level1LabelTh: "หัวหน้างานอนุญาต",
      level1LabelEn: "Head of Permits",
      level2Role: "head_of_agency",
      level2Unit: "",
      level2LabelTh: "ผู้อำนวยการเขต",
      level2LabelEn: "District Director",
    });
    expect(set.status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  const o = (name: string) => officers[name]!;
  const version = async (matterId: string) =>
    (await findMatter(service.handle.db, "demo", matterId))!.version;
  const status = async (matterId: string) => (await findMatter(service.handle.db, "demo", matterId))!.status;
  const base = (matterId: string) => `/office/matters/${matterId}/approval`;

  /** An application routed to permits and under review, as the review part leaves it. */
  async function matterInReview(): Promise<string> {
    const { matterId } = await submitTestApplication(service);
    await routeMatter(service, clock, matterId);
    const r = o("reviewer");
    await recordAction(service.handle, {
      agencyId: "demo",
      subject: { matterId },
      action: "start-review",
      payload: {},
      actor: { kind: "staff", staffId: r.id, roles: r.roles },
      at: clock.now(),
    });
    return matterId;
  }

  async function submitted(): Promise<string> {
    const matterId = await matterInReview();
    // AP-1: under review, the panel offers the reviewer to submit it; the approver has nothing to decide yet.
    const reviewing = await o("reviewer").client.get(base(matterId));
    expect(reviewing.body).toContain(`${base(matterId)}/submit`);
    expect(reviewing.body).toContain(`name="expectedVersion" value="${await version(matterId)}"`);
    expect((await o("approver").client.get(base(matterId))).body).not.toContain(`${base(matterId)}/decide`);
    const res = await act(o("reviewer").client, `${base(matterId)}/submit`, {
      expectedVersion: String(await version(matterId)),
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/office/matters/${matterId}`);
    return matterId;
  }

  const decide = async (who: string, matterId: string, form: Record<string, string>) =>
    act(o(who).client, `${base(matterId)}/decide`, {
      expectedVersion: String(await version(matterId)),
      ...form,
    });

  it("AP-1: a two-level chain (the unit's approver, then the head of agency) approves, with a numbered decision letter", async () => {
    const matterId = await submitted();
    expect(await status(matterId)).toBe("awaiting_approval");
    const page = await o("approver").client.get(base(matterId));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("หัวหน้างานอนุญาต");
    expect(page.body).toContain(`${base(matterId)}/decide`);
    // The head of agency's level is not yet theirs: no form.
    expect((await o("head").client.get(base(matterId))).body).not.toContain(`${base(matterId)}/decide`);

    expect((await decide("approver", matterId, { decision: "approve" })).status).toBe(303);
    expect(await status(matterId)).toBe("awaiting_approval");
    expect((await decide("head", matterId, { decision: "approve" })).status).toBe(303);
    const matter = (await findMatter(service.handle.db, "demo", matterId))!;
    // #14 PY-1: approved, and in the same transaction asked for the service's fee.
    expect(matter.status).toBe("awaiting_payment");
    expect(matter.decidedAt?.toISOString()).toBe(clock.now().toISOString());

    const actions = await listMatterActions(service.handle.db, matterId);
    const approve = actions.find((a) => a.action === "approve")!;
    expect(actions.filter((a) => a.action === "approve-level")).toHaveLength(1);
    expect(approve.actor).toBe(`staff:${o("head").id}`);
    const letter = await service.handle.db
      .selectFrom("outgoing_letters")
      .selectAll()
      .where("id", "=", String(approve.payload.letterId))
      .executeTakeFirstOrThrow();
    expect(letter).toMatchObject({
      purpose: "decision",
      matter_id: matterId,
      signer_position: "ผู้อำนวยการเขต",
    });
    expect(letter.number).toMatch(/^ตย 0001\/\d+$/);
    expect(letter.signer_name).toBe("head");
    expect(letter.to_name).toBe("สมหญิง รักดี");
    // LF-5: the panel says when the decision was made.
    expect((await o("approver").client.get(base(matterId))).body).toContain("พิจารณาแล้วเสร็จเมื่อ");
  });

  it("AP-1: a refusal without reasons or without a remedy is refused (422); with both it rejects and its letter says them", async () => {
    const matterId = await submitted();
    await decide("approver", matterId, { decision: "approve" });
    const noReasons = await decide("head", matterId, { decision: "refuse", reasonKind: "unqualified" });
    expect(noReasons).toMatchObject({ status: 422, code: "APPROVAL_REASONS_REQUIRED" });
    const noRemedy = await decide("head", matterId, {
      decision: "refuse",
      reasonKind: "unqualified",
      reasons: "สถานที่ไม่ผ่านการตรวจ",
    });
    expect(noRemedy).toMatchObject({ status: 422, code: "APPROVAL_REMEDY_REQUIRED" });
    expect(await decide("head", matterId, { decision: "send-back" })).toMatchObject({
      status: 422,
      code: "APPROVAL_REASONS_REQUIRED",
    });
    const refused = await decide("head", matterId, {
      decision: "refuse",
      reasonKind: "unqualified",
      reasons: "สถานที่ไม่ผ่านการตรวจสุขลักษณะ",
      remedy: "ปรับปรุงห้องครัวแล้วยื่นคำขอใหม่",
    });
    expect(refused.status).toBe(303);
    expect(await status(matterId)).toBe("rejected");
    const letter = await service.handle.db
      .selectFrom("outgoing_letters")
      .selectAll()
      .where("matter_id", "=", matterId)
      .executeTakeFirstOrThrow();
    expect(letter.purpose).toBe("refusal");
    expect(letter.body).toContain("สถานที่ไม่ผ่านการตรวจสุขลักษณะ");
    expect(letter.body).toContain("ปรับปรุงห้องครัวแล้วยื่นคำขอใหม่");
  });

  it("AP-1: the same officer cannot decide two levels; a level's role mismatch is 403", async () => {
    const matterId = await submitted();
    // The head of agency does not hold the first level's role; the reviewer holds none.
    expect(await decide("head", matterId, { decision: "approve" })).toMatchObject({
      status: 403,
      code: "APPROVAL_LEVEL_FORBIDDEN",
    });
    expect(await decide("reviewer", matterId, { decision: "approve" })).toMatchObject({
      status: 403,
      code: "APPROVAL_LEVEL_FORBIDDEN",
    });
    expect((await decide("boss", matterId, { decision: "approve" })).status).toBe(303);
    expect(await decide("boss", matterId, { decision: "approve" })).toMatchObject({
      status: 409,
      code: "APPROVAL_ALREADY_DECIDED",
    });
    expect(await status(matterId)).toBe("awaiting_approval");
  });

  it("AP-1: a stale form is 409 MATTER_CHANGED and a double click decides once", async () => {
    const matterId = await submitted();
    const v = await version(matterId);
    const stale = await act(o("approver").client, `${base(matterId)}/decide`, {
      expectedVersion: String(v - 1),
      decision: "approve",
    });
    expect(stale).toMatchObject({ status: 409, code: "MATTER_CHANGED" });
    const form = { expectedVersion: String(v), decision: "approve" };
    const [first, second] = [
      await act(o("approver").client, `${base(matterId)}/decide`, form),
      await act(o("approver").client, `${base(matterId)}/decide`, form),
    ];
    expect(first.status).toBe(303);
    expect(second).toMatchObject({ status: 409, code: "MATTER_CHANGED" });
    const actions = await listMatterActions(service.handle.db, matterId);
    expect(actions.filter((a) => a.action === "approve-level")).toHaveLength(1);
    // Two clicks at once: one decision, the other refused.
    const raced = await submitted();
    const racedForm = { expectedVersion: String(await version(raced)), decision: "approve" };
    const both = await Promise.all([
      act(o("approver").client, `${base(raced)}/decide`, racedForm),
      act(o("approver").client, `${base(raced)}/decide`, racedForm),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([303, 409]);
    const racedActions = await listMatterActions(service.handle.db, raced);
    expect(racedActions.filter((a) => a.action === "approve-level")).toHaveLength(1);
    // A decision where the table allows none now: 409.
    const approved = await submitted();
    await decide("approver", approved, { decision: "approve" });
    await decide("head", approved, { decision: "approve" });
    expect(await decide("head", approved, { decision: "approve" })).toMatchObject({
      status: 409,
      code: "ACTION_NOT_ALLOWED",
    });
  });

  it("AP-1: a send-back returns the matter to review and the chain starts again; no one decides two levels across rounds", async () => {
    const matterId = await submitted();
    await decide("boss", matterId, { decision: "approve" });
    const back = await decide("head", matterId, { decision: "send-back", reasons: "ขอผลตรวจสถานที่" });
    expect(back.status).toBe(303);
    expect(await status(matterId)).toBe("in_review");
    const again = await act(o("reviewer").client, `${base(matterId)}/submit`, {
      expectedVersion: String(await version(matterId)),
    });
    expect(again.status).toBe(303);
    expect((await decide("approver", matterId, { decision: "approve" })).status).toBe(303);
    // The officer who decided the first level before may not decide the second now.
    expect(await decide("boss", matterId, { decision: "approve" })).toMatchObject({
      status: 409,
      code: "APPROVAL_ALREADY_DECIDED",
    });
    expect((await decide("head", matterId, { decision: "approve" })).status).toBe(303);
    expect(await status(matterId)).toBe("awaiting_payment");
  });

  it("LF-3: a refusal as incomplete after the deficiency record was fulfilled is 409", async () => {
    const matterId = await matterInReview();
    const r = o("reviewer");
    const reviewer = { kind: "staff" as const, staffId: r.id, roles: r.roles };
    const version = (await findMatter(service.handle.db, "demo", matterId))!.version;
    // The real record, answered by a reply that joined the matter (as the mail intake registers one).
    await requestMoreInformation(
      { handle: service.handle, clock },
      {
        agencyId: "demo",
        matterId,
        expectedVersion: version,
        items: [{ documentId: "id-card", problem: "defective", note: "ภาพไม่ชัด" }],
        deadlineDays: 7,
      },
      { staffId: r.id, roles: r.roles },
    );
    const agency = (await findAgency(service.handle.db, "demo"))!;
    const calendar = await loadBusinessCalendar(service.handle.db, agency);
    await withTransaction(service.handle, (trx) =>
      registerEntry(
        trx,
        {
          agencyId: "demo",
          matterId,
          channel: "email",
          senderName: "สมหญิง รักดี",
          senderEmail: "somying@example.com",
          subject: "Re: แจ้งความบกพร่องของคำขอ",
          body: "แนบสำเนาบัตรที่ชัดแล้วค่ะ",
          language: "th",
          attachments: [],
          receivedAt: new Date(clock.now().getTime() + 60_000),
        },
        { clock, calendar, actor: "system:mail" },
      ),
    );
    expect(await sweepDeficiencyAnswers({ handle: service.handle }, clock.now())).toBe(1);
    expect(await deficiencyState(service.handle.db, matterId)).toMatchObject({
      requested: true,
      fulfilled: true,
    });
    for (const action of ["resume-review", "submit-for-approval"] as const)
      await recordAction(service.handle, {
        agencyId: "demo",
        subject: { matterId },
        action,
        payload: {},
        actor: reviewer,
        at: clock.now(),
      });
    const refusal = {
      decision: "refuse",
      reasonKind: "incomplete",
      reasons: "เอกสารไม่ครบ",
      remedy: "ยื่นสำเนาทะเบียนบ้าน",
    };
    expect(await decide("approver", matterId, refusal)).toMatchObject({
      status: 409,
      code: "REFUSAL_AFTER_DEFICIENCY_FULFILLED",
    });
    expect((await decide("approver", matterId, { ...refusal, reasonKind: "unqualified" })).status).toBe(303);
  });

  it("scope: another unit's officer gets 404, an anonymous request is refused", async () => {
    const matterId = await submitted();
    const outsider = o("outsider");
    expect((await outsider.client.get(base(matterId))).statusCode).toBe(404);
    expect(await decide("outsider", matterId, { decision: "approve" })).toMatchObject({
      status: 404,
      code: "MATTER_NOT_FOUND",
    });
    expect((await outsider.client.get(`${base(matterId)}/sheet.pdf`)).statusCode).toBe(404);
    const anonymous = await service.app.inject({
      method: "POST",
      url: `${base(matterId)}/decide`,
      payload: "decision=approve&expectedVersion=1",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    });
    expect(anonymous.statusCode).toBe(401);
    const page = await service.app.inject({ url: base(matterId), headers: { accept: "text/html" } });
    expect(page.statusCode).toBe(303);
    expect(String(page.headers.location)).toContain("/office/login");
    // A matter id that exists nowhere reads the same as another unit's.
    const unknown = await act(o("approver").client, `${base("no-such-matter")}/decide`, {
      expectedVersion: "1",
      decision: "approve",
    });
    expect(unknown).toMatchObject({ status: 404, code: "MATTER_NOT_FOUND" });
  });
});
