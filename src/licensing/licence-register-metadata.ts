import type { Agency } from "../agencies/index.js";
import { EXPORT_SCHEMA } from "./licence-register-export.js";

/** PR-4: the licence the agency publishes its open data under (its id, title and terms' address). */
export interface OpenDataLicence {
  id: string;
  title: string;
  url: string;
}

/** No licence configured: CKAN's own "License not specified", said as it is. */
const NOT_SPECIFIED: OpenDataLicence = { id: "notspecified", title: "License not specified", url: "" };

/**
 * PR-2, PR-4: the register's dataset description for data.go.th / an agency's GD Catalog (CKAN with
 * thai-gdc): the 14 mandatory metadata items (THAI-STANDARDS §10, field names of the thai-gdc schema),
 * plus the resources, filled from the agency. `registerUrl` is the register's page on the agency's site.
 * OD-1: each resource carries the columns' schema, so an export can be checked against its description.
 */
export function registerMetadata(
  agency: Agency,
  registerUrl: string,
  now: Date,
  licence: OpenDataLicence = NOT_SPECIFIED,
) {
  const exportUrl = (ext: string) => `${registerUrl}.${ext}`;
  const schema = { fields: EXPORT_SCHEMA, missingValues: [""] };
  return {
    title: `ทะเบียนใบอนุญาต ${agency.nameTh}`,
    owner_org: agency.nameTh,
    maintainer: agency.nameTh,
    maintainer_email: agency.centralEmail,
    tag_string: "ใบอนุญาต,ทะเบียนใบอนุญาต,licence,register",
    notes:
      "ใบอนุญาตที่หน่วยงานออกและกฎหมายกำหนดให้แสดง พร้อมรายการที่พิมพ์บนใบอนุญาตและสถานะปัจจุบัน " +
      "(ใช้ได้ พักใช้ เพิกถอน หมดอายุ) ตามพระราชบัญญัติการอำนวยความสะดวกในการพิจารณาอนุญาตของทางราชการ มาตรา 13",
    objective: "เพื่อการให้บริการประชาชน",
    update_frequency_unit: "ตามเวลาจริง",
    update_frequency_interval: "1",
    geo_coverage: "ประเทศ",
    data_source: agency.nameTh,
    data_format: "CSV",
    data_category: "ข้อมูลสาธารณะ",
    license_id: licence.id,
    license_title: licence.title,
    license_url: licence.url,
    accessible_condition: "เปิดเผยต่อสาธารณะโดยไม่ต้องลงทะเบียน",
    data_type: "ข้อมูลระเบียน",
    data_classification: "เปิดเผย",
    data_language: "ไทย",
    url: registerUrl,
    last_updated_date: now.toISOString().slice(0, 10),
    resources: [
      { name: "ทะเบียนใบอนุญาต (CSV, UTF-8 with BOM)", format: "CSV", url: exportUrl("csv"), schema },
      { name: "ทะเบียนใบอนุญาต (JSON)", format: "JSON", url: exportUrl("json"), schema },
      { name: "ทะเบียนใบอนุญาต (XLSX)", format: "XLSX", url: exportUrl("xlsx"), schema },
    ],
  };
}
