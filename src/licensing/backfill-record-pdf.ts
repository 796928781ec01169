import type { Agency } from "../agencies/index.js";
import type { Text } from "../catalog/index.js";
import { formatDate } from "../platform/i18n/format.js";
import { createThaiPdf } from "../platform/pdf/index.js";
import type { PrintedField } from "./licence.js";

/**
 * PR-3: the PDF of a licence back-filled from the agency's earlier register. Honest: it says it is a
 * record of the data imported, not the original document, and carries no signature.
 */
export async function backfillRecordPdf(facts: {
  agency: Pick<Agency, "nameTh">;
  title: Text;
  number: string;
  holderName: string;
  fields: PrintedField[];
  validFrom: string;
  validUntil: string | null;
  importedAt: Date;
}): Promise<Buffer> {
  const pdf = createThaiPdf({
    title: `${facts.title.th} ${facts.number}`,
    lang: "th",
    author: facts.agency.nameTh,
    subject: `Back-filled licence record ${facts.number}`,
    createdAt: facts.importedAt,
  });
  pdf.paragraph(facts.agency.nameTh, { bold: true, size: 18, center: true });
  pdf.paragraph(facts.title.th, { bold: true, size: 20, center: true });
  pdf.paragraph("บันทึกข้อมูลใบอนุญาตจากทะเบียนเดิม มิใช่ต้นฉบับใบอนุญาต", { bold: true, center: true });
  pdf.paragraph("Record of a licence from the earlier register: not the original document", { center: true });
  pdf.space(0.5);
  pdf.rows([
    { label: "เลขที่ / No.", value: facts.number },
    { label: "ผู้ได้รับอนุญาต / Licensee", value: facts.holderName },
    ...facts.fields.map((f) => ({ label: f.label.th, value: f.value })),
    { label: "วันที่ออก / Issued", value: formatDate("th", facts.validFrom) },
    {
      label: "ใช้ได้ถึง / Valid until",
      value: facts.validUntil ? formatDate("th", facts.validUntil) : "จนกว่าจะถูกเพิกถอน / until revoked",
    },
  ]);
  pdf.space(0.5);
  pdf.paragraph(
    `บันทึกเข้าระบบเมื่อ / Imported on ${formatDate("th", facts.importedAt.toISOString().slice(0, 10))}`,
    {
      size: 11,
    },
  );
  return pdf.toBuffer();
}
