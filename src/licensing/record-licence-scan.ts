import { createHash } from "node:crypto";
import { PDFDocument } from "pdf-lib";
import { recordAudit } from "../audit/index.js";
import { checkFile } from "../intake/attachments/index.js";
import { withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import { findMatter, recordAction } from "../register/index.js";
import { type Actor, auditActor } from "../workflow/index.js";
import type { Licence } from "./licence.js";
import type { LicenceActorRole } from "./licence-statuses.js";
import { lockLicence } from "./licences.repo.js";
import type { LicensingDeps } from "./licensing-deps.js";

/** RG-6: a paper licence whose signed scan is not recorded yet: its PDF is the printable one, unsigned. */
export const awaitingScan = (licence: Pick<Licence, "origin" | "scannedAt">): boolean =>
  licence.origin === "paper-scan" && licence.scannedAt === null;

export interface RecordScanInput {
  agencyId: string;
  licenceId: string;
  actor: Extract<Actor<LicenceActorRole>, { kind: "staff" }>;
  at: Date;
  scan: { filename: string; bytes: Uint8Array };
  /** The scanner or copier, as the officer names it. */
  device: string;
  /** The officer's count of the printed, signed licence's pages. */
  printedPages: number;
  ip?: string;
  /** A unit-bound officer records scans of their units' matters only. */
  unitIds?: readonly string[];
}

const invalid = (detail: string) => new AppError("LICENCE_SCAN_INVALID", { detail }, { field: "scan" });

/** The page count of a PDF, or undefined when it cannot be read. */
export async function pdfPageCount(bytes: Uint8Array): Promise<number | undefined> {
  try {
    return (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
  } catch {
    return undefined;
  }
}

/**
 * LC-1, RG-6: the signed paper licence scanned back becomes the licence's PDF. Completeness is checked
 * before and after: the officer's count of printed pages must be the printable PDF's, and the scan must
 * have as many. Then the PDF key and digest, who scanned it, when, on what, the licence's event, the
 * matter's `record-licence-scan` and the audit row, in one transaction. Throws LICENCE_SCAN_INVALID,
 * LICENCE_SCAN_PAGES_MISMATCH {expected, given}, LICENCE_SCAN_NOT_AWAITED, LICENCE_NOT_FOUND.
 */
export async function recordLicenceScan(deps: LicensingDeps, input: RecordScanInput): Promise<Licence> {
  const device = input.device.trim();
  if (!device || device.length > 200) throw invalid("device");
  const verdict = await checkFile(input.scan, { maxFileBytes: deps.limits.maxFileBytes });
  if (!verdict.accepted) throw invalid(verdict.code);
  if (verdict.mediaType !== "application/pdf") throw invalid("FILE_TYPE_NOT_ALLOWED");
  const scanPages = await pdfPageCount(input.scan.bytes);
  if (scanPages === undefined) throw invalid("unreadable");
  const before = await lockLicence(deps.handle.db, input.agencyId, input.licenceId);
  if (!before) throw new AppError("LICENCE_NOT_FOUND");
  const printablePages = await pdfPageCount(await deps.files.read(before.pdfKey));
  if (input.printedPages !== printablePages)
    throw new AppError("LICENCE_SCAN_PAGES_MISMATCH", {
      expected: printablePages ?? 0,
      given: input.printedPages,
    });
  if (scanPages !== input.printedPages)
    throw new AppError("LICENCE_SCAN_PAGES_MISMATCH", { expected: input.printedPages, given: scanPages });
  const stored = await deps.files.put(input.scan.bytes);
  return withTransaction(deps.handle, async (trx) => {
    const licence = await lockLicence(trx, input.agencyId, input.licenceId);
    if (!licence) throw new AppError("LICENCE_NOT_FOUND");
    const matter = licence.matterId ? await findMatter(trx, input.agencyId, licence.matterId) : undefined;
    if (input.unitIds && !input.unitIds.includes(matter?.unitId ?? ""))
      throw new AppError("LICENCE_NOT_FOUND");
    if (!awaitingScan(licence) || licence.pdfKey !== before.pdfKey)
      throw new AppError("LICENCE_SCAN_NOT_AWAITED");
    const at = input.at.toISOString();
    const actor = auditActor(input.actor);
    const sha256 = createHash("sha256").update(input.scan.bytes).digest("hex");
    const facts = { device, printedPages: input.printedPages, scanPages, printableKey: licence.pdfKey };
    await trx
      .updateTable("licences")
      .set({
        pdf_key: stored.key,
        pdf_sha256: sha256,
        scanned_at: at,
        scanned_by: actor,
        scan_facts: JSON.stringify(facts),
        version: licence.version + 1,
      })
      .where("id", "=", licence.id)
      .execute();
    await trx
      .insertInto("licence_events")
      .values({
        id: newId(),
        agency_id: input.agencyId,
        licence_id: licence.id,
        action: "record-scan",
        from_status: licence.status,
        to_status: licence.status,
        reason: null,
        actor,
        at,
        data: JSON.stringify(facts),
      })
      .execute();
    if (matter?.status === "issuing")
      await recordAction(trx, {
        agencyId: input.agencyId,
        subject: { matterId: matter.id },
        action: "record-licence-scan",
        payload: { licenceId: licence.id, number: licence.number },
        actor: input.actor,
        at: input.at,
      });
    await recordAudit(trx, {
      agencyId: input.agencyId,
      actor,
      action: "licence.record-scan",
      subjectType: "licence",
      subjectId: licence.id,
      data: { number: licence.number, scanKey: stored.key, printableKey: licence.pdfKey, pages: scanPages },
      ip: input.ip,
      at,
    });
    return {
      ...licence,
      pdfKey: stored.key,
      pdfSha256: sha256,
      scannedAt: at,
      scannedBy: actor,
      version: licence.version + 1,
    };
  });
}
