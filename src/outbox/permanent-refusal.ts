import { isValidEmailAddress } from "../platform/email-address.js";

/**
 * Why a send failed for good, or undefined when trying again may work. CH-4, CH-12: a permanent SMTP
 * refusal (5xx) of the recipient or of the message itself, or no valid recipient at all, ends the
 * retries at once; retrying a "no such user" for hours only hides that the sender was not answered.
 * A 5xx to our own login or sender address is the agency's configuration, not the recipient's, and a
 * fixed configuration should still send the message: that keeps backing off like a 4xx or a lost
 * connection. Returns the server's answer, prefixed `refused: `.
 */
export function permanentRefusal(error: unknown): string | undefined {
  const e = (error ?? {}) as {
    responseCode?: unknown;
    code?: unknown;
    command?: unknown;
    response?: unknown;
  };
  const answer = String(e.response || (error as Error)?.message || error).slice(0, 990);
  const command = typeof e.command === "string" ? e.command.toUpperCase() : "";
  if (typeof e.responseCode === "number") {
    const aboutMessage = command === "RCPT TO" || command === "DATA" || command.startsWith("BDAT");
    return e.responseCode >= 500 && e.responseCode < 600 && aboutMessage ? `refused: ${answer}` : undefined;
  }
  // nodemailer refuses before asking the server: no recipient, or one it cannot write.
  return e.code === "EENVELOPE" && command === "API" ? `refused: ${answer}` : undefined;
}

/** The reason a row's recipient may never be sent to (CH-4: an invalid address is never a recipient). */
export const invalidRecipient = (channel: string, recipient: string): string | undefined =>
  channel === "email" && !isValidEmailAddress(recipient)
    ? "invalid-recipient: not a valid address"
    : undefined;
