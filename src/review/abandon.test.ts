import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unitOfficer } from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { listMatterActions } from "../register/index.js";
import { applicationInReview, matterNow } from "./deficiency.test-kit.js";
import { sweepAbandonProposals } from "./index.js";

const DAY0 = "2026-12-08T03:00:00.000Z"; // Tue 8 Dec 2026, 10:00 in Bangkok
const at = (days: number) => new Date(Date.parse(DAY0) + days * 86_400_000).toISOString();

describe.each(testDialects())("RV-3, the 30-day rule, on %s", (dialect) => {
  const clock = fixedClock(DAY0);
  let service: TestService;
  let n = 0;
  const tag = () => `r${++n}`;

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
  });
  afterAll(async () => service?.stop());

  const attempt = async (
    client: Awaited<ReturnType<typeof unitOfficer>>["client"],
    matterId: string,
    outcome: string,
  ) =>
    client.post(`/office/matters/${matterId}/deficiency/contact-attempts`, {
      version: String((await matterNow(service, matterId)).version),
      channel: "phone",
      outcome,
      note: "โทรไม่รับสาย",
    });
  const approve = async (client: Awaited<ReturnType<typeof unitOfficer>>["client"], matterId: string) =>
    client.post(`/office/matters/${matterId}/deficiency/abandon`, {
      version: String((await matterNow(service, matterId)).version),
      reason: "ติดต่อผู้ยื่นคำขอไม่ได้เกิน 30 วัน",
    });
  const proposals = async (matterId: string) =>
    (await listMatterActions(service.handle.db, matterId)).filter((a) => a.action === "propose-abandon");

  it("RV-3: 29 calendar days after the first unreachable attempt closing is refused; at 30 it is proposed once; only the head of agency approves", async () => {
    clock.set(DAY0);
    const app = await applicationInReview(service, clock, tag());
    const bad = await app.reviewer.client.post(
      `/office/matters/${app.matterId}/deficiency/contact-attempts`,
      {
        version: String((await matterNow(service, app.matterId)).version),
        channel: "pigeon",
        outcome: "unreachable",
      },
    );
    expect(bad.statusCode).toBe(400);
    expect((await attempt(app.reviewer.client, app.matterId, "unreachable")).statusCode).toBe(303);
    const logged = (await listMatterActions(service.handle.db, app.matterId)).filter(
      (a) => a.action === "record-contact-attempt",
    );
    expect(logged.map((a) => [a.payload.channel, a.payload.outcome, a.visibility])).toEqual([
      ["phone", "unreachable", "officers"],
    ]);

    clock.set(at(29));
    expect(await sweepAbandonProposals({ handle: service.handle }, clock.now())).toBe(0);
    const head = await unitOfficer(service, clock, `${tag()}-head@demo.go.th`, ["head_of_agency"]);
    const early = await approve(head.client, app.matterId);
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain("29");
    const panel = await head.client.get(`/office/matters/${app.matterId}/deficiency`);
    expect(panel.body).toContain('data-abandon-days="29"');
    expect(panel.body).toContain("นับตามปฏิทิน");
    expect(panel.body).not.toContain("/deficiency/abandon");

    clock.set(at(30));
    expect(await sweepAbandonProposals({ handle: service.handle }, clock.now())).toBeGreaterThanOrEqual(1);
    expect(await sweepAbandonProposals({ handle: service.handle }, clock.now())).toBe(0);
    expect(await proposals(app.matterId)).toHaveLength(1);
    expect((await proposals(app.matterId))[0]!.payload).toMatchObject({ dayKind: "calendar", days: 30 });

    const reviewer = await unitOfficer(service, clock, `${tag()}-rev@demo.go.th`, ["reviewer"]);
    expect((await approve(reviewer.client, app.matterId)).statusCode).toBe(403);
    const supervisor = await unitOfficer(service, clock, `${tag()}-sup@demo.go.th`, ["supervisor"]);
    expect((await approve(supervisor.client, app.matterId)).statusCode).toBe(403);
    const head30 = await unitOfficer(service, clock, `${tag()}-head30@demo.go.th`, ["head_of_agency"]);
    const page = await head30.client.get(`/office/matters/${app.matterId}/deficiency`);
    expect(page.body).toContain('data-abandon="proposed"');
    expect(page.body).toContain("/deficiency/abandon");
    const noReason = await head30.client.post(`/office/matters/${app.matterId}/deficiency/abandon`, {
      version: String((await matterNow(service, app.matterId)).version),
      reason: " ",
    });
    expect(noReason.statusCode).toBe(400);
    const done = await approve(head30.client, app.matterId);
    expect(done.statusCode, done.body).toBe(303);
    const matter = await matterNow(service, app.matterId);
    expect(matter.status).toBe("abandoned");
    // Once closed, a second click is refused and nothing more is proposed.
    expect((await approve(head30.client, app.matterId)).statusCode).toBe(409);
    clock.set(at(60));
    expect(await sweepAbandonProposals({ handle: service.handle }, clock.now())).toBe(0);
  });

  it("RV-3: reaching the applicant restarts the 30 calendar days from the next unreachable attempt", async () => {
    clock.set(DAY0);
    const app = await applicationInReview(service, clock, tag());
    await attempt(app.reviewer.client, app.matterId, "unreachable");
    clock.set(at(10));
    const officer = await unitOfficer(service, clock, `${tag()}-rev@demo.go.th`, ["reviewer"]);
    await attempt(officer.client, app.matterId, "reached");
    clock.set(at(12));
    const again = await unitOfficer(service, clock, `${tag()}-rev2@demo.go.th`, ["reviewer"]);
    await attempt(again.client, app.matterId, "unreachable");
    clock.set(at(35)); // 35 days after the first, 23 after the one that counts
    expect(await sweepAbandonProposals({ handle: service.handle }, clock.now())).toBe(0);
    expect(await proposals(app.matterId)).toHaveLength(0);
    const head = await unitOfficer(service, clock, `${tag()}-head@demo.go.th`, ["head_of_agency"]);
    expect((await approve(head.client, app.matterId)).statusCode).toBe(409);
    clock.set(at(42));
    expect(await sweepAbandonProposals({ handle: service.handle }, clock.now())).toBeGreaterThanOrEqual(1);
    expect(await proposals(app.matterId)).toHaveLength(1);
  });

  it("RV-3: another unit's officer cannot record an attempt (404); a stale form is refused (409)", async () => {
    clock.set(DAY0);
    const app = await applicationInReview(service, clock, tag());
    const other = await unitOfficer(service, clock, `${tag()}-other@demo.go.th`, ["reviewer"], "saraban");
    expect((await attempt(other.client, app.matterId, "unreachable")).statusCode).toBe(404);
    const stale = await app.reviewer.client.post(
      `/office/matters/${app.matterId}/deficiency/contact-attempts`,
      {
        version: "0",
        channel: "phone",
        outcome: "unreachable",
      },
    );
    expect(stale.statusCode).toBe(409);
    const rows = await service.handle.db
      .selectFrom("contact_attempts")
      .select("id")
      .where("matter_id", "=", app.matterId)
      .execute();
    expect(rows).toHaveLength(0);
  });
});
