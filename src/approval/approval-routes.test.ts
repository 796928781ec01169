import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeMatter, submitTestApplication, unitOfficer } from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import { fuzzBody, textValue } from "../../test/fuzz-inputs.js";
import { type OfficeClient, signedInChief, stepUp } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService, TEST_SERVICE } from "../../test/service-fixture.js";
import { DEMO_AGENCY, initAgency } from "../agencies/index.js";
import { fixedClock } from "../platform/clock.js";
import { findMatter, recordAction } from "../register/index.js";

// Monday 23 November 2026, 10:00 Bangkok.
const clock = fixedClock("2026-11-23T03:00:00.000Z");
const SCALE = Number(process.env.FUZZ_RUNS ?? "1");
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

describe.each(testDialects())("approval chains and the approval routes' input on %s", (dialect) => {
  let service: TestService;
  let admin: OfficeClient;
  let approver: OfficeClient;
  let matterIds: string[] = [];

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    admin = await signedInChief(service, clock, "chief@demo.go.th");
    const a = await unitOfficer(service, clock, "approver@demo.go.th", ["approver", "reviewer"]);
    approver = a.client;
    // WS-3: deciding needs a fresh password + code on the session.
    await stepUp(approver, clock);
    await stepUp(admin, clock);
    matterIds = [];
    for (const status of ["in_review", "awaiting_approval"]) {
      const { matterId } = await submitTestApplication(service);
      await routeMatter(service, clock, matterId);
      const actions = status === "in_review" ? ["start-review"] : ["start-review", "submit-for-approval"];
      for (const action of actions as ("start-review" | "submit-for-approval")[])
        await recordAction(service.handle, {
          agencyId: "demo",
          subject: { matterId },
          action,
          payload: {},
          actor: { kind: "staff", staffId: a.staff.id, roles: ["reviewer"] },
          at: clock.now(),
        });
      matterIds.push(matterId);
    }
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  const post = (client: OfficeClient, url: string, form: Record<string, string>) =>
    client.app.inject({
      method: "POST",
      url,
      payload: new URLSearchParams({ _csrf: client.csrf, ...form }).toString(),
      headers: {
        accept: "application/json",
        "content-type": "application/x-www-form-urlencoded",
        cookie: client.cookieHeader,
      },
    });

  it("AP-1: an admin sets a service's chain (audited); a bad chain is refused; other officers may not", async () => {
    const list = await admin.get("/office/approval-chains");
    expect(list.statusCode).toBe(200);
    // Reached from the admins' menu.
    expect(list.body).toContain('href="/office/approval-chains"');
    expect(list.body).toContain(`/office/approval-chains/${TEST_SERVICE.code}`);
    const empty = await post(admin, `/office/approval-chains/${TEST_SERVICE.code}`, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain("VALIDATION_FAILED");
    const badRole = await post(admin, `/office/approval-chains/${TEST_SERVICE.code}`, {
      level1Role: "admin",
      level1LabelTh: "x",
    });
    expect(badRole.statusCode).toBe(400);
    const saved = await post(admin, `/office/approval-chains/${TEST_SERVICE.code}`, {
      level1Role: "supervisor",
      level1LabelTh: "หัวหน้ากลุ่มงาน",
      level1LabelEn: "",
    });
    expect(saved.statusCode).toBe(200);
    const row = await service.handle.db
      .selectFrom("approval_chains")
      .selectAll()
      .where("service_code", "=", TEST_SERVICE.code)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.levels)).toEqual([
      { role: "supervisor", unitId: null, label_th: "หัวหน้ากลุ่มงาน", label_en: "หัวหน้ากลุ่มงาน" },
    ]);
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .select("action")
      .where("action", "=", "approval.chain-set")
      .execute();
    expect(audit).toHaveLength(1);
    expect(
      (
        await post(admin, "/office/approval-chains/no-such-service", {
          level1Role: "approver",
          level1LabelTh: "x",
        })
      ).statusCode,
    ).toBe(404);
    expect((await approver.get("/office/approval-chains")).statusCode).toBe(403);
    expect((await post(approver, `/office/approval-chains/${TEST_SERVICE.code}`, {})).statusCode).toBe(403);
  });

  it("scope: another agency's matter, named by its id, is not found (404) on every approval route", async () => {
    await initAgency(
      service.handle,
      {
        ...DEMO_AGENCY,
        id: "other",
        hostnames: ["other.test"],
        domain: "other.go.th",
        centralEmail: "saraban@other.go.th",
      },
      { clock, actor: "test" },
    );
    const at = clock.now().toISOString();
    await service.handle.db
      .insertInto("matters")
      .values({
        id: "other-matter",
        agency_id: "other",
        receipt_number: "1/2569",
        subject: "คำขอของหน่วยงานอื่น",
        status: "awaiting_approval",
        kind: "application",
        created_at: at,
        updated_at: at,
      })
      .execute();
    const url = "/office/matters/other-matter/approval";
    for (const client of [admin, approver]) {
      expect((await client.get(url)).statusCode).toBe(404);
      expect((await client.get(`${url}/sheet.pdf`)).statusCode).toBe(404);
      for (const route of ["submit", "decide"]) {
        const res = await post(client, `${url}/${route}`, { expectedVersion: "0", decision: "approve" });
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe("MATTER_NOT_FOUND");
      }
    }
  });

  it("AP-1, SC-1: fuzzed bodies and ids on every approval route answer 4xx with a stable code, never 5xx (seeded)", {
    timeout: 180_000,
  }, async () => {
    const fiveHundreds: string[] = [];
    const unstable: string[] = [];
    const codes = new Set<string>();
    const field = fc.oneof(
      textValue,
      fc.constantFrom(
        "approve",
        "refuse",
        "send-back",
        "incomplete",
        "unqualified",
        "0",
        "1",
        "2",
        "-1",
        "1e9",
        "",
      ),
    );
    const form = fc
      .record(
        {
          expectedVersion: field,
          decision: field,
          reasonKind: field,
          reasons: field,
          remedy: field,
          decider: field,
          scanDevice: field,
          completenessChecked: field,
          level1Role: fc.oneof(field, fc.constantFrom("approver", "supervisor", "head_of_agency")),
          level1Unit: field,
          level1LabelTh: field,
          level2Role: field,
        },
        { requiredKeys: [] },
      )
      .map((f) => ({
        kind: "form",
        contentType: "application/x-www-form-urlencoded",
        body: Buffer.from(new URLSearchParams({ _csrf: "__CSRF__", ...f }).toString()),
      }));
    const cases = fc.sample(
      fc.record({
        route: fc.constantFrom("submit", "decide", "paper", "chain"),
        body: fc.oneof(form, fuzzBody([["_csrf", "__CSRF__"]])),
        id: fc.oneof(fc.constantFrom(...matterIds), textValue),
        asAdmin: fc.boolean(),
      }),
      { seed: 4120, numRuns: runs(300) },
    );
    for (const c of cases) {
      const client = c.asAdmin ? admin : approver;
      const url =
        c.route === "chain"
          ? `/office/approval-chains/${encodeURIComponent(c.id.slice(0, 200))}`
          : `/office/matters/${encodeURIComponent(c.id.slice(0, 200))}/approval/${c.route}`;
      const res = await service.app.inject({
        method: "POST",
        url,
        // The signed-in officer's own token, so that the handlers themselves are reached.
        payload: Buffer.from(c.body.body.toString("latin1").replace("__CSRF__", client.csrf), "latin1"),
        headers: {
          "content-type": c.body.contentType,
          accept: "application/json",
          cookie: client.cookieHeader,
          "x-csrf-token": client.csrf,
        },
      });
      const code = /"code":"([A-Z_]+)"|<p>([A-Z_]+)<\/p>/.exec(res.body);
      if (code) codes.add(code[1] ?? code[2] ?? "");
      if (res.statusCode >= 500)
        fiveHundreds.push(`${url} ${c.body.kind} → ${res.statusCode} ${res.body.slice(0, 200)}`);
      else if (res.statusCode >= 400 && !/"code":"[A-Z_]+"|<p>[A-Z_]+<\/p>/.test(res.body))
        unstable.push(`${url} ${c.body.kind} → ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
    expect(fiveHundreds, fiveHundreds.join("\n")).toEqual([]);
    expect(unstable, unstable.join("\n")).toEqual([]);
    // The handlers themselves were reached, not only the guard.
    expect([...codes]).toEqual(expect.arrayContaining(["VALIDATION_FAILED", "MATTER_NOT_FOUND"]));
    for (const id of matterIds) {
      const url = `/office/matters/${id}/approval`;
      expect((await approver.get(url)).statusCode).toBeLessThan(500);
      expect((await approver.get(`${url}/sheet.pdf`)).statusCode).toBeLessThan(500);
    }
    expect((await findMatter(service.handle.db, "demo", matterIds[0]!))?.status).toBeDefined();
  });
});
