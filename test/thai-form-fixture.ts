import type { FormDefinition } from "../src/forms/index.js";

const field = (th: string, en: string, extra: Record<string, unknown> = {}) => ({
  label: { th, en },
  lawfulBasis: "public-task" as const,
  dataClass: "personal" as const,
  ...extra,
});

/** A form with every Thai-aware input, for the tests of forms: one page each, an address, money. */
export const THAI_FORM: FormDefinition = {
  schema: {
    type: "object",
    required: ["ownerId", "phone", "address", "fee"],
    properties: {
      ownerId: { type: "string" },
      companyId: { type: "string" },
      phone: { type: "string" },
      bornOn: { type: "string", format: "date" },
      address: { type: "object" },
      fee: { type: "string" },
      staff: { type: "integer", minimum: 0, maximum: 1000 },
      kind: { type: "string", enum: ["food", "drink"] },
      extras: { type: "array", items: { type: "string", enum: ["tables", "music"] }, uniqueItems: true },
      note: { type: "string" },
    },
  },
  ui: {
    pages: [
      {
        id: "owner",
        title: { th: "เจ้าของ", en: "Owner" },
        fields: ["ownerId", "companyId", "phone", "bornOn"],
      },
      { id: "place", title: { th: "สถานที่", en: "Place" }, fields: ["address"] },
      {
        id: "business",
        title: { th: "กิจการ", en: "Business" },
        fields: ["fee", "staff", "kind", "extras", "note"],
      },
    ],
    fields: {
      ownerId: field("เลขประจำตัวประชาชน", "National ID", { widget: "national-id" }),
      companyId: field("เลขทะเบียนนิติบุคคล", "Juristic person ID", { widget: "juristic-id" }),
      phone: field("โทรศัพท์", "Phone", { widget: "thai-phone" }),
      bornOn: field("วันเกิด", "Date of birth", { widget: "be-date" }),
      address: field("ที่อยู่สถานประกอบการ", "Address of the premises", { widget: "thai-address" }),
      fee: field("ทุนจดทะเบียน", "Registered capital", { widget: "money" }),
      staff: field("จำนวนพนักงาน", "Number of staff"),
      kind: field("ประเภท", "Kind", {
        widget: "radio",
        options: { food: { th: "อาหาร", en: "Food" }, drink: { th: "เครื่องดื่ม", en: "Drinks" } },
      }),
      extras: field("บริการเสริม", "Extras", {
        widget: "checkbox",
        options: { tables: { th: "โต๊ะ", en: "Tables" }, music: { th: "ดนตรี", en: "Music" } },
      }),
      note: field("หมายเหตุ", "Note", { widget: "textarea", showIf: { field: "kind", in: ["drink"] } }),
    },
  },
};

export const GOOD_ADDRESS = {
  houseNumber: "99/1",
  moo: "3",
  road: "พหลโยธิน",
  subdistrict: "ลาดยาว",
  district: "จตุจักร",
  province: "กรุงเทพมหานคร",
  postcode: "10900",
};
