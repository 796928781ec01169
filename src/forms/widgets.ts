import type { FieldUi, Widget } from "./form-definition.js";

export const WIDGETS: readonly Widget[] = [
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
];

type Schema = Record<string, unknown>;

/** The JSON types a property may hold: its `type`, else what its enum's values are. */
export function schemaTypes(prop: Schema): Set<string> {
  const type = prop.type;
  if (typeof type === "string") return new Set([type]);
  if (Array.isArray(type)) return new Set(type.filter((t): t is string => typeof t === "string"));
  if (Array.isArray(prop.enum))
    return new Set(prop.enum.map((v) => (Number.isInteger(v) ? "integer" : v === null ? "null" : typeof v)));
  return new Set();
}

/** The values a property may take when it is a choice (its enum, or the enum of its items). */
export function choicesOf(prop: Schema): unknown[] | undefined {
  if (Array.isArray(prop.enum)) return prop.enum;
  if (prop.const !== undefined) return [prop.const];
  const items = prop.items as Schema | undefined;
  if (prop.type === "array" && items && typeof items === "object" && Array.isArray(items.enum))
    return items.enum;
  return undefined;
}

/** The widget a field is shown with: its own, else the plain one its schema's type calls for. */
export function widgetOf(prop: Schema, ui: Pick<FieldUi, "widget"> | undefined): Widget {
  if (ui?.widget) return ui.widget;
  const types = schemaTypes(prop);
  if (choicesOf(prop) && prop.type !== "array") return "select";
  if (types.has("boolean") || prop.type === "array") return "checkbox";
  if (types.has("number") || types.has("integer")) return "number";
  if (prop.format === "date") return "be-date";
  if (prop.format === "email") return "email";
  return "text";
}

/** The format a Thai widget implies on a string, whatever the schema says. */
export const WIDGET_FORMAT: Partial<Record<Widget, string>> = {
  "national-id": "thai-national-id",
  "juristic-id": "thai-juristic-id",
  "thai-phone": "thai-phone",
  "be-date": "date",
  money: "baht",
  email: "email",
};

/** Whether a widget can show and read a property of this schema (FM-1: refused at import otherwise). */
export function widgetFits(widget: Widget, prop: Schema): boolean {
  const types = schemaTypes(prop);
  const only = (...allowed: string[]) => types.size > 0 && [...types].every((t) => allowed.includes(t));
  switch (widget) {
    case "number":
      return only("number", "integer");
    case "select":
    case "radio":
      return choicesOf(prop) !== undefined && prop.type !== "array";
    case "checkbox":
      return only("boolean") || (prop.type === "array" && choicesOf(prop) !== undefined);
    case "thai-address":
      return only("object");
    case "money":
      // Baht as a decimal string ("1500.50", exact: recommended) or as a JSON number of whole satang.
      return only("string") || only("number", "integer");
    default:
      return only("string");
  }
}
