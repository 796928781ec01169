import { findAgency, saveAgency } from "../agencies/index.js";
import { recordAudit } from "../audit/index.js";
import { checkFile } from "../intake/attachments/index.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import type { FileStore } from "../platform/storage/file-store.js";
import type { SettingsContext } from "./set-licence-origin.js";

/** An emblem is a small picture: a printed A4 crest needs far less than this. */
export const MAX_EMBLEM_BYTES = 512 * 1024;
const EMBLEM_TYPES = ["image/png", "image/jpeg"];

const refuse = (detail: string) => new AppError("LICENCE_EMBLEM_INVALID", { detail }, { field: "emblem" });

/**
 * LC-1: an admin sets the emblem printed on the agency's licences: PNG or JPEG by content (the intake
 * allow-list decides the type from the bytes, FM-3), at most 512 KB; stored in the file store and
 * audited by file key (from → to). Throws LICENCE_EMBLEM_INVALID {detail}, AGENCY_NOT_FOUND.
 */
export async function setAgencyEmblem(
  deps: { handle: DatabaseHandle; files: FileStore },
  agencyId: string,
  file: { filename: string; bytes: Uint8Array },
  ctx: SettingsContext,
): Promise<string> {
  const verdict = await checkFile(file, { maxFileBytes: MAX_EMBLEM_BYTES });
  if (!verdict.accepted) throw refuse(verdict.code);
  if (!EMBLEM_TYPES.includes(verdict.mediaType)) throw refuse("FILE_TYPE_NOT_ALLOWED");
  const stored = await deps.files.put(file.bytes);
  return withTransaction(deps.handle, async (trx) => {
    const agency = await findAgency(trx, agencyId);
    if (!agency) throw new AppError("AGENCY_NOT_FOUND");
    if (agency.emblemKey === stored.key) return stored.key;
    const at = ctx.at.toISOString();
    await saveAgency(trx, { ...agency, emblemKey: stored.key }, at);
    await recordAudit(trx, {
      agencyId,
      actor: ctx.actor,
      action: "agency.licence-emblem",
      subjectType: "agency",
      subjectId: agencyId,
      data: { from: agency.emblemKey, to: stored.key, mediaType: verdict.mediaType },
      ip: ctx.ip,
      at,
    });
    return stored.key;
  });
}
