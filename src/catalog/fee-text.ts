import type { FormDefinition } from "../forms/index.js";
import { calculationOf, tierRange } from "./fee-calculation.js";
import type { Fee, FeeKind, PaymentTerms, Text } from "./service-definition.js";

/** PY-1: the terms when the manual says none: 15 calendar days, a reminder 3 days before, then cancelled. */
export const DEFAULT_PAYMENT_TERMS: PaymentTerms = {
  daysToPay: 15,
  dayKind: "calendar",
  remindDaysBefore: 3,
  whenUnpaid: "cancelled",
};

const FEE_KIND: Record<FeeKind, Required<Text>> = {
  application_fee: { th: "ค่าคำขอ", en: "Application fee" },
  licence_fee: { th: "ค่าธรรมเนียม", en: "Licence fee" },
  fine: { th: "ค่าปรับ", en: "Fine" },
  other: { th: "ค่าใช้จ่ายอื่น", en: "Other charge" },
};
export const feeKindText = (kind: FeeKind | undefined): Required<Text> => FEE_KIND[kind ?? "licence_fee"];

const number = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 6 });
const baht = (n: number) =>
  n.toLocaleString("en-US", { minimumFractionDigits: Number.isInteger(n) ? 0 : 2, maximumFractionDigits: 2 });
const both = (t: Text | undefined): Required<Text> => ({ th: t?.th ?? "", en: t?.en || t?.th || "" });

/** A field's label in both languages, its name when the form has none. */
const labelOf = (form: FormDefinition | undefined, field: string): Required<Text> => {
  const label = form?.ui.fields[field]?.label;
  return label ? both(label) : { th: field, en: field };
};

/** PY-1, CM-2: how a fee is computed, as the manual and the service page say it (no detail, no condition). */
export function feeAmountText(fee: Fee, form?: FormDefinition): Required<Text> {
  const c = calculationOf(fee);
  if (!c) return { th: `ร้อยละ ${number(fee.amount)}`, en: `${number(fee.amount)}%` };
  switch (c.type) {
    case "fixed":
      return { th: `${baht(c.amount)} บาท`, en: `${baht(c.amount)} baht` };
    case "percent": {
      const base = labelOf(form, c.field);
      return { th: `ร้อยละ ${number(fee.amount)} ของ${base.th}`, en: `${number(fee.amount)}% of ${base.en}` };
    }
    case "per-unit": {
      const [of, unit] = [labelOf(form, c.field), both(c.unit)];
      return {
        th: `${baht(c.rate)} บาท ต่อ ${unit.th} (ตาม${of.th})`,
        en: `${baht(c.rate)} baht per ${unit.en} (by ${of.en})`,
      };
    }
    case "tiered": {
      const of = labelOf(form, c.field);
      const tiers = c.tiers.map((tier, i) => ({
        range: tierRange(c.tiers, i, c.unit),
        amount: baht(tier.amount),
      }));
      return {
        th: `ตาม${of.th}: ${tiers.map((t) => `${t.range.th} ${t.amount} บาท`).join("; ")}`,
        en: `by ${of.en}: ${tiers.map((t) => `${t.range.en} ${t.amount} baht`).join("; ")}`,
      };
    }
    case "formula":
      return { th: `คำนวณตามสูตร ${c.expression} (บาท)`, en: `computed as ${c.expression} (baht)` };
  }
}

/** The answer a fee depends on, e.g. "เฉพาะเมื่อ สถานที่เป็นของผู้ขอหรือเช่า: เช่า". */
export function feeAppliesText(fee: Fee, form?: FormDefinition): Required<Text> | undefined {
  if (!fee.appliesWhen) return undefined;
  const { field, equals } = fee.appliesWhen;
  const option = form?.ui.fields[field]?.options?.[String(equals)];
  const value = option ? both(option) : { th: String(equals), en: String(equals) };
  const label = labelOf(form, field);
  return { th: `เฉพาะเมื่อ${label.th}: ${value.th}`, en: `only when ${label.en} is ${value.en}` };
}

/** PY-1: the payment terms as the manual says them; the defaults when it says none. */
export function paymentTermsText(terms: PaymentTerms | undefined): Required<Text> {
  const p = terms ?? DEFAULT_PAYMENT_TERMS;
  const days =
    p.dayKind === "business"
      ? { th: `${p.daysToPay} วันทำการ`, en: `${p.daysToPay} working days` }
      : { th: `${p.daysToPay} วัน`, en: `${p.daysToPay} days` };
  const remind =
    p.remindDaysBefore > 0
      ? {
          th: ` แจ้งเตือนก่อนครบกำหนด ${p.remindDaysBefore} วัน`,
          en: ` A reminder ${p.remindDaysBefore} days before.`,
        }
      : { th: "", en: "" };
  const unpaid =
    p.whenUnpaid === "returned"
      ? { th: "คำขอจะถูกส่งคืน", en: "the application is returned" }
      : { th: "คำขอจะถูกยกเลิก", en: "the application is cancelled" };
  return {
    th: `ชำระภายใน ${days.th} นับแต่ได้รับแจ้งให้ชำระ${remind.th} หากไม่ชำระภายในกำหนด ${unpaid.th}`,
    en: `Pay within ${days.en} of the payment notice.${remind.en} If unpaid by then, ${unpaid.en}.`,
  };
}
