import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TEST_SERVICE } from "../../test/service-fixture.js";
import type { FormDefinition } from "./form-definition.js";
import { validateFormDefinition } from "./validate-form-definition.js";

const base = TEST_SERVICE.form;
const clone = (): FormDefinition => structuredClone(base);
// biome-ignore lint/suspicious/noExplicitAny: the tests edit a form file as the loose JSON it is
type Editable = any;
const codes = (form: unknown) => validateFormDefinition(form).map((p) => p.code);

/** A form changed by `change`, and the codes of its problems. */
function refusal(change: (f: Editable) => void) {
  const form: Editable = clone();
  change(form);
  return codes(form);
}

describe("FM-1: a form file is refused at import with the reason", () => {
  it("accepts the test service's form as it is", () => {
    expect(validateFormDefinition(base)).toEqual([]);
  });

  it("accepts the demo services' forms", () => {
    const dir = path.resolve(import.meta.dirname, "../catalog/demo");
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".json")) : [];
    for (const file of files) {
      const form = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")).form;
      expect(validateFormDefinition(form), file).toEqual([]);
    }
  });

  it("every problem says where and why, in Thai and English", () => {
    const problems = validateFormDefinition({ schema: { type: "string" }, ui: { pages: [], fields: {} } });
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      expect(p.message.th).toMatch(/[\u0E00-\u0E7F]/);
      expect(p.message.en.length).toBeGreaterThan(5);
      expect(typeof p.path).toBe("string");
    }
  });

  it("refuses what is not a form at all, without throwing", () => {
    for (const junk of [
      null,
      1,
      "x",
      [],
      {},
      { schema: {} },
      { schema: [], ui: {} },
      { schema: {}, ui: null },
    ])
      expect(codes(junk)).toContain("form-shape");
  });

  it("refuses a schema that is not an object with properties", () => {
    expect(refusal((f) => (f.schema.type = "array"))).toContain("schema-not-object");
    expect(refusal((f) => delete f.schema.properties)).toContain("schema-not-object");
  });

  it("refuses a schema Ajv's strict mode does not compile (unknown keyword, format or type)", () => {
    expect(refusal((f) => (f.schema.properties.shopName.minLenght = 1))).toContain("schema-invalid");
    expect(refusal((f) => (f.schema.properties.openedOn.format = "thai-date-of-mars"))).toContain(
      "schema-invalid",
    );
    expect(refusal((f) => (f.schema.properties.shopName.type = "text"))).toContain("schema-invalid");
    expect(refusal((f) => f.schema.required.push("nowhere"))).toContain("schema-invalid");
  });

  it("refuses a $ref to anything outside the schema, and a nested $id", () => {
    expect(
      refusal((f) => (f.schema.properties.shopName = { $ref: "https://evil.example/s.json" })),
    ).toContain("schema-external-ref");
    expect(refusal((f) => (f.schema.properties.shopName = { $ref: "other.json#/x" }))).toContain(
      "schema-external-ref",
    );
    expect(refusal((f) => (f.schema.properties.shopName.$id = "https://evil.example/x"))).toContain(
      "schema-external-ref",
    );
    expect(refusal((f) => (f.schema.properties.shopName = { $ref: "#/$defs/missing" }))).toContain(
      "schema-invalid",
    );
  });

  it("accepts a $ref inside the schema and our Thai formats", () => {
    const form: Editable = clone();
    form.schema.$defs = { name: { type: "string", maxLength: 50 } };
    form.schema.properties.shopName = { $ref: "#/$defs/name" };
    form.schema.properties.openedOn = { type: "string", format: "thai-national-id" };
    expect(validateFormDefinition(form)).toEqual([]);
  });

  it("refuses a property without UI hints, a field on no page, or on two pages", () => {
    expect(refusal((f) => delete f.ui.fields.shopName)).toContain("field-ui-missing");
    expect(refusal((f) => (f.ui.pages[0].fields = ["shopName"]))).toContain("field-not-on-page");
    expect(refusal((f) => f.ui.pages[1].fields.push("shopName"))).toContain("field-on-many-pages");
  });

  it("refuses pages and UI fields that name a property that does not exist", () => {
    expect(refusal((f) => f.ui.pages[0].fields.push("ghost"))).toContain("page-field-unknown");
    expect(refusal((f) => (f.ui.fields.ghost = { ...f.ui.fields.shopName }))).toContain("ui-field-unknown");
  });

  it("refuses bad page ids, duplicates and empty pages", () => {
    expect(refusal((f) => (f.ui.pages[0].id = "../x"))).toContain("page-id-invalid");
    expect(refusal((f) => (f.ui.pages[1].id = "shop"))).toContain("page-id-duplicate");
    expect(refusal((f) => f.ui.pages.push({ id: "empty", title: { th: "ว่าง" }, fields: [] }))).toContain(
      "page-empty",
    );
    expect(refusal((f) => (f.ui.pages = []))).toContain("pages-missing");
  });

  it("refuses field names that cannot be an HTML name", () => {
    const codesOf = refusal((f) => {
      f.schema.properties["a b"] = { type: "string" };
      f.ui.fields["a b"] = { ...f.ui.fields.shopName };
      f.ui.pages[0].fields.push("a b");
    });
    expect(codesOf).toContain("field-name-invalid");
  });

  it("refuses a showIf on a missing field, on a later page, or with a value the field cannot hold", () => {
    expect(refusal((f) => (f.ui.fields.branchName.showIf = { field: "ghost", in: ["yes"] }))).toContain(
      "show-if-unknown-field",
    );
    expect(refusal((f) => (f.ui.fields.branchName.showIf = { field: "branchName", in: ["yes"] }))).toContain(
      "show-if-unknown-field",
    );
    expect(refusal((f) => (f.ui.fields.shopName.showIf = { field: "hasBranch", in: ["yes"] }))).toContain(
      "show-if-later-field",
    );
    expect(refusal((f) => (f.ui.fields.branchName.showIf = { field: "hasBranch", in: ["maybe"] }))).toContain(
      "show-if-value",
    );
    expect(refusal((f) => (f.ui.fields.branchName.showIf = { field: "hasBranch" }))).toContain(
      "show-if-shape",
    );
  });

  it("refuses a widget that does not fit the property's type, or is unknown", () => {
    expect(
      refusal((f) => {
        f.schema.properties.shopName = { type: "integer" };
        f.ui.fields.shopName.widget = "national-id";
      }),
    ).toContain("widget-type");
    expect(refusal((f) => (f.ui.fields.shopName.widget = "radio"))).toContain("widget-type");
    expect(refusal((f) => (f.ui.fields.shopName.widget = "thai-address"))).toContain("widget-type");
    expect(refusal((f) => (f.ui.fields.shopName.widget = "colour-wheel"))).toContain("widget-unknown");
    expect(
      refusal((f) => {
        f.schema.properties.shopName = { type: "object" };
      }),
    ).toContain("widget-type");
  });

  it("refuses an address whose parts leave out one chosen from the data set", () => {
    const codesOf = refusal((f) => {
      f.schema.properties.shopName = {
        type: "object",
        properties: { line: { type: "string" }, province: { type: "string" } },
      };
      f.ui.fields.shopName.widget = "thai-address";
    });
    expect(codesOf).toContain("address-part-missing");
  });

  it("PD-1: refuses a field without its lawful basis or data class", () => {
    expect(refusal((f) => delete f.ui.fields.shopName.lawfulBasis)).toContain("lawful-basis-missing");
    expect(refusal((f) => (f.ui.fields.shopName.lawfulBasis = "because"))).toContain("lawful-basis-missing");
    expect(refusal((f) => delete f.ui.fields.shopName.dataClass)).toContain("data-class-missing");
    expect(refusal((f) => (f.ui.fields.shopName.label = { th: " " }))).toContain("label-missing");
  });
});
