import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDialects } from "../../test/db.js";
import { DEMO_AGENCY, initAgency } from "../agencies/index.js";
import { DEFAULT_BUSINESS_HOURS } from "../calendar/index.js";
import { fixedClock } from "../platform/clock.js";
import { withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { ROLES } from "../staff/index.js";
import { allowedActions, type StatusTable } from "../workflow/index.js";
import { matterFromRow } from "./matter.js";
import {
  END_STATUSES,
  MATTER_STATUSES,
  type MatterAction,
  type MatterActorRole,
  type MatterKind,
  type MatterStatus,
} from "./matter-statuses.js";
import { recordAction } from "./record-action.js";
import type { MatterActor } from "./record-matter-action.js";
import { registerEntry } from "./register-entry.js";

// Monday 23 November 2026, 10:00 Bangkok.
const clock = fixedClock("2026-11-23T03:00:00.000Z");
const calendar = {
  timeZone: "Asia/Bangkok",
  hours: DEFAULT_BUSINESS_HOURS,
  holidays: new Set(["2026-11-26"]),
};
const tableOf = (kind: MatterKind) =>
  MATTER_STATUSES[kind] as unknown as StatusTable<MatterStatus, MatterAction, MatterActorRole>;
const ALL_ACTIONS = [
  ...new Set(
    Object.values(MATTER_STATUSES).flatMap((t) => Object.values(t).flatMap((row) => Object.keys(row))),
  ),
] as MatterAction[];
const ACTORS: MatterActor[] = [
  ...ROLES.map((role) => ({ kind: "staff" as const, staffId: `s-${role}`, roles: [role] })),
  { kind: "system", name: "worker" },
  { kind: "applicant", via: "tracking-page" },
];
const rolesOf = (a: MatterActor): MatterActorRole[] =>
  a.kind === "staff" ? [...a.roles] : a.kind === "system" ? ["system"] : ["applicant"];
const PAYLOADS: Partial<Record<MatterAction, Record<string, string>>> = {
  assign: { staffId: "s-reviewer" },
  route: { unitId: "u-1", text: "โปรดพิจารณา" },
};

describe.each(testDialects())("a matter's workflow on %s", (dialect) => {
  let database: TestDatabase;
  const db = () => database.handle.db;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await initAgency(database.handle, DEMO_AGENCY, { clock, actor: "test" });
  });
  afterAll(() => database.drop());

  const open = (kind: MatterKind, at = clock.now()) =>
    withTransaction(database.handle, async (trx) => {
      const { entry } = await registerEntry(
        trx,
        {
          agencyId: "demo",
          channel: "web",
          senderName: "สมชาย ใจดี",
          subject: "ขออนุญาต",
          body: "",
          language: "th",
          attachments: [],
          receivedAt: at,
          opening: { kind, timeLimit: kind === "application" ? { amount: 5, dayKind: "business" } : null },
        },
        { clock: fixedClock(at), calendar, actor: "test" },
      );
      return entry.matterId;
    });
  const matterRow = (id: string) =>
    db().selectFrom("matters").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const act = (matterId: string, action: MatterAction, actor: MatterActor, at = clock.now(), extra = {}) =>
    recordAction(database.handle, {
      subject: { matterId },
      action,
      payload: (PAYLOADS[action] ?? {}) as never,
      actor,
      at,
      ...extra,
    } as Parameters<typeof recordAction>[1] & { subject: { matterId: string } });
  const reviewer: MatterActor = { kind: "staff", staffId: "s-1", roles: ["reviewer"] };

  it("LF-1, RV-6: the manual's time counts business days from receipt, and stands still while the applicant is awaited", async () => {
    const id = await open("application");
    // 5 business days after Monday 23 Nov, Thursday 26 a holiday: Tue 24, Wed 25, Fri 27, Mon 30, Tue 1 Dec.
    expect((await matterRow(id)).due_at).toBe("2026-12-01T09:30:00.000Z");
    await act(id, "start-review", reviewer);
    await act(id, "request-more-info", reviewer, new Date("2026-11-24T03:00:00Z"));
    expect((await matterRow(id)).paused_at).toBe("2026-11-24T03:00:00.000Z");
    // Answered Friday 27: Tue 24 and Wed 25 stood still (Thu 26 is a holiday, not a business day).
    await act(id, "resubmit", { kind: "applicant", via: "tracking-page" }, new Date("2026-11-27T03:00:00Z"));
    const row = await matterRow(id);
    expect(row.paused_at).toBeNull();
    expect(row.due_at).toBe("2026-12-03T09:30:00.000Z");
    const timeline = await db()
      .selectFrom("matter_actions")
      .select(["action", "to_status", "visibility"])
      .where("matter_id", "=", id)
      .orderBy("version")
      .execute();
    expect(timeline.map((r) => r.to_status)).toEqual(["in_review", "more_info_requested", "resubmitted"]);
  });

  it("a page drawn before a change is refused, not applied twice; an officer of another unit finds nothing", async () => {
    const id = await open("application");
    const started = await act(id, "start-review", reviewer, clock.now(), { expectedVersion: 0 });
    // The matter returned is the matter as stored.
    expect((started as { matter: unknown }).matter).toEqual(matterFromRow(await matterRow(id)));
    const again = await act(id, "start-review", reviewer, clock.now(), { expectedVersion: 0 }).catch(
      (e) => e,
    );
    expect(again).toBeInstanceOf(AppError);
    expect((again as AppError).code).toBe("MATTER_CHANGED");
    const other = await act(id, "comment", reviewer, clock.now(), { unitIds: ["another-unit"] }).catch(
      (e) => e,
    );
    expect((other as AppError).code).toBe("MATTER_NOT_FOUND");
    expect((await matterRow(id)).version).toBe(1);
  });

  it("property: random actions by random roles move a matter only as its table allows, each written once", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<MatterKind>("general", "application"),
        fc.array(fc.tuple(fc.constantFrom(...ALL_ACTIONS), fc.constantFrom(...ACTORS)), { maxLength: 14 }),
        async (kind, steps) => {
          const id = await open(kind);
          let status: MatterStatus = "received";
          let done = 0;
          for (const [action, actor] of steps) {
            const allowed = allowedActions(tableOf(kind), status, rolesOf(actor)).includes(action);
            const result = await act(id, action, actor).then(
              (r) => r,
              (e: unknown) => e,
            );
            if (allowed) {
              expect(result).not.toBeInstanceOf(Error);
              status = (result as { to: MatterStatus }).to;
              expect(Object.keys(tableOf(kind))).toContain(status);
              done++;
            } else {
              expect(result).toBeInstanceOf(AppError);
              expect([403, 409]).toContain((result as AppError).status);
            }
          }
          const row = await matterRow(id);
          expect(row.status).toBe(status);
          expect(row.version).toBe(done);
          const actions = await db()
            .selectFrom("matter_actions")
            .select("id")
            .where("matter_id", "=", id)
            .execute();
          expect(actions).toHaveLength(done);
        },
      ),
      { numRuns: dialect === "sqlite" ? 40 : 15, seed: 1208 },
    );
  });
});

