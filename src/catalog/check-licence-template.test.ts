import { describe, expect, it } from "vitest";
import { TEST_SERVICE } from "../../test/service-fixture.js";
import { t } from "../platform/i18n/index.js";
import { checkLicenceTemplate } from "./check-licence-template.js";
import { DEFINITION_RULES } from "./definition-problem.js";
import { loadDemoServices } from "./demo-services.js";
import type { ServiceDefinition } from "./service-definition.js";
import { checkDefinition, validateDefinition } from "./validate-definition.js";

const foodShop = (): ServiceDefinition =>
  structuredClone(loadDemoServices().find((d) => d.code === "food-shop-licence")!);
const rulesOf = (d: ServiceDefinition) =>
  checkLicenceTemplate(d).map((p) => `${p.rule} ${p.path} ${p.detail}`);
const field = (form: string, key = form.toLowerCase().replace(/\./g, "-")) => ({
  key,
  label: { th: "รายการ", en: "Line" },
  source: { form },
});

describe("checking a licence template at publish", () => {
  it("LC-1: the demo food shop's and the test service's templates pass; a service without a licence has nothing to check", () => {
    expect(checkLicenceTemplate(foodShop())).toEqual([]);
    expect(checkLicenceTemplate(TEST_SERVICE)).toEqual([]);
    expect(checkLicenceTemplate({ ...TEST_SERVICE, licence: undefined })).toEqual([]);
  });

  it("LC-1: a line naming a form field, or a part of an object, the form lacks is refused; a present dotted path passes", () => {
    const d = foodShop();
    d.licence!.fields.push(field("shopEmail"), field("shopAddress.province"), field("shopAddress.lane"));
    d.licence!.fields.push(field("shopName.first"));
    expect(rulesOf(d)).toEqual([
      "licence-field-unknown /licence/fields/6/source/form shopEmail",
      "licence-field-unknown /licence/fields/8/source/form shopAddress.lane",
      "licence-field-unknown /licence/fields/9/source/form shopName.first",
    ]);
  });

  it("LC-1: an object with no one-line form is refused; an address shown as the form shows it passes", () => {
    const d = foodShop();
    d.form.ui.fields.shopAddress!.widget = undefined;
    expect(rulesOf(d)).toEqual(["licence-field-not-printable /licence/fields/4/source/form shopAddress"]);
  });

  it("LC-1, PR-1: duplicate keys are refused: each is a column of the public register", () => {
    const d = foodShop();
    d.licence!.fields.push({ ...field("shopName"), key: "area" });
    expect(rulesOf(d)).toEqual(["licence-field-key-duplicate /licence/fields/6/key area"]);
  });

  it("LC-1: a number without {n} or {yyyy}, or with another placeholder, is refused", () => {
    for (const format of ["สอ. {yyyy}", "สอ. {n}", "สอ. {n}/{yyyy}/{unit}", "สอ. {n}/{yy}"]) {
      const d = foodShop();
      d.licence!.numberFormat = format;
      expect(rulesOf(d)).toEqual([`licence-number-format /licence/numberFormat ${format}`]);
    }
    const d = foodShop();
    d.licence!.numberFormat = "{yyyy}-{n}";
    expect(rulesOf(d)).toEqual([]);
  });

  it("LC-1: a validity of zero is refused; no validity (until revoked) passes", () => {
    const d = foodShop();
    d.licence!.validity = { years: 0, months: 0 };
    expect(rulesOf(d)).toEqual(['licence-validity-zero /licence/validity {"years":0,"months":0}']);
    d.licence!.validity = undefined;
    expect(rulesOf(d)).toEqual([]);
  });

  it("LC-1: a required line printing the last valid day of a licence valid until revoked is refused", () => {
    const d = foodShop();
    d.licence!.validity = undefined;
    d.licence!.fields.push({
      key: "until",
      label: { th: "ใช้ได้ถึง", en: "Until" },
      source: { licence: "validUntil" },
    });
    expect(rulesOf(d)).toEqual(["licence-field-no-validity /licence/fields/6/source/licence until"]);
    d.licence!.fields[6]!.optional = true;
    expect(rulesOf(d)).toEqual([]);
  });

  it("PR-1: a displayed licence cannot print sensitive data or a national ID; an undisplayed one may", () => {
    const d = foodShop();
    d.form.ui.fields.managerName!.dataClass = "sensitive";
    d.licence!.fields.push(field("managerNationalId"));
    expect(rulesOf(d)).toEqual([
      "licence-field-sensitive /licence/fields/5/source/form managerName",
      "licence-field-national-id /licence/fields/6/source/form managerNationalId",
    ]);
    expect(rulesOf({ ...d, displaysLicence: false })).toEqual([]);
  });

  it("LC-1: automatic issue on a service without fees is fine", () => {
    const d = { ...foodShop(), fees: [], noFee: true };
    expect(d.licence?.issue).toBe("automatic");
    expect(checkDefinition(d)).toEqual([]);
  });

  it("LC-1: publishing refuses the template with SERVICE_DEFINITION_INVALID, each rule worded in Thai and English", () => {
    const d = foodShop();
    d.licence!.fields.push(field("shopEmail"));
    expect(() => validateDefinition(d)).toThrow(
      expect.objectContaining({
        code: "SERVICE_DEFINITION_INVALID",
        params: expect.objectContaining({ rule: "licence-field-unknown" }),
      }),
    );
    for (const rule of DEFINITION_RULES.filter((r) => r.startsWith("licence-"))) {
      const th = t("th", `serviceRule.${rule}` as never, { detail: "x" });
      const en = t("en", `serviceRule.${rule}` as never, { detail: "x" });
      expect(th).toMatch(/[\u0E00-\u0E7F]/);
      expect(en).not.toBe(th);
      expect(en).toContain("x");
    }
  });
});
