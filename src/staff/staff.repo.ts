import type { Db } from "../platform/db/database.js";
import type { Role } from "./role.js";
import type { StaffRow } from "./staff.table.js";

export interface Staff {
  id: string;
  agencyId: string;
  email: string;
  displayName: string;
  roles: Role[];
  unitIds: string[];
  totpEnabled: boolean;
  mustChangePassword: boolean;
  disabled: boolean;
}

export function staffFromRow(row: StaffRow): Staff {
  return {
    id: row.id,
    agencyId: row.agency_id,
    email: row.email,
    displayName: row.display_name,
    roles: JSON.parse(row.roles) as Role[],
    unitIds: JSON.parse(row.unit_ids) as string[],
    totpEnabled: Number(row.totp_enabled) === 1,
    mustChangePassword: Number(row.must_change_password) === 1,
    disabled: Number(row.disabled) === 1,
  };
}

export const findStaffRowByEmail = (db: Db, agencyId: string, email: string) =>
  db
    .selectFrom("staff")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("email", "=", email.toLowerCase())
    .executeTakeFirst();

export const findStaffRow = (db: Db, agencyId: string, id: string) =>
  db
    .selectFrom("staff")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("id", "=", id)
    .executeTakeFirst();

export async function listStaff(db: Db, agencyId: string): Promise<Staff[]> {
  const rows = await db
    .selectFrom("staff")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .orderBy("email")
    .execute();
  return rows.map(staffFromRow);
}

/** An officer's display name, for pages that say who did something (undefined without an id). */
export async function findStaffName(db: Db, id: string | null | undefined): Promise<string | undefined> {
  if (!id) return undefined;
  const row = await db.selectFrom("staff").select("display_name").where("id", "=", id).executeTakeFirst();
  return row?.display_name;
}

export async function findSession(db: Db, sessionId: string) {
  return db
    .selectFrom("staff_sessions")
    .innerJoin("staff", "staff.id", "staff_sessions.staff_id")
    .selectAll("staff")
    .select([
      "staff_sessions.id as session_id",
      "staff_sessions.agency_id as session_agency_id",
      "staff_sessions.csrf_token",
      "staff_sessions.totp_pending",
      "staff_sessions.created_at as session_created_at",
      "staff_sessions.last_seen_at",
      "staff_sessions.stepped_up_at",
    ])
    .where("staff_sessions.id", "=", sessionId)
    .executeTakeFirst();
}
