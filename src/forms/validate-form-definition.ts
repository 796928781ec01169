import { createFormAjv } from "./form-ajv.js";
import type { FieldDataClass, LawfulBasis, Widget } from "./form-definition.js";
import { choicesOf, WIDGETS, widgetFits } from "./widgets.js";

/** One reason a form file is refused at import, with where it is (a JSON pointer-like path). */
export interface FormProblem {
  path: string;
  code: string;
  message: { th: string; en: string };
}

const LAWFUL_BASES: readonly LawfulBasis[] = [
  "public-task",
  "legal-obligation",
  "consent",
  "contract",
  "vital-interest",
  "legitimate-interest",
];
const DATA_CLASSES: readonly FieldDataClass[] = ["general", "personal", "sensitive"];
/** Field names become HTML names and ids; page ids become URL segments. */
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const PAGE_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * FM-1: checks a form file (JSON Schema + UI hints) before it is imported or published, and says every
 * reason it is refused, in Thai and English. The schema must compile under Ajv's strict mode, refer to
 * nothing outside itself, and every field must have its UI hints (label, lawful basis and data class for
 * the privacy notice, PD-1) and sit on exactly one page. Never throws; an empty list means accepted.
 * `_documentIds` is accepted for the catalogue's call: the form format refers to no checklist item yet.
 */
export function validateFormDefinition(form: unknown, _documentIds?: readonly string[]): FormProblem[] {
  const problems: FormProblem[] = [];
  const add = (path: string, code: string, th: string, en: string) =>
    problems.push({ path, code, message: { th, en } });
  if (!isObj(form) || !isObj(form.schema) || !isObj(form.ui)) {
    add("", "form-shape", "แบบฟอร์มต้องมี schema และ ui", "A form has a schema and ui");
    return problems;
  }
  const { schema, ui } = form;
  checkSchema(schema, add);
  const properties = isObj(schema.properties) ? schema.properties : {};
  const names = Object.keys(properties);
  for (const name of names)
    if (!FIELD_NAME.test(name))
      add(
        `/schema/properties/${name}`,
        "field-name-invalid",
        `ชื่อช่อง "${name}" ใช้ได้เฉพาะ A-Z a-z 0-9 _ ขึ้นต้นด้วยตัวอักษร`,
        `Field name "${name}" may hold only A-Z a-z 0-9 _ and starts with a letter`,
      );
  const pageOf = checkPages(ui.pages, names, add);
  checkFields(ui.fields, properties, pageOf, add);
  return problems;
}

type Add = (path: string, code: string, th: string, en: string) => void;

function checkSchema(schema: Obj, add: Add) {
  if (schema.type !== "object" || !isObj(schema.properties) || Object.keys(schema.properties).length === 0)
    add(
      "/schema",
      "schema-not-object",
      'schema ต้องเป็น type "object" ที่มี properties',
      'The schema is of type "object" with properties',
    );
  for (const [path, ref] of refsOf(schema, "/schema"))
    if (typeof ref !== "string" || !ref.startsWith("#") || path.endsWith("/$id"))
      add(
        path,
        "schema-external-ref",
        `อ้างอิง ${String(ref)} นอกแบบฟอร์มไม่ได้`,
        `A reference outside the form (${String(ref)}) is not allowed`,
      );
  try {
    createFormAjv().compile(schema);
  } catch (error) {
    const detail = error instanceof Error ? error.message.slice(0, 300) : "invalid";
    add(
      "/schema",
      "schema-invalid",
      `JSON Schema ไม่ถูกต้อง: ${detail}`,
      `The JSON Schema is invalid: ${detail}`,
    );
  }
}

/** Every `$ref`/`$dynamicRef` anywhere in the schema, and every nested `$id` (it could name a remote base). */
function refsOf(node: unknown, path: string, out: [string, unknown][] = [], depth = 0): [string, unknown][] {
  if (depth > 64 || typeof node !== "object" || node === null) return out;
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" || key === "$dynamicRef" || (key === "$id" && depth > 0))
      out.push([`${path}/${key}`, value]);
    else refsOf(value, `${path}/${key}`, out, depth + 1);
  }
  return out;
}

function checkPages(pages: unknown, names: string[], add: Add): Map<string, number> {
  const pageOf = new Map<string, number>();
  if (!Array.isArray(pages) || pages.length === 0) {
    add("/ui/pages", "pages-missing", "ต้องมีอย่างน้อยหนึ่งหน้า", "At least one page is needed");
    return pageOf;
  }
  const ids = new Set<string>();
  pages.forEach((page, i) => {
    const at = `/ui/pages/${i}`;
    if (
      !isObj(page) ||
      !Array.isArray(page.fields) ||
      !isObj(page.title) ||
      typeof page.title.th !== "string"
    ) {
      add(at, "page-shape", "หน้าต้องมี id, title.th และ fields", "A page has an id, title.th and fields");
      return;
    }
    if (typeof page.id !== "string" || !PAGE_ID.test(page.id))
      add(
        `${at}/id`,
        "page-id-invalid",
        "รหัสหน้าใช้ได้เฉพาะ a-z 0-9 และ - (ไม่เกิน 40 ตัว)",
        "A page id is a-z, 0-9 and - (at most 40)",
      );
    else if (ids.has(page.id))
      add(`${at}/id`, "page-id-duplicate", `รหัสหน้า "${page.id}" ซ้ำ`, `Page id "${page.id}" is used twice`);
    else ids.add(page.id);
    if (page.fields.length === 0)
      add(`${at}/fields`, "page-empty", "หน้าต้องมีอย่างน้อยหนึ่งช่อง", "A page has at least one field");
    page.fields.forEach((field, j) => {
      const name = String(field);
      if (typeof field !== "string" || !names.includes(field))
        add(
          `${at}/fields/${j}`,
          "page-field-unknown",
          `ไม่มีช่อง "${name}" ใน schema`,
          `There is no field "${name}" in the schema`,
        );
      else if (pageOf.has(field))
        add(
          `${at}/fields/${j}`,
          "field-on-many-pages",
          `ช่อง "${name}" อยู่มากกว่าหนึ่งหน้า`,
          `Field "${name}" is on more than one page`,
        );
      else pageOf.set(field, i);
    });
  });
  for (const name of names)
    if (!pageOf.has(name))
      add(`/ui/pages`, "field-not-on-page", `ช่อง "${name}" ไม่อยู่ในหน้าใด`, `Field "${name}" is on no page`);
  return pageOf;
}

