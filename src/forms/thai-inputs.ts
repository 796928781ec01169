import type { Lang } from "../platform/i18n/index.js";
import type { FormDefinition, Widget } from "./form-definition.js";
import { CHOSEN_PARTS, typedPartsOf } from "./thai-address.js";
import { groupJuristicId, groupNationalId } from "./thai-ids.js";
import { choicesOf, widgetOf } from "./widgets.js";

/** Buddhist era = common era + 543 (THAI-STANDARDS §12). */
export const BE_OFFSET = 543;

export const MONTHS: Record<Lang, readonly string[]> = {
  th: [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
  ],
  en: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
};

type Schema = Record<string, unknown>;
type Form = Record<string, unknown>;

const text = (v: unknown): string => (typeof v === "string" ? v : "");
const digitsOnly = (s: string) => s.replace(/[\s\-–.]/g, "");

/**
 * A day, month and Buddhist-era year as typed, as the ISO date stored ("2567", "2", "29" → "2024-02-29").
 * An impossible date (31/02) still becomes an ISO-shaped string, which the schema's date format refuses,
 * so the applicant is told about that field. Undefined when all three are empty.
 */
export function beDateToIso(day: string, month: string, yearBe: string): string | undefined {
  const [d, m, y] = [day.trim(), month.trim(), yearBe.trim()];
  if (d === "" && m === "" && y === "") return undefined;
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return "invalid-date";
  const ce = Number(y) - BE_OFFSET;
  if (ce < 1 || ce > 9999) return "invalid-date";
  return `${String(ce).padStart(4, "0")}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
}

/** An ISO date as the three inputs show it, year in the Buddhist era. */
export function isoToBeDate(iso: unknown): { day: string; month: string; year: string } {
  const match = typeof iso === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  if (!match) return { day: "", month: "", year: "" };
  return {
    day: String(Number(match[3])),
    month: String(Number(match[2])),
    year: String(Number(match[1]) + BE_OFFSET),
  };
}

/** An ISO date as people read it: "29 กุมภาพันธ์ 2567" (Thai, B.E.) or "29 February 2567 B.E.". */
export function showBeDate(lang: Lang, iso: unknown): string {
  const { day, month, year } = isoToBeDate(iso);
  if (!day) return typeof iso === "string" ? iso : "";
  const name = MONTHS[lang][Number(month) - 1] ?? month;
  return lang === "th" ? `${day} ${name} ${year}` : `${day} ${name} ${year} B.E.`;
}

/**
 * One field's value from a posted page, as the form stores it: digits of an ID or phone without the
 * grouping people type, +66 as 0, baht without commas or the currency sign, numbers as numbers, a
 * Buddhist-era date as ISO, an address from its parts. What cannot be read stays as typed, so that
 * validation names the field. Undefined when the field was left empty.
 */
export function readField(form: FormDefinition, name: string, posted: Form): unknown {
  const prop = ((form.schema.properties ?? {}) as Record<string, Schema>)[name] ?? {};
  const widget = widgetOf(prop, form.ui.fields[name]);
  const raw = text(posted[name]).trim();
  switch (widget) {
    case "national-id":
    case "juristic-id":
      return raw === "" ? undefined : digitsOnly(raw);
    case "thai-phone": {
      const d = digitsOnly(raw).replace(/[()]/g, "");
      return d === "" ? undefined : d.startsWith("+66") ? `0${d.slice(3)}` : d;
    }
    case "money": {
      const amount = raw.replace(/[,\s฿]|บาท/g, "");
      if (amount === "") return undefined;
      return prop.type !== "string" && /^\d+(\.\d+)?$/.test(amount) ? Number(amount) : amount;
    }
    case "be-date":
      return beDateToIso(
        text(posted[`${name}-day`]),
        text(posted[`${name}-month`]),
        text(posted[`${name}-year`]),
      );
    case "thai-address":
      return readAddress(name, prop, posted);
    case "checkbox":
      return prop.type === "array" ? listOf(posted[name]) : posted[name] === "yes";
    case "number":
      return raw === "" ? undefined : /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
    case "select":
    case "radio":
      return raw === "" ? undefined : (choicesOf(prop)?.find((c) => String(c) === raw) ?? raw);
    default:
      return raw === "" ? undefined : raw;
  }
}

const listOf = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === "string");

function readAddress(name: string, prop: Schema, posted: Form): Record<string, string> | undefined {
  const address: Record<string, string> = {};
  for (const part of [...typedPartsOf(prop), ...CHOSEN_PARTS]) {
    const value = text(posted[`${name}-${part}`]).trim();
    if (value !== "") address[part] = value;
  }
  return Object.keys(address).length === 0 ? undefined : address;
}

/** A stored answer as the check-your-answers page shows it. */
export function showAnswer(form: FormDefinition, lang: Lang, name: string, value: unknown): string {
  const prop = ((form.schema.properties ?? {}) as Record<string, Schema>)[name] ?? {};
  const ui = form.ui.fields[name];
  const widget: Widget = widgetOf(prop, ui);
  const label = (v: unknown) => {
    const option = ui?.options?.[String(v)];
    return option ? (lang === "en" ? option.en || option.th : option.th) : String(v);
  };
  if (value === undefined || value === null || value === "") return "";
  switch (widget) {
    case "national-id":
      return groupNationalId(String(value));
    case "juristic-id":
      return groupJuristicId(String(value));
    case "be-date":
      return showBeDate(lang, value);
    case "money":
      return `${Number(value).toLocaleString("th-TH", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${lang === "th" ? "บาท" : "baht"}`;
    case "thai-address":
      return showAddress(lang, value as Record<string, string>);
    case "checkbox":
      if (Array.isArray(value)) return value.map(label).join(", ");
      return value === true ? (lang === "th" ? "ใช่" : "Yes") : lang === "th" ? "ไม่ใช่" : "No";
    case "select":
    case "radio":
      return label(value);
    default:
      return String(value);
  }
}

/** "99/1 หมู่ 3 ถนนพหลโยธิน แขวงลาดยาว เขตจตุจักร กรุงเทพมหานคร 10900" (Bangkok says แขวง/เขต). */
export function showAddress(lang: Lang, a: Record<string, string>): string {
  const bangkok = a.province === "กรุงเทพมหานคร";
  const th = [
    a.line,
    a.houseNumber,
    a.moo && `หมู่ ${a.moo}`,
    a.soi && `ซอย${a.soi}`,
    a.road && `ถนน${a.road}`,
    a.subdistrict && `${bangkok ? "แขวง" : "ตำบล"}${a.subdistrict}`,
    a.district && `${bangkok ? "เขต" : "อำเภอ"}${a.district}`,
    a.province && (bangkok ? a.province : `จังหวัด${a.province}`),
    a.postcode,
  ];
  const en = [
    a.houseNumber,
    a.moo && `Moo ${a.moo}`,
    a.soi && `Soi ${a.soi}`,
    a.road,
    a.subdistrict,
    a.district,
    a.province,
    a.postcode,
  ];
  return (lang === "th" ? th : en).filter(Boolean).join(lang === "th" ? " " : ", ");
}

/** A stored answer as the inputs of its page show it again (the reverse of readField). */
export function answerToInputs(
  form: FormDefinition,
  name: string,
  value: unknown,
): Record<string, string | string[]> {
  if (value === undefined || value === null) return {};
  const prop = ((form.schema.properties ?? {}) as Record<string, Schema>)[name] ?? {};
  const widget = widgetOf(prop, form.ui.fields[name]);
  if (widget === "be-date") {
    const { day, month, year } = isoToBeDate(value);
    return { [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: year };
  }
  if (widget === "thai-address" && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([part, v]) => [`${name}-${part}`, String(v)]),
    );
  if (widget === "checkbox")
    return { [name]: Array.isArray(value) ? value.map(String) : value === true ? "yes" : "" };
  return { [name]: String(value) };
}

/** The inputs of a posted page, as they were typed, to show them again beside their errors. */
export function postedInputs(posted: Form): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, v] of Object.entries(posted)) {
    if (typeof v === "string") out[key] = v.slice(0, 20_000);
    else if (Array.isArray(v)) out[key] = v.filter((x): x is string => typeof x === "string").slice(0, 100);
  }
  return out;
}
