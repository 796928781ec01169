import { fileTypeFromBuffer } from "file-type";
import { imageSize } from "image-size";
import { recordAudit } from "../audit/index.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import type { ReceivedFile } from "../platform/http/multipart.js";
import type { FileStore } from "../platform/storage/file-store.js";
import { findIdentityNeed } from "./identity-need.js";
import { findVerifiedPhone, usePhoneVerification } from "./phone-codes.js";
import { insertProof } from "./proofs.repo.js";

const PHOTO_TYPES = ["image/jpeg", "image/png", "image/heic", "image/heif"];
/** A photo in which a face and a card can be read: not a thumbnail. */
const MIN_SIDE = 200;

/** ID-6: the photo must BE an image: its content says so (not its name) and it decodes to a size. */
export async function checkEvidencePhoto(file: ReceivedFile | undefined): Promise<{ mediaType: string }> {
  if (!file || file.size === 0) throw new AppError("IDENTITY_PHOTO_REQUIRED", {}, { field: "photo" });
  if (file.refusal === "FILE_TOO_LARGE" || file.refusal === "REQUEST_TOO_LARGE")
    throw new AppError("REQUEST_TOO_LARGE", {}, { field: "photo" });
  if (file.refusal) throw new AppError("IDENTITY_PHOTO_NOT_IMAGE", {}, { field: "photo" });
  const type = await fileTypeFromBuffer(file.bytes).catch(() => undefined);
  if (!type || !PHOTO_TYPES.includes(type.mime))
    throw new AppError("IDENTITY_PHOTO_NOT_IMAGE", {}, { field: "photo" });
  let size: { width?: number; height?: number };
  try {
    size = imageSize(file.bytes);
  } catch {
    throw new AppError("IDENTITY_PHOTO_NOT_IMAGE", {}, { field: "photo" });
  }
  if (!size.width || !size.height || Math.min(size.width, size.height) < MIN_SIDE)
    throw new AppError("IDENTITY_PHOTO_NOT_IMAGE", {}, { field: "photo" });
  return { mediaType: type.mime };
}

/**
 * ID-2, ID-6: the applicant sends a photo of themselves holding their ID card, after proving their phone
 * by a code: a `pending` evidence proof (IAL2 once an officer checks it) bound to the matter and to the
 * application's national ID (keyed hash). The photo goes to the file store, sealed; the database keeps
 * its key. Throws IDENTITY_PHOTO_REQUIRED / IDENTITY_PHOTO_NOT_IMAGE / IDENTITY_PHONE_NOT_VERIFIED (422),
 * IDENTITY_PROOF_PENDING, IDENTITY_NOT_REQUIRED (409), REQUEST_TOO_LARGE.
 */
export async function submitEvidence(
  deps: { handle: DatabaseHandle; files: FileStore },
  input: { agencyId: string; matterId: string; photo: ReceivedFile | undefined; at: Date; ip?: string },
): Promise<string> {
  const { mediaType } = await checkEvidencePhoto(input.photo);
  const { handle } = deps;
  const sealer = handle.sealer;
  const need = await findIdentityNeed(handle.db, sealer, input.matterId);
  if (!need) throw new AppError("IDENTITY_NOT_REQUIRED");
  if (!(await findVerifiedPhone(handle.db, input.matterId, input.at)))
    throw new AppError("IDENTITY_PHONE_NOT_VERIFIED", {}, { field: "code" });
  const bytes = input.photo!.bytes;
  // ID-7: sealed before it is stored (a store that seals as well opens both layers on read).
  const stored = await deps.files.put(bytes);
  return withTransaction(handle, async (trx) => {
    const pending = await trx
      .selectFrom("identity_proofs")
      .select("id")
      .where("matter_id", "=", input.matterId)
      .where("status", "=", "pending")
      .where("method", "=", "evidence")
      .executeTakeFirst();
    if (pending) throw new AppError("IDENTITY_PROOF_PENDING");
    const phone = await findVerifiedPhone(trx, input.matterId, input.at);
    if (!phone || !(await usePhoneVerification(trx, phone.id, input.at)))
      throw new AppError("IDENTITY_PHONE_NOT_VERIFIED", {}, { field: "code" });
    const proofId = await insertProof(trx, {
      agencyId: input.agencyId,
      nationalIdHmac: need.nationalIdHmac,
      method: "evidence",
      assurance: "IAL2",
      status: "pending",
      evidence: {
        photoKey: stored.key,
        mediaType,
        phoneHmac: phone.phoneHmac,
        phoneVerifiedAt: phone.verifiedAt,
      },
      matterId: input.matterId,
      at: input.at.toISOString(),
    });
    await recordAudit(trx, {
      agencyId: input.agencyId,
      actor: "applicant",
      action: "identity.evidence-submitted",
      subjectType: "identity_proof",
      subjectId: proofId,
      data: { matterId: input.matterId },
      ip: input.ip,
      at: input.at.toISOString(),
    });
    return proofId;
  });
}
