import type { ErrorObject, ValidateFunction } from "ajv";
import type { Lang } from "../platform/i18n/index.js";
import { sha256Hex } from "../platform/ids.js";
import { answersSchema } from "./answers-schema.js";
import { fieldErrorMessage } from "./field-messages.js";
import { createFormAjv } from "./form-ajv.js";
import type { FormDefinition } from "./form-definition.js";
import { addressMismatch } from "./thai-address.js";
import { visibleFields } from "./visibility.js";

/** One field's problem: `field` is the property, or `property.part` inside an address; "" for the whole form. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export type AnswersResult =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; errors: FieldError[] };

export interface ValidateAnswersOptions {
  lang: Lang;
  /** Check only these fields (one page of the form); errors of other fields are not reported. */
  onlyFields?: readonly string[];
}

/** Any single text longer than this is refused before the schema is even looked at. */
const MAX_TEXT = 100_000;
const MAX_NODES = 10_000;
const MAX_DEPTH = 16;
const CACHE_SIZE = 200;

const ajv = createFormAjv();
type Compiled = { validate: ValidateFunction; schema: object } | { failed: true };
const compiled = new Map<string, Compiled>();

/** Compiled once per distinct form (keyed by its hash), at most CACHE_SIZE kept, oldest dropped. */
function validatorOf(form: FormDefinition): Compiled {
  const key = sha256Hex(JSON.stringify(form));
  const hit = compiled.get(key);
  if (hit) {
    compiled.delete(key);
    compiled.set(key, hit);
    return hit;
  }
  let entry: Compiled;
  try {
    const schema = answersSchema(form);
    entry = { validate: ajv.compile(schema), schema };
  } catch {
    entry = { failed: true };
  }
  compiled.set(key, entry);
  if (compiled.size > CACHE_SIZE) {
    const [oldestKey, oldest] = compiled.entries().next().value as [string, Compiled];
    compiled.delete(oldestKey);
    if ("schema" in oldest) ajv.removeSchema(oldest.schema);
  }
  return entry;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The first field of `value` that is too big to look at: too long a text, too deep or too many parts. */
function oversized(value: unknown): "too-long" | "too-large" | undefined {
  let nodes = 0;
  const walk = (v: unknown, depth: number): "too-long" | "too-large" | undefined => {
    if (++nodes > MAX_NODES || depth > MAX_DEPTH) return "too-large";
    if (typeof v === "string") return v.length > MAX_TEXT ? "too-long" : undefined;
    if (typeof v !== "object" || v === null) return undefined;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      const found = walk(child, depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return walk(value, 0);
}

/**
 * FM-1: checks a form's answers on the server, as the applicant gave them. Returns the answers to keep
 * (exactly as given, less the fields hidden by showIf: a forged hidden field is dropped, never stored) or
 * every problem, one per field, in the applicant's language (Thai first). A field the form does not have
 * is refused. Never throws, whatever JSON it is given.
 */
export function validateAnswers(
  form: FormDefinition,
  answers: unknown,
  options: ValidateAnswersOptions,
): AnswersResult {
  const { lang, onlyFields } = options;
  const message = (field: string, code: string, params: Record<string, string | number> = {}) => ({
    field,
    code,
    message: fieldErrorMessage(form, lang, field, code, params),
  });
  try {
    if (!isPlainObject(answers) || !isPlainObject(form?.schema) || !isPlainObject(form.ui))
      return { ok: false, errors: [message("", "form-invalid")] };
    const properties = (form.schema.properties ?? {}) as Record<string, unknown>;
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    const push = (error: FieldError) => {
      const top = error.field.split(".")[0] ?? "";
      if (onlyFields && !onlyFields.includes(top)) return;
      if (seen.has(top)) return;
      seen.add(top);
      errors.push(error);
    };
    for (const key of Object.keys(answers)) {
      if (!Object.hasOwn(properties, key)) {
        errors.push(message(key.slice(0, 64), "unknown-field"));
        continue;
      }
      const tooBig = oversized(answers[key]);
      if (tooBig) push(message(key, tooBig === "too-long" ? "too-long" : "form-invalid", { max: MAX_TEXT }));
    }
    if (errors.length > 0) return { ok: false, errors };
    const shown = visibleFields(form, answers);
    const value: Record<string, unknown> = {};
    for (const key of Object.keys(answers)) if (shown.has(key)) value[key] = answers[key];

    const entry = validatorOf(form);
    if ("failed" in entry) return { ok: false, errors: [message("", "form-invalid")] };
    const required = Array.isArray(form.schema.required) ? (form.schema.required as unknown[]) : [];
    for (const name of required)
      if (typeof name === "string" && shown.has(name) && (value[name] === undefined || value[name] === ""))
        push(message(name, "required"));
    if (!entry.validate(value))
      for (const error of entry.validate.errors ?? []) push(fromAjv(error, value, message));
    if (errors.length === 0) return { ok: true, value };
    // In the order the form asks its questions, as the error summary lists them.
    const order = (form.ui.pages ?? []).flatMap((p) => p.fields);
    const rank = (e: FieldError) => {
      const at = order.indexOf(e.field.split(".")[0] ?? "");
      return at < 0 ? order.length : at;
    };
    return { ok: false, errors: errors.sort((a, b) => rank(a) - rank(b)) };
  } catch {
    return { ok: false, errors: [message("", "form-invalid")] };
  }
}

const FORMAT_CODES: Record<string, string> = {
  "thai-national-id": "national-id",
  "thai-juristic-id": "juristic-id",
  "thai-phone": "phone",
  "thai-mobile": "phone",
  "thai-landline": "phone",
  date: "date",
  email: "email",
  baht: "money",
};

/** A multipleOf of a hundredth is the satang of an amount of money. */
const isSatangStep = (error: ErrorObject) => (error.params as { multipleOf?: number }).multipleOf === 0.01;

const dataAt = (value: unknown, segments: string[]): unknown =>
  segments.reduce<unknown>(
    (v, s) => (isPlainObject(v) || Array.isArray(v) ? (v as Record<string, unknown>)[s] : undefined),
    value,
  );

type Message = (field: string, code: string, params?: Record<string, string | number>) => FieldError;

/** An Ajv error as our field error: which field (an address part by its name) and a stable code. */
function fromAjv(error: ErrorObject, value: Record<string, unknown>, message: Message): FieldError {
  const segments = error.instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
  const top = segments[0] ?? "";
  // Inside an object (an address), name the part; inside a list, the list.
  const part = segments[1] !== undefined && !/^\d+$/.test(segments[1]) ? `${top}.${segments[1]}` : top;
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return message(top ? `${top}.${String(p.missingProperty)}` : String(p.missingProperty), "required");
    case "additionalProperties":
      return message(top, "unknown-field");
    case "thaiAddress": {
      const wrong = addressMismatch(value[top] as never) ?? "province";
      return message(`${top}.${wrong}`, `address-${wrong}`);
    }
    case "bahtAmount":
      return message(part, "money");
    case "multipleOf":
      return message(part, isSatangStep(error) ? "money" : "invalid");
    case "format":
      return message(part, FORMAT_CODES[String(p.format)] ?? "format");
    case "maxLength":
      return message(part, "too-long", { max: Number(p.limit) });
    case "minLength":
      return dataAt(value, segments) === ""
        ? message(part, "required")
        : message(part, "too-short", { min: Number(p.limit) });
    case "enum":
    case "const":
      return message(part, "choice");
    case "type":
      return message(part, p.type === "number" || p.type === "integer" ? "number" : "type");
    case "minimum":
    case "exclusiveMinimum":
      return message(part, "minimum", { limit: Number(p.limit) });
    case "maximum":
    case "exclusiveMaximum":
      return message(part, "maximum", { limit: Number(p.limit) });
    case "maxItems":
      return message(part, "too-many", { max: Number(p.limit) });
    case "pattern":
      return message(part, segments[1] === "postcode" ? "address-postcode" : "pattern");
    default:
      return message(part, "invalid");
  }
}
