import { describe, expect, it } from "vitest";
import { TEST_SERVICE } from "../../test/service-fixture.js";
import { AppError } from "../platform/errors.js";
import { loadDemoServices } from "./demo-services.js";
import type { ServiceDefinition } from "./service-definition.js";
import { checkDefinition, parseDefinition, validateDefinition } from "./validate-definition.js";

const copy = (): ServiceDefinition => structuredClone(TEST_SERVICE);
const rulesOf = (d: unknown) => checkDefinition(d).map((p) => `${p.rule} ${p.path}`);

describe("checking a service definition", () => {
  it("CM-1: the three demo services and the test service pass every rule", () => {
    const demo = loadDemoServices();
    expect(demo.map((d) => d.code)).toEqual([
      "social-security-s39",
      "food-shop-licence",
      "elderly-allowance",
    ]);
    for (const d of [...demo, TEST_SERVICE]) expect(checkDefinition(d)).toEqual([]);
  });

  it("CM-1: empty conditions or no steps are refused, naming the path", () => {
    const d = copy();
    d.conditions = { th: "  " };
    d.steps = [];
    expect(rulesOf(d)).toEqual(["conditions-empty /conditions/th", "steps-empty /steps"]);
  });

  it('CM-1, CM-2: no documents without noDocuments, and "no documents" beside a list, are refused', () => {
    const none = { ...copy(), documents: [] };
    expect(rulesOf(none)).toEqual(["documents-unstated /documents"]);
    expect(rulesOf({ ...none, noDocuments: true })).toEqual([]);
    expect(rulesOf({ ...copy(), noDocuments: true })).toEqual(["documents-contradict /noDocuments"]);
  });

  it("CM-1, CM-2: no fees without noFee, and fees with noFee, are refused", () => {
    expect(rulesOf({ ...copy(), fees: [] })).toEqual(["fees-unstated /fees"]);
    expect(rulesOf({ ...copy(), fees: [], noFee: true })).toEqual([]);
    expect(rulesOf({ ...copy(), noFee: true })).toEqual(["fees-contradict /noFee"]);
  });

  it("ID-1: a risk level below the highest of the six impacts is refused", () => {
    const d = copy();
    d.risk.impacts.safety = "high";
    d.risk.level = "medium";
    expect(checkDefinition(d)).toEqual([
      { rule: "risk-below-impact", path: "/risk/level", detail: "safety: high" },
    ]);
    d.risk.level = "high";
    expect(checkDefinition(d)).toEqual([]);
  });

  it("document ids are a-z0-9- and unique; applicant types are never empty; codes are a-z0-9-", () => {
    const d = copy();
    d.documents[1]!.id = "id-card";
    d.applicantTypes = [];
    expect(rulesOf(d)).toEqual([
      "document-id-duplicate /documents/1/id",
      "applicant-types-empty /applicantTypes",
    ]);
    d.documents[1]!.id = "Bad Id";
    expect(rulesOf(d)).toContain("document-id-invalid /documents/1/id");
    expect(rulesOf({ ...copy(), code: "Shop_Permit" })).toEqual(["schema /code"]);
    expect(rulesOf({ ...copy(), code: "-shop" })).toEqual(["schema /code"]);
  });

  it("unknown fields, wrong types and a wrong format are refused by the schema with their path", () => {
    expect(rulesOf({ ...copy(), extra: 1 })).toEqual(["schema /"]);
    expect(checkDefinition({ ...copy(), extra: 1 })[0]?.detail).toContain("extra");
    expect(rulesOf({ ...copy(), timeLimit: { amount: "5", dayKind: "business" } })).toEqual([
      "schema /timeLimit/amount",
    ]);
    expect(rulesOf({ ...copy(), format: "borikan.service/2" })).toEqual(["schema /format"]);
    expect(rulesOf({ ...copy(), infoGoThUrl: "javascript:alert(1)" })).toEqual(["schema /infoGoThUrl"]);
    expect(rulesOf([])).toEqual(["schema /"]);
    expect(rulesOf(null)).toEqual(["schema /"]);
  });

  it("FM-1: a form that is not valid JSON Schema, or refers to fields that do not exist, is refused", () => {
    // Paths, not rule ids: the form's own check (forms capability) words these problems.
    const pathsOf = (d: unknown) => checkDefinition(d).map((p) => p.path);
    const d = copy();
    d.form.schema = { ...d.form.schema, properties: { shopName: { type: "strng" } } };
    expect(pathsOf(d)[0]).toMatch(/^\/form\/schema/);
    const e = copy();
    e.form.ui.fields.branchName!.showIf = { field: "nowhere", in: ["yes"] };
    expect(pathsOf(e)).toEqual([expect.stringMatching(/^\/form\/ui\/fields\/branchName\/showIf/)]);
    const g = copy();
    g.form.ui.pages[0]!.fields.push("ghost");
    expect(pathsOf(g)).toEqual([expect.stringMatching(/^\/form\/ui\/pages\/0/)]);
    const f = copy();
    f.form.ui.pages[1]!.fields = ["hasBranch"];
    expect(pathsOf(f)).toHaveLength(1);
    expect(pathsOf(f)[0]).toMatch(/^\/form\/ui/);
  });

  it("the error names the first rule and path, and carries every problem", () => {
    const d = { ...copy(), fees: [], steps: [] };
    const error = (() => {
      try {
        validateDefinition(d);
      } catch (e) {
        return e;
      }
    })() as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.status).toBe(422);
    expect(error.params).toMatchObject({ rule: "steps-empty", path: "/steps" });
    expect((error.details as { problems: unknown[] }).problems).toHaveLength(2);
    expect(() => parseDefinition("{not json")).toThrow(AppError);
  });
});
