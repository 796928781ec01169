import { describe, expect, it } from "vitest";
import type { LicenceTemplate } from "../catalog/index.js";
import { redatedFields } from "./renew-licence.js";

describe("the date lines of a renewed or amended licence", () => {
  it("LC-1: lines drawn from the licence's dates print the new dates in BE; other lines stay as printed", () => {
    const template = {
      fields: [
        { key: "name", label: { th: "ชื่อ" }, source: { form: "name" } },
        { key: "from", label: { th: "ออกให้" }, source: { licence: "issuedOn" } },
        { key: "until", label: { th: "หมดอายุ" }, source: { licence: "validUntil" } },
      ],
    } as unknown as LicenceTemplate;
    const fields = [
      { key: "name", label: { th: "ชื่อ" }, value: "ร้านป้าน้ำ" },
      { key: "from", label: { th: "ออกให้" }, value: "7 ธันวาคม 2569" },
      { key: "until", label: { th: "หมดอายุ" }, value: "6 ธันวาคม 2570" },
    ];
    const renewed = redatedFields(fields, template, { issuedOn: "2027-12-07", validUntil: "2028-12-06" });
    expect(renewed.map((f) => f.value)).toEqual(["ร้านป้าน้ำ", "7 ธันวาคม 2570", "6 ธันวาคม 2571"]);
    expect(redatedFields(fields, undefined, { issuedOn: "2027-12-07", validUntil: null })).toEqual(fields);
    expect(redatedFields(fields, template, { issuedOn: "2027-12-07", validUntil: null })[2]?.value).toBe("-");
  });
});
