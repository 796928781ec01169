import type { AgencySettings } from "./agency-settings.schema.js";

/** The demo agency seeded into an empty database, so `npm start` shows a working service at once. */
export const DEMO_AGENCY: AgencySettings = {
  id: "demo",
  nameTh: "สำนักงานเขตตัวอย่าง",
  nameEn: "Demo District Office",
  domain: "demo.go.th",
  hostnames: ["localhost", "127.0.0.1"],
  centralEmail: "saraban@demo.go.th",
  phones: ["02 123 4567"],
  letterCode: "ตย 0001",
  opdcEmail: "opdc-copy@demo.go.th",
  postalAddress: "1 ถนนตัวอย่าง แขวงตัวอย่าง เขตตัวอย่าง กรุงเทพมหานคร 10200",
  units: [
    { code: "saraban", nameTh: "งานสารบรรณ", nameEn: "Correspondence Unit" },
    { code: "permits", nameTh: "งานอนุญาต", nameEn: "Permits Unit" },
  ],
};

/**
 * #12: the demo agency's casework officers, so that a demo application can be checked and decided at
 * once: a reviewer and an approver of the permits unit, and the head of agency (the second level of a
 * two-level chain, and RV-3's approval of closing an unreachable applicant's matter). Passwords are
 * generated and printed at first start, like the admin's.
 */
export const DEMO_OFFICERS = [
  {
    email: "demo.reviewer@demo.go.th",
    displayName: "ผู้ตรวจสอบคำขอ (Demo reviewer)",
    roles: ["reviewer"],
    unit: "permits",
  },
  {
    email: "demo.approver@demo.go.th",
    displayName: "ผู้มีอำนาจอนุมัติ (Demo approver)",
    roles: ["approver"],
    unit: "permits",
  },
  {
    email: "demo.head@demo.go.th",
    displayName: "หัวหน้าส่วนราชการ (Demo head of agency)",
    roles: ["head_of_agency"],
    unit: null,
  },
  // #14 payment: checks every receipt of money each business day (PY-3)
  {
    email: "demo.finance@demo.go.th",
    displayName: "เจ้าหน้าที่การเงิน (Demo finance officer)",
    roles: ["finance_officer"],
    unit: null,
  },
] as const;

/** The demo agency's first administrator; the password is generated and printed at first start. */
export const DEMO_ADMIN = {
  email: "admin@demo.go.th",
  displayName: "ผู้ดูแลระบบ (Demo admin)",
  roles: ["admin", "saraban_officer"],
};
