import { publishService, type ServiceDefinition, type ServiceVersion } from "../src/catalog/index.js";
import { withTransaction } from "../src/platform/db/database.js";
import type { TestService } from "./service.js";

const none = { th: "-" };
const low = "low" as const;

/**
 * A small service for tests of forms and applications: a person or a company applies for a shop
 * permit; a company names a branch (a conditional field) and brings a delegation of authority (FM-5).
 */
export const TEST_SERVICE: ServiceDefinition = {
  format: "borikan.service/1",
  code: "shop-permit",
  name: { th: "ขออนุญาตจัดตั้งร้านทดสอบ", en: "Test shop permit" },
  summary: { th: "บริการทดสอบ", en: "A service for tests" },
  responsibleUnit: { th: "งานอนุญาต", en: "Permits Unit" },
  category: { th: "อนุญาต", en: "Permit" },
  legalBasis: [{ th: "พระราชบัญญัติทดสอบ พ.ศ. 2568" }],
  conditions: { th: "ผู้ขอต้องมีสถานที่", en: "The applicant has premises" },
  channels: [{ place: { th: "เว็บไซต์" }, hours: { th: "ตลอดเวลา" } }],
  steps: [
    {
      kind: { th: "การพิจารณา" },
      detail: { th: "ตรวจเอกสาร" },
      duration: 5,
      durationUnit: "days",
      responsible: { th: "งานอนุญาต" },
    },
  ],
  timeLimit: { amount: 5, dayKind: "business" },
  documents: [
    {
      id: "id-card",
      name: { th: "บัตรประจำตัวประชาชน", en: "National ID card" },
      originals: 0,
      copies: 1,
      countUnit: { th: "ฉบับ" },
      identity: true,
      kind: "identity-card",
      paper: "id-card",
      required: true,
      appliesTo: "all",
    },
    {
      id: "delegation",
      name: { th: "หนังสือมอบอำนาจ", en: "Delegation of authority" },
      originals: 1,
      copies: 0,
      countUnit: { th: "ฉบับ" },
      identity: false,
      kind: "delegation",
      paper: "a4",
      required: true,
      appliesTo: "juristic",
    },
  ],
  fees: [{ detail: { th: "ค่าธรรมเนียมใบอนุญาต" }, amount: 100, unit: "baht" }],
  noFee: false,
  complaintChannels: [{ name: { th: "ศูนย์บริการประชาชน" }, contact: { th: "1111" } }],
  risk: {
    level: low,
    impacts: {
      reputation: low,
      finance: low,
      operations: low,
      confidentiality: low,
      safety: low,
      liability: low,
    },
    assurance: "none",
  },
  dataClass: "internal",
  displaysLicence: true,
  applicantTypes: ["person", "juristic"],
  signature: { otp: "none" },
  keywords: ["ร้านค้า"],
  form: {
    schema: {
      type: "object",
      additionalProperties: false,
      required: ["shopName", "hasBranch"],
      properties: {
        shopName: { type: "string", minLength: 1, maxLength: 200 },
        hasBranch: { type: "string", enum: ["yes", "no"] },
        branchName: { type: "string", minLength: 1, maxLength: 200 },
        openedOn: { type: "string", format: "date" },
      },
    },
    ui: {
      pages: [
        { id: "shop", title: { th: "ร้าน", en: "Shop" }, fields: ["shopName", "openedOn"] },
        { id: "branch", title: { th: "สาขา", en: "Branch" }, fields: ["hasBranch", "branchName"] },
      ],
      fields: {
        shopName: {
          label: { th: "ชื่อร้าน", en: "Shop name" },
          lawfulBasis: "public-task",
          dataClass: "general",
        },
        openedOn: {
          label: { th: "วันที่เปิด", en: "Opened on" },
          widget: "be-date",
          lawfulBasis: "public-task",
          dataClass: "general",
        },
        hasBranch: {
          label: { th: "มีสาขาหรือไม่", en: "Has a branch?" },
          widget: "radio",
          options: { yes: { th: "มี", en: "Yes" }, no: { th: "ไม่มี", en: "No" } },
          lawfulBasis: "public-task",
          dataClass: "general",
        },
        branchName: {
          label: { th: "ชื่อสาขา", en: "Branch name" },
          showIf: { field: "hasBranch", in: ["yes"] },
          lawfulBasis: "public-task",
          dataClass: "general",
        },
      },
    },
  },
  privacy: { purpose: { th: "เพื่อพิจารณาคำขอ" }, retention: { th: "10 ปี" }, contact: { th: "dpo@demo.go.th" } },
  remarks: none,
  // #15 licensing: the licence it issues, by an officer (automatic issuance is the demo food shop's)
  licence: {
    title: { th: "ใบอนุญาตจัดตั้งร้านทดสอบ", en: "Test shop permit" },
    numberFormat: "ทส. {n}/{yyyy}",
    validity: { years: 1 },
    fields: [
      { key: "shop-name", label: { th: "ชื่อร้าน", en: "Shop name" }, source: { form: "shopName" } },
      {
        key: "opened-on",
        label: { th: "วันที่เปิดร้าน", en: "Opened on" },
        source: { form: "openedOn" },
        optional: true,
      },
    ],
    conditions: [
      { th: "ต้องแสดงใบอนุญาตไว้ในที่เปิดเผยเห็นได้ง่าย", en: "Display the licence where it is easily seen" },
    ],
    signer: { name: "นายทดสอบ ใจดี", position: { th: "นายกเทศมนตรีตำบลทดสอบ", en: "Mayor of Test" } },
    issue: "officer",
    confidential: false,
  },
};

/** Publishes `definition` (TEST_SERVICE by default) for the demo agency, as its next version. */
export async function publishTestService(
  service: TestService,
  definition: ServiceDefinition = TEST_SERVICE,
  agencyId = "demo",
): Promise<ServiceVersion> {
  return withTransaction(service.handle, (trx) =>
    publishService(trx, agencyId, definition, { id: "test" }, service.clock),
  );
}

/** Retires the demo agency's seeded services, for tests that need a catalogue of their own making. */
export async function retireSeededServices(service: TestService): Promise<void> {
  await service.handle.db
    .updateTable("services")
    .set({ state: "retired" })
    .where("agency_id", "=", "demo")
    .execute();
}
