import { fileTypeFromBuffer } from "file-type";
import { recordAudit } from "../audit/index.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import type { FileStore } from "../platform/storage/file-store.js";
import { auditActor } from "../workflow/index.js";
import { listMatterNotices } from "./notices.repo.js";
import type { PaymentActor } from "./payment-actor.js";
import { readSlipQr } from "./slip-qr.js";
import { findSlip, type PaymentSlip } from "./slips.repo.js";
import type { SlipChannel } from "./slips.table.js";

/** PY-2: what a slip may be. The bytes decide, never the name or the declared type. */
const SLIP_TYPES = new Set(["image/jpeg", "image/png", "application/pdf"]);

/** The slip's media type by its content, or SLIP_NOT_ACCEPTED. */
export async function sniffSlip(bytes: Uint8Array): Promise<string> {
  const found = bytes.byteLength > 0 ? await fileTypeFromBuffer(bytes) : undefined;
  if (!found || !SLIP_TYPES.has(found.mime)) throw new AppError("SLIP_NOT_ACCEPTED");
  return found.mime;
}

export interface IncomingSlip {
  agencyId: string;
  matterId: string;
  /** The notice the applicant picked; else the matter's one open notice, or none when it has several. */
  noticeId?: string | null;
  channel: SlipChannel;
  /** The file: its bytes, or (mail, LINE) the key the intake already stored it under. */
  bytes: Uint8Array;
  fileKey?: string;
  entryId?: string | null;
  attachmentId?: string | null;
}

/** The open notice a slip pays: the one picked (must be this matter's and open), or the only one open. */
async function noticeOf(handle: DatabaseHandle, slip: IncomingSlip, strict: boolean) {
  const open = (await listMatterNotices(handle.db, slip.matterId)).filter((n) => n.status === "open");
  if (slip.noticeId) {
    if (!open.some((n) => n.id === slip.noticeId)) throw new AppError("SLIP_NOTICE_REQUIRED");
    return slip.noticeId;
  }
  if (open.length === 0 && strict) throw new AppError("SLIP_NOT_AWAITING_PAYMENT");
  if (open.length > 1 && strict) throw new AppError("SLIP_NOTICE_REQUIRED");
  return open.length === 1 ? open[0]!.id : null;
}

/**
 * PY-2: keeps a slip sent on a matter: the file in the (sealing) file store, the slip-verification QR
 * read from it (the bank's reference, not Ref1), and a pending slip for the finance officer, audited.
 * `strict` (the web form) refuses a slip for a matter with no open notice or an ambiguous one; a mailed
 * slip is kept whatever, its notice left for the officer to pick. Returns undefined when the attachment
 * was made a slip before (sweeps run again). Throws SLIP_NOT_ACCEPTED, SLIP_NOTICE_REQUIRED,
 * SLIP_NOT_AWAITING_PAYMENT.
 */
export async function receiveSlip(
  deps: { handle: DatabaseHandle; files: FileStore },
  slip: IncomingSlip,
  actor: PaymentActor,
  at: Date,
  options: { strict: boolean },
): Promise<PaymentSlip | undefined> {
  const mediaType = await sniffSlip(slip.bytes);
  const noticeId = await noticeOf(deps.handle, slip, options.strict);
  const qr = readSlipQr(slip.bytes, mediaType);
  const fileKey = slip.fileKey ?? (await deps.files.put(slip.bytes)).key;
  const id = newId();
  const inserted = await withTransaction(deps.handle, async (trx) => {
    const result = await trx
      .insertInto("payment_slips")
      .values({
        id,
        agency_id: slip.agencyId,
        matter_id: slip.matterId,
        notice_id: noticeId,
        file_key: fileKey,
        media_type: mediaType,
        channel: slip.channel,
        entry_id: slip.entryId ?? null,
        attachment_id: slip.attachmentId ?? null,
        received_at: at.toISOString(),
        slip_qr: qr?.payload ?? null,
        bank_reference: qr?.bankReference ?? null,
        sending_bank: qr?.sendingBank ?? null,
        state: "pending",
        decided_by: null,
        decided_at: null,
        reason: null,
        payment_id: null,
        version: 1,
      })
      .onConflict((oc) => oc.column("attachment_id").doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    await recordAudit(trx, {
      agencyId: slip.agencyId,
      actor: auditActor(actor),
      action: "payment.slip-received",
      subjectType: "payment_slip",
      subjectId: id,
      data: { matterId: slip.matterId, noticeId, channel: slip.channel, qrRead: qr !== undefined },
      at: at.toISOString(),
    });
    return true;
  });
  return inserted ? findSlip(deps.handle.db, slip.agencyId, id) : undefined;
}
