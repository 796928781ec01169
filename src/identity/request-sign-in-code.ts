import { recordAudit } from "../audit/index.js";
import type { SmsGateway } from "../forms/index.js";
import { enqueueMessage } from "../outbox/index.js";
import type { Sealer } from "../platform/crypto/index.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { type Lang, t } from "../platform/i18n/index.js";
import { createSignInCode, parseDestination } from "./sign-in-codes.js";
import { ADDRESS_LIMIT, allowCitizenAttempt, DESTINATION_LIMIT } from "./sign-in-limits.js";

export interface CodeChannels {
  /** A mail server is configured (else no code is claimed sent by email). */
  mailConfigured: boolean;
  /** The SMS gateway, when one is configured. */
  sms?: SmsGateway;
}

/**
 * ID-4: sends a sign-in code to an email address (through the outbox, in the code's transaction) or a
 * Thai mobile number (through the SMS gateway). Returns the code's id (the form that takes the code
 * carries it) and the channel. Audited by ids only.
 * Throws SIGN_IN_DESTINATION_INVALID, SIGN_IN_CHANNEL_UNAVAILABLE (that channel is not configured),
 * TOO_MANY_ATTEMPTS (SC-1: per client address, per destination), SIGN_IN_CODE_NOT_SENT (the gateway
 * refused the SMS).
 */
export async function requestSignInCode(
  handle: DatabaseHandle,
  sealer: Sealer,
  channels: CodeChannels,
  input: { agencyId: string; destination: string; ip: string; lang: Lang },
  now: Date,
): Promise<{ codeId: string; channel: "email" | "sms" }> {
  const destination = parseDestination(sealer, input.destination);
  if (!destination) throw new AppError("SIGN_IN_DESTINATION_INVALID", {}, { field: "destination" });
  const { channel } = destination;
  if (channel === "email" ? !channels.mailConfigured : !channels.sms)
    throw new AppError("SIGN_IN_CHANNEL_UNAVAILABLE", {}, { field: "destination" });
  if (!(await allowCitizenAttempt(handle.db, `ip:${input.ip}`, now, ADDRESS_LIMIT)))
    throw new AppError("TOO_MANY_ATTEMPTS");
  if (!(await allowCitizenAttempt(handle.db, `to:${destination.hmac}`, now, DESTINATION_LIMIT)))
    throw new AppError("TOO_MANY_ATTEMPTS", {}, { field: "destination" });
  const at = now.toISOString();
  const params = (code: string) => ({ code, minutes: 10 });
  const created = await withTransaction(handle, async (trx) => {
    const code = await createSignInCode(trx, sealer, { agencyId: input.agencyId, destination }, now);
    if (channel === "email")
      // Thai first, then English; the code exists exactly when its message does.
      await enqueueMessage(
        trx,
        {
          agencyId: input.agencyId,
          entryId: null,
          subjectKey: `sign-in:${code.id}`,
          kind: "sign-in-code",
          channel: "email",
          recipient: destination.value,
          mail: {
            subject: `${t("th", "signIn.mailSubject")} / ${t("en", "signIn.mailSubject")}`,
            text: `${t("th", "signIn.mailText", params(code.code))}\n\n${t("en", "signIn.mailText", params(code.code))}\n`,
            // Kept only until sent or expired: the outbox then drops the code from its copy.
            secret: code.code,
            notAfter: code.expiresAt.toISOString(),
          },
        },
        at,
      );
    await recordAudit(trx, {
      agencyId: input.agencyId,
      actor: "citizen:anonymous",
      action: "citizen.code-requested",
      subjectType: "sign_in_code",
      subjectId: code.id,
      data: { channel },
      ip: input.ip,
      at,
    });
    return code;
  });
  if (channel === "sms") {
    const text = t(input.lang, "signIn.smsText", params(created.code));
    const sent = await channels.sms!.send(destination.value, text).then(
      (r) => r.accepted,
      () => false,
    );
    if (!sent) throw new AppError("SIGN_IN_CODE_NOT_SENT");
  }
  return { codeId: created.id, channel };
}
