import type { Db } from "../src/platform/db/database.js";

/**
 * A small register for the dashboard tests (#16): four matters, five entries, actions and ratings with
 * hand-counted figures (see dashboard.test.ts). Rows are written directly: the figures read tables.
 */
export interface DashboardSeed {
  serviceId: string;
  serviceVersionId: string;
  unitA: string;
  unitB: string;
}

const h = (iso: string) => `${iso}:00.000Z`;

export async function seedDashboard(db: Db, seed: DashboardSeed, agencyId = "demo"): Promise<void> {
  const matters = [
    {
      id: "m1",
      unit: seed.unitA,
      service: true,
      created: h("2026-12-02T03:00"),
      decided: h("2026-12-03T05:00"),
      due: h("2026-12-10T10:00"),
    },
    {
      id: "m2",
      unit: seed.unitB,
      service: true,
      created: h("2026-12-04T03:00"),
      decided: h("2026-12-09T07:00"),
      due: h("2026-12-08T10:00"),
    },
    { id: "m3", unit: seed.unitA, service: false, created: h("2026-12-10T03:00"), decided: null, due: null },
    {
      id: "m4",
      unit: seed.unitA,
      service: true,
      created: h("2026-11-20T03:00"),
      decided: h("2026-11-25T03:00"),
      due: h("2026-11-30T10:00"),
    },
  ];
  for (const [i, m] of matters.entries())
    await db
      .insertInto("matters")
      .values({
        id: `dash-${m.id}`,
        agency_id: agencyId,
        receipt_number: `D-${i + 1}`,
        subject: "dashboard",
        status: m.decided ? "approved" : "in_progress",
        created_at: m.created,
        updated_at: m.created,
        kind: m.service ? "application" : "general",
        unit_id: m.unit,
        due_at: m.due,
        decided_at: m.decided,
      })
      .execute();
  const entries: [string, string, string, string, string, string | null][] = [
    ["e1", "m1", "web", h("2026-12-02T03:00"), h("2026-12-03T10:00"), h("2026-12-02T03:05")],
    ["e2", "m2", "email", h("2026-12-04T03:00"), h("2026-12-05T10:00"), h("2026-12-06T01:00")],
    ["e3", "m3", "line", h("2026-12-10T03:00"), h("2026-12-11T10:00"), null],
    ["e4", "m3", "web", h("2026-12-14T03:00"), h("2026-12-16T10:00"), null],
    ["e5", "m4", "web", h("2026-11-20T03:00"), h("2026-11-21T10:00"), h("2026-11-20T04:00")],
  ];
  for (const [i, [id, matter, channel, received, ackBy, ackAt]] of entries.entries())
    await db
      .insertInto("entries")
      .values({
        id: `dash-${id}`,
        agency_id: agencyId,
        matter_id: `dash-${matter}`,
        be_year: 2569,
        sequence: 90_001 + i,
        receipt_number: `D-${i + 1}`,
        received_at: received,
        working_start: received,
        acknowledge_by: ackBy,
        acknowledged_at: ackAt,
        channel,
        sender_name: "ผู้ทดสอบ",
        subject: "dashboard",
        body: "",
        status: "registered",
        language: "th",
        created_at: received,
      } as never)
      .execute();
  for (const [id, entry, matter] of [
    ["a1", "e1", "m1"],
    ["a2", "e2", "m2"],
    ["a4", "e5", "m4"],
  ] as const)
    await db
      .insertInto("applications")
      .values({
        id: `dash-${id}`,
        agency_id: agencyId,
        entry_id: `dash-${entry}`,
        matter_id: `dash-${matter}`,
        service_version_id: seed.serviceVersionId,
        applicant_type: "person",
        applicant_name: "ผู้ทดสอบ",
        form_data: "{}",
        signature: "{}",
        created_at: h("2026-12-01T00:00"),
        created_by: "test",
      } as never)
      .execute();
  const actions: [string, number, string, string, string][] = [
    ["m1", 1, "received", "in_review", h("2026-12-02T05:00")],
    ["m1", 2, "in_review", "approved", h("2026-12-03T05:00")],
    ["m2", 1, "received", "in_review", h("2026-12-04T07:00")],
    ["m2", 2, "in_review", "rejected", h("2026-12-09T07:00")],
    ["m3", 1, "received", "in_progress", h("2026-12-10T09:00")],
    ["m4", 1, "received", "in_review", h("2026-11-21T03:00")],
  ];
  for (const [matter, version, from, to, at] of actions)
    await db
      .insertInto("matter_actions")
      .values({
        id: `dash-${matter}-${version}`,
        agency_id: agencyId,
        matter_id: `dash-${matter}`,
        version,
        action: "test",
        from_status: from,
        to_status: to,
        actor: "test",
        at,
        payload: "{}",
        visibility: "officers",
      })
      .execute();
  for (const [matter, rating, at] of [
    ["m1", 5, "2026-12-05T03:00"],
    ["m2", 2, "2026-12-10T03:00"],
    ["m4", 4, "2026-11-26T03:00"],
  ] as const)
    await db
      .insertInto("satisfaction_ratings")
      .values({
        id: `dash-r-${matter}`,
        agency_id: agencyId,
        matter_id: `dash-${matter}`,
        service_id: seed.serviceId,
        rating,
        comment: null,
        channel: "web",
        created_at: h(at),
      })
      .execute();
}