function checkFields(fields: unknown, properties: Obj, pageOf: Map<string, number>, add: Add) {
  const uiFields = isObj(fields) ? fields : {};
  for (const name of Object.keys(uiFields))
    if (!Object.hasOwn(properties, name))
      add(
        `/ui/fields/${name}`,
        "ui-field-unknown",
        `ไม่มีช่อง "${name}" ใน schema`,
        `There is no field "${name}" in the schema`,
      );
  for (const [name, prop] of Object.entries(properties)) {
    const at = `/ui/fields/${name}`;
    const ui = uiFields[name];
    if (!isObj(ui)) {
      add(
        at,
        "field-ui-missing",
        `ช่อง "${name}" ไม่มีคำอธิบายการแสดงผล (ui)`,
        `Field "${name}" has no UI hints`,
      );
      continue;
    }
    if (!isObj(ui.label) || typeof ui.label.th !== "string" || ui.label.th.trim() === "")
      add(`${at}/label`, "label-missing", `ช่อง "${name}" ไม่มีชื่อภาษาไทย`, `Field "${name}" has no Thai label`);
    if (!LAWFUL_BASES.includes(ui.lawfulBasis as LawfulBasis))
      add(
        `${at}/lawfulBasis`,
        "lawful-basis-missing",
        `ช่อง "${name}" ต้องระบุฐานทางกฎหมาย (lawfulBasis)`,
        `Field "${name}" needs its lawful basis`,
      );
    if (!DATA_CLASSES.includes(ui.dataClass as FieldDataClass))
      add(
        `${at}/dataClass`,
        "data-class-missing",
        `ช่อง "${name}" ต้องระบุประเภทข้อมูล (dataClass)`,
        `Field "${name}" needs its data class`,
      );
    if (ui.widget !== undefined) {
      if (!WIDGETS.includes(ui.widget as Widget))
        add(
          `${at}/widget`,
          "widget-unknown",
          `ไม่รู้จักรูปแบบช่อง "${String(ui.widget)}"`,
          `Unknown widget "${String(ui.widget)}"`,
        );
      else if (isObj(prop) && !widgetFits(ui.widget as Widget, prop))
        add(
          `${at}/widget`,
          "widget-type",
          `รูปแบบช่อง "${String(ui.widget)}" ใช้กับชนิดข้อมูลของ "${name}" ไม่ได้`,
          `Widget "${String(ui.widget)}" does not fit the type of "${name}"`,
        );
    } else if (isObj(prop) && prop.type === "object")
      add(
        `${at}/widget`,
        "widget-type",
        `ช่อง "${name}" เป็น object ต้องใช้รูปแบบ thai-address`,
        `Object field "${name}" needs the thai-address widget`,
      );
    if (ui.widget === "thai-address" && isObj(prop) && isObj(prop.properties))
      for (const part of ["province", "district", "subdistrict", "postcode"])
        if (!Object.hasOwn(prop.properties, part))
          add(
            `/schema/properties/${name}/properties`,
            "address-part-missing",
            `ที่อยู่ "${name}" ต้องมีส่วน "${part}"`,
            `Address "${name}" needs a "${part}" part`,
          );
    if (ui.showIf !== undefined) checkShowIf(name, ui.showIf, properties, pageOf, `${at}/showIf`, add);
  }
}

function checkShowIf(
  name: string,
  showIf: unknown,
  properties: Obj,
  pageOf: Map<string, number>,
  at: string,
  add: Add,
) {
  if (
    !isObj(showIf) ||
    typeof showIf.field !== "string" ||
    !Array.isArray(showIf.in) ||
    showIf.in.length === 0
  ) {
    add(at, "show-if-shape", "showIf ต้องมี field และ in (รายการค่า)", "showIf has a field and a list `in`");
    return;
  }
  const other = showIf.field;
  const controller = properties[other];
  if (other === name || !Object.hasOwn(properties, other) || !isObj(controller)) {
    add(
      `${at}/field`,
      "show-if-unknown-field",
      `showIf ของ "${name}" อ้างถึงช่อง "${other}" ที่ไม่มี`,
      `showIf of "${name}" refers to a missing field "${other}"`,
    );
    return;
  }
  const page = pageOf.get(name);
  const otherPage = pageOf.get(other);
  if (page !== undefined && otherPage !== undefined && otherPage > page)
    add(
      `${at}/field`,
      "show-if-later-field",
      `showIf ของ "${name}" อ้างถึงช่องในหน้าถัดไป`,
      `showIf of "${name}" refers to a field on a later page`,
    );
  const choices = choicesOf(controller);
  const allowed = choices ?? (controller.type === "boolean" ? [true, false] : undefined);
  for (const value of showIf.in)
    if (!allowed?.some((c) => c === value))
      add(
        `${at}/in`,
        "show-if-value",
        `ค่า ${JSON.stringify(value)} ไม่อยู่ในตัวเลือกของ "${other}"`,
        `${JSON.stringify(value)} is not one of the values of "${other}"`,
      );
}
