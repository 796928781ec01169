import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeMatter, submitTestApplication, unitId, unitOfficer } from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import { addOtherAgency } from "../../test/factories.js";
import type { OfficeClient } from "../../test/office.js";
import { signedInOfficer } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { listMatterActions } from "../register/index.js";

// Monday 23 November 2026, 10:00 Bangkok.
const MONDAY_10 = "2026-11-23T03:00:00.000Z";
const minutes = (n: number) => new Date(Date.parse(MONDAY_10) + n * 60_000).toISOString();

const versionOf = (page: string) => Number(/name="version" value="(\d+)"/.exec(page)?.[1]);
const queueOrder = (page: string) => [...page.matchAll(/data-matter="([^"]+)"/g)].map((m) => m[1]);

describe.each(testDialects())("casework pages on %s", (dialect) => {
  const clock = fixedClock(MONDAY_10);
  let service: TestService;
  let n = 0;
  const officer = async (roles: string[], unit = "permits") =>
    (await unitOfficer(service, clock, `cw${++n}@demo.go.th`, roles, unit)).client;
  const actions = async (matterId: string, action: string) =>
    (await listMatterActions(service.handle.db, matterId)).filter((a) => a.action === action);
  const act = (client: OfficeClient, matterId: string, form: Record<string, string>) =>
    client.post(`/office/matters/${matterId}/actions`, form);
  const m: Record<string, string> = {};

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    // Received A, B, C in that order; routed C, A, B: the queue still goes by receipt (RV-1).
    for (const [i, name] of ["A", "B", "C"].entries()) {
      clock.set(minutes(i * 5));
      m[name] = (await submitTestApplication(service)).matterId;
    }
    clock.set(minutes(20));
    m.D = (await submitTestApplication(service)).matterId;
    for (const name of ["C", "A", "B"]) await routeMatter(service, clock, m[name]!);
  }, 120_000);
  afterAll(() => service?.stop());

  it("RV-1: a unit's queue lists its open matters first come, first served, whatever the order they were routed in", async () => {
    const reviewer = await officer(["reviewer"]);
    const page = await reviewer.get("/office/work?view=all");
    expect(page.statusCode).toBe(200);
    const order = queueOrder(page.body).filter((id) => [m.A, m.B, m.C, m.D].includes(id));
    expect(order).toEqual([m.A, m.B, m.C]);
    // Each row names the due date with its kind of day and the days left.
    expect(page.body).toContain("วันทำการ");
    expect(page.body).toMatch(/เหลือ \d+ วันทำการ/);
  });

  it("RG-5: the saraban officer sees the matter no unit has yet, and routes it with a memo only officers see", async () => {
    const saraban = await officer(["saraban_officer"], "saraban");
    const unrouted = await saraban.get("/office/work?view=unrouted");
    expect(queueOrder(unrouted.body)).toContain(m.D);
    expect(queueOrder(unrouted.body)).not.toContain(m.A);
    const page = await saraban.get(`/office/matters/${m.D}`);
    expect(page.statusCode).toBe(200);
    const routed = await act(saraban, m.D!, {
      action: "route",
      version: String(versionOf(page.body)),
      unitId: await unitId(service, "permits"),
      text: "บันทึกส่งงานอนุญาต: โปรดพิจารณาภายในกำหนด",
    });
    expect(routed.statusCode).toBe(303);
    expect(queueOrder((await saraban.get("/office/work?view=unrouted")).body)).not.toContain(m.D);
    const memo = await actions(m.D!, "route");
    expect(memo).toHaveLength(1);
    expect(memo[0]!.visibility).toBe("officers");
    expect(memo[0]!.payload.text).toContain("บันทึกส่งงานอนุญาต");
    // The applicant's timeline never holds it.
    const publicOnly = await listMatterActions(service.handle.db, m.D!, { publicOnly: true });
    expect(publicOnly.map((a) => a.action)).not.toContain("route");
    // Once routed, it is the unit's: the saraban's page of it is gone (404).
    expect((await saraban.get(`/office/matters/${m.D}`)).statusCode).toBe(404);
  });

  it("RG-5: claim with the page's version; a double click is one action, the second a 409", async () => {
    const reviewer = await officer(["reviewer"]);
    const page = await reviewer.get(`/office/matters/${m.A}`);
    const version = String(versionOf(page.body));
    const first = await act(reviewer, m.A!, { action: "claim", version });
    const second = await act(reviewer, m.A!, { action: "claim", version });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(`/office/matters/${m.A}`);
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain("มีการเปลี่ยนแปลงหลังจากเปิดหน้านี้");
    expect(await actions(m.A!, "claim")).toHaveLength(1);
    const mine = await reviewer.get("/office/work?view=mine");
    expect(queueOrder(mine.body)).toEqual([m.A]);
    const unassigned = await reviewer.get("/office/work?view=unassigned");
    expect(queueOrder(unassigned.body)).not.toContain(m.A);
  });

  it("RG-5: assign only to an active officer of the matter's unit; reassign; comments stay with officers", async () => {
    const lead = await officer(["supervisor"]);
    const colleague = await unitOfficer(service, clock, `cw${++n}@demo.go.th`, ["reviewer"]);
    const outsider = await unitOfficer(service, clock, `cw${++n}@demo.go.th`, ["reviewer"], "saraban");
    let page = await lead.get(`/office/matters/${m.B}`);
    expect(page.body).toContain(`value="${colleague.staff.id}"`);
    expect(page.body).not.toContain(`value="${outsider.staff.id}"`);
    const refused = await act(lead, m.B!, {
      action: "assign",
      version: String(versionOf(page.body)),
      staffId: outsider.staff.id,
    });
    expect(refused.statusCode).toBe(400);
    const assigned = await act(lead, m.B!, {
      action: "assign",
      version: String(versionOf(page.body)),
      staffId: colleague.staff.id,
    });
    expect(assigned.statusCode).toBe(303);
    page = await lead.get(`/office/matters/${m.B}`);
    const commented = await act(lead, m.B!, {
      action: "comment",
      version: String(versionOf(page.body)),
      text: "ตรวจทะเบียนพาณิชย์ก่อน",
    });
    expect(commented.statusCode).toBe(303);
    const comment = await actions(m.B!, "comment");
    expect(comment.map((c) => c.visibility)).toEqual(["officers"]);
    page = await lead.get(`/office/matters/${m.B}`);
    expect(page.body).toContain("ตรวจทะเบียนพาณิชย์ก่อน");
    expect(page.body).toMatch(/data-action="comment" data-visibility="officers"/);
    const publicOnly = await listMatterActions(service.handle.db, m.B!, { publicOnly: true });
    expect(publicOnly.map((a) => a.action)).toEqual([]);
    // An empty comment is refused, naming what is missing.
    const empty = await act(lead, m.B!, {
      action: "comment",
      version: String(versionOf(page.body)),
      text: " ",
    });
    expect(empty.statusCode).toBe(400);
  });

  it("the table decides: a step it does not allow now is a 409, one not for the officer's roles a 403; a stale form a 409", async () => {
    const reviewer = await officer(["reviewer"]);
    const page = await reviewer.get(`/office/matters/${m.C}`);
    const version = String(versionOf(page.body));
    // The buttons are the table's: a received application can be started, not resumed.
    expect(page.body).toContain('value="start-review"');
    expect(page.body).not.toContain('value="resume-review"');
    expect((await act(reviewer, m.C!, { action: "resume-review", version })).statusCode).toBe(409);
    const finance = await officer(["finance_officer"]);
    await finance.get(`/office/matters/${m.C}`);
    expect((await act(finance, m.C!, { action: "start-review", version })).statusCode).toBe(403);
    expect((await act(reviewer, m.C!, { action: "start-review", version })).statusCode).toBe(303);
    // The form drawn before that change is stale now.
    expect((await act(reviewer, m.C!, { action: "claim", version })).statusCode).toBe(409);
    expect((await act(reviewer, m.C!, { action: "claim", version: "" })).statusCode).toBe(400);
    const matter = await reviewer.get(`/office/matters/${m.C}`);
    expect(matter.body).toContain('data-status="in_review"');
  });

  it("scope: another unit's officer and another agency's officer get 404 on the page and the POST; unauthenticated is refused", async () => {
    const outsider = await officer(["reviewer"], "saraban");
    expect((await outsider.get(`/office/matters/${m.A}`)).statusCode).toBe(404);
    expect(queueOrder((await outsider.get("/office/work?view=all")).body)).not.toContain(m.A);
    // Asking for the permits unit's queue does not widen an officer's scope.
    const other = await outsider.get(`/office/work?view=all&unit=${await unitId(service, "permits")}`);
    expect(queueOrder(other.body)).not.toContain(m.A);
    const before = (await listMatterActions(service.handle.db, m.A!)).length;
    const post = await act(outsider, m.A!, { action: "comment", version: "0", text: "x" });
    expect(post.statusCode).toBe(404);
    await addOtherAgency(service, clock);
    const { client: foreign } = await signedInOfficer(
      service.app,
      service.handle,
      clock,
      "other",
      "chief@other.go.th",
      ["supervisor"],
      "/a/other",
    );
    expect((await foreign.get(`/office/matters/${m.A}`)).statusCode).toBe(404);
    expect((await act(foreign, m.A!, { action: "comment", version: "0", text: "x" })).statusCode).toBe(404);
    expect(queueOrder((await foreign.get("/office/work")).body)).toEqual([]);
    expect((await listMatterActions(service.handle.db, m.A!)).length).toBe(before);
    const anonymous = await service.app.inject({
      url: `/office/matters/${m.A}`,
      headers: { accept: "text/html" },
    });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain("/office/login");
    const anonymousPost = await service.app.inject({
      method: "POST",
      url: `/office/matters/${m.A}/actions`,
      payload: { action: "claim", version: "1" },
    });
    expect(anonymousPost.statusCode).toBe(401);
  });

  it("RG-5: agency-wide officers filter the queue by unit; unit officers cannot widen theirs", async () => {
    const lead = await officer(["supervisor"], "saraban");
    const all = await lead.get("/office/work?view=all");
    expect(queueOrder(all.body)).toEqual(expect.arrayContaining([m.A, m.B, m.C]));
    expect(all.body).toContain('name="unit"');
    const saraban = await lead.get(`/office/work?view=all&unit=${await unitId(service, "saraban")}`);
    expect(queueOrder(saraban.body)).not.toContain(m.A);
    const permits = await lead.get(`/office/work?view=all&unit=${await unitId(service, "permits")}`);
    expect(queueOrder(permits.body)).toEqual(expect.arrayContaining([m.A, m.B, m.C]));
    const reviewer = await officer(["reviewer"]);
    expect((await reviewer.get("/office/work")).body).not.toContain('name="unit"');
  });

  it("the entry page links to its matter's page, and the matter page back to its entries", async () => {
    const lead = await officer(["supervisor"]);
    const page = await lead.get(`/office/matters/${m.A}`);
    const entryLink = /href="(\/office\/entries\/[^"]+)"/.exec(page.body)?.[1];
    expect(entryLink).toBeDefined();
    const entry = await lead.get(entryLink!);
    expect(entry.statusCode).toBe(200);
    expect(entry.body).toContain(`href="/office/matters/${m.A}"`);
  });
});
