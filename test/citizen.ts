import type { FastifyInstance } from "fastify";
import { CITIZEN_COOKIE, startCitizenSession } from "../src/identity/index.js";
import type { Sealer } from "../src/platform/crypto/index.js";
import { emailLookupKey, idNumberLookupKey, phoneLookupKey } from "../src/platform/crypto/index.js";
import type { DatabaseHandle } from "../src/platform/db/database.js";
import { newId } from "../src/platform/ids.js";
import { OfficeClient } from "./office.js";

export interface TestCitizen {
  accountId: string;
  client: OfficeClient;
  csrfToken: string;
}

/**
 * A citizen signed in to `agencyId`, made directly in the database (the sign-in pages have their own
 * tests): an account with the given verified email / phone / national ID, a sign-in by `provider` at
 * `ial`, and a session whose cookie the returned client sends.
 */
export async function signedInCitizen(
  app: FastifyInstance,
  handle: DatabaseHandle,
  sealer: Sealer,
  input: {
    agencyId: string;
    at: Date;
    email?: string;
    phone?: string;
    nationalId?: string;
    provider?: "email-code" | "sms-code" | "thaid";
    ial?: string | null;
    prefix?: string;
  },
): Promise<TestCitizen> {
  const accountId = newId();
  const at = input.at.toISOString();
  await handle.db
    .insertInto("citizen_accounts")
    .values({
      id: accountId,
      agency_id: input.agencyId,
      display_name: null,
      email: input.email ?? null,
      email_hmac: emailLookupKey(sealer, input.email) ?? null,
      phone: input.phone ?? null,
      phone_hmac: phoneLookupKey(sealer, input.phone) ?? null,
      national_id: input.nationalId ?? null,
      national_id_hmac: idNumberLookupKey(sealer, input.nationalId) ?? null,
      line_user_id: null,
      line_linked_at: null,
      created_at: at,
      closed_at: null,
    })
    .execute();
  const signInId = newId();
  const provider = input.provider ?? "email-code";
  await handle.db
    .insertInto("sign_ins")
    .values({
      id: signInId,
      agency_id: input.agencyId,
      account_id: accountId,
      provider,
      ial: input.ial ?? (provider === "thaid" ? "2.3" : null),
      aal: provider === "thaid" ? "AAL2" : "AAL1",
      at,
    })
    .execute();
  const session = await startCitizenSession(
    handle.db,
    { accountId, agencyId: input.agencyId, signInId },
    input.at,
  );
  const client = new OfficeClient(app, input.prefix ?? "");
  client.cookies.set(CITIZEN_COOKIE, session.token);
  client.csrf = session.csrfToken;
  return { accountId, client, csrfToken: session.csrfToken };
}
