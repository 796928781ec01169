/**
 * IF-2: words people search with for the same thing, applied to the query only (the index keeps each
 * service's own words). When a query contains any phrase of a group, the group's other phrases are
 * searched too, at a lower weight than the query's own words. Thai and English sit in one group, so an
 * English query finds a service written only in Thai. Phrases are compared lowercased.
 */
export const SEARCH_SYNONYMS: readonly (readonly string[])[] = [
  ["ใบอนุญาต", "อนุญาต", "license", "licence", "permit"],
  ["ร้านอาหาร", "ร้านขายอาหาร", "สถานที่จำหน่ายอาหาร", "สถานที่สะสมอาหาร", "food shop", "restaurant"],
  ["ผู้สูงอายุ", "คนชรา", "คนแก่", "elderly", "senior", "old age"],
  ["เบี้ยยังชีพ", "เงินช่วยเหลือรายเดือน", "allowance", "pension"],
  ["คนพิการ", "ผู้พิการ", "disabled", "disability"],
  ["ประกันสังคม", "ผู้ประกันตน", "social security", "insured"],
  ["ทะเบียนบ้าน", "house registration"],
  ["บัตรประชาชน", "บัตรประจำตัวประชาชน", "id card"],
  ["ก่อสร้าง", "ปลูกสร้าง", "สร้างบ้าน", "building", "construction"],
  ["ขยะ", "มูลฝอย", "garbage", "waste", "rubbish"],
  ["ป้าย", "signboard", "sign"],
  ["ภาษีที่ดิน", "ภาษีที่ดินและสิ่งปลูกสร้าง", "land tax", "property tax"],
  ["ประปา", "น้ำประปา", "water supply", "tap water"],
  ["เด็กแรกเกิด", "เงินอุดหนุนเพื่อการเลี้ยงดูเด็ก", "newborn", "child support"],
  ["ร้องเรียน", "ร้องทุกข์", "complaint"],
  ["ตลาด", "market"],
  ["สุนัข", "หมา", "dog"],
  ["ทะเบียนพาณิชย์", "จดทะเบียนพาณิชย์", "commercial registration", "business registration"],
  ["ต่ออายุ", "renew", "renewal"],
  ["รื้อถอน", "demolition", "demolish"],
  ["ขุดดิน", "ถมดิน", "excavation", "landfill"],
];

/** For each group the query touches, the group's phrases the query does not already contain. */
export function synonymsOf(query: string): string[][] {
  const lower = query.toLowerCase();
  const found: string[][] = [];
  for (const group of SEARCH_SYNONYMS) {
    if (!group.some((phrase) => lower.includes(phrase))) continue;
    found.push(group.filter((phrase) => !lower.includes(phrase)));
  }
  return found;
}
