import { listDraftsOfEmail, listMattersOfApplicantId, type PersonDraft } from "../forms/index.js";
import type { Db } from "../platform/db/database.js";
import { listPersonMatters, type PersonKeys, type PersonMatter } from "../register/index.js";

/** Whose requests: the signed-in citizen's account in its agency. */
export interface Citizen {
  agencyId: string;
  accountId: string;
}

/**
 * What finds the citizen's matters: their verified email and phone, their linked LINE user, and the
 * applications under their national ID, but only an ID the account proved (a proven ThaiD or officer-
 * checked proof of this account), never one typed in a form (PD-6: no one reads another's matters).
 */
export async function citizenKeys(db: Db, citizen: Citizen): Promise<PersonKeys | undefined> {
  const account = await db
    .selectFrom("citizen_accounts")
    .select(["email_hmac", "phone_hmac", "national_id_hmac", "line_user_id"])
    .where("agency_id", "=", citizen.agencyId)
    .where("id", "=", citizen.accountId)
    .where("closed_at", "is", null)
    .executeTakeFirst();
  if (!account) return undefined;
  let matterIds: string[] = [];
  if (account.national_id_hmac) {
    const proof = await db
      .selectFrom("identity_proofs")
      .select("id")
      .where("agency_id", "=", citizen.agencyId)
      .where("account_id", "=", citizen.accountId)
      .where("national_id_hmac", "=", account.national_id_hmac)
      .where("status", "=", "proven")
      .executeTakeFirst();
    if (proof) matterIds = await listMattersOfApplicantId(db, citizen.agencyId, account.national_id_hmac);
  }
  return {
    agencyId: citizen.agencyId,
    emailHmac: account.email_hmac,
    phoneHmac: account.phone_hmac,
    lineUserId: account.line_user_id,
    matterIds,
  };
}

/** The citizen's matters across channels (web, mail, LINE, paper), newest change first. */
export async function listMyRequests(db: Db, citizen: Citizen): Promise<PersonMatter[]> {
  const keys = await citizenKeys(db, citizen);
  return keys ? listPersonMatters(db, keys) : [];
}

/** The citizen's unsubmitted drafts whose resume link went to their verified address. */
export async function listMyDrafts(db: Db, citizen: Citizen, now: Date): Promise<PersonDraft[]> {
  const keys = await citizenKeys(db, citizen);
  return keys?.emailHmac ? listDraftsOfEmail(db, citizen.agencyId, keys.emailHmac, now) : [];
}
