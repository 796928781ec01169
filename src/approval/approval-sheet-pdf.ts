import { PDFDocument } from "pdf-lib";
import { findAgency } from "../agencies/index.js";
import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { asBuffer, type ThreadPool, threadTask } from "../platform/threads/index.js";
import { listMatterActions, type Matter } from "../register/index.js";
import { findChain } from "./approval.repo.js";
import type { approvalSheetTask } from "./approval-sheet.task.js";
import { type ApprovalSheetFacts, drawApprovalSheet } from "./approval-sheet-drawing.js";
import { applicationFacts } from "./matter-facts.js";

/** A check recorded by the review part, in a line: its item and outcome when it names them. */
function checkLine(payload: Record<string, unknown>): string {
  const parts = [payload.item, payload.documentId, payload.check, payload.outcome, payload.text]
    .filter((v) => typeof v === "string" && v.trim())
    .map(String);
  return parts.join(" — ");
}

const APPROVAL_SHEET = threadTask<typeof approvalSheetTask>(
  new URL("./approval-sheet.task.ts", import.meta.url).href,
  "approvalSheetTask",
);

/** What the approval sheet of a matter prints, read from the database. Throws AGENCY_NOT_FOUND, MATTER_NOT_FOUND. */
export async function approvalSheetFacts(db: Db, matter: Matter): Promise<ApprovalSheetFacts> {
  const agency = await findAgency(db, matter.agencyId);
  if (!agency) throw new AppError("AGENCY_NOT_FOUND");
  const facts = await applicationFacts(db, matter);
  const { levels } = await findChain(db, matter.agencyId, facts.serviceCode);
  const checks = (await listMatterActions(db, matter.id))
    .filter((a) => a.action === "record-check")
    .map((a) => checkLine(a.payload))
    .filter(Boolean);
  return {
    receiptNumber: matter.receiptNumber,
    version: matter.version,
    updatedAt: matter.updatedAt,
    clockStart: matter.clockStart,
    agencyNameTh: agency.nameTh,
    timeZone: agency.timeZone,
    applicantName: facts.applicantName,
    serviceName: facts.serviceName,
    checks,
    levels: levels.map((level) => level.label_th),
  };
}

/**
 * AP-1, RG-6, the paper path: the approval sheet (ใบเสนอพิจารณา) of a matter, drawn from the matter's
 * version, so the same sheet prints the same pages (its page count is the completeness check of the scan
 * that comes back). The facts are read here; the drawing runs on `threads` when given, else inline.
 */
export async function renderApprovalSheet(db: Db, matter: Matter, threads?: ThreadPool): Promise<Buffer> {
  return drawApprovalSheetOn(threads, await approvalSheetFacts(db, matter));
}

/** The sheet drawn on the pool (inline with no pool), the same bytes either way. */
export async function drawApprovalSheetOn(
  pool: ThreadPool | undefined,
  facts: ApprovalSheetFacts,
): Promise<Buffer> {
  if (!pool) return drawApprovalSheet(facts);
  const pdf = await pool.run(APPROVAL_SHEET, facts);
  return asBuffer(pdf);
}

/** RG-6: the pages of a PDF (a scan as PDF, or the sheet itself). Throws VALIDATION_FAILED when unreadable. */
export async function countPdfPages(bytes: Uint8Array): Promise<number> {
  try {
    const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
    return doc.getPageCount();
  } catch {
    throw new AppError("VALIDATION_FAILED", { detail: "scan" }, { field: "scan" });
  }
}
