import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitTestApplication } from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import { signedInOfficer } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { sealAuditTrail, verifyAuditTrail } from "../audit/index.js";
import { fixedClock } from "../platform/clock.js";
import { retentionPurges } from "../retention-purges.js";
import { setRetentionPeriod, sweepRetention } from "./index.js";

const T0 = "2026-11-23T03:00:00.000Z";
const clock = fixedClock(T0);
const DAY = 86_400_000;
const daysAfter = (days: number) => new Date(Date.parse(T0) + days * DAY);
const dayFile = (days: number) => `${daysAfter(days).toISOString().slice(0, 10)}.log`;

describe.each(testDialects())("retention (PD-4) on %s", (dialect) => {
  let service: TestService;
  const REGISTER_TABLES = ["entries", "matters", "attachments", "applications", "audit_events"] as const;
  const count = async (table: (typeof REGISTER_TABLES)[number] | "application_drafts" | "staff_sessions") =>
    Number(
      (
        await service.handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const sweep = () =>
    sweepRetention(
      { handle: service.handle, purges: retentionPurges({ dataDir: service.dataDir, files: service.files }) },
      clock.now(),
    );
  const trafficDir = () => path.join(service.dataDir, "traffic");

  beforeAll(async () => {
    clock.set(T0); // each dialect's run starts on the same day
    service = await startTestService(dialect, { clock, env: { TRAFFIC_LOG: "on" } });
    await publishTestService(service);
  }, 120_000);
  afterAll(() => service?.stop());

  it("PD-4: web traffic logs: one line per request with the route's pattern (never the tracking token), a 91-day-old day file deleted, an 89-day-old kept", async () => {
    const app = await submitTestApplication(service);
    await service.app.inject({ url: `/requests/${app.beYear}/${app.sequence}?t=${app.token}` });
    const today = path.join(trafficDir(), dayFile(0));
    let text = "";
    for (let i = 0; i < 50 && !/\/requests\/[^\n]*\n/.test(text); i++) {
      await new Promise((r) => setTimeout(r, 20));
      text = fs.existsSync(today) ? fs.readFileSync(today, "utf8") : "";
    }
    // Complete lines only: a line being appended has no newline yet.
    const lines = text
      .split("\n")
      .slice(0, -1)
      .map((l) => JSON.parse(l));
    const tracking = lines.find((l) => String(l.r).startsWith("/requests/"));
    expect(tracking).toMatchObject({ m: "GET", r: "/requests/:beYear/:sequence", s: 200, a: "demo" });
    expect(tracking.ip).toBeTruthy();
    expect(typeof tracking.ms).toBe("number");
    expect(text).not.toContain(app.token);

    fs.writeFileSync(path.join(trafficDir(), dayFile(-91)), "old\n");
    fs.writeFileSync(path.join(trafficDir(), dayFile(-89)), "recent\n");
    const counts = await sweep();
    expect(counts.demo?.["traffic-logs"]).toBe(1);
    expect(fs.readdirSync(trafficDir()).sort()).toEqual([dayFile(-89), dayFile(0)].sort());
    // Once a day per agency: the same day again does nothing.
    expect(await sweep()).toEqual({});
  });

  it("PD-4: an agency may lengthen a period or shorten it to the law's minimum, never below (traffic logs: 90 days)", async () => {
    const ctx = { clock, actor: "cli:test" };
    await expect(
      setRetentionPeriod(service.handle, { agencyId: "demo", dataClass: "traffic-logs", days: 30 }, ctx),
    ).rejects.toMatchObject({ code: "RETENTION_TOO_SHORT" });
    await expect(
      setRetentionPeriod(service.handle, { agencyId: "demo", dataClass: "nonsense", days: 30 }, ctx),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await setRetentionPeriod(service.handle, { agencyId: "demo", dataClass: "traffic-logs", days: 120 }, ctx);
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .select("data")
      .where("action", "=", "retention.set-period")
      .execute();
    expect(audit.map((a) => JSON.parse(a.data))).toEqual([{ dataClass: "traffic-logs", days: 120 }]);
  });

  it("PD-4, RG-4: before each class's time nothing goes; after it the class's data goes, the register's rows stay, and the audit trail still verifies", async () => {
    const db = service.handle.db;
    const version = await db.selectFrom("service_versions").select("id").executeTakeFirstOrThrow();
    const draft = (id: string, expiresAt: Date, submitted: string | null) => ({
      id,
      agency_id: "demo",
      service_version_id: version.id,
      resume_token_sha256: `sha-${id}`,
      language: "th" as const,
      applicant: JSON.stringify({ type: "person", name: "ลืม ส่ง", idNumber: "1101700230708" }),
      answers: JSON.stringify({ shopName: "ร้านที่ไม่เคยส่ง" }),
      documents: "[]",
      privacy_notice_version: "pn-1",
      email: "forgot@example.com",
      created_at: daysAfter(-40).toISOString(),
      updated_at: daysAfter(-40).toISOString(),
      expires_at: expiresAt.toISOString(),
      submitted_entry_id: submitted,
    });
    const submitted = await submitTestApplication(service, { email: "kept@example.com" });
    await db
      .insertInto("application_drafts")
      .values([
        draft("expired-draft", daysAfter(-1), null),
        draft("sent-draft", daysAfter(-1), submitted.entryId),
      ])
      .execute();
    await db
      .updateTable("outbox")
      .set({ status: "sent", sent_at: clock.now().toISOString() })
      .where("entry_id", "=", submitted.entryId)
      .execute();
    await signedInOfficer(service.app, service.handle, clock, "demo", "retention@demo.go.th", [
      "saraban_officer",
    ]);
    const registerBefore = Object.fromEntries(
      await Promise.all(REGISTER_TABLES.map(async (t) => [t, await count(t)] as const)),
    );

    // Day 3: the draft expired 4 days ago (kept 7), the message went 3 days ago (kept 365).
    clock.set(daysAfter(3));
    const early = (await sweep()).demo!;
    expect(early).toMatchObject({ "expired-drafts": 0, "outbox-payloads": 0, "held-mail": 0 });
    expect(early["staff-sessions"]).toBeGreaterThanOrEqual(1); // last used 3 days ago (kept 1)
    expect(await count("application_drafts")).toBe(2);

    // Day 400: past every class's time.
    clock.set(daysAfter(400));
    const late = (await sweep()).demo!;
    expect(late["expired-drafts"]).toBe(1);
    expect(late["outbox-payloads"]).toBeGreaterThanOrEqual(1);
    const drafts = await db.selectFrom("application_drafts").select("id").execute();
    expect(drafts.map((d) => d.id)).toEqual(["sent-draft"]);
    const message = await db
      .selectFrom("outbox")
      .select(["payload", "status", "recipient"])
      .where("entry_id", "=", submitted.entryId)
      .executeTakeFirstOrThrow();
    expect(message.status).toBe("sent");
    expect(message.payload).not.toContain("kept@example.com");
    expect(await count("staff_sessions")).toBe(0);
    // RG-4: the register keeps every entry, matter, attachment and application; the trail only grows.
    for (const table of REGISTER_TABLES.filter((t) => t !== "audit_events"))
      expect(await count(table), table).toBe(registerBefore[table]);
    const purges = await db
      .selectFrom("audit_events")
      .select(["actor", "data"])
      .where("action", "=", "retention.purge")
      .execute();
    expect(purges.length).toBeGreaterThanOrEqual(12);
    for (const p of purges) {
      expect(p.actor).toBe("system:retention");
      expect(Object.keys(JSON.parse(p.data)).sort()).toEqual(["before", "count", "dataClass", "days"]);
    }
    expect(JSON.stringify(purges)).not.toContain("forgot@example.com");
    const headFileDir = path.join(service.dataDir, "audit-heads");
    await sealAuditTrail(service.handle, { clock, headFileDir });
    const verified = await verifyAuditTrail(service.handle, { headFileDir, now: clock.now() });
    expect(verified.problems).toEqual([]);
    expect(verified.ok).toBe(true);
  });
});