describe("the matter tables", () => {
  it.each(Object.keys(MATTER_STATUSES) as MatterKind[])(
    "from every status of a %s an end status is reachable",
    (kind) => {
      const table = tableOf(kind);
      const everyone: MatterActorRole[] = [...ROLES, "system", "applicant"];
      for (const start of Object.keys(table) as MatterStatus[]) {
        const seen = new Set<MatterStatus>([start]);
        const queue = [start];
        while (queue.length > 0) {
          const s = queue.shift() as MatterStatus;
          for (const action of allowedActions(table, s, everyone)) {
            const next = (table[s] as Record<string, { next: MatterStatus }>)[action]?.next as MatterStatus;
            if (!seen.has(next)) {
              seen.add(next);
              queue.push(next);
            }
          }
        }
        expect(
          [...seen].some((s) => END_STATUSES.includes(s)),
          `${kind}: ${start}`,
        ).toBe(true);
      }
    },
  );

  it("every status reached by an action is a status of the same table", () => {
    for (const kind of Object.keys(MATTER_STATUSES) as MatterKind[]) {
      const table = tableOf(kind);
      for (const row of Object.values(table) as Record<string, { next: MatterStatus }>[])
        for (const step of Object.values(row)) expect(Object.keys(table)).toContain(step.next);
    }
  });
});
