/** The section of a citizen manual a question asks for. */
export type Intent = "documents" | "fee" | "time" | "where" | "who";

/**
 * IF-4: a group of wordings for one thing. `say` are the words the agency's material uses (official
 * Thai and English), searched for; `ask` are everyday wordings that only recognise the question (they
 * are too loose to search by, e.g. "ใช้อะไรบ้าง"). Compared lowercased, as substrings of the question.
 */
export interface ParaphraseGroup {
  say: readonly string[];
  ask?: readonly string[];
  intent?: Intent;
}

/**
 * Everyday Thai against official Thai, and English against Thai. Drawn from the wording of the
 * citizen manuals under the Licensing Facilitation Act B.E. 2558 (คู่มือสำหรับประชาชน: หลักเกณฑ์ วิธีการ
 * เงื่อนไข, ระยะเวลา, รายการเอกสาร, ค่าธรรมเนียม, ช่องทางการให้บริการ) and the catalogue's own synonym list.
 */
export const PARAPHRASES: readonly ParaphraseGroup[] = [
  {
    intent: "documents",
    say: ["เอกสาร", "หลักฐาน", "document"],
    ask: ["ใช้อะไรบ้าง", "เตรียมอะไร", "เอาอะไรไป", "ต้องมีอะไร", "paper", "bring"],
  },
  {
    intent: "fee",
    say: ["ค่าธรรมเนียม", "ค่าใช้จ่าย", "fee"],
    ask: ["เสียเงิน", "กี่บาท", "ราคา", "จ่ายเท่า", "เสียค่า", "cost", "how much", "price", "free"],
  },
  {
    intent: "time",
    say: ["ระยะเวลา", "วันทำการ"],
    ask: ["กี่วัน", "นานไหม", "นานแค่ไหน", "ใช้เวลา", "เมื่อไหร่จะได้", "เมื่อไรจะได้", "how long", "days"],
  },
  {
    intent: "where",
    say: ["ช่องทาง", "สถานที่ยื่น", "ยื่นคำขอ"],
    ask: ["ที่ไหน", "ยื่นที่", "ไปที่", "ออนไลน์", "where", "online", "apply"],
  },
  {
    intent: "who",
    say: ["คุณสมบัติ", "หลักเกณฑ์", "เงื่อนไข"],
    ask: ["ใครบ้าง", "ใครมีสิทธิ", "มีสิทธิ", "eligible", "qualify", "who can"],
  },
  { say: ["ใบอนุญาต", "อนุญาต", "license", "licence", "permit"] },
  {
    say: ["ร้านอาหาร", "สถานที่จำหน่ายอาหาร", "จำหน่ายอาหาร", "food shop", "restaurant"],
    ask: ["เปิดร้าน", "ขายอาหาร", "ขายข้าว", "ร้านข้าว"],
  },
  { say: ["ผู้สูงอายุ", "คนชรา", "elderly", "senior"], ask: ["คนแก่", "ตายาย", "old people", "aged"] },
  { say: ["เบี้ยยังชีพ", "allowance", "pension"], ask: ["เงินคนแก่", "เงินรายเดือน", "monthly money"] },
  { say: ["ประกันสังคม", "ผู้ประกันตน", "social security"], ask: ["มาตรา 39", "ม.39", "ม. 39"] },
  { say: ["ต่ออายุ", "renew", "renewal"], ask: ["หมดอายุ", "expire"] },
  { say: ["มูลฝอย", "ขยะ", "garbage", "waste", "rubbish"], ask: ["trash"] },
  { say: ["ภาษีที่ดิน", "สิ่งปลูกสร้าง", "land tax", "property tax"], ask: ["ภาษีบ้าน"] },
  { say: ["ร้องเรียน", "ร้องทุกข์", "complaint"], ask: ["แจ้งปัญหา", "complain"] },
  { say: ["ก่อสร้าง", "อาคาร", "building", "construction"], ask: ["สร้างบ้าน", "ต่อเติม"] },
  { say: ["ชำระเงิน", "ชำระ", "payment"], ask: ["จ่ายเงิน", "โอนเงิน", "pay", "qr"] },
  { say: ["มอบอำนาจ", "ผู้รับมอบอำนาจ", "proxy"], ask: ["ไปแทน", "ทำแทน", "on my behalf"] },
  { say: ["สถานะ", "ติดตาม", "track", "status"], ask: ["ถึงไหนแล้ว", "คืบหน้า", "progress"] },
  { say: ["เลขรับ", "เลขที่รับ", "receipt number"], ask: ["ใบรับ", "receipt"] },
  { say: ["ถอนคำขอ", "ยกเลิกคำขอ", "withdraw"], ask: ["ยกเลิก", "cancel"] },
  { say: ["บัญชีเงินฝาก", "สมุดบัญชี", "bank account"], ask: ["เลขบัญชี", "bank book"] },
  { say: ["สุนัข", "dog"], ask: ["หมา"] },
  { say: ["ประปา", "water supply"], ask: ["น้ำไม่ไหล", "tap water"] },
  { say: ["เวลาทำการ", "วันเวลาราชการ", "opening hours"], ask: ["เปิดกี่โมง", "ปิดกี่โมง", "เปิดวันเสาร์", "open"] },
];
