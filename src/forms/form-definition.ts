/**
 * FM-1: a service's form is a JSON Schema (draft 2020-12, object at the top) for the data, validated on
 * the server with Ajv, plus UI hints: labels and help in Thai and English, pages (one question per page
 * where it helps), conditional fields, and per field its lawful basis and data class (PD-1).
 */
export interface FormDefinition {
  /** The JSON Schema of the answers. Only `type: "object"` with `properties` at the top. */
  schema: Record<string, unknown>;
  ui: FormUi;
}

/** PD-1: the lawful basis of a field (public task or legal duty by default). */
export const LAWFUL_BASES = [
  "public-task",
  "legal-obligation",
  "consent",
  "contract",
  "vital-interest",
  "legitimate-interest",
] as const;
export type LawfulBasis = (typeof LAWFUL_BASES)[number];

/** PD-1: what kind of data a field holds (sensitive: s.26 PDPA, e.g. health, religion). */
export const FIELD_DATA_CLASSES = ["general", "personal", "sensitive"] as const;
export type FieldDataClass = (typeof FIELD_DATA_CLASSES)[number];

/** Thai-aware inputs; the plain ones follow the schema's type. */
export const WIDGETS = [
  "text",
  "textarea",
  "email",
  "number",
  "select",
  "radio",
  "checkbox",
  "national-id",
  "juristic-id",
  "thai-phone",
  "be-date",
  "thai-address",
  "money",
] as const;
export type Widget = (typeof WIDGETS)[number];

export interface FieldUi {
  label: { th: string; en?: string };
  help?: { th: string; en?: string };
  widget?: Widget;
  /** Labels of enum values, by value. */
  options?: Record<string, { th: string; en?: string }>;
  /** Shown (and required, if the schema requires it) only when another field has one of these values. */
  showIf?: { field: string; in: (string | number | boolean)[] };
  lawfulBasis: LawfulBasis;
  dataClass: FieldDataClass;
}

export interface FormPage {
  id: string;
  title: { th: string; en?: string };
  fields: string[];
}

export interface FormUi {
  /** Every schema property appears on exactly one page; pages are shown in this order. */
  pages: FormPage[];
  fields: Record<string, FieldUi>;
}
