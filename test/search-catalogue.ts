import type { RequiredDocument, ServiceDefinition } from "../src/catalog/index.js";
import type { TestService } from "./service.js";
import { publishTestService, retireSeededServices, TEST_SERVICE } from "./service-fixture.js";

const doc = (id: string, th: string, en: string): RequiredDocument => ({
  id,
  name: { th, en },
  originals: 0,
  copies: 1,
  countUnit: { th: "ฉบับ" },
  identity: id === "id-card" || id === "house",
  kind: id === "id-card" ? "identity-card" : "other",
  paper: id === "id-card" ? "id-card" : "a4",
  required: true,
  appliesTo: "all",
});
const ID_CARD = doc("id-card", "สำเนาบัตรประจำตัวประชาชน", "Copy of the national ID card");
const HOUSE = doc("house", "สำเนาทะเบียนบ้าน", "Copy of the house registration");

interface Entry {
  code: string;
  name: [string, string];
  category: [string, string];
  summary: string;
  conditions: string;
  keywords?: string[];
  documents?: RequiredDocument[];
}

/** A service of the search fixtures: TEST_SERVICE with the words that searching reads replaced. */
export function searchService(e: Entry): ServiceDefinition {
  return {
    ...TEST_SERVICE,
    code: e.code,
    name: { th: e.name[0], en: e.name[1] },
    category: { th: e.category[0], en: e.category[1] },
    summary: { th: e.summary },
    conditions: { th: e.conditions },
    keywords: e.keywords ?? [],
    documents: e.documents ?? [ID_CARD, HOUSE],
    // CM-2: a service asking for no documents says so.
    noDocuments: e.documents?.length === 0,
  };
}

const PERMIT: [string, string] = ["การอนุญาต", "Permits"];
const WELFARE: [string, string] = ["สวัสดิการสังคม", "Social welfare"];
const TAX: [string, string] = ["ภาษีและรายได้", "Taxes"];
const PUBLIC_HEALTH: [string, string] = ["สาธารณสุขและสิ่งแวดล้อม", "Public health and environment"];

