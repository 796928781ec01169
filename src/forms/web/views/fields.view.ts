import { type Html, html } from "../../../platform/html.js";
import { hasMessage, type Lang, t } from "../../../platform/i18n/index.js";
import type { FieldUi, FormDefinition } from "../../form-definition.js";
import {
  listDistricts,
  listPostcodes,
  listProvinces,
  listSubdistricts,
  typedPartsOf,
} from "../../thai-address.js";
import { MONTHS } from "../../thai-inputs.js";
import { choicesOf, widgetOf } from "../../widgets.js";

/** What the inputs of a page hold: by input name, the text (or texts, for checkboxes) to show. */
export type RawInputs = Record<string, string | string[]>;

export interface FieldsContext {
  lang: Lang;
  form: FormDefinition;
  raw: RawInputs;
  /** Error messages by field path (`name` or `name.part`). */
  errors: Map<string, string>;
  required: Set<string>;
}

type Schema = Record<string, unknown>;
const inLang = (lang: Lang, text: { th: string; en?: string } | undefined) =>
  text ? (lang === "en" ? text.en || text.th : text.th) : "";
const one = (raw: RawInputs, name: string): string => {
  const v = raw[name];
  return typeof v === "string" ? v : "";
};
const propOf = (form: FormDefinition, name: string) =>
  ((form.schema.properties ?? {}) as Record<string, Schema>)[name] ?? {};

/** The id of the input an error summary links to for a field path (the first input of a group). */
export function anchorOf(form: FormDefinition, path: string): string {
  const [name = "", part] = path.split(".");
  if (part) return `f-${name}-${part}`;
  const widget = widgetOf(propOf(form, name), form.ui.fields[name]);
  if (widget === "be-date") return `f-${name}-day`;
  if (widget === "thai-address") return `f-${name}-${typedPartsOf(propOf(form, name))[0] ?? "province"}`;
  if (widget === "radio" || (widget === "checkbox" && propOf(form, name).type === "array"))
    return `f-${name}-0`;
  return `f-${name}`;
}

/** aria attributes of a group (fieldset): described by its hint and error; its inputs say they are invalid. */
function describedGroup(id: string, hint: boolean, error: string | undefined): Html {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return html`${ids ? html` aria-describedby="${ids}"` : ""}`;
}

/** aria attributes of an input: its hint and error described, invalid when it has an error. */
function described(id: string, hint: boolean, error: string | undefined): Html {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return html`${ids ? html` aria-describedby="${ids}"` : ""}${error ? html` aria-invalid="true"` : ""}`;
}

const errorLine = (id: string, error: string | undefined) =>
  error ? html`<p class="refused" id="${id}-error">${error}</p>` : "";

function labelText(ctx: FieldsContext, name: string, ui: FieldUi | undefined) {
  const label = inLang(ctx.lang, ui?.label) || name;
  return ctx.required.has(name) ? label : `${label} ${t(ctx.lang, "apply.optional")}`;
}

