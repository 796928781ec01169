import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { addressMismatch } from "./thai-address.js";
import {
  isBaht,
  isThaiJuristicId,
  isThaiLandline,
  isThaiMobile,
  isThaiNationalId,
  isThaiPhone,
} from "./thai-ids.js";

/** Our Thai formats, usable in any form's schema and implied by the Thai widgets. */
export const THAI_FORMATS = {
  "thai-national-id": isThaiNationalId,
  "thai-juristic-id": isThaiJuristicId,
  "thai-mobile": isThaiMobile,
  "thai-landline": isThaiLandline,
  "thai-phone": isThaiPhone,
  baht: isBaht,
} as const;

/**
 * The Ajv every form schema is compiled with: JSON Schema 2020-12, strict (an unknown keyword or format
 * is an error in the form file, not silently ignored), standard formats (date checks the days of the
 * month, leap years included), our Thai formats and the `thaiAddress` keyword (province, district,
 * subdistrict and postcode agree with the packaged data set). No remote schema is ever loaded.
 */
export function createFormAjv(): Ajv2020 {
  // multipleOfPrecision: 0.01 steps of baht are judged without floating-point noise (1500.5 / 0.01).
  const ajv = new Ajv2020({
    strict: true,
    allErrors: true,
    allowUnionTypes: true,
    validateFormats: true,
    multipleOfPrecision: 9,
  });
  addFormats.default(ajv);
  for (const [name, validate] of Object.entries(THAI_FORMATS))
    ajv.addFormat(name, { type: "string", validate });
  ajv.addKeyword({
    keyword: "thaiAddress",
    type: "object",
    schemaType: "boolean",
    validate: (on: boolean, data: Record<string, unknown>) =>
      !on ||
      typeof data.province !== "string" ||
      typeof data.district !== "string" ||
      typeof data.subdistrict !== "string" ||
      typeof data.postcode !== "string" ||
      addressMismatch(data as never) === undefined,
  });
  // Baht as a JSON number: not negative, whole satang, at most a trillion.
  ajv.addKeyword({
    keyword: "bahtAmount",
    type: "number",
    schemaType: "boolean",
    validate: (on: boolean, data: number) =>
      !on || (data >= 0 && data <= 1e12 && Math.abs(Math.round(data * 100) - data * 100) < 1e-6),
  });
  return ajv;
}
