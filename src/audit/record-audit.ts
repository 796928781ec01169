import type { Db } from "../platform/db/database.js";
import { newId } from "../platform/ids.js";

export interface AuditInput {
  agencyId: string | null;
  /** Who: `system`, `citizen`, `cli:<user>`, `staff:<id>`. */
  actor: string;
  /** Stable dotted name, e.g. `entry.register`. */
  action: string;
  subjectType: string;
  subjectId: string;
  data: unknown;
  ip?: string;
  at: string;
}

/** Appends one audit row; call it inside the transaction that makes the change it records. */
export async function recordAudit(db: Db, input: AuditInput): Promise<void> {
  await db
    .insertInto("audit_events")
    .values({
      id: newId(),
      agency_id: input.agencyId,
      actor: input.actor,
      action: input.action,
      subject_type: input.subjectType,
      subject_id: input.subjectId,
      data: JSON.stringify(input.data),
      ip: input.ip ?? null,
      created_at: input.at,
    })
    .execute();
}
