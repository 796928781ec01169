import type { FastifyRequest } from "fastify";
import { findSubjectMessageStates } from "../outbox/index.js";
import type { Db } from "../platform/db/database.js";
import { type Html, html } from "../platform/html.js";
import { t } from "../platform/i18n/index.js";
import type { EReceipt } from "./receipts.repo.js";
import { E_RECEIPT_MESSAGE_KIND, eReceiptSubjectKey } from "./send-e-receipt.js";

/**
 * A receipt's state as people read it, honestly: "not yet signed" says whether signing is set up at
 * all; a VOID receipt shows its reason (PY-5).
 */
export function receiptStateText(req: FastifyRequest, receipt: EReceipt, signerSetUp: boolean): Html {
  if (receipt.status === "voided")
    return html`<strong>${t(req.lang, "receipts.state.voided")}</strong> ${t(req.lang, "receipts.voidReason", { reason: receipt.voidReason ?? "" })}`;
  if (receipt.status === "pending_signature")
    return html`${t(req.lang, "receipts.state.pending_signature")}: ${t(req.lang, signerSetUp ? "receipts.unsignedWaiting" : "receipts.unsignedNoSigner")}`;
  return html`${t(req.lang, "receipts.state.issued")}`;
}

/** Whether each receipt's mail was sent, as the outbox says (never "sent" before it was). */
export async function receiptMailStates(
  db: Db,
  req: FastifyRequest,
  receipts: readonly EReceipt[],
): Promise<Map<string, string>> {
  const states = await findSubjectMessageStates(
    db,
    receipts.map((r) => eReceiptSubjectKey(r.id)),
    E_RECEIPT_MESSAGE_KIND,
  );
  return new Map(
    receipts.map((r) => {
      const state = states.get(eReceiptSubjectKey(r.id));
      const key =
        state === undefined || state.status === "not_configured"
          ? "receipts.mail.none"
          : state.status === "sent"
            ? "receipts.mail.sent"
            : state.status === "failed" || state.bouncedAt
              ? "receipts.mail.failed"
              : "receipts.mail.queued";
      return [r.id, t(req.lang, key)];
    }),
  );
}
