import { listAttachments, listMatterEntries } from "../register/index.js";
import type { PaymentDeps } from "./payment-deps.js";
import { receiveSlip } from "./receive-slip.js";
import { slipAttachmentIds } from "./slips.repo.js";

const SYSTEM = { kind: "system", name: "system:payment-slips" } as const;
const SLIP_MEDIA = new Set(["image/jpeg", "image/png", "application/pdf"]);

/** Matters with an open notice, and since when each has waited for money (its oldest open notice). */
async function mattersAwaitingMoney(deps: PaymentDeps) {
  const rows = await deps.handle.db
    .selectFrom("payment_notices")
    .select(["agency_id", "matter_id", (eb) => eb.fn.min("created_at").as("since")])
    .where("status", "=", "open")
    .groupBy(["agency_id", "matter_id"])
    .execute();
  return rows.map((r) => ({
    agencyId: r.agency_id,
    matterId: r.matter_id,
    since: new Date(String(r.since)),
  }));
}

/**
 * PY-2: a slip sent by email reply or on LINE arrives as a new entry joined to the matter (the intakes
 * do that); each image or PDF attachment of such an entry, received after the matter was asked to pay,
 * becomes a pending slip — once per attachment, however often this runs. Returns how many it made.
 */
export async function sweepMailedSlips(deps: PaymentDeps, now: Date): Promise<number> {
  let made = 0;
  for (const { agencyId, matterId, since } of await mattersAwaitingMoney(deps)) {
    const entries = (await listMatterEntries(deps.handle.db, matterId)).filter(
      (e) => (e.channel === "email" || e.channel === "line") && e.receivedAt.getTime() > since.getTime(),
    );
    for (const entry of entries) {
      const attachments = await listAttachments(deps.handle.db, entry.id);
      const done = await slipAttachmentIds(
        deps.handle.db,
        attachments.map((a) => a.id),
      );
      for (const attachment of attachments) {
        if (done.has(attachment.id) || attachment.refusalCode) continue;
        // A phone's HEIC photo is read through the viewable JPEG copy the intake made of it.
        const key = SLIP_MEDIA.has(attachment.mediaType ?? "")
          ? attachment.storageKey
          : attachment.viewableKey;
        if (!key) continue;
        const bytes = await deps.files.read(key);
        try {
          const slip = await receiveSlip(
            deps,
            {
              agencyId,
              matterId,
              channel: entry.channel === "line" ? "line" : "email",
              bytes,
              fileKey: key,
              entryId: entry.id,
              attachmentId: attachment.id,
            },
            SYSTEM,
            now,
            { strict: false },
          );
          if (slip) made++;
        } catch (error) {
          // Not an image or PDF after all (a letter, a spreadsheet): not a slip; others are logged.
          if (!(error instanceof Error && error.message === "SLIP_NOT_ACCEPTED")) throw error;
        }
      }
    }
  }
  return made;
}
