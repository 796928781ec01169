import type { FormDefinition } from "./form-definition.js";
import { addressSchemaOf } from "./thai-address.js";
import { WIDGET_FORMAT, widgetOf } from "./widgets.js";

/** A text field without its own limit holds at most this many characters (a textarea, ten times more). */
export const DEFAULT_MAX_LENGTH = 2_000;
export const DEFAULT_TEXTAREA_MAX_LENGTH = 20_000;
/** A list without its own limit holds at most this many items. */
export const DEFAULT_MAX_ITEMS = 100;

type Schema = Record<string, unknown>;
const isObj = (v: unknown): v is Schema => typeof v === "object" && v !== null && !Array.isArray(v);

/** A copy of `schema` where every string and list has an upper bound (huge inputs are refused). */
function bounded(schema: unknown, maxLength: number, depth = 0): unknown {
  if (!isObj(schema) || depth > 32) return schema;
  const out: Schema = { ...schema };
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes("string") && out.maxLength === undefined) out.maxLength = maxLength;
  if (types.includes("array") && out.maxItems === undefined) out.maxItems = DEFAULT_MAX_ITEMS;
  if (isObj(schema.properties))
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([k, v]) => [k, bounded(v, DEFAULT_MAX_LENGTH, depth + 1)]),
    );
  if (isObj(schema.items)) out.items = bounded(schema.items, DEFAULT_MAX_LENGTH, depth + 1);
  for (const key of ["allOf", "anyOf", "oneOf", "prefixItems"] as const)
    if (Array.isArray(schema[key]))
      out[key] = (schema[key] as unknown[]).map((s) => bounded(s, DEFAULT_MAX_LENGTH, depth + 1));
  return out;
}

/**
 * The schema answers are actually checked with: the form's own, each field bounded, each Thai widget's
 * format added (a national-id field is checked as one whatever the schema says), a thai-address field
 * checked against the data set; without the top-level `required` and `additionalProperties`, which
 * depend on which fields are shown and are checked beside it (see validateAnswers).
 */
export function answersSchema(form: FormDefinition): Schema {
  const { required: _required, additionalProperties: _extra, $id: _id, ...top } = form.schema;
  const properties = isObj(form.schema.properties) ? form.schema.properties : {};
  const effective: Schema = {};
  for (const [name, prop] of Object.entries(properties)) {
    const ui = form.ui.fields?.[name];
    const widget = widgetOf(isObj(prop) ? prop : {}, ui);
    const max = widget === "textarea" ? DEFAULT_TEXTAREA_MAX_LENGTH : DEFAULT_MAX_LENGTH;
    const format = WIDGET_FORMAT[widget];
    if (widget === "thai-address")
      effective[name] = {
        allOf: [
          bounded(addressSchemaOf(isObj(prop) ? prop : {}), max),
          { type: "object", thaiAddress: true },
        ],
      };
    else if (widget === "money" && isObj(prop) && prop.type !== "string")
      effective[name] = { allOf: [bounded(prop, max), { type: "number", bahtAmount: true }] };
    else if (format) effective[name] = { allOf: [bounded(prop, max), { type: "string", format }] };
    else effective[name] = bounded(prop, max);
  }
  return { ...top, properties: effective };
}
