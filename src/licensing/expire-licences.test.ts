import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { issuedLicence, LICENSING_OFFICER } from "../../test/licensing.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { changeLicenceStatus } from "./change-licence-status.js";
import { expireLicences } from "./expire-licences.js";
import { findLicenceByCode } from "./licences.repo.js";
import { sweepLicences } from "./sweep-licences.js";

describe.each(testDialects())("the daily licence expiry on %s", (dialect) => {
  // Issued Monday 7 December 2026 (2569), valid for a year: to 6 December 2027 inclusive.
  const clock = fixedClock("2026-12-07T03:00:00.000Z");
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  it("LC-3: at Bangkok midnight after the last valid day, issued and suspended licences expire once, by the system; revoked ones stay revoked", async () => {
    const issued = (await issuedLicence(service, clock)).licence;
    const suspended = (await issuedLicence(service, clock)).licence;
    const revoked = (await issuedLicence(service, clock)).licence;
    for (const [licence, action] of [
      [suspended, "suspend"],
      [revoked, "revoke"],
    ] as const)
      await changeLicenceStatus(service.licensing, {
        agencyId: "demo",
        licenceId: licence.id,
        action,
        reason: "ทดสอบ",
        actor: LICENSING_OFFICER,
        at: clock.now(),
      });
    expect(issued.validUntil).toBe("2027-12-06");
    const statusOf = async (l: typeof issued) =>
      (await findLicenceByCode(service.handle.db, "demo", l.number, l.verificationCode))?.status;

    // 23:59:59 on 6 December 2027 in Bangkok (16:59:59 UTC): still the last valid day.
    expect(await expireLicences(service.licensing, new Date("2027-12-06T16:59:59.000Z"))).toMatchObject({
      demo: 0,
    });
    expect(await statusOf(issued)).toBe("issued");

    // 00:00 on 7 December in Bangkok, still the 6th in UTC: two workers at once expire each licence once.
    const midnight = new Date("2027-12-06T17:00:00.000Z");
    const runs = await Promise.all([
      expireLicences(service.licensing, midnight),
      expireLicences(service.licensing, midnight),
    ]);
    expect(runs.map((r) => r.demo ?? 0).sort()).toEqual([0, 2]);
    expect(await statusOf(issued)).toBe("expired");
    expect(await statusOf(suspended)).toBe("expired");
    expect(await statusOf(revoked)).toBe("revoked");
    const events = await service.handle.db
      .selectFrom("licence_events")
      .select(["licence_id", "actor"])
      .where("action", "=", "expire")
      .execute();
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.actor === "system:licence-expiry")).toBe(true);
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .select("subject_id")
      .where("action", "=", "licence.expire")
      .execute();
    expect(audit.map((a) => a.subject_id).sort()).toEqual([issued.id, suspended.id].sort());

    // The worker's sweep later that day finds the day claimed and writes nothing more.
    await sweepLicences(service.licensing, new Date("2027-12-07T05:00:00.000Z"));
    const runRows = await service.handle.db.selectFrom("licence_expiry_runs").selectAll().execute();
    expect(runRows.filter((r) => r.agency_id === "demo").map((r) => [r.day, Number(r.expired)])).toEqual([
      ["2027-12-06", 0],
      ["2027-12-07", 2],
    ]);
  });
});
