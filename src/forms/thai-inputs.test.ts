import { describe, expect, it } from "vitest";
import { THAI_FORM } from "../../test/thai-form-fixture.js";
import {
  answerToInputs,
  beDateToIso,
  isoToBeDate,
  readField,
  showAnswer,
  showBeDate,
} from "./thai-inputs.js";
import { validateAnswers } from "./validate-answers.js";

const dateOk = (d: string, m: string, y: string) => {
  const iso = beDateToIso(d, m, y);
  return validateAnswers(THAI_FORM, { bornOn: iso }, { lang: "th", onlyFields: ["bornOn"] }).ok;
};

describe("Thai inputs: what people type, as the form stores it", () => {
  it("B.E. dates: entered and shown as พ.ศ., stored ISO", () => {
    expect(beDateToIso("29", "2", "2567")).toBe("2024-02-29");
    expect(beDateToIso("5", "12", "2568")).toBe("2025-12-05");
    expect(beDateToIso("", "", "")).toBeUndefined();
    expect(isoToBeDate("2024-02-29")).toEqual({ day: "29", month: "2", year: "2567" });
    expect(showBeDate("th", "2025-12-05")).toBe("5 ธันวาคม 2568");
    expect(showBeDate("en", "2025-12-05")).toBe("5 December 2568 B.E.");
  });

  it("B.E. dates: leap years (2567 = 2024 and 2543 = 2000 have 29 February; 2566 and 2443 = 1900 do not), no 31/02", () => {
    expect(dateOk("29", "2", "2567")).toBe(true);
    expect(dateOk("29", "2", "2543")).toBe(true);
    expect(dateOk("29", "2", "2566")).toBe(false);
    expect(dateOk("29", "2", "2443")).toBe(false);
    expect(dateOk("31", "2", "2567")).toBe(false);
    expect(dateOk("31", "4", "2567")).toBe(false);
    expect(dateOk("1", "13", "2567")).toBe(false);
    expect(dateOk("1", "1", "67")).toBe(false);
    expect(dateOk("ก", "1", "2567")).toBe(false);
  });

  it("IDs and phones lose the grouping people type; +66 becomes 0; baht loses commas and the sign", () => {
    const read = (name: string, value: string) => readField(THAI_FORM, name, { [name]: value });
    expect(read("ownerId", " 1-1017-00207-12-9 ")).toBe("1101700207129");
    expect(read("ownerId", "1 1017 00207 12 9")).toBe("1101700207129");
    expect(read("phone", "+66 81 234 5678")).toBe("0812345678");
    expect(read("phone", "(02) 123-4567")).toBe("021234567");
    expect(read("fee", "฿1,500.50")).toBe("1500.50");
    expect(read("fee", "1,500 บาท")).toBe("1500");
    expect(read("staff", "12")).toBe(12);
    expect(read("staff", "twelve")).toBe("twelve");
    expect(read("note", "   ")).toBeUndefined();
    expect(readField(THAI_FORM, "extras", { extras: ["tables", "music"] })).toEqual(["tables", "music"]);
  });

  it("an answer goes back into its inputs, and is shown as people read it", () => {
    expect(answerToInputs(THAI_FORM, "bornOn", "2024-02-29")).toEqual({
      "bornOn-day": "29",
      "bornOn-month": "2",
      "bornOn-year": "2567",
    });
    expect(answerToInputs(THAI_FORM, "address", { houseNumber: "1", province: "เชียงใหม่" })).toEqual({
      "address-houseNumber": "1",
      "address-province": "เชียงใหม่",
    });
    expect(showAnswer(THAI_FORM, "th", "ownerId", "1101700207129")).toBe("1-1017-00207-12-9");
    expect(showAnswer(THAI_FORM, "th", "companyId", "0105536112014")).toBe("0-10-5-536-11201-4");
    expect(showAnswer(THAI_FORM, "en", "kind", "food")).toBe("Food");
    expect(showAnswer(THAI_FORM, "th", "fee", "1500.5")).toBe("1,500.50 บาท");
    expect(
      showAnswer(THAI_FORM, "th", "address", {
        houseNumber: "1",
        subdistrict: "ศรีภูมิ",
        district: "เมืองเชียงใหม่",
        province: "เชียงใหม่",
        postcode: "50200",
      }),
    ).toBe("1 ตำบลศรีภูมิ อำเภอเมืองเชียงใหม่ จังหวัดเชียงใหม่ 50200");
  });
});
