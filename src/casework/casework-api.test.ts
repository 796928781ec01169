import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeMatter, submitTestApplication, unitOfficer } from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import { addOtherAgency } from "../../test/factories.js";
import { type OfficeClient, signedInOfficer, stepUp } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { listMatterActions } from "../register/index.js";

// Monday 23 November 2026, 10:00 Bangkok.
const MONDAY_10 = "2026-11-23T03:00:00.000Z";
const minutes = (n: number) => new Date(Date.parse(MONDAY_10) + n * 60_000).toISOString();

interface Summary {
  id: string;
  version: number;
  status: string;
  assignedTo: string | null;
  clock: { state: string; dayKind: string | null; daysLeft?: number };
}

describe.each(testDialects())("the casework API on %s", (dialect) => {
  const clock = fixedClock(MONDAY_10);
  let service: TestService;
  let reviewer: { client: OfficeClient; staff: { id: string } };
  const routed: string[] = [];
  let unrouted: string;
  let n = 0;
  const api = (
    client: OfficeClient | undefined,
    method: "GET" | "POST",
    url: string,
    payload?: unknown,
    csrf = client?.csrf,
  ) =>
    service.app.inject({
      method,
      url,
      headers: {
        accept: "application/json",
        ...(client && { cookie: client.cookieHeader }),
        ...(csrf && { "x-csrf-token": csrf }),
      },
      ...(payload !== undefined && { payload: payload as Record<string, unknown> }),
    });
  const officer = async (roles: string[], unit = "permits") =>
    (await unitOfficer(service, clock, `api${++n}@demo.go.th`, roles, unit)).client;
  const matterOf = async (client: OfficeClient, id: string) =>
    (await api(client, "GET", `/api/v1/office/matters/${id}`)).json() as {
      matter: Summary;
      timeline: { action: string; visibility: string }[];
      allowedActions: string[];
    };

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    for (let i = 0; i < 5; i++) {
      clock.set(minutes(i));
      routed.push((await submitTestApplication(service)).matterId);
    }
    unrouted = (await submitTestApplication(service)).matterId;
    // Routed newest first: the queue still answers oldest first (RV-1).
    for (const id of [...routed].reverse()) await routeMatter(service, clock, id);
    reviewer = await unitOfficer(service, clock, "api-reviewer@demo.go.th", ["reviewer"]);
  }, 120_000);
  afterAll(() => service?.stop());

  it("RV-1: GET /api/v1/office/matters pages the unit's queue first come, first served with a keyset cursor", async () => {
    const first = await api(reviewer.client, "GET", "/api/v1/office/matters?limit=2");
    expect(first.statusCode).toBe(200);
    const page1 = first.json() as { view: string; matters: Summary[]; next?: string };
    expect(page1.view).toBe("all");
    expect(page1.matters.map((m) => m.id)).toEqual(routed.slice(0, 2));
    expect(page1.matters[0]!.clock).toMatchObject({ state: "on-time", dayKind: "business", daysLeft: 5 });
    const ids = [...page1.matters.map((m) => m.id)];
    let next = page1.next;
    while (next) {
      const page = (
        await api(reviewer.client, "GET", `/api/v1/office/matters?limit=2&after=${encodeURIComponent(next)}`)
      ).json() as { matters: Summary[]; next?: string };
      ids.push(...page.matters.map((m) => m.id));
      next = page.next;
    }
    expect(ids).toEqual(routed);
    expect(ids).not.toContain(unrouted);
  });

  it("RG-5: claim through the API with the version seen; the same call again is a 409 MATTER_CHANGED and nothing more", async () => {
    const id = routed[0]!;
    const { matter, allowedActions } = await matterOf(reviewer.client, id);
    expect(allowedActions).toEqual(expect.arrayContaining(["claim", "comment", "start-review"]));
    const body = { action: "claim", version: matter.version };
    const first = await api(reviewer.client, "POST", `/api/v1/office/matters/${id}/actions`, body);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      from: "received",
      to: "received",
      matter: { assignedTo: reviewer.staff.id },
    });
    const again = await api(reviewer.client, "POST", `/api/v1/office/matters/${id}/actions`, body);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("MATTER_CHANGED");
    expect((await listMatterActions(service.handle.db, id)).filter((a) => a.action === "claim")).toHaveLength(
      1,
    );
    const mine = (await api(reviewer.client, "GET", "/api/v1/office/matters?view=mine")).json() as {
      matters: Summary[];
    };
    expect(mine.matters.map((m) => m.id)).toEqual([id]);
  });

  it("two clicks at once on two officers' pages: one action, the other a 409 MATTER_CHANGED", async () => {
    const id = routed[4]!;
    const colleague = await officer(["reviewer"]);
    await colleague.get("/office/work");
    const { matter } = await matterOf(reviewer.client, id);
    const results = await Promise.all(
      [reviewer.client, colleague].map((client) =>
        api(client, "POST", `/api/v1/office/matters/${id}/actions`, {
          action: "claim",
          version: matter.version,
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await listMatterActions(service.handle.db, id)).filter((a) => a.action === "claim")).toHaveLength(
      1,
    );
  });

  it("the timeline comes whole to officers, comments and memos marked officers-only", async () => {
    const id = routed[1]!;
    const { matter } = await matterOf(reviewer.client, id);
    const res = await api(reviewer.client, "POST", `/api/v1/office/matters/${id}/actions`, {
      action: "comment",
      version: matter.version,
      payload: { text: "โทรหาผู้ยื่นแล้ว" },
    });
    expect(res.statusCode).toBe(200);
    const read = await matterOf(reviewer.client, id);
    expect(read.timeline.map((a) => [a.action, a.visibility])).toEqual([
      ["route", "officers"],
      ["comment", "officers"],
    ]);
  });

  it("the table's refusals keep their codes: ACTION_NOT_ALLOWED 409, ACTION_FORBIDDEN 403, MATTER_ACTION_UNKNOWN 400", async () => {
    const id = routed[2]!;
    const { matter } = await matterOf(reviewer.client, id);
    const post = (client: OfficeClient, action: string) =>
      api(client, "POST", `/api/v1/office/matters/${id}/actions`, { action, version: matter.version });
    const notNow = await post(reviewer.client, "resume-review");
    expect([notNow.statusCode, notNow.json().error.code]).toEqual([409, "ACTION_NOT_ALLOWED"]);
    const finance = await officer(["finance_officer"]);
    await finance.get("/office/work");
    const forbidden = await post(finance, "start-review");
    expect([forbidden.statusCode, forbidden.json().error.code]).toEqual([403, "ACTION_FORBIDDEN"]);
    // WS-3: an act of decision without a step-up is refused first, whatever the action's fate.
    const notSteppedUp = await post(reviewer.client, "approve");
    expect([notSteppedUp.statusCode, notSteppedUp.json().error.code]).toEqual([401, "STEP_UP_REQUIRED"]);
    await stepUp(reviewer.client, clock);
    const unknown = await post(reviewer.client, "approve");
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([400, "MATTER_ACTION_UNKNOWN"]);
    const noText = await post(reviewer.client, "route");
    expect([noText.statusCode, noText.json().error.code]).toEqual([400, "MATTER_TEXT_REQUIRED"]);
  });

  it("refused: unauthenticated 401, no CSRF header 403, another unit's or agency's matter 404", async () => {
    const id = routed[3]!;
    const { matter } = await matterOf(reviewer.client, id);
    const body = { action: "claim", version: matter.version };
    expect((await api(undefined, "GET", "/api/v1/office/matters")).statusCode).toBe(401);
    expect((await api(undefined, "GET", `/api/v1/office/matters/${id}`)).statusCode).toBe(401);
    expect(
      (await api(undefined, "POST", `/api/v1/office/matters/${id}/actions`, { bad: 1 })).statusCode,
    ).toBe(401);
    const noCsrf = await api(reviewer.client, "POST", `/api/v1/office/matters/${id}/actions`, body, "");
    expect([noCsrf.statusCode, noCsrf.json().error.code]).toEqual([403, "CSRF_FAILED"]);
    const outsider = await officer(["reviewer"], "saraban");
    await outsider.get("/office/work");
    expect((await api(outsider, "GET", `/api/v1/office/matters/${id}`)).statusCode).toBe(404);
    const post = await api(outsider, "POST", `/api/v1/office/matters/${id}/actions`, body);
    expect([post.statusCode, post.json().error.code]).toEqual([404, "MATTER_NOT_FOUND"]);
    await addOtherAgency(service, clock);
    const { client: foreign } = await signedInOfficer(
      service.app,
      service.handle,
      clock,
      "other",
      "api-chief@other.go.th",
      ["admin"],
      "/a/other",
    );
    await foreign.get("/office/work");
    const foreignApi = (method: "GET" | "POST", url: string, payload?: unknown) =>
      service.app.inject({
        method,
        url: `/a/other${url}`,
        headers: { accept: "application/json", cookie: foreign.cookieHeader, "x-csrf-token": foreign.csrf },
        ...(payload !== undefined && { payload: payload as Record<string, unknown> }),
      });
    expect((await foreignApi("GET", `/api/v1/office/matters/${id}`)).statusCode).toBe(404);
    expect((await foreignApi("POST", `/api/v1/office/matters/${id}/actions`, body)).statusCode).toBe(404);
    const queue = (await foreignApi("GET", "/api/v1/office/matters")).json() as { matters: Summary[] };
    expect(queue.matters).toEqual([]);
    expect((await listMatterActions(service.handle.db, id)).map((a) => a.action)).toEqual(["route"]);
  });

  it("a general request takes its short path through the API: start work, answer, reopen, answer, close", async () => {
    const submitted = await service.app.inject({
      method: "POST",
      url: "/api/v1/requests",
      payload: {
        name: "สมชาย ใจดี",
        email: "somchai@example.com",
        subject: "สอบถามเวลาทำการ",
        confirmed: true,
      },
    });
    expect(submitted.statusCode).toBe(201);
    const { matter_id: id } = await service.handle.db
      .selectFrom("entries")
      .select("matter_id")
      .where("receipt_number", "=", submitted.json().receiptNumber)
      .executeTakeFirstOrThrow();
    await routeMatter(service, clock, id);
    const steps: [string, string][] = [
      ["start-work", "in_progress"],
      ["answer", "answered"],
      ["reopen", "in_progress"],
      ["answer", "answered"],
      ["close", "closed"],
    ];
    for (const [action, to] of steps) {
      const { matter, allowedActions } = await matterOf(reviewer.client, id);
      expect(allowedActions).toContain(action);
      const res = await api(reviewer.client, "POST", `/api/v1/office/matters/${id}/actions`, {
        action,
        version: matter.version,
      });
      expect([res.statusCode, res.json().to]).toEqual([200, to]);
    }
    // Closed: out of every queue, its page still there with comments only.
    const all = (await api(reviewer.client, "GET", "/api/v1/office/matters?limit=200")).json() as {
      matters: Summary[];
    };
    expect(all.matters.map((m) => m.id)).not.toContain(id);
    expect((await matterOf(reviewer.client, id)).allowedActions).toEqual(["comment"]);
  });

  it("IF-3: the staff API is in the OpenAPI document", async () => {
    const doc = (await service.app.inject({ url: "/docs/json" })).json() as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/office/matters",
        "/api/v1/office/matters/{matterId}",
        "/api/v1/office/matters/{matterId}/actions",
      ]),
    );
  });
});
