import type { Agency } from "../agencies/index.js";
import { formatDateTime } from "../platform/i18n/format.js";
import { type MessageKey, t } from "../platform/i18n/index.js";
import { createThaiPdf } from "../platform/pdf/index.js";
import { bahtText } from "./baht-text.js";
import { formatBaht } from "./money.js";
import type { PaymentNotice } from "./notice.js";
import { noticeQrPng } from "./notice-qr-image.js";

/** A label in Thai then English, as a bilingual notice prints it. */
const both = (key: MessageKey, params?: Record<string, string>) =>
  `${t("th", key, params)} / ${t("en", key, params)}`;

/**
 * PY-1: the payment notice as a PDF in Thai with English: who asks, for which application and what,
 * the amount in figures and words, the deadline (BE), Ref1/Ref2, the account and Comp Code, the Thai QR
 * (when the account has a Biller ID) and how to pay and send the slip.
 */
export async function renderNoticePdf(
  notice: PaymentNotice,
  ctx: { agency: Agency; receiptNumber: string; createdAt: Date },
): Promise<Buffer> {
  const { agency } = ctx;
  const amount = formatBaht(notice.amountSatang);
  const pay = notice.payTo;
  const pdf = createThaiPdf({
    title: t("th", "payment.notice.pdfTitle", { ref1: notice.ref1 }),
    lang: "th",
    author: agency.nameTh,
    createdAt: ctx.createdAt,
  })
    .heading(both("payment.notice.heading"))
    .rows([
      { label: both("payment.notice.agency"), value: `${agency.nameTh} / ${agency.nameEn}` },
      { label: both("payment.notice.receiptNumber"), value: ctx.receiptNumber },
      { label: both("payment.notice.ref1"), value: notice.ref1 },
      ...(notice.ref2 ? [{ label: both("payment.notice.ref2"), value: notice.ref2 }] : []),
      { label: both("payment.notice.amount"), value: both("payment.notice.amountFigures", { amount }) },
      { label: both("payment.notice.amountWords"), value: bahtText(notice.amountSatang) },
      {
        label: both("payment.notice.due"),
        value: `${formatDateTime("th", notice.dueAt, agency.timeZone)} / ${formatDateTime("en", notice.dueAt, agency.timeZone)}`,
      },
    ])
    .heading(both("payment.notice.lines"), 3)
    .rows(
      notice.lines.map((line) => ({
        label: `${line.detail.th}${line.detail.en ? ` / ${line.detail.en}` : ""}${line.basis ? ` (${line.basis})` : ""}`,
        value: both("payment.notice.amountFigures", { amount: formatBaht(line.amountSatang) }),
      })),
    );
  if (!pay) return pdf.paragraph(both("payment.notice.noAccount"), { bold: true }).toBuffer();
  pdf.rows([
    { label: both("payment.notice.bank"), value: `${pay.bankName} (${pay.bankCode})` },
    { label: both("payment.notice.accountNumber"), value: pay.accountNumber },
    { label: both("payment.notice.accountName"), value: pay.accountName },
    ...(pay.compCode ? [{ label: both("payment.notice.compCode"), value: pay.compCode }] : []),
  ]);
  const qr = await noticeQrPng(notice, 480);
  if (qr)
    pdf.image(qr, { width: 150, center: true }).paragraph(both("payment.notice.qrHelp"), { center: true });
  else pdf.paragraph(both("payment.notice.noQr"), { bold: true });
  const values = {
    ref1: notice.ref1,
    compCode: pay.compCode ?? "—",
    accountNumber: pay.accountNumber,
    bank: pay.bankName,
    accountName: pay.accountName,
    receiptNumber: ctx.receiptNumber,
  };
  const how = [
    ...(qr ? ["payment.notice.how.scan" as const] : []),
    ...(pay.compCode ? ["payment.notice.how.counter" as const] : []),
    "payment.notice.how.transfer" as const,
    "payment.notice.how.slip" as const,
    "payment.notice.how.paid" as const,
  ];
  return pdf
    .heading(both("payment.notice.howTo"), 3)
    .list(how.map((key) => both(key, values)))
    .toBuffer();
}