/** One field of a question page, as plain HTML inputs that work without JavaScript. */
export function fieldView(ctx: FieldsContext, name: string): Html {
  const { lang, form, raw, errors } = ctx;
  const prop = propOf(form, name);
  const ui = form.ui.fields[name];
  const widget = widgetOf(prop, ui);
  const id = `f-${name}`;
  const label = labelText(ctx, name, ui);
  const help = inLang(lang, ui?.help);
  const builtInHint: Record<string, string> = {
    "national-id": t(lang, "apply.nationalIdHint"),
    "juristic-id": t(lang, "apply.juristicIdHint"),
    "thai-phone": t(lang, "apply.phoneHint"),
    money: t(lang, "apply.moneyHint"),
    "be-date": t(lang, "apply.dateHint"),
    "thai-address": t(lang, "apply.addressHint"),
  };
  const hintText = [help, builtInHint[widget] ?? ""].filter(Boolean).join(" — ");
  const hint = hintText ? html`<p class="hint" id="${id}-hint">${hintText}</p>` : "";
  const error = errors.get(name);
  const value = one(raw, name);
  const maxLength = typeof prop.maxLength === "number" ? prop.maxLength : undefined;
  const textInput = (type: string, extra: Html | string = "") =>
    html`<label for="${id}">${label}</label>${hint}${errorLine(id, error)}
<input type="${type}" id="${id}" name="${name}" value="${value}"${maxLength ? html` maxlength="${maxLength}"` : ""}${extra}${described(id, Boolean(hintText), error)}>`;
  switch (widget) {
    case "textarea":
      return html`<label for="${id}">${label}</label>${hint}${errorLine(id, error)}
<textarea id="${id}" name="${name}"${maxLength ? html` maxlength="${maxLength}"` : ""}${described(id, Boolean(hintText), error)}>${value}</textarea>`;
    case "email":
      return textInput("email", html` autocomplete="email" inputmode="email" spellcheck="false"`);
    case "number":
      return textInput("text", html` inputmode="numeric"`);
    case "national-id":
    case "juristic-id":
      return textInput(
        "text",
        html` inputmode="numeric" autocomplete="off" spellcheck="false" maxlength="20"`,
      );
    case "thai-phone":
      return textInput("tel", html` inputmode="tel" autocomplete="tel" maxlength="20"`);
    case "money":
      return textInput("text", html` inputmode="decimal" maxlength="20"`);
    case "select": {
      const choices = choicesOf(prop) ?? [];
      return html`<label for="${id}">${label}</label>${hint}${errorLine(id, error)}
<select id="${id}" name="${name}"${described(id, Boolean(hintText), error)}>
<option value="">${t(lang, "apply.selectPrompt")}</option>
${choices.map((c) => html`<option value="${String(c)}"${String(c) === value ? " selected" : ""}>${optionLabel(lang, ui, c)}</option>`)}
</select>`;
    }
    case "radio":
    case "checkbox": {
      if (widget === "checkbox" && prop.type !== "array") {
        return html`${hint}${errorLine(id, error)}<label class="check"><input type="checkbox" id="${id}" name="${name}" value="yes"${value === "yes" ? " checked" : ""}${described(id, Boolean(hintText), error)}> <span>${label}</span></label>`;
      }
      const choices = choicesOf(prop) ?? [];
      const picked = new Set(Array.isArray(raw[name]) ? (raw[name] as string[]) : value ? [value] : []);
      const type = widget === "radio" ? "radio" : "checkbox";
      return html`<fieldset${describedGroup(id, Boolean(hintText), error)}><legend>${label}</legend>${hint}${errorLine(id, error)}
${choices.map(
  (c, i) =>
    html`<label class="check"><input type="${type}" id="${id}-${i}" name="${name}" value="${String(c)}"${picked.has(String(c)) ? " checked" : ""}> <span>${optionLabel(lang, ui, c)}</span></label>`,
)}
</fieldset>`;
    }
    case "be-date":
      return dateView(ctx, name, label, hint, Boolean(hintText), error);
    case "thai-address":
      return addressView(ctx, name, label, hint, Boolean(hintText));
    default:
      return textInput("text");
  }
}

function optionLabel(lang: Lang, ui: FieldUi | undefined, value: unknown): string {
  const option = ui?.options?.[String(value)];
  return option ? inLang(lang, option) : String(value);
}

/** A Buddhist-era date as day, month (by name) and year in B.E.: no date picker, no JavaScript. */
function dateView(
  ctx: FieldsContext,
  name: string,
  label: string,
  hint: Html | string,
  hasHint: boolean,
  error?: string,
) {
  const { lang, raw } = ctx;
  const id = `f-${name}`;
  const month = one(raw, `${name}-month`);
  return html`<fieldset${describedGroup(id, hasHint, error)}><legend>${label}</legend>${hint}${errorLine(id, error)}
<label for="${id}-day">${t(lang, "apply.dateDay")}</label>
<input type="text" id="${id}-day" name="${name}-day" inputmode="numeric" maxlength="2" size="3" value="${one(raw, `${name}-day`)}"${error ? html` aria-invalid="true"` : ""}>
<label for="${id}-month">${t(lang, "apply.dateMonth")}</label>
<select id="${id}-month" name="${name}-month"${error ? html` aria-invalid="true"` : ""}>
<option value="">${t(lang, "apply.selectPrompt")}</option>
${MONTHS[lang].map((m, i) => html`<option value="${i + 1}"${String(i + 1) === month ? " selected" : ""}>${m}</option>`)}
</select>
<label for="${id}-year">${t(lang, "apply.dateYear")}</label>
<input type="text" id="${id}-year" name="${name}-year" inputmode="numeric" maxlength="4" size="5" value="${one(raw, `${name}-year`)}"${error ? html` aria-invalid="true"` : ""}>
</fieldset>`;
}

