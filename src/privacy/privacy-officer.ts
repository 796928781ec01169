import { recordAudit } from "../audit/index.js";
import type { DatabaseHandle, Db } from "../platform/db/database.js";
import { withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";

/** PD-2: the agency's data protection officer (or responsible person), as the record names them. */
export interface PrivacyOfficer {
  name: string;
  contact: string;
  updatedAt: string;
}

export async function findPrivacyOfficer(db: Db, agencyId: string): Promise<PrivacyOfficer | undefined> {
  const row = await db
    .selectFrom("privacy_officers")
    .select(["name", "contact", "updated_at"])
    .where("agency_id", "=", agencyId)
    .executeTakeFirst();
  return row && { name: row.name, contact: row.contact, updatedAt: row.updated_at };
}

const invalid = (field: string) => new AppError("PRIVACY_OFFICER_INVALID", { detail: field }, { field });

/**
 * #17 privacy, PD-2: names the agency's data protection officer (PDPA s.41) for its record of processing.
 * Admins only; audited with ids (the name and contact are the officer's published work contact, kept in
 * the row, not copied into the audit trail).
 */
export async function setPrivacyOfficer(
  handle: DatabaseHandle,
  input: {
    agencyId: string;
    name: unknown;
    contact: unknown;
    actor: { staffId: string; roles: readonly string[] };
    at: Date;
    ip?: string;
  },
): Promise<PrivacyOfficer> {
  if (!input.actor.roles.includes("admin")) throw new AppError("FORBIDDEN");
  if (typeof input.name !== "string" || input.name.trim() === "" || input.name.trim().length > 200)
    throw invalid("name");
  if (typeof input.contact !== "string" || input.contact.trim() === "" || input.contact.trim().length > 300)
    throw invalid("contact");
  const at = input.at.toISOString();
  const row = {
    name: input.name.trim(),
    contact: input.contact.trim(),
    updated_by: `staff:${input.actor.staffId}`,
    updated_at: at,
  };
  await withTransaction(handle, async (trx) => {
    await trx
      .insertInto("privacy_officers")
      .values({ agency_id: input.agencyId, ...row })
      .onConflict((oc) => oc.column("agency_id").doUpdateSet(row))
      .execute();
    await recordAudit(trx, {
      agencyId: input.agencyId,
      actor: `staff:${input.actor.staffId}`,
      action: "privacy.officer.set",
      subjectType: "agency",
      subjectId: input.agencyId,
      data: {},
      ip: input.ip,
      at,
    });
  });
  return { name: row.name, contact: row.contact, updatedAt: at };
}
