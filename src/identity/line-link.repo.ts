import crypto from "node:crypto";
import type { Db } from "../platform/db/database.js";
import { sha256Hex } from "../platform/ids.js";
import type { LineLinkTokensTable } from "./line-link.table.js";

/** How long a link sent in the LINE chat may be opened. */
export const LINE_LINK_MINUTES = 15;

/** The shape of a link's token (32 random bytes, base64url): anything else is not looked up. */
export const LINE_LINK_TOKEN = /^[\w-]{43}$/;

/** A new one-time link's token for this LINE user; only its sha256 is kept. */
export async function createLineLinkToken(
  db: Db,
  input: { agencyId: string; lineUserId: string },
  now: Date,
): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  await db
    .insertInto("line_link_tokens")
    .values({
      id: sha256Hex(token),
      agency_id: input.agencyId,
      line_user_id: input.lineUserId,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + LINE_LINK_MINUTES * 60_000).toISOString(),
      used_at: null,
      account_id: null,
    })
    .execute();
  return token;
}

/** The link's row in this agency, used or not, if the token is one that was sent. */
export async function findLineLinkToken(
  db: Db,
  agencyId: string,
  token: string,
): Promise<LineLinkTokensTable | undefined> {
  if (!LINE_LINK_TOKEN.test(token)) return undefined;
  return db
    .selectFrom("line_link_tokens")
    .selectAll()
    .where("id", "=", sha256Hex(token))
    .where("agency_id", "=", agencyId)
    .executeTakeFirst();
}

/** Marks the link used by `accountId` if it is still unused and unexpired; false otherwise (a replay). */
export async function useLineLinkToken(
  db: Db,
  input: { agencyId: string; token: string; accountId: string },
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const result = await db
    .updateTable("line_link_tokens")
    .set({ used_at: at, account_id: input.accountId })
    .where("id", "=", sha256Hex(input.token))
    .where("agency_id", "=", input.agencyId)
    .where("used_at", "is", null)
    .where("expires_at", ">", at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