/**
 * A Thai address without JavaScript: the province is chosen and sent with the "Choose" button, the page
 * comes back with that province's districts, then the district's subdistricts; the postcode is filled
 * in from the data set (a choice only when a subdistrict has several).
 */
function addressView(ctx: FieldsContext, name: string, label: string, hint: Html | string, hasHint: boolean) {
  const { lang, raw, errors } = ctx;
  const id = `f-${name}`;
  const part = (p: string) => one(raw, `${name}-${p}`);
  const province = part("province");
  const districts = province ? listDistricts(province) : [];
  const district = districts.includes(part("district")) ? part("district") : "";
  const subdistricts = district ? listSubdistricts(province, district) : [];
  const subdistrict = subdistricts.includes(part("subdistrict")) ? part("subdistrict") : "";
  const postcodes = subdistrict ? listPostcodes(province, district, subdistrict) : [];
  const postcode = postcodes.length === 1 ? postcodes[0] : part("postcode");
  const partLabel = (p: string) => {
    const key = `address.${p}`;
    return hasMessage(key) ? t(lang, key) : p;
  };
  const schema = propOf(ctx.form, name);
  const partSchemas = (schema.properties ?? {}) as Record<string, Schema>;
  const requiredParts = new Set(
    Array.isArray(schema.required) ? (schema.required as string[]) : ["houseNumber"],
  );
  const text = (p: string) => {
    const max = typeof partSchemas[p]?.maxLength === "number" ? (partSchemas[p]?.maxLength as number) : 100;
    const required = requiredParts.has(p);
    const pid = `${id}-${p}`;
    const err = errors.get(`${name}.${p}`);
    return html`<label for="${pid}">${partLabel(p)}${required ? "" : ` ${t(lang, "apply.optional")}`}</label>${errorLine(pid, err)}
<input type="text" id="${pid}" name="${name}-${p}" maxlength="${max}" value="${part(p)}"${described(pid, false, err)}>`;
  };
  const select = (p: string, options: string[], chosen: string, button: boolean) => {
    const pid = `${id}-${p}`;
    const err = errors.get(`${name}.${p}`);
    return html`<label for="${pid}">${partLabel(p)}</label>${errorLine(pid, err)}
<select id="${pid}" name="${name}-${p}"${described(pid, false, err)}>
<option value="">${t(lang, "apply.selectPrompt")}</option>
${options.map((o) => html`<option${o === chosen ? " selected" : ""}>${o}</option>`)}
</select>${button ? html`<button type="submit" class="choose" name="_choose" value="${name}">${t(lang, "apply.choose")}</button>` : ""}`;
  };
  return html`<fieldset${hasHint ? html` aria-describedby="${id}-hint"` : ""}><legend>${label}</legend>${hint}
${typedPartsOf(schema).map((p) => text(p))}
${select("province", listProvinces(), province, true)}
${districts.length ? select("district", districts, district, true) : ""}
${subdistricts.length ? select("subdistrict", subdistricts, subdistrict, true) : ""}
${
  postcodes.length > 1
    ? select("postcode", postcodes, postcode ?? "", false)
    : subdistrict
      ? html`<label for="${id}-postcode">${t(lang, "address.postcode")}</label>${errorLine(`${id}-postcode`, errors.get(`${name}.postcode`))}
<input type="text" id="${id}-postcode" name="${name}-postcode" inputmode="numeric" maxlength="5" value="${postcode ?? ""}"${described(`${id}-postcode`, false, errors.get(`${name}.postcode`))}>`
      : ""
}
</fieldset>`;
}
