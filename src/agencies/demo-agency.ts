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

/** The demo agency's first administrator; the password is generated and printed at first start. */
export const DEMO_ADMIN = {
  email: "admin@demo.go.th",
  displayName: "ผู้ดูแลระบบ (Demo admin)",
  roles: ["admin", "saraban_officer"],
};
