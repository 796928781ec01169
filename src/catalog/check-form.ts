import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { FormDefinition } from "../forms/index.js";
import type { DefinitionProblem } from "./definition-problem.js";

// The forms capability's own formats and keyword, named here only so that strict mode knows them.
const FORMS_FORMATS = [
  "thai-national-id",
  "thai-juristic-id",
  "thai-mobile",
  "thai-landline",
  "thai-phone",
  "baht",
];

/**
 * TODO(#11): the forms capability's `validateFormDefinition` is the one check of a form (schema validity,
 * references between ui and schema, showIf, widgets, lawful basis). Once it is on main this body becomes
 * `validateFormDefinition(form, documentIds).map((p) => ({ rule: "form", path: `/form${p.path}`,
 * detail: p.code, message: p.message }))`; until then this hook does the references a published form
 * cannot do without, so that a file referring to what does not exist is refused at import.
 */
export function checkForm(form: FormDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (rule: DefinitionProblem["rule"], path: string, detail = "") =>
    problems.push({ rule, path: `/form${path}`, detail });
  try {
    const ajv = new Ajv2020({ strict: true, allErrors: false, allowUnionTypes: true });
    addFormats.default(ajv);
    for (const format of FORMS_FORMATS) ajv.addFormat(format, true);
    ajv.addKeyword({ keyword: "thaiAddress", type: "object", schemaType: "boolean" });
    ajv.compile(form.schema);
  } catch (error) {
    add("form-schema-invalid", "/schema", error instanceof Error ? error.message.slice(0, 300) : "");
    return problems;
  }
  const properties = form.schema.properties;
  if (form.schema.type !== "object" || typeof properties !== "object" || properties === null) {
    add("form-schema-invalid", "/schema", 'type "object" with "properties"');
    return problems;
  }
  const names = new Set(Object.keys(properties));
  const placed = new Map<string, number>();
  const pageIds = new Set<string>();
  form.ui.pages.forEach((page, i) => {
    if (pageIds.has(page.id)) add("form-page-id-duplicate", `/ui/pages/${i}/id`, page.id);
    pageIds.add(page.id);
    page.fields.forEach((field, j) => {
      if (!names.has(field)) add("form-field-unknown", `/ui/pages/${i}/fields/${j}`, field);
      placed.set(field, (placed.get(field) ?? 0) + 1);
    });
  });
  for (const name of names) {
    if (placed.get(name) !== 1) add("form-field-not-on-one-page", "/ui/pages", name);
    if (!Object.hasOwn(form.ui.fields, name)) add("form-field-without-ui", "/ui/fields", name);
  }
  for (const [name, ui] of Object.entries(form.ui.fields)) {
    const at = `/ui/fields/${escapePointer(name)}`;
    if (!names.has(name)) add("form-field-unknown", at, name);
    if (ui.showIf && (!names.has(ui.showIf.field) || ui.showIf.field === name))
      add("form-show-if-unknown", `${at}/showIf/field`, ui.showIf.field);
  }
  return problems;
}

/** A JSON Pointer segment (RFC 6901). */
export const escapePointer = (segment: string) => segment.replaceAll("~", "~0").replaceAll("/", "~1");
