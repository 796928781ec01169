import { checksum, parse } from "promptparse";
import { billPayment } from "promptparse/generate";
import { plainBaht, type Satang } from "./money.js";
import type { PaymentNotice } from "./notice.js";

/** The fields of a Thai QR bill payment (EMVCo tag 30) as Borikan writes and reads them. */
export interface BillPaymentFields {
  billerId: string;
  ref1: string;
  ref2?: string;
  /** Absent: a static QR where the payer types the amount (Borikan always gives one). */
  amountSatang?: Satang;
}

/**
 * PY-1: the Thai QR payload of a bill payment — tag 30 (AID A000000677010112, Biller ID, Ref1, Ref2),
 * tag 54 amount with point of initiation 12 (dynamic), currency 764, country TH, CRC-16/CCITT.
 * promptparse writes it; the vectors of the standard pin its output (thai-qr.test.ts).
 */
export function billPaymentPayload(fields: BillPaymentFields): string {
  return billPayment({
    billerId: fields.billerId,
    ref1: fields.ref1,
    ...(fields.ref2 ? { ref2: fields.ref2 } : {}),
    // The decimal string from satang, so the amount printed on the QR is exactly the notice's.
    ...(fields.amountSatang ? { amount: Number(plainBaht(fields.amountSatang)) } : {}),
  });
}

/** A bill-payment payload read back, with its CRC checked; undefined when it is not one. */
export function readBillPayment(payload: string): BillPaymentFields | undefined {
  const qr = parse(payload, true, true);
  if (!qr) return undefined;
  if (qr.getTagValue("30", "00") !== "A000000677010112") return undefined;
  const billerId = qr.getTagValue("30", "01");
  const ref1 = qr.getTagValue("30", "02");
  if (!billerId || !ref1) return undefined;
  const ref2 = qr.getTagValue("30", "03");
  const amount = qr.getTagValue("54");
  const satang = amount === undefined ? undefined : Math.round(Number(amount) * 100);
  return {
    billerId,
    ref1,
    ...(ref2 ? { ref2 } : {}),
    ...(satang !== undefined ? { amountSatang: satang } : {}),
  };
}

/** CRC-16/CCITT-FALSE as Thai QR uses it (upper-case hex), e.g. for `123456789` → `29B1`. */
export const thaiQrCrc = (text: string): string => checksum(text, true);

/** The QR payload of a notice, or undefined when its account has no Biller ID (then no QR: PY-1). */
export function noticeQrPayload(notice: PaymentNotice): string | undefined {
  const billerId = notice.payTo?.billerId;
  if (!billerId) return undefined;
  return billPaymentPayload({
    billerId,
    ref1: notice.ref1,
    ...(notice.ref2 ? { ref2: notice.ref2 } : {}),
    amountSatang: notice.amountSatang,
  });
}
