import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TEST_SERVICE } from "../../test/service-fixture.js";
import { THAI_FORM } from "../../test/thai-form-fixture.js";
import type { FormDefinition } from "./form-definition.js";
import {
  addressMismatch,
  listDistricts,
  listPostcodes,
  listProvinces,
  listSubdistricts,
  typedPartsOf,
} from "./thai-address.js";
import { isBaht, isThaiJuristicId, isThaiNationalId, isThaiPhone, thaiIdCheckDigit } from "./thai-ids.js";
import { validateAnswers } from "./validate-answers.js";
import { visibleFields } from "./visibility.js";
import { WIDGET_FORMAT, widgetOf } from "./widgets.js";

/** The demo services' forms, as the catalogue ships them (when present), beside the test forms. */
function demoForms(): [string, FormDefinition][] {
  const dir = path.resolve(import.meta.dirname, "../catalog/demo");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => [f, JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")).form as FormDefinition]);
}

const FORMS: [string, FormDefinition][] = [
  ["TEST_SERVICE", TEST_SERVICE.form],
  ["THAI_FORM", THAI_FORM],
  ...demoForms(),
];

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(""));
const withCheck = (first12: fc.Arbitrary<string>) => first12.map((s) => `${s}${thaiIdCheckDigit(s)}`);
const provinces = listProvinces();

const address = fc
  .record({
    province: fc.constantFrom(...provinces),
    pick: fc.nat(),
    house: fc.constantFrom("1", "99/1", "12/345 ก", "", "ก".repeat(60)),
    wrongPostcode: fc.integer({ min: 0, max: 7 }).map((n) => n === 0),
  })
  .map(({ province, pick, house, wrongPostcode }) => {
    const districts = listDistricts(province);
    const district = districts[pick % districts.length] ?? "";
    const subs = listSubdistricts(province, district);
    const subdistrict = subs[pick % subs.length] ?? "";
    const postcode = wrongPostcode ? "10000" : (listPostcodes(province, district, subdistrict)[0] ?? "");
    return { house, subdistrict, district, province, postcode };
  });
/** An address in the parts of the form's schema: the house in its first typed part (houseNumber or line). */
const addressFor = (prop: Record<string, unknown>) =>
  address.map(({ house, ...chosen }) => ({ [typedPartsOf(prop)[0] ?? "houseNumber"]: house, ...chosen }));

