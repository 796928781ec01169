import { formatDateTime } from "../platform/i18n/format.js";
import { createThaiPdf } from "../platform/pdf/index.js";

/** Everything the approval sheet prints, read from the database beforehand (plain data: it may cross to a thread). */
export interface ApprovalSheetFacts {
  receiptNumber: string;
  /** The matter's version: the sheet is drawn from it, and its time is the document's creation time. */
  version: number;
  updatedAt: Date;
  clockStart: Date | null;
  agencyNameTh: string;
  timeZone: string;
  applicantName: string;
  serviceName: string;
  /** The checks recorded by the review part, one line each. */
  checks: string[];
  /** The chain's levels, in order, by their Thai label. */
  levels: string[];
}

/**
 * AP-1, RG-6: the approval sheet drawn from its facts: receipt number, the applicant (name only), the
 * service, the checks recorded, and the chain's levels each with a blank signature line and boxes for the
 * decision. The same facts draw the same pages (the page count checks the scan that comes back).
 */
export function drawApprovalSheet(facts: ApprovalSheetFacts): Promise<Buffer> {
  const pdf = createThaiPdf({
    title: `ใบเสนอพิจารณา ${facts.receiptNumber}`,
    lang: "th",
    author: facts.agencyNameTh,
    createdAt: facts.updatedAt,
  });
  pdf.heading("ใบเสนอพิจารณา").paragraph(facts.agencyNameTh, { bold: true });
  pdf.rows([
    { label: "เลขรับ", value: facts.receiptNumber },
    {
      label: "วันที่รับ",
      value: facts.clockStart ? formatDateTime("th", facts.clockStart, facts.timeZone) : "-",
    },
    { label: "ผู้ยื่นคำขอ", value: facts.applicantName },
    { label: "บริการ", value: facts.serviceName },
    { label: "ฉบับของเรื่อง", value: String(facts.version) },
  ]);
  pdf.heading("ผลการตรวจสอบ", 2);
  if (facts.checks.length) pdf.list(facts.checks);
  else pdf.paragraph("ไม่มีผลการตรวจสอบที่บันทึกไว้ในระบบ", { size: 12 });
  facts.levels.forEach((label, i) => {
    pdf.heading(`ลำดับที่ ${i + 1}: ${label}`, 2);
    pdf.checklist(["อนุมัติ", "ไม่อนุมัติ (ระบุเหตุผลและสิ่งที่ต้องแก้ไข)", "ส่งกลับเพื่อตรวจสอบเพิ่มเติม"]);
    pdf.paragraph("เหตุผล", { size: 12 }).writingLines(2);
    pdf.paragraph("ลงชื่อ ...................................................... วันที่ ....................", {
      size: 12,
    });
    pdf.paragraph(`ตำแหน่ง ${label}`, { size: 12 }).space();
  });
  return pdf.toBuffer();
}
