import { hasMessage, type Lang, type MessageKey, t } from "../platform/i18n/index.js";
import type { FormDefinition } from "./form-definition.js";

/** A field's label in `lang` (English falls back to Thai); an address part adds the part's name. */
export function fieldLabel(form: FormDefinition, lang: Lang, field: string): string {
  const [top = "", part] = field.split(".");
  const label = form?.ui?.fields?.[top]?.label;
  const own = label ? (lang === "en" ? label.en || label.th : label.th) : top;
  const partKey = `address.${part}`;
  return part && hasMessage(partKey) ? `${own} – ${t(lang, partKey)}` : own;
}

/**
 * The sentence shown beside a field that was refused, in the applicant's language, naming the field as
 * the form labels it (e.g. "กรุณากรอกเลขประจำตัวประชาชน 13 หลักให้ถูกต้อง").
 */
export function fieldErrorMessage(
  form: FormDefinition,
  lang: Lang,
  field: string,
  code: string,
  params: Record<string, string | number> = {},
): string {
  const key = `formError.${code}`;
  const known: MessageKey = hasMessage(key) ? key : "formError.invalid";
  return t(lang, known, { ...params, label: fieldLabel(form, lang, field) });
}
