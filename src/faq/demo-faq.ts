import { DEMO_AGENCY } from "../agencies/index.js";
import { listServices } from "../catalog/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, isUniqueViolation, withTransaction } from "../platform/db/database.js";
import { publishFaqEntryIn } from "./publish-faq-entry.js";

/** One demonstration question: a stable key (so a restart finds it), the demo service it is about. */
interface DemoFaq {
  key: string;
  service: "food-shop-licence" | "elderly-allowance" | "social-security-s39" | null;
  question: string;
  answer: string;
}

/**
 * IF-4: the demo agency's FAQ, on its three demo services and the office, so the assistant has material
 * on a fresh `npm start`. Demonstration content like the demo services (said so in their remarks).
 */
export const DEMO_FAQ: readonly DemoFaq[] = [
  {
    key: "food-renew",
    service: "food-shop-licence",
    question: "ใบอนุญาตจัดตั้งสถานที่จำหน่ายอาหารมีอายุกี่ปี ต้องต่ออายุเมื่อไร",
    answer:
      "ใบอนุญาตมีอายุ 1 ปีนับแต่วันที่ออก ให้ยื่นคำขอต่ออายุก่อนใบอนุญาตสิ้นอายุ ทางเว็บไซต์ของหน่วยงานหรือที่สำนักงานเขต หากยื่นหลังสิ้นอายุต้องขอใบอนุญาตใหม่",
  },
  {
    key: "food-small",
    service: "food-shop-licence",
    question: "ร้านอาหารพื้นที่ไม่เกิน 200 ตารางเมตรต้องขอใบอนุญาตหรือไม่",
    answer:
      "ร้านที่มีพื้นที่ไม่เกิน 200 ตารางเมตรไม่ต้องขอใบอนุญาต แต่ต้องยื่นขอหนังสือรับรองการแจ้งจัดตั้งสถานที่จำหน่ายอาหารก่อนเปิดร้าน",
  },
  {
    key: "food-inspection",
    service: "food-shop-licence",
    question: "ก่อนออกใบอนุญาตร้านอาหาร เจ้าหน้าที่จะมาตรวจสถานที่หรือไม่",
    answer:
      "เจ้าหน้าที่จะนัดตรวจสถานที่ว่าถูกสุขลักษณะตามข้อบัญญัติท้องถิ่นก่อนออกใบอนุญาต เช่น ที่ล้างภาชนะ การระบายน้ำ ที่ทิ้งขยะ หากต้องปรับปรุงจะแจ้งเป็นหนังสือ",
  },
  {
    key: "food-training",
    service: "food-shop-licence",
    question: "ผู้สัมผัสอาหารต้องผ่านการอบรมด้านสุขาภิบาลอาหารหรือไม่ อบรมได้ที่ไหน",
    answer:
      "ผู้ประกอบการและผู้สัมผัสอาหารควรผ่านการอบรมหลักสูตรสุขาภิบาลอาหาร ซึ่งฝ่ายสิ่งแวดล้อมและสุขาภิบาลของสำนักงานเขตจัดอบรมเป็นประจำ หรืออบรมออนไลน์กับหน่วยงานที่กรมอนามัยรับรอง",
  },
  {
    key: "elderly-amount",
    service: "elderly-allowance",
    question: "เบี้ยยังชีพผู้สูงอายุได้เดือนละกี่บาท",
    answer:
      "จ่ายแบบขั้นบันไดตามอายุ: 60-69 ปี เดือนละ 600 บาท, 70-79 ปี 700 บาท, 80-89 ปี 800 บาท, 90 ปีขึ้นไป 1,000 บาท ตามระเบียบที่ใช้บังคับ",
  },
  {
    key: "elderly-payday",
    service: "elderly-allowance",
    question: "เบี้ยยังชีพผู้สูงอายุโอนเข้าบัญชีวันไหน",
    answer: "โอนเข้าบัญชีเงินฝากของผู้มีสิทธิภายในวันที่ 10 ของทุกเดือน ถ้าตรงกับวันหยุดจะโอนในวันทำการก่อนหน้า",
  },
  {
    key: "elderly-move",
    service: "elderly-allowance",
    question: "ย้ายทะเบียนบ้านไปเขตอื่น เบี้ยยังชีพผู้สูงอายุจะยังได้รับหรือไม่",
    answer:
      "ยังได้รับจากเขตเดิมจนสิ้นปีงบประมาณ และต้องไปลงทะเบียนใหม่ที่เขตหรือองค์กรปกครองส่วนท้องถิ่นแห่งใหม่ภายในเวลาที่กำหนด เพื่อรับเงินในปีงบประมาณถัดไป",
  },
  {
    key: "s39-contribution",
    service: "social-security-s39",
    question: "ผู้ประกันตนมาตรา 39 ต้องจ่ายเงินสมทบเดือนละเท่าไร",
    answer: "จ่ายเงินสมทบเดือนละ 432 บาท (ร้อยละ 9 ของฐานค่าจ้าง 4,800 บาท) ภายในวันที่ 15 ของเดือนถัดไป",
  },
  {
    key: "s39-lapse",
    service: "social-security-s39",
    question: "ขาดส่งเงินสมทบมาตรา 39 กี่เดือน ความเป็นผู้ประกันตนจึงสิ้นสุด",
    answer: "ความเป็นผู้ประกันตนสิ้นสุดเมื่อไม่ส่งเงินสมทบติดต่อกัน 3 เดือน หรือภายใน 12 เดือนส่งไม่ครบ 9 เดือน",
  },
  {
    key: "office-hours",
    service: null,
    question: "สำนักงานเขตเปิดให้บริการวันและเวลาใด",
    answer: "วันจันทร์ถึงวันศุกร์ เวลา 08:30-16:30 น. (ยกเว้นวันหยุดที่ทางราชการกำหนด) ส่วนคำขอทางเว็บไซต์ยื่นได้ตลอด 24 ชั่วโมง",
  },
];

/**
 * `npm start`: publishes the demo FAQ for the demo agency through `publishFaqEntryIn`, each entry once
 * (marked `demo:<key>`, so a restart, or an officer's withdrawal, never brings it back twice). Each in its
 * own transaction; a process that loses a race to another on an entry finds it there. Returns how many
 * were published now.
 */
export async function seedDemoFaq(handle: DatabaseHandle, clock: Clock): Promise<number> {
  const services = await listServices(handle.db, DEMO_AGENCY.id);
  if (services.length === 0) return 0;
  const idOf = new Map(services.filter((s) => s.state === "published").map((s) => [s.code, s.id]));
  let published = 0;
  for (const faq of DEMO_FAQ) {
    try {
      const { created } = await withTransaction(handle, (trx) =>
        publishFaqEntryIn(trx, clock, {
          agencyId: DEMO_AGENCY.id,
          serviceId: (faq.service && idOf.get(faq.service)) || null,
          question: faq.question,
          answer: faq.answer,
          source: "officer",
          sourceId: `demo:${faq.key}`,
          actor: "system:seed",
        }),
      );
      if (created) published++;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return published;
}
