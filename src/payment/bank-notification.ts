import { type Satang, toSatang } from "./money.js";

/** PY-4: a bill-payment notification's fields as Borikan reads them (see docs/payment-callback.md). */
export interface BankNotification {
  billerId: string;
  transactionId: string;
  paidAt: Date;
  amountSatang: Satang;
  ref1: string;
  ref2: string | null;
  payerName: string | null;
  payerBank: string | null;
  channel: string | null;
}

export type ReadNotification = { ok: true; notification: BankNotification } | { ok: false; field: string };

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
// Printable ASCII: bank references are plain codes; anything else is not one.
const CODE = /^[\x21-\x7e]{1,64}$/;

/** The Biller ID of a body, if it names one (needed before the signature can be checked). */
export function billerIdOf(body: unknown): string | undefined {
  const value = (body as { billerId?: unknown } | null)?.billerId;
  return typeof value === "string" && /^(?:\d{13}|\d{15})$/.test(value) ? value : undefined;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL = /[\x00-\x1f\x7f]/;

function optionalText(value: unknown, max: number): string | null | false {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value !== "string" || value.length > max || CONTROL.test(value)) return false;
  return value.trim() || null;
}

/** Reads a parsed JSON body as a notification; names the first field that is missing or wrong. */
export function readNotification(body: unknown): ReadNotification {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return { ok: false, field: "body" };
  const b = body as Record<string, unknown>;
  const billerId = billerIdOf(b);
  if (!billerId) return { ok: false, field: "billerId" };
  if (typeof b.transactionId !== "string" || !CODE.test(b.transactionId))
    return { ok: false, field: "transactionId" };
  const when = b.transactionDateTime;
  const paidAt = typeof when === "string" && ISO_WITH_OFFSET.test(when) ? new Date(when) : undefined;
  if (!paidAt || Number.isNaN(paidAt.getTime())) return { ok: false, field: "transactionDateTime" };
  // A decimal string, never a JSON number: a float cannot carry satang exactly.
  const amountSatang =
    typeof b.amount === "string" && /^\d{1,12}(?:\.\d{1,2})?$/.test(b.amount)
      ? toSatang(b.amount)
      : undefined;
  if (amountSatang === undefined || amountSatang <= 0) return { ok: false, field: "amount" };
  if (typeof b.reference1 !== "string" || !/^[0-9A-Za-z]{1,20}$/.test(b.reference1))
    return { ok: false, field: "reference1" };
  const ref2 = optionalText(b.reference2, 20);
  if (ref2 === false || (ref2 !== null && !/^[0-9A-Za-z]+$/.test(ref2)))
    return { ok: false, field: "reference2" };
  const payerName = optionalText(b.payerName, 140);
  if (payerName === false) return { ok: false, field: "payerName" };
  const payerBank = optionalText(b.payerBank, 20);
  if (payerBank === false) return { ok: false, field: "payerBank" };
  const channel = optionalText(b.channel, 20);
  if (channel === false) return { ok: false, field: "channel" };
  return {
    ok: true,
    notification: {
      billerId,
      transactionId: b.transactionId,
      paidAt,
      amountSatang,
      ref1: b.reference1,
      ref2,
      payerName,
      payerBank,
      channel,
    },
  };
}
