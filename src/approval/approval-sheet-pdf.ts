import { PDFDocument } from "pdf-lib";
import { findAgency } from "../agencies/index.js";
import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { formatDateTime } from "../platform/i18n/format.js";
import { createThaiPdf } from "../platform/pdf/index.js";
import { listMatterActions, type Matter } from "../register/index.js";
import { findChain } from "./approval.repo.js";
import { applicationFacts } from "./matter-facts.js";

/** A check recorded by the review part, in a line: its item and outcome when it names them. */
function checkLine(payload: Record<string, unknown>): string {
  const parts = [payload.item, payload.documentId, payload.check, payload.outcome, payload.text]
    .filter((v) => typeof v === "string" && v.trim())
    .map(String);
  return parts.join(" — ");
}

/**
 * AP-1, RG-6, the paper path: the approval sheet (ใบเสนอพิจารณา) of a matter: receipt number, the
 * applicant (name only), the service, the checks recorded, and the chain's levels each with a blank
 * signature line and boxes for the decision. Drawn from the matter's version, so the same sheet prints
 * the same pages (its page count is the completeness check of the scan that comes back).
 */
export async function renderApprovalSheet(db: Db, matter: Matter): Promise<Buffer> {
  const agency = await findAgency(db, matter.agencyId);
  if (!agency) throw new AppError("AGENCY_NOT_FOUND");
  const facts = await applicationFacts(db, matter);
  const { levels } = await findChain(db, matter.agencyId, facts.serviceCode);
  const checks = (await listMatterActions(db, matter.id))
    .filter((a) => a.action === "record-check")
    .map((a) => checkLine(a.payload))
    .filter(Boolean);
  const pdf = createThaiPdf({
    title: `ใบเสนอพิจารณา ${matter.receiptNumber}`,
    lang: "th",
    author: agency.nameTh,
    createdAt: matter.updatedAt,
  });
  pdf.heading("ใบเสนอพิจารณา").paragraph(agency.nameTh, { bold: true });
  pdf.rows([
    { label: "เลขรับ", value: matter.receiptNumber },
    {
      label: "วันที่รับ",
      value: matter.clockStart ? formatDateTime("th", matter.clockStart, agency.timeZone) : "-",
    },
    { label: "ผู้ยื่นคำขอ", value: facts.applicantName },
    { label: "บริการ", value: facts.serviceName },
    { label: "ฉบับของเรื่อง", value: String(matter.version) },
  ]);
  pdf.heading("ผลการตรวจสอบ", 2);
  if (checks.length) pdf.list(checks);
  else pdf.paragraph("ไม่มีผลการตรวจสอบที่บันทึกไว้ในระบบ", { size: 12 });
  levels.forEach((level, i) => {
    pdf.heading(`ลำดับที่ ${i + 1}: ${level.label_th}`, 2);
    pdf.checklist(["อนุมัติ", "ไม่อนุมัติ (ระบุเหตุผลและสิ่งที่ต้องแก้ไข)", "ส่งกลับเพื่อตรวจสอบเพิ่มเติม"]);
    pdf.paragraph("เหตุผล", { size: 12 }).writingLines(2);
    pdf.paragraph("ลงชื่อ ...................................................... วันที่ ....................", {
      size: 12,
    });
    pdf.paragraph(`ตำแหน่ง ${level.label_th}`, { size: 12 }).space();
  });
  return pdf.toBuffer();
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
