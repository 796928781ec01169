import { countQueuedTo, enqueueMessage } from "../outbox/index.js";
import { emailLookupKey } from "../platform/crypto/index.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { isValidEmailAddress } from "../platform/email-address.js";
import { AppError } from "../platform/errors.js";
import { t } from "../platform/i18n/index.js";
import { sha256Hex } from "../platform/ids.js";
import type { Draft } from "./draft.js";
import { DRAFT_LIFETIME_DAYS, updateDraft } from "./drafts.repo.js";

/** A brake on the form being used to mail someone who did not ask: so many links to one address an hour. */
export const MAX_LINKS_PER_ADDRESS_HOUR = 5;

/**
 * Emails a draft's resume link (so a phone user can finish on a PC), through the outbox in the same
 * transaction as the address is kept on the draft. One message per draft and address: asking again for
 * the same address sends nothing more (the outbox keeps one of each kind per subject).
 * Throws EMAIL_INVALID for an address that is not one, TOO_MANY_ATTEMPTS past MAX_LINKS_PER_ADDRESS_HOUR
 * links to that address, NOT_FOUND when the draft was submitted meanwhile.
 */
export async function emailResumeLink(
  handle: DatabaseHandle,
  input: { draft: Draft; email: string; resumeUrl: string; serviceName: string },
  now: Date,
): Promise<void> {
  const { draft, email, resumeUrl, serviceName } = input;
  if (!isValidEmailAddress(email)) throw new AppError("EMAIL_INVALID", {}, { field: "email" });
  const params = { service: serviceName, url: resumeUrl, days: DRAFT_LIFETIME_DAYS };
  await withTransaction(handle, async (trx) => {
    const since = new Date(now.getTime() - 3_600_000);
    const recent = await countQueuedTo(trx, {
      agencyId: draft.agencyId,
      recipient: email,
      kind: "draft-link",
      since,
    });
    if (recent >= MAX_LINKS_PER_ADDRESS_HOUR) throw new AppError("TOO_MANY_ATTEMPTS", {}, { field: "email" });
    const emailHmac = handle.sealer ? (emailLookupKey(handle.sealer, email) ?? null) : null;
    if (!(await updateDraft(trx, draft.id, { email, emailHmac }, now))) throw new AppError("NOT_FOUND");
    await enqueueMessage(
      trx,
      {
        agencyId: draft.agencyId,
        entryId: null,
        subjectKey: `draft:${draft.id}:${sha256Hex(email.toLowerCase()).slice(0, 16)}`,
        kind: "draft-link",
        channel: "email",
        recipient: email,
        // Thai first, then English, as every message to the public.
        mail: {
          subject: `${t("th", "apply.mailSubject", params)} / ${t("en", "apply.mailSubject", params)}`,
          text: `${t("th", "apply.mailText", params)}\n\n${t("en", "apply.mailText", params)}\n`,
        },
      },
      now.toISOString(),
    );
  });
}