/** A municipality's catalogue of 17 services, for the IF-2 search table test and the bench. */
export const SEARCH_CATALOGUE: ServiceDefinition[] = [
  searchService({
    code: "food-shop",
    name: ["ขออนุญาตจัดตั้งสถานที่จำหน่ายอาหาร", "Permit to open a food shop"],
    category: PERMIT,
    summary: "ผู้ประกอบกิจการจำหน่ายอาหารในอาคารที่มีพื้นที่เกิน 200 ตารางเมตร ต้องได้รับใบอนุญาตก่อน",
    conditions: "สถานที่ต้องถูกสุขลักษณะ มีน้ำสะอาดเพียงพอ และผู้สัมผัสอาหารต้องผ่านการอบรม",
    documents: [ID_CARD, HOUSE, doc("plan", "แผนผังแสดงที่ตั้งสถานประกอบการ", "Site plan")],
  }),
  searchService({
    code: "food-stall",
    name: ["แจ้งเปิดร้านขายอาหาร", "Notice of opening a food stall"],
    category: PUBLIC_HEALTH,
    summary: "ร้านขายอาหารขนาดเล็กพื้นที่ไม่เกิน 200 ตารางเมตร แจ้งต่อเจ้าพนักงานท้องถิ่นก่อนเปิด",
    conditions: "แจ้งก่อนเริ่มกิจการ ได้รับหนังสือรับรองการแจ้งภายในวันที่แจ้ง",
  }),
  searchService({
    code: "elderly-allowance",
    name: ["ลงทะเบียนรับเงินเบี้ยยังชีพผู้สูงอายุ", "Elderly living allowance registration"],
    category: WELFARE,
    summary: "ผู้มีอายุหกสิบปีขึ้นไปลงทะเบียนเพื่อรับเงินรายเดือน",
    conditions: "มีสัญชาติไทย มีภูมิลำเนาในเขตเทศบาล และไม่ได้รับสวัสดิการอื่นจากรัฐในทำนองเดียวกัน",
    documents: [ID_CARD, HOUSE, doc("bank-book", "สำเนาสมุดบัญชีเงินฝากธนาคาร", "Copy of the bank book")],
  }),
  searchService({
    code: "disability-allowance",
    name: ["ลงทะเบียนรับเงินเบี้ยความพิการ", "Disability allowance registration"],
    category: WELFARE,
    summary: "คนพิการที่มีบัตรประจำตัวคนพิการลงทะเบียนเพื่อรับเงินรายเดือน",
    conditions: "มีบัตรประจำตัวคนพิการตามกฎหมายว่าด้วยการส่งเสริมและพัฒนาคุณภาพชีวิตคนพิการ",
  }),
  searchService({
    code: "insured-39",
    name: ["ขึ้นทะเบียนผู้ประกันตนตามมาตรา 39", "Registration as an insured person under section 39"],
    category: WELFARE,
    summary: "ผู้ที่เคยเป็นผู้ประกันตนตามมาตรา 33 และลาออกจากงาน สมัครเป็นผู้ประกันตนต่อด้วยตนเอง",
    conditions: "เคยจ่ายเงินสมทบไม่น้อยกว่า 12 เดือน และสมัครภายใน 6 เดือนนับแต่วันที่สิ้นสภาพลูกจ้าง",
    keywords: ["ประกันสังคม"],
  }),
  searchService({
    code: "building",
    name: ["ขออนุญาตก่อสร้างอาคาร", "Building permit"],
    category: PERMIT,
    summary: "ผู้ที่จะก่อสร้างอาคารในเขตควบคุมอาคารต้องได้รับอนุญาตก่อน",
    conditions: "แบบแปลนต้องลงนามโดยสถาปนิกและวิศวกรผู้ได้รับใบอนุญาต",
    keywords: ["สร้างบ้าน", "ต่อเติมบ้าน"],
    documents: [ID_CARD, doc("plans", "แบบแปลนและรายการคำนวณ", "Plans and calculations")],
  }),
  searchService({
    code: "demolition",
    name: ["ขออนุญาตรื้อถอนอาคาร", "Demolition permit"],
    category: PERMIT,
    summary: "การรื้อถอนอาคารที่อยู่ใกล้ทางสาธารณะต้องได้รับอนุญาต",
    conditions: "มีแผนการรื้อถอนและมาตรการป้องกันอันตราย",
  }),
  searchService({
    code: "garbage",
    name: ["ขอรับบริการเก็บขนมูลฝอย", "Waste collection service"],
    category: PUBLIC_HEALTH,
    summary: "ครัวเรือนและสถานประกอบการขอให้เทศบาลเก็บขนมูลฝอยเป็นประจำ",
    conditions: "ชำระค่าธรรมเนียมเก็บขนรายเดือน",
  }),
  searchService({
    code: "sign-tax",
    name: ["ยื่นแบบแสดงรายการภาษีป้าย", "Signboard tax return"],
    category: TAX,
    summary: "เจ้าของป้ายยื่นแบบภายในเดือนมีนาคมของทุกปี",
    conditions: "ยื่นแบบ ภ.ป.1 พร้อมรูปถ่ายป้าย",
  }),
  searchService({
    code: "land-tax",
    name: ["ชำระภาษีที่ดินและสิ่งปลูกสร้าง", "Land and buildings tax payment"],
    category: TAX,
    summary: "เจ้าของที่ดินหรือสิ่งปลูกสร้างชำระภาษีตามใบแจ้งการประเมิน",
    conditions: "ชำระภายในเดือนเมษายน",
  }),
  searchService({
    code: "water",
    name: ["ขอติดตั้งมาตรวัดน้ำประปา", "Tap water meter installation"],
    category: ["สาธารณูปโภค", "Utilities"],
    summary: "บ้านที่อยู่ในเขตจ่ายน้ำขอติดตั้งมาตรวัดน้ำใหม่",
    conditions: "มีบ้านเลขที่และอยู่ในแนวท่อจ่ายน้ำ",
  }),
  searchService({
    code: "newborn",
    name: ["ลงทะเบียนขอรับเงินอุดหนุนเพื่อการเลี้ยงดูเด็กแรกเกิด", "Child support grant for newborns"],
    category: WELFARE,
    summary: "ครอบครัวรายได้น้อยที่มีบุตรแรกเกิดขอรับเงินอุดหนุนรายเดือนจนบุตรอายุหกปี",
    conditions: "รายได้เฉลี่ยของครอบครัวไม่เกินหนึ่งแสนบาทต่อคนต่อปี",
    documents: [ID_CARD, doc("birth", "สำเนาสูติบัตร", "Copy of the birth certificate")],
  }),
  searchService({
    code: "commerce",
    name: ["จดทะเบียนพาณิชย์", "Commercial registration"],
    category: ["ทะเบียน", "Registrations"],
    summary: "ผู้ประกอบพาณิชยกิจจดทะเบียนภายในสามสิบวันนับแต่วันเริ่มประกอบกิจการ",
    conditions: "ประกอบกิจการค้าตามประเภทที่กฎหมายกำหนด",
  }),
  searchService({
    code: "street-vending",
    name: ["ขออนุญาตจำหน่ายสินค้าในที่หรือทางสาธารณะ", "Permit to sell goods in public places"],
    category: PERMIT,
    summary: "การขายสินค้าบนทางเท้าหรือที่สาธารณะต้องได้รับอนุญาต",
    conditions: "ขายได้เฉพาะจุดผ่อนผันและเวลาที่กำหนด",
    keywords: ["หาบเร่", "แผงลอย"],
  }),
  searchService({
    code: "complaint",
    name: ["ร้องเรียนร้องทุกข์", "Complaints"],
    category: ["ทั่วไป", "General"],
    summary: "แจ้งเหตุเดือดร้อนรำคาญหรือการให้บริการที่ไม่เป็นธรรม",
    conditions: "ระบุชื่อและที่อยู่ผู้ร้องเรียนที่ติดต่อได้",
    documents: [ID_CARD],
  }),
  searchService({
    code: "dog-registration",
    name: ["ขึ้นทะเบียนสุนัขและแมว", "Dog and cat registration"],
    category: PUBLIC_HEALTH,
    summary: "เจ้าของสุนัขและแมวขึ้นทะเบียนสัตว์และรับการฉีดวัคซีนป้องกันโรคพิษสุนัขบ้า",
    conditions: "สัตว์ต้องมีอายุเกินสองเดือน",
  }),
  searchService({
    code: "earth-works",
    name: ["แจ้งการขุดดินและถมดิน", "Notice of excavation and landfill"],
    category: PERMIT,
    summary: "การขุดดินลึกเกินสามเมตรหรือถมดินสูงเกินพื้นที่ข้างเคียงต้องแจ้งก่อน",
    conditions: "มีแผนผังบริเวณและวิธีการป้องกันการพังทลายของดิน",
  }),
];

/** Published then retired: search must never find it. */
export const RETIRED_SERVICE = searchService({
  code: "pig-farm",
  name: ["ขออนุญาตเลี้ยงสุกร", "Pig farm permit"],
  category: PERMIT,
  summary: "การเลี้ยงสัตว์ในเขตชุมชน",
  conditions: "ยกเลิกแล้ว",
});

/** Retires what the demo agency was seeded with, so that only `definitions` are found, then publishes them. */
export async function publishSearchCatalogue(
  service: TestService,
  definitions: ServiceDefinition[] = SEARCH_CATALOGUE,
): Promise<void> {
  await retireSeededServices(service);
  for (const definition of definitions) await publishTestService(service, definition);
}
