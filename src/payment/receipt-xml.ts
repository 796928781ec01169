import type { Agency } from "../agencies/index.js";
import { bahtText } from "./baht-text.js";
import { plainBaht } from "./money.js";
import { CHANNEL_TH } from "./receipt-pdf.js";
import type { EReceipt } from "./receipts.repo.js";

/** The namespace a public ETDA schematron names for ขมธอ. 22-2563 (assumed: docs/e-receipt.md). */
export const GOVERNMENT_RECEIPT_NS = "urn:etda:unece:uncefact:data:standard:GovernmentReceipt:1";
const RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};
/** Text as XML character data: markup escaped, characters XML 1.0 forbids dropped. */
export const xmlText = (value: string): string =>
  value
    // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these; a payer name must not break the file.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const el = (name: string, value: string, attrs = "") => `<${name}${attrs}>${xmlText(value)}</${name}>`;

/**
 * PY-5: the receipt as XML after ขมธอ. 22-2563, as far as it could be confirmed: a UN/CEFACT CII-like
 * document (context, document, parties, lines, settlement, totals) under the GovernmentReceipt
 * namespace. What is assumed is written in docs/e-receipt.md; the PDF, signed, is the receipt of record.
 */
export function receiptXml(receipt: EReceipt, agency: Agency, payerName: string): string {
  const lines = receipt.notice.lines
    .map(
      (line, i) =>
        `<ram:IncludedSupplyChainTradeLineItem>` +
        `<ram:AssociatedDocumentLineDocument>${el("ram:LineID", String(i + 1))}</ram:AssociatedDocumentLineDocument>` +
        `<ram:SpecifiedTradeProduct>${el("ram:Name", line.detail.th, ' languageID="th"')}${line.detail.en ? el("ram:Name", line.detail.en, ' languageID="en"') : ""}${line.basis ? el("ram:Description", line.basis) : ""}</ram:SpecifiedTradeProduct>` +
        `<ram:SpecifiedLineTradeSettlement><ram:SpecifiedTradeSettlementLineMonetarySummation>${el("ram:NetLineTotalAmount", plainBaht(line.amountSatang), ' currencyID="THB"')}</ram:SpecifiedTradeSettlementLineMonetarySummation></ram:SpecifiedLineTradeSettlement>` +
        `</ram:IncludedSupplyChainTradeLineItem>`,
    )
    .join("");
  const voided = receipt.status === "voided";
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<rsm:GovernmentReceipt xmlns:rsm="${GOVERNMENT_RECEIPT_NS}" xmlns:ram="${RAM}">`,
    `<rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter>${el("ram:ID", "ETDA-MSG-22-2563")}</ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext>`,
    `<rsm:ExchangedDocument>${el("ram:ID", receipt.receiptNumber)}${el("ram:Name", "ใบเสร็จรับเงินอิเล็กทรอนิกส์")}${el("ram:TypeCode", "80")}${el("ram:IssueDateTime", receipt.issuedAt.toISOString())}${el("ram:FiscalYear", String(receipt.fiscalYear))}${voided ? el("ram:Purpose", `VOID: ${receipt.voidReason ?? ""}`) : ""}</rsm:ExchangedDocument>`,
    `<rsm:SupplyChainTradeTransaction>`,
    `<ram:ApplicableHeaderTradeAgreement>`,
    `<ram:SellerTradeParty>${el("ram:ID", agency.id)}${el("ram:Name", agency.nameTh)}${agency.postalAddress ? `<ram:PostalTradeAddress>${el("ram:LineOne", agency.postalAddress)}</ram:PostalTradeAddress>` : ""}</ram:SellerTradeParty>`,
    `<ram:BuyerTradeParty>${el("ram:Name", payerName)}</ram:BuyerTradeParty>`,
    `<ram:BuyerOrderReferencedDocument>${el("ram:IssuerAssignedID", receipt.matterReceiptNumber)}</ram:BuyerOrderReferencedDocument>`,
    `</ram:ApplicableHeaderTradeAgreement>`,
    lines,
    `<ram:ApplicableHeaderTradeSettlement>`,
    el("ram:PaymentReference", receipt.notice.ref1),
    receipt.notice.ref2 ? el("ram:AdditionalReference", receipt.notice.ref2) : "",
    el("ram:InvoiceCurrencyCode", "THB"),
    `<ram:SpecifiedTradeSettlementPaymentMeans>${el("ram:TypeCode", receipt.payment.source)}${el("ram:Information", CHANNEL_TH[receipt.payment.source].th)}${receipt.payment.bankReference ? el("ram:ID", receipt.payment.bankReference) : ""}${el("ram:PaidDateTime", receipt.payment.paidAt.toISOString())}</ram:SpecifiedTradeSettlementPaymentMeans>`,
    `<ram:SpecifiedTradeSettlementHeaderMonetarySummation>${el("ram:GrandTotalAmount", plainBaht(receipt.amountSatang), ' currencyID="THB"')}${el("ram:GrandTotalAmountText", bahtText(receipt.amountSatang), ' languageID="th"')}</ram:SpecifiedTradeSettlementHeaderMonetarySummation>`,
    `</ram:ApplicableHeaderTradeSettlement>`,
    `</rsm:SupplyChainTradeTransaction>`,
    `</rsm:GovernmentReceipt>`,
    "",
  ].join("\n");
}
