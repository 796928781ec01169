import type { Db } from "../platform/db/database.js";

export interface IssueFailure {
  code: string;
  params: Record<string, string | number>;
  firstAt: string;
  lastAt: string;
}

/**
 * Notes why a matter's licence could not be issued automatically. True when this is news (no note yet,
 * or another reason than the last): the caller logs it then, and only then.
 */
export async function noteIssueFailure(
  db: Db,
  input: { agencyId: string; matterId: string; code: string; params: Record<string, unknown>; at: string },
): Promise<boolean> {
  const params = JSON.stringify(input.params);
  const known = await findIssueFailure(db, input.matterId);
  const news = !known || known.code !== input.code || JSON.stringify(known.params) !== params;
  await db
    .insertInto("licence_issue_failures")
    .values({
      matter_id: input.matterId,
      agency_id: input.agencyId,
      code: input.code,
      params,
      first_at: input.at,
      last_at: input.at,
    })
    .onConflict((oc) =>
      oc
        .column("matter_id")
        .doUpdateSet(news ? { code: input.code, params, last_at: input.at } : { last_at: input.at }),
    )
    .execute();
  return news;
}

/** Why the matter's licence is not issued yet (automatic issuance), or undefined. */
export async function findIssueFailure(db: Db, matterId: string): Promise<IssueFailure | undefined> {
  const row = await db
    .selectFrom("licence_issue_failures")
    .selectAll()
    .where("matter_id", "=", matterId)
    .executeTakeFirst();
  return (
    row && {
      code: row.code,
      params: JSON.parse(row.params) as IssueFailure["params"],
      firstAt: row.first_at,
      lastAt: row.last_at,
    }
  );
}

/** The licence is issued: nothing stands in its way any more. */
export async function clearIssueFailure(db: Db, matterId: string): Promise<void> {
  await db.deleteFrom("licence_issue_failures").where("matter_id", "=", matterId).execute();
}
