import { describe, expect, it } from "vitest";
import { AppError } from "../platform/errors.js";
import { checkCentralEmail } from "./agency.js";
import { DEMO_AGENCY } from "./demo-agency.js";
import { parseAgencySettings } from "./init-agency.js";

describe("central email rule", () => {
  it.each([
    ["saraban@opm.go.th", "opm.go.th", undefined, []],
    ["saraban-phayao@moi.go.th", "phayao.go.th", "moi.go.th", []],
    ["saraban_6301209@dla.go.th", "tambon6301209.go.th", "dla.go.th", []],
    ["saraban@sub.example.go.th", "sub.example.go.th", undefined, []],
    ["info@opm.go.th", "opm.go.th", undefined, ["CENTRAL_EMAIL_NOT_SARABAN"]],
    ["saraban@other.go.th", "opm.go.th", undefined, ["CENTRAL_EMAIL_OTHER_DOMAIN"]],
    ["saraban.office@gmail.com", "opm.go.th", undefined, ["CENTRAL_EMAIL_FREE_PROVIDER"]],
    ["saraban@hotmail.co.th", "opm.go.th", undefined, ["CENTRAL_EMAIL_FREE_PROVIDER"]],
  ])("CH-2: %s for %s (parent %s) warns %j", (email, domain, parent, expected) => {
    expect(checkCentralEmail(email, domain, parent)).toEqual(expected);
  });
});

describe("agency settings", () => {
  it("accepts the demo agency", () => {
    expect(parseAgencySettings(DEMO_AGENCY).id).toBe("demo");
  });

  it("refuses bad settings listing each field once", () => {
    const error = (() => {
      try {
        parseAgencySettings({
          ...DEMO_AGENCY,
          id: "Bad Id",
          phones: [],
          businessHours: { weekdays: [1], opening: "17:00", closing: "08:00" },
        });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    const problems = (error as AppError).details as string[];
    expect(problems.some((p) => p.startsWith("/id:"))).toBe(true);
    expect(problems.some((p) => p.startsWith("/phones:"))).toBe(true);
    expect(() =>
      parseAgencySettings({
        ...DEMO_AGENCY,
        businessHours: { weekdays: [1], opening: "17:00", closing: "08:00" },
      }),
    ).toThrow(AppError);
    expect(() => parseAgencySettings({ ...DEMO_AGENCY, centralEmail: "not an address" })).toThrow(AppError);
  });

  it("CH-3: takes Labour Day as a yes-or-no setting of the business hours, open by default", () => {
    const hours = { weekdays: [1, 2, 3, 4, 5], opening: "08:30", closing: "16:30" };
    const closed = parseAgencySettings({
      ...DEMO_AGENCY,
      businessHours: { ...hours, closedOnLabourDay: true },
    });
    expect(closed.businessHours?.closedOnLabourDay).toBe(true);
    expect(
      parseAgencySettings({ ...DEMO_AGENCY, businessHours: hours }).businessHours?.closedOnLabourDay,
    ).not.toBe(true);
    expect(() =>
      parseAgencySettings({ ...DEMO_AGENCY, businessHours: { ...hours, closedOnLabourDay: "yes" } }),
    ).toThrow(AppError);
  });
});
