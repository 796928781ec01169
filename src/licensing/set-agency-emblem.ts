import jpeg from "jpeg-js";
import { PNG } from "pngjs";
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

/** A crest wider or taller than this is not an emblem (and would cost memory to decode). */
const MAX_EMBLEM_SIDE = 4000;

/** Whether the bytes decode as the picture their type says, within the size limit. */
function decodes(mediaType: string, bytes: Uint8Array): boolean {
  try {
    const buffer = Buffer.from(bytes);
    const { width, height } =
      mediaType === "image/png"
        ? PNG.sync.read(buffer)
        : jpeg.decode(buffer, { maxResolutionInMP: 16, maxMemoryUsageInMB: 128 });
    return width > 0 && height > 0 && width <= MAX_EMBLEM_SIDE && height <= MAX_EMBLEM_SIDE;
  } catch {
    return false;
  }
}

const refuse = (detail: string) => new AppError("LICENCE_EMBLEM_INVALID", { detail }, { field: "emblem" });

/**
 * LC-1: an admin sets the emblem printed on the agency's licences: PNG or JPEG by content (the intake
 * allow-list decides the type from the bytes, FM-3, and the picture must decode), at most 512 KB; stored in the file store and
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
  // Screened by content: a PNG or JPEG head on other bytes is not a picture to print.
  if (!decodes(verdict.mediaType, file.bytes)) throw refuse("FILE_UNREADABLE");
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
