import { describe, expect, it } from "vitest";
import { TEST_SERVICE } from "../../test/service-fixture.js";
import { nextStep, previousStep, stepsOf } from "./steps.js";

const person = { type: "person" as const, name: "สมชาย ใจดี" };

describe("the steps of applying", () => {
  it("privacy → applicant → pages → documents → check → sign", () => {
    const paths = stepsOf(TEST_SERVICE, { answers: {}, applicant: null }).map((s) => s.path);
    expect(paths).toEqual(["privacy", "applicant", "q/shop", "q/branch", "documents", "check", "sign"]);
  });

  it("a page whose fields are all hidden is skipped, forwards and backwards", () => {
    const service = structuredClone(TEST_SERVICE);
    service.form.ui.pages.push({ id: "more", title: { th: "เพิ่ม" }, fields: ["branchName"] });
    service.form.ui.pages[1] = { id: "branch", title: { th: "สาขา" }, fields: ["hasBranch"] };
    const no = { answers: { hasBranch: "no" }, applicant: person };
    expect(stepsOf(service, no).map((s) => s.path)).not.toContain("q/more");
    expect(nextStep(service, no, "q/branch")?.path).toBe("documents");
    expect(previousStep(service, no, "documents")?.path).toBe("q/branch");
    const yes = { answers: { hasBranch: "yes" }, applicant: person };
    expect(nextStep(service, yes, "q/branch")?.path).toBe("q/more");
    expect(nextStep(service, no, "q/more")?.path).toBe("documents"); // from a page now hidden
  });

  it("no documents step when the checklist asks nothing of this applicant", () => {
    const service = {
      ...TEST_SERVICE,
      documents: TEST_SERVICE.documents.filter((d) => d.appliesTo === "juristic"),
    };
    expect(stepsOf(service, { answers: {}, applicant: person }).map((s) => s.path)).not.toContain(
      "documents",
    );
    const company = { answers: {}, applicant: { ...person, type: "juristic" as const } };
    expect(stepsOf(service, company).map((s) => s.path)).toContain("documents");
  });

  it("nothing before privacy, nothing after sign", () => {
    const draft = { answers: {}, applicant: null };
    expect(previousStep(TEST_SERVICE, draft, "privacy")).toBeUndefined();
    expect(nextStep(TEST_SERVICE, draft, "sign")).toBeUndefined();
    expect(nextStep(TEST_SERVICE, draft, "privacy")?.path).toBe("applicant");
    expect(nextStep(TEST_SERVICE, draft, "applicant")?.path).toBe("q/shop");
  });
});
