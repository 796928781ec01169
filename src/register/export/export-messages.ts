/**
 * Texts of the register exports (RG-3), Thai first. They live here only until the shared catalogues
 * (`platform/i18n/catalog.*.ts`) take them over under the same keys; `exportText` then becomes `t`.
 * Column names follow the saraban regulation's incoming-register form (ทะเบียนหนังสือรับ): เลขทะเบียนรับ,
 * ที่, ลงวันที่, จาก, ถึง, เรื่อง, การปฏิบัติ, หมายเหตุ; then the times and facts the platform adds.
 */
const th = {
  "export.sheet": "ทะเบียนหนังสือรับ",
  "export.title": "ทะเบียนหนังสือรับ {agency} {title}",
  "export.col.receiptNumber": "เลขทะเบียนรับ",
  "export.col.letterReference": "ที่",
  "export.col.letterDate": "ลงวันที่",
  "export.col.from": "จาก",
  "export.col.to": "ถึง",
  "export.col.subject": "เรื่อง",
  "export.col.actionTaken": "การปฏิบัติ",
  "export.col.remarks": "หมายเหตุ",
  "export.col.receivedAt": "วันเวลาที่ได้รับ",
  "export.col.workingStart": "เริ่มนับเวลาทำการ",
  "export.col.acknowledgeBy": "กำหนดตอบรับ",
  "export.col.acknowledgedAt": "ตอบรับเมื่อ",
  "export.col.channel": "ช่องทาง",
  "export.col.unit": "หน่วยงานย่อย",
  "export.col.status": "สถานะ",
  "export.col.iso": "{column} (ISO 8601)",
  "export.channel.web": "เว็บไซต์",
  "export.channel.email": "อีเมล",
  "export.channel.line": "LINE",
  "export.channel.paper": "หนังสือ (กระดาษ)",
  "export.status.received": "ลงรับแล้ว",
  "export.status.cancelled": "ยกเลิก",
  "export.footer.count": "รวม {count} รายการ",
  "export.footer.auditHead": "ตรวจสอบกับบันทึกการตรวจสอบ: audit head #{seq} sha256 {hash}",
  "export.footer.page": "หน้า {page} จาก {pages}",
} as const;

const en: Record<ExportMessageKey, string> = {
  "export.sheet": "Incoming register",
  "export.title": "Incoming register, {agency}, {title}",
  "export.col.receiptNumber": "Receipt No.",
  "export.col.letterReference": "Letter ref.",
  "export.col.letterDate": "Letter date",
  "export.col.from": "From",
  "export.col.to": "To",
  "export.col.subject": "Subject",
  "export.col.actionTaken": "Action taken",
  "export.col.remarks": "Remarks",
  "export.col.receivedAt": "Received at",
  "export.col.workingStart": "Working time from",
  "export.col.acknowledgeBy": "Acknowledge by",
  "export.col.acknowledgedAt": "Acknowledged at",
  "export.col.channel": "Channel",
  "export.col.unit": "Unit",
  "export.col.status": "Status",
  "export.col.iso": "{column} (ISO 8601)",
  "export.channel.web": "Website",
  "export.channel.email": "Email",
  "export.channel.line": "LINE",
  "export.channel.paper": "Paper letter",
  "export.status.received": "Registered",
  "export.status.cancelled": "Cancelled",
  "export.footer.count": "{count} entries",
  "export.footer.auditHead": "Check against the audit trail: audit head #{seq} sha256 {hash}",
  "export.footer.page": "Page {page} of {pages}",
};

export type ExportMessageKey = keyof typeof th;

const catalogs: Record<"th" | "en", Record<ExportMessageKey, string>> = { th, en };

/** The export text `key` in `lang`, `{name}` placeholders filled from `params` (same rules as `t`). */
export function exportText(
  lang: "th" | "en",
  key: ExportMessageKey,
  params: Record<string, string | number> = {},
): string {
  return catalogs[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function isExportMessageKey(key: string): key is ExportMessageKey {
  return Object.hasOwn(th, key);
}
