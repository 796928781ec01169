import { describe, expect, it } from "vitest";
import { TEST_SERVICE } from "../../test/service-fixture.js";
import { GOOD_ADDRESS, THAI_FORM } from "../../test/thai-form-fixture.js";
import { validateAnswers } from "./validate-answers.js";
import { validateFormDefinition } from "./validate-form-definition.js";

const good = { ownerId: "1101700207129", phone: "0812345678", address: GOOD_ADDRESS, fee: "1500.50" };
const check = (answers: unknown, lang: "th" | "en" = "th") => validateAnswers(THAI_FORM, answers, { lang });
const errorsOf = (answers: unknown, lang: "th" | "en" = "th") => {
  const r = check(answers, lang);
  return r.ok ? [] : r.errors;
};
const codeOf = (answers: unknown, field: string) => errorsOf(answers).find((e) => e.field === field)?.code;

describe("FM-1: answers are checked on the server with field messages", () => {
  it("the Thai form fixture is itself a valid form", () => {
    expect(validateFormDefinition(THAI_FORM)).toEqual([]);
  });

  it("accepts good answers exactly as given", () => {
    expect(check(good)).toEqual({ ok: true, value: good });
  });

  it("national IDs: the checksum vectors of the standard", () => {
    for (const id of ["3100600445635", "1234545678781", "1101700207129", "1111111111119"])
      expect(check({ ...good, ownerId: id }).ok, id).toBe(true);
    for (const id of [
      "1234545678789",
      "1111111111111",
      "0994000617721",
      "9100600445635",
      "110170020712",
      "1-1017-00207-12-9",
      "11017002071290",
    ])
      expect(codeOf({ ...good, ownerId: id }, "ownerId"), id).toBe("national-id");
  });

  it("the national ID message is in the user's language, Thai first", () => {
    const [th] = errorsOf({ ...good, ownerId: "1234545678789" });
    expect(th?.message).toBe("กรุณากรอกเลขประจำตัวประชาชน 13 หลักให้ถูกต้อง");
    const [en] = errorsOf({ ...good, ownerId: "1234545678789" }, "en");
    expect(en?.message).toBe("Enter a valid 13-digit national ID number");
  });

  it("juristic IDs: start with 0 and carry the same check digit", () => {
    for (const id of ["0994000617721", "0105536112014", "0993000133978"])
      expect(check({ ...good, companyId: id }).ok, id).toBe(true);
    for (const id of ["0994000617723", "3100600445635", "099400061772"])
      expect(codeOf({ ...good, companyId: id }, "companyId"), id).toBe("juristic-id");
  });

  it("Thai mobile and landline numbers", () => {
    for (const phone of ["0812345678", "0612345678", "0998765432", "021234567", "053123456", "076123456"])
      expect(check({ ...good, phone }).ok, phone).toBe(true);
    for (const phone of [
      "0112345678",
      "081234567",
      "08123456789",
      "+66812345678",
      "081-234-5678",
      "011234567",
      "1234567890",
    ])
      expect(codeOf({ ...good, phone }, "phone"), phone).toBe("phone");
  });

  it("dates are ISO, real days only (leap years included)", () => {
    for (const bornOn of ["2024-02-29", "2000-02-29", "1999-12-31"])
      expect(check({ ...good, bornOn }).ok, bornOn).toBe(true);
    for (const bornOn of [
      "2023-02-29",
      "1900-02-29",
      "2024-02-31",
      "2024-04-31",
      "2024-13-01",
      "29/02/2567",
      "2567-02-30",
    ])
      expect(codeOf({ ...good, bornOn }, "bornOn"), bornOn).toBe("date");
  });

  it("addresses consistent with the packaged data set, and not", () => {
    expect(check({ ...good, address: { ...GOOD_ADDRESS, moo: undefined } }).ok).toBe(true);
    const chiangMai = {
      houseNumber: "1",
      subdistrict: "ศรีภูมิ",
      district: "เมืองเชียงใหม่",
      province: "เชียงใหม่",
      postcode: "50200",
    };
    expect(check({ ...good, address: chiangMai }).ok).toBe(true);
    expect(codeOf({ ...good, address: { ...GOOD_ADDRESS, postcode: "50200" } }, "address.postcode")).toBe(
      "address-postcode",
    );
    expect(
      codeOf({ ...good, address: { ...GOOD_ADDRESS, district: "เมืองเชียงใหม่" } }, "address.district"),
    ).toBe("address-district");
    expect(
      codeOf({ ...good, address: { ...GOOD_ADDRESS, subdistrict: "ศรีภูมิ" } }, "address.subdistrict"),
    ).toBe("address-subdistrict");
    expect(codeOf({ ...good, address: { ...GOOD_ADDRESS, province: "แอตแลนติส" } }, "address.province")).toBe(
      "address-province",
    );
    expect(codeOf({ ...good, address: { ...GOOD_ADDRESS, postcode: "1090" } }, "address.postcode")).toBe(
      "address-postcode",
    );
    expect(codeOf({ ...good, address: { ...GOOD_ADDRESS, houseNumber: "" } }, "address.houseNumber")).toBe(
      "required",
    );
    expect(codeOf({ ...good, address: { ...GOOD_ADDRESS, flat: "9" } }, "address")).toBe("unknown-field");
    expect(codeOf({ ...good, address: "กรุงเทพ" }, "address")).toBe("type");
  });

  it("an address in the form's own parts (one free line, as the demo forms have it)", () => {
    const form = structuredClone(THAI_FORM);
    const line = { type: "string", minLength: 1, maxLength: 200 };
    const part = { type: "string", minLength: 1, maxLength: 100 };
    form.schema.properties = {
      ...(form.schema.properties as object),
      address: {
        type: "object",
        additionalProperties: false,
        required: ["line", "subdistrict", "district", "province", "postcode"],
        properties: {
          line,
          subdistrict: part,
          district: part,
          province: part,
          postcode: { type: "string", pattern: "^[0-9]{5}$" },
        },
      },
    };
    const { houseNumber: _h, moo: _m, road: _r, ...chosen } = GOOD_ADDRESS;
    const address = { line: "99/1 หมู่ 3 ถนนพหลโยธิน", ...chosen };
    expect(validateAnswers(form, { ...good, address }, { lang: "th" })).toEqual({
      ok: true,
      value: { ...good, address },
    });
    const wrong = validateAnswers(
      form,
      { ...good, address: { ...address, postcode: "50200" } },
      { lang: "th" },
    );
    expect(wrong.ok ? [] : wrong.errors.map((e) => e.field)).toEqual(["address.postcode"]);
    const old = validateAnswers(form, { ...good, address: GOOD_ADDRESS }, { lang: "th" });
    expect(old.ok ? [] : old.errors.map((e) => [e.field, e.code])).toEqual([["address.line", "required"]]);
  });

  it("money in baht: a decimal string, not negative, at most two decimals", () => {
    for (const fee of ["0", "1", "1500", "1500.5", "1500.50", "999999999999.99"])
      expect(check({ ...good, fee }).ok, fee).toBe(true);
    for (const fee of ["-1", "1.234", "01", "1,500", "฿100", "1e3", "", " 1"])
      expect(codeOf({ ...good, fee }, "fee"), fee).toBe(fee === "" ? "required" : "money");
    expect(codeOf({ ...good, fee: 1500 }, "fee")).toBe("type");
  });

  it("money in baht as a JSON number: whole satang, not negative", () => {
    const form = structuredClone(THAI_FORM);
    form.schema.properties = {
      ...(form.schema.properties as object),
      fee: { type: "number", multipleOf: 0.01 },
    };
    const money = (fee: unknown) => validateAnswers(form, { ...good, fee }, { lang: "th" });
    for (const fee of [0, 1, 1500.5, 1500.55, 0.1, 0.07, 123456789.99])
      expect(money(fee).ok, String(fee)).toBe(true);
    for (const fee of [-1, 1.234, 0.001, 1e13]) {
      const r = money(fee);
      expect(r.ok ? [] : r.errors.map((e) => [e.field, e.code]), String(fee)).toEqual([["fee", "money"]]);
    }
  });

  it("required fields, numbers, choices", () => {
    const { phone: _p, ...noPhone } = good;
    expect(codeOf(noPhone, "phone")).toBe("required");
    expect(codeOf({ ...good, staff: -1 }, "staff")).toBe("minimum");
    expect(codeOf({ ...good, staff: 1.5 }, "staff")).toBe("number");
    expect(codeOf({ ...good, staff: "3" }, "staff")).toBe("number");
    expect(codeOf({ ...good, kind: "other" }, "kind")).toBe("choice");
    expect(codeOf({ ...good, extras: ["tables", "dancing"] }, "extras")).toBe("choice");
    expect(check({ ...good, extras: ["tables", "music"] }).ok).toBe(true);
  });

  it("a field hidden by showIf is not required and is dropped; shown, it is checked", () => {
    const hidden = check({ ...good, kind: "food", note: "forged" });
    expect(hidden).toEqual({ ok: true, value: { ...good, kind: "food" } });
    expect(check({ ...good, kind: "drink", note: "ok" })).toEqual({
      ok: true,
      value: { ...good, kind: "drink", note: "ok" },
    });
    const r = validateAnswers(
      TEST_SERVICE.form,
      { shopName: "ร้าน", hasBranch: "no", branchName: "x" },
      { lang: "th" },
    );
    expect(r).toEqual({ ok: true, value: { shopName: "ร้าน", hasBranch: "no" } });
  });

  it("unknown fields are refused, naming them", () => {
    const errors = errorsOf({ ...good, isAdmin: true, __proto__: { x: 1 } });
    expect(errors.map((e) => [e.field, e.code])).toContainEqual(["isAdmin", "unknown-field"]);
    const viaJson = errorsOf(JSON.parse(`{"__proto__": {"polluted": 1}, "phone": "0812345678"}`));
    expect(viaJson.map((e) => e.code)).toContain("unknown-field");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("huge strings are refused by a default limit when the schema has none", () => {
    expect(codeOf({ ...good, kind: "drink", note: "ก".repeat(20_001) }, "note")).toBe("too-long");
    expect(check({ ...good, kind: "drink", note: "ก".repeat(20_000) }).ok).toBe(true);
    expect(codeOf({ ...good, ownerId: "1".repeat(5_000_000) }, "ownerId")).toBe("too-long");
    const shop = validateAnswers(
      TEST_SERVICE.form,
      { shopName: "x".repeat(201), hasBranch: "no" },
      { lang: "en" },
    );
    expect(shop.ok ? [] : shop.errors.map((e) => e.message)).toEqual([
      "“Shop name” is longer than 200 characters",
    ]);
  });

  it("onlyFields checks one page: other pages' errors and requirements wait", () => {
    const page = validateAnswers(
      THAI_FORM,
      { ownerId: "1101700207129", phone: "0812345678" },
      {
        lang: "th",
        onlyFields: ["ownerId", "companyId", "phone", "bornOn"],
      },
    );
    expect(page.ok).toBe(true);
    const bad = validateAnswers(
      THAI_FORM,
      { ownerId: "1", fee: "x" },
      { lang: "th", onlyFields: ["ownerId", "phone"] },
    );
    expect(bad.ok ? [] : bad.errors.map((e) => e.field).sort()).toEqual(["ownerId", "phone"]);
  });

  it("never throws on answers that are not an object, or on a broken form", () => {
    for (const junk of [null, undefined, 1, "x", [], [good], true])
      expect(check(junk)).toEqual({ ok: false, errors: [expect.objectContaining({ code: "form-invalid" })] });
    const deep: Record<string, unknown> = {};
    let at = deep;
    for (let i = 0; i < 100; i++) at = at.x = {} as Record<string, unknown>;
    expect(check({ ...good, address: deep }).ok).toBe(false);
    const broken = {
      schema: { type: "object", properties: { a: { type: "nope" } } },
      ui: { pages: [], fields: {} },
    };
    expect(validateAnswers(broken as never, { a: 1 }, { lang: "th" }).ok).toBe(false);
    expect(validateAnswers({} as never, { a: 1 }, { lang: "th" }).ok).toBe(false);
  });
});
