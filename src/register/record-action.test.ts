import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDialects } from "../../test/db.js";
import { saveUnit } from "../agencies/agencies.repo.js";
import { addReferralAgency, DEMO_AGENCY, findAgency, initAgency } from "../agencies/index.js";
import { DEFAULT_BUSINESS_HOURS } from "../calendar/index.js";
import { createOutboxWorker, enqueueMessage, settleUncertain } from "../outbox/index.js";
import { fixedClock } from "../platform/clock.js";
import { withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import type { Role } from "../staff/index.js";
import { markMisdirected } from "./misdirected.js";
import { assignUnit, cancelEntry, linkToMatter } from "./officer-actions.js";
import { recordAcknowledgement } from "./record-acknowledgement.js";
import { recordAction } from "./record-action.js";
import { registerEntry } from "./register-entry.js";

// Monday 23 November 2026, 10:00 Bangkok.
const clock = fixedClock("2026-11-23T03:00:00.000Z");
const calendar = { timeZone: "Asia/Bangkok", hours: DEFAULT_BUSINESS_HOURS, holidays: new Set<string>() };
const officer = (roles: Role[] = ["saraban_officer"]) => ({
  clock,
  staffId: "staff-1",
  roles,
  ip: "192.0.2.1",
});
const mail = { configured: true, send: async () => {}, close: () => {} };

describe.each(testDialects())("recordAction on %s", (dialect) => {
  let database: TestDatabase;
  let unitId: string;
  let referralId: string;
  const db = () => database.handle.db;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await initAgency(database.handle, DEMO_AGENCY, { clock, actor: "test" });
    unitId = newId();
    await saveUnit(
      db(),
      { id: unitId, agencyId: "demo", code: "U1", nameTh: "กอง", nameEn: "Unit" },
      "2026-11-01",
    );
    referralId = await addReferralAgency(
      database.handle,
      "demo",
      { nameTh: "กรมอื่น", nameEn: "Other department", contact: "02-000-0000" },
      { clock, actor: "test" },
    );
  });
  afterAll(() => database.drop());

  const register = (subject = "ขอข้อมูล") =>
    withTransaction(database.handle, async (trx) => {
      const { entry } = await registerEntry(
        trx,
        {
          agencyId: "demo",
          channel: "email",
          senderName: "สมชาย ใจดี",
          senderEmail: "somchai@example.com",
          subject,
          body: "",
          language: "th",
          attachments: [],
        },
        { clock, calendar, actor: "test" },
      );
      return entry;
    });
  const entryRow = (id: string) =>
    db().selectFrom("entries").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const outboxRows = (id: string) =>
    db().selectFrom("outbox").selectAll().where("entry_id", "=", id).execute();
  const auditRows = (id: string) =>
    db()
      .selectFrom("audit_events")
      .select(["action", "actor", "data"])
      .where("subject_id", "=", id)
      .where("action", "!=", "entry.register")
      .orderBy("created_at")
      .execute();
  const refused = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => undefined,
      (e: unknown) => e,
    );
    if (error instanceof AppError) return `${error.status} ${error.code}`;
    return error ? "database error" : "done";
  };

  /** The audit trail refuses rows of `action` (a trigger), as a full disk or a lost connection would. */
  async function refuseAudit(action: string) {
    if (dialect === "sqlite") {
      await sql
        .raw(`create trigger refuse_audit before insert on audit_events when new.action = '${action}'
          begin select raise(abort, 'audit refused'); end`)
        .execute(db());
    } else {
      await sql
        .raw(`create or replace function refuse_audit() returns trigger language plpgsql as $$
          begin if new.action = '${action}' then raise exception 'audit refused'; end if; return new; end $$`)
        .execute(db());
      await sql
        .raw(
          "create trigger refuse_audit before insert on audit_events for each row execute function refuse_audit()",
        )
        .execute(db());
    }
  }
  const allowAudit = () =>
    sql.raw(`drop trigger refuse_audit${dialect === "postgres" ? " on audit_events" : ""}`).execute(db());

  /** Each use case that changes an entry: its audit action, and how an officer or a worker takes it. */
  const USE_CASES: [string, string, (id: string, other: string) => Promise<unknown>][] = [
    ["cancel", "entry.cancel", (id) => cancelEntry(database.handle, "demo", id, "ลงซ้ำ", officer())],
    [
      "assign a unit",
      "entry.assign-unit",
      (id) => assignUnit(database.handle, "demo", id, unitId, officer()),
    ],
    [
      "link to a matter",
      "entry.link-matter",
      async (id, other) =>
        linkToMatter(database.handle, "demo", id, (await entryRow(other)).receipt_number, officer()),
    ],
    [
      "mark misdirected",
      "entry.misdirected",
      async (id) =>
        markMisdirected(
          database.handle,
          (await findAgency(db(), "demo"))!,
          id,
          { referralId },
          officer(),
          enqueueMessage,
        ),
    ],
    [
      "record an acknowledgement given by phone",
      "entry.acknowledge-other-way",
      async (id) =>
        recordAcknowledgement(
          database.handle,
          { id: "demo", timeZone: "Asia/Bangkok" },
          id,
          { way: "phone", atLocal: "2026-11-23T10:00" },
          officer(),
        ),
    ],
  ];

  it.each(USE_CASES)(
    "SC-1: %s writes the change and its audit row in one transaction, or neither",
    async (_, action, run) => {
      const entry = await register();
      const other = await register("เรื่องเดิม");
      const before = await entryRow(entry.id);
      await refuseAudit(action);
      try {
        expect(await refused(run(entry.id, other.id))).toBe("database error");
      } finally {
        await allowAudit();
      }
      expect(await entryRow(entry.id)).toEqual(before);
      expect(await outboxRows(entry.id)).toEqual([]);
      expect(await auditRows(entry.id)).toEqual([]);

      // The same action with the audit trail working does change the entry, audited once.
      expect(await refused(run(entry.id, other.id))).toBe("done");
      expect(await entryRow(entry.id)).not.toEqual(before);
      expect((await auditRows(entry.id)).map((a) => [a.action, a.actor])).toEqual([
        [action, "staff:staff-1"],
      ]);
    },
  );

  it("CH-4: the outbox records an acknowledgement sent with its audit row, or neither", async () => {
    const entry = await register();
    await withTransaction(database.handle, (trx) =>
      enqueueMessage(
        trx,
        {
          agencyId: "demo",
          entryId: entry.id,
          kind: "acknowledgement",
          channel: "email",
          recipient: "a@example.com",
        },
        clock.now().toISOString(),
      ),
    );
    const worker = createOutboxWorker({
      handle: database.handle,
      clock,
      mail,
      compose: async (row) => ({ from: "x@example.go.th", to: row.recipient, subject: "s", text: "t" }),
      log: () => {},
    });
    await refuseAudit("entry.acknowledge");
    try {
      expect(await refused(worker.drain())).toBe("database error");
    } finally {
      await allowAudit();
    }
    expect((await entryRow(entry.id)).acknowledged_at).toBeNull();
    expect((await outboxRows(entry.id))[0]?.status).toBe("sending"); // left for the uncertain check, never "sent"
    expect(await auditRows(entry.id)).toEqual([]);

    // An officer settles it as sent: the outbox row and the entry's acknowledgement together.
    await db().updateTable("outbox").set({ status: "uncertain" }).where("entry_id", "=", entry.id).execute();
    const outboxId = (await outboxRows(entry.id))[0]!.id;
    await refuseAudit("entry.acknowledge");
    try {
      expect(await refused(settleUncertain(database.handle, "demo", outboxId, "sent", officer()))).toBe(
        "database error",
      );
    } finally {
      await allowAudit();
    }
    expect((await outboxRows(entry.id))[0]?.status).toBe("uncertain");
    await settleUncertain(database.handle, "demo", outboxId, "sent", officer());
    expect((await entryRow(entry.id)).acknowledged_via).toBe("email");
    expect((await auditRows(entry.id)).map((a) => [a.action, a.actor])).toEqual([
      ["entry.acknowledge", "staff:staff-1"],
      ["outbox.settle-sent", "staff:staff-1"],
    ]);
  });

  it("RG-1: a cancelled entry refuses every officer's act with 409 and nothing written", async () => {
    const entry = await register();
    const other = await register();
    await cancelEntry(database.handle, "demo", entry.id, "ลงผิด", officer());
    const before = await entryRow(entry.id);
    for (const [, , run] of USE_CASES)
      expect(await refused(run(entry.id, other.id))).toBe("409 ENTRY_CANCELLED");
    expect(await entryRow(entry.id)).toEqual(before);
    expect(await outboxRows(entry.id)).toEqual([]);
    expect((await auditRows(entry.id)).map((a) => a.action)).toEqual(["entry.cancel"]);
    // #13: the reason is on the entry; the audit row keeps no free text, only its length.
    expect(JSON.parse((await auditRows(entry.id))[0]!.data)).toEqual({
      reasonLength: "ลงผิด".length,
      status: { from: "received", to: "cancelled" },
    });
  });

  it("SC-1: a role the table does not name is refused with 403 and nothing written", async () => {
    const entry = await register();
    const before = await entryRow(entry.id);
    expect(await refused(cancelEntry(database.handle, "demo", entry.id, "ลงซ้ำ", officer(["reviewer"])))).toBe(
      "403 ACTION_FORBIDDEN",
    );
    expect(await entryRow(entry.id)).toEqual(before);
    expect(await auditRows(entry.id)).toEqual([]);
  });

  it("SC-1: an officer of another agency finds no entry to act on", async () => {
    const entry = await register();
    expect(await refused(cancelEntry(database.handle, "other", entry.id, "ลงซ้ำ", officer()))).toBe(
      "404 ENTRY_NOT_FOUND",
    );
  });

  it("CH-4: an acknowledgement is recorded once; a second one (a resend, a retry) writes nothing", async () => {
    const entry = await register();
    const acknowledge = (via: string) =>
      recordAction(database.handle, {
        subject: { entryId: entry.id },
        action: "acknowledge",
        payload: { via, at: clock.now() },
        actor: { kind: "system", name: "system:line" },
        at: clock.now(),
      });
    expect((await acknowledge("line-reply")).recorded).toBe(true);
    expect((await acknowledge("line-push")).recorded).toBe(false);
    expect((await entryRow(entry.id)).acknowledged_via).toBe("line-reply");
    expect((await auditRows(entry.id)).map((a) => [a.action, a.actor])).toEqual([
      ["entry.acknowledge", "system:line"],
    ]);
    // Only an officer records an acknowledgement given another way; the system may not.
    const byTheSystem = recordAction(database.handle, {
      subject: { entryId: entry.id },
      action: "acknowledge-other-way",
      payload: { way: "phone", at: clock.now(), note: null },
      actor: { kind: "system", name: "system" },
      at: clock.now(),
    });
    expect(await refused(byTheSystem)).toBe("403 ACTION_FORBIDDEN");
  });

  it("no action moves a matter yet: one asked for is refused with 409 and the matter is unchanged", async () => {
    const entry = await register();
    const matter = () =>
      db().selectFrom("matters").selectAll().where("id", "=", entry.matterId).executeTakeFirstOrThrow();
    const before = await matter();
    const attempt = recordAction(database.handle, {
      subject: { matterId: entry.matterId },
      action: "close" as never,
      payload: {},
      actor: { kind: "staff", staffId: "staff-1", roles: ["admin"] },
      at: clock.now(),
    });
    expect(await refused(attempt)).toBe("409 ACTION_NOT_ALLOWED");
    expect(await matter()).toEqual(before);
  });
});
