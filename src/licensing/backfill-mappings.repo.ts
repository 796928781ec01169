import { recordAudit } from "../audit/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, type Db, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { type BackfillMapping, MAPPING_NAME, parseMapping } from "./backfill-mapping.js";

/** The agency's saved mappings, by name. */
export async function listBackfillMappings(
  db: Db,
  agencyId: string,
): Promise<{ name: string; mapping: BackfillMapping }[]> {
  const rows = await db
    .selectFrom("licence_import_mappings")
    .select(["name", "mapping"])
    .where("agency_id", "=", agencyId)
    .orderBy("name")
    .execute();
  return rows.flatMap((r) => {
    const mapping = parseMapping(JSON.parse(r.mapping));
    return mapping ? [{ name: r.name, mapping }] : [];
  });
}

/**
 * PR-3: saves a mapping under a name (replacing one of the same name), audited with the name only.
 * Throws BACKFILL_MAPPING_INVALID {detail: "name"}.
 */
export async function saveBackfillMapping(
  deps: { handle: DatabaseHandle; clock: Clock },
  input: { agencyId: string; name: string; mapping: BackfillMapping; actor: string },
): Promise<void> {
  const name = input.name.normalize("NFC").trim();
  if (!MAPPING_NAME.test(name))
    throw new AppError("BACKFILL_MAPPING_INVALID", { detail: "name" }, { field: "name" });
  const at = deps.clock.now().toISOString();
  const row = { mapping: JSON.stringify(input.mapping), saved_by: input.actor, saved_at: at };
  await withTransaction(deps.handle, async (trx) => {
    const had = await trx
      .deleteFrom("licence_import_mappings")
      .where("agency_id", "=", input.agencyId)
      .where("name", "=", name)
      .executeTakeFirst();
    await trx
      .insertInto("licence_import_mappings")
      .values({ agency_id: input.agencyId, name, ...row })
      .execute();
    await recordAudit(trx, {
      agencyId: input.agencyId,
      actor: input.actor,
      action: "licence.import.mapping_saved",
      subjectType: "licence_import_mapping",
      subjectId: name,
      data: { replaced: Number(had.numDeletedRows) > 0 },
      at,
    });
  });
}