const isoDate = fc
  .date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const dateLike = fc
  .tuple(
    fc.integer({ min: 1900, max: 2600 }),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
  )
  .map(([y, m, d]) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`);

/** For a field: a value its widget would send when filled well, one that is nearly right, or anything. */
function valueFor(prop: Record<string, unknown>, form: FormDefinition, name: string): fc.Arbitrary<unknown> {
  const widget = widgetOf(prop, form.ui.fields[name]);
  const enumValues = (prop.enum ?? (prop.items as { enum?: unknown[] } | undefined)?.enum) as
    | unknown[]
    | undefined;
  const good: fc.Arbitrary<unknown>[] = [];
  const near: fc.Arbitrary<unknown>[] = [fc.string({ maxLength: 20 })];
  if (widget === "national-id") {
    good.push(withCheck(fc.tuple(fc.integer({ min: 1, max: 8 }), digits(11)).map(([a, b]) => `${a}${b}`)));
    near.push(digits(13), withCheck(digits(12)));
  } else if (widget === "juristic-id") {
    good.push(withCheck(digits(11).map((d) => `0${d}`)));
    near.push(digits(13));
  } else if (widget === "thai-phone") {
    good.push(fc.tuple(fc.constantFrom("06", "08", "09"), digits(8)).map(([a, b]) => a + b));
    good.push(fc.tuple(fc.constantFrom("02", "05", "07"), digits(7)).map(([a, b]) => a + b));
    near.push(digits(9), digits(10), fc.constantFrom("081-234-5678", "+66812345678"));
  } else if (widget === "be-date" || prop.format === "date") {
    good.push(isoDate);
    near.push(dateLike);
  } else if (widget === "thai-address") {
    good.push(addressFor(prop));
    near.push(fc.record({ province: fc.string(), district: fc.string() }));
  } else if (widget === "money" && prop.type !== "string") {
    good.push(fc.tuple(fc.nat(10_000_000), fc.constantFrom(0, 0.5, 0.25, 0.1)).map(([n, d]) => n + d));
    near.push(fc.constantFrom(-1, 1.999, 0.001), fc.double());
  } else if (widget === "money") {
    good.push(fc.tuple(fc.nat(10_000_000), fc.constantFrom("", ".5", ".25")).map(([n, d]) => `${n}${d}`));
    near.push(fc.constantFrom("-1", "1.999", "1,000", "01"), fc.double());
  } else if (enumValues && prop.type === "array") good.push(fc.subarray(enumValues));
  else if (enumValues) good.push(fc.constantFrom(...enumValues));
  else if (prop.type === "boolean") good.push(fc.boolean());
  else if (prop.type === "integer" || prop.type === "number") {
    const min = typeof prop.minimum === "number" ? Math.ceil(prop.minimum) : 0;
    const max = typeof prop.maximum === "number" ? Math.floor(prop.maximum) : min + 1000;
    good.push(fc.integer({ min, max: Math.min(max, min + 1000) }));
    near.push(fc.integer({ min: -10, max: 5000 }), fc.double());
  } else if (prop.type === "string") {
    good.push(fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }));
    near.push(fc.string({ unit: "grapheme", maxLength: 3000 }));
  }
  return fc.oneof(
    { weight: 30, arbitrary: good.length ? fc.oneof(...good) : fc.string() },
    { weight: 1, arbitrary: fc.oneof(...near) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );
}

/** Answers for a form: most fields given, sometimes an unknown field beside them. */
function answersFor(form: FormDefinition): fc.Arbitrary<Record<string, unknown>> {
  const props = form.schema.properties as Record<string, Record<string, unknown>>;
  const model = Object.fromEntries(
    Object.entries(props).map(([name, prop]) => [
      name,
      fc.option(valueFor(prop, form, name), { freq: 40, nil: undefined }),
    ]),
  );
  // Nothing more four times in five; else an unknown field or two (a forged one among them).
  const extra = fc.oneof(
    { weight: 4, arbitrary: fc.constant(null) },
    {
      weight: 1,
      arbitrary: fc.dictionary(
        fc.constantFrom("isAdmin", "status", "__proto__", "x"),
        fc.jsonValue({ maxDepth: 1 }),
        {
          minKeys: 1,
          maxKeys: 2,
        },
      ),
    },
  );
  return fc.tuple(fc.record(model), extra).map(([known, more]) => {
    const answers: Record<string, unknown> = {};
    if (more)
      for (const [k, v] of Object.entries(more))
        Object.defineProperty(answers, k, { value: v, enumerable: true, writable: true, configurable: true });
    for (const [k, v] of Object.entries(known)) if (v !== undefined) answers[k] = v;
    return answers;
  });
}

/** What an accepted value must satisfy whatever the schema says: the Thai widgets' own rules. */
function thaiRulesHold(form: FormDefinition, value: Record<string, unknown>) {
  for (const [name, v] of Object.entries(value)) {
    const prop = (form.schema.properties as Record<string, Record<string, unknown>>)[name] ?? {};
    const widget = widgetOf(prop, form.ui.fields[name]);
    if (widget === "national-id") expect(isThaiNationalId(v as string)).toBe(true);
    if (widget === "juristic-id") expect(isThaiJuristicId(v as string)).toBe(true);
    if (widget === "thai-phone") expect(isThaiPhone(v as string)).toBe(true);
    if (widget === "money") expect(isBaht(v as string)).toBe(true);
    if (WIDGET_FORMAT[widget] === "date") expect(Number.isNaN(Date.parse(v as string))).toBe(false);
    if (widget === "thai-address") expect(addressMismatch(v as never)).toBeUndefined();
  }
}

describe("FM-1: random answers are either kept exactly as given or refused with a field message", () => {
  it.each(FORMS)("%s", (_name, form) => {
    let accepted = 0;
    let refused = 0;
    const codes = new Map<string, number>();
    fc.assert(
      fc.property(answersFor(form), fc.constantFrom("th" as const, "en" as const), (answers, lang) => {
        const before = structuredClone(answers);
        const result = validateAnswers(form, answers, { lang });
        expect(answers).toEqual(before); // never changed in place
        if (result.ok) {
          accepted++;
          const shown = visibleFields(form, answers);
          const expected = Object.fromEntries(Object.entries(answers).filter(([k]) => shown.has(k)));
          expect(result.value).toEqual(expected);
          expect(JSON.parse(JSON.stringify(result.value))).toEqual(result.value);
          expect(validateAnswers(form, result.value, { lang })).toEqual(result);
          thaiRulesHold(form, result.value);
        } else {
          refused++;
          for (const e of result.errors) codes.set(e.code, (codes.get(e.code) ?? 0) + 1);
          expect(result.errors.length).toBeGreaterThan(0);
          for (const error of result.errors) {
            expect(typeof error.field).toBe("string");
            expect(error.code).toMatch(/^[a-z-]+$/);
            expect(error.message.length).toBeGreaterThan(3);
            expect(error.message).not.toMatch(/\{\w+\}/);
            if (lang === "th" && error.code !== "unknown-field")
              expect(error.message).toMatch(/[\u0E00-\u0E7F]/);
          }
        }
      }),
      { numRuns: 400, seed: 11 },
    );
    // Both outcomes happen, or the generators test nothing.
    expect(accepted, JSON.stringify([...codes])).toBeGreaterThan(40);
    expect(refused).toBeGreaterThan(40);
  });

  it("never throws on any JSON value as answers, for any form", () => {
    fc.assert(
      fc.property(fc.constantFrom(...FORMS), fc.jsonValue({ maxDepth: 4 }), ([, form], answers) => {
        const result = validateAnswers(form, answers, { lang: "th" });
        expect(typeof result.ok).toBe("boolean");
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
