import type { AnnouncementFacts } from "./announcement-text.js";
import { thaiLetterDate } from "./letter-labels.js";

/** #15 s13: the title (เรื่อง) of the s.13 announcement. */
export const LICENCE_ANNOUNCEMENT_TITLE = "การแสดงและการตรวจสอบใบอนุญาตโดยวิธีการทางอิเล็กทรอนิกส์";

const THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙";
const thai = (n: number) => String(n).replace(/\d/g, (d) => THAI_DIGITS[Number(d)]!);

/**
 * CH-13, LC-3 (s.13, s.21; 001 §7.2): the text of the announcement of how the agency's licences are
 * displayed and checked electronically, free of charge: the electronic licence, the QR leading to the
 * agency's own domain (so a reader can tell a forged code), the public register at `{origin}/licences`,
 * the display at the premises (at least 5 seconds each) and how to report a forged licence.
 * `origin` is the agency's licence origin (e.g. `https://eservice.example.go.th`). Paragraphs, one per line.
 */
export function licenceAnnouncementText(f: AnnouncementFacts, origin: string): string[] {
  const name = f.agency.nameTh;
  const act = "พระราชบัญญัติการปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. ๒๕๖๕";
  const host = new URL(origin).host;
  const register = `${origin}/licences`;
  const report = [
    `ไปรษณีย์อิเล็กทรอนิกส์ (อีเมล) ${f.agency.centralEmail}`,
    ...f.agency.phones.map((p) => `โทรศัพท์ ${p} ในวันและเวลาราชการ`),
    `เว็บไซต์ ${f.webUrl} (ระบบบริการอิเล็กทรอนิกส์ e-Service)`,
  ];
  return [
    `โดยที่มาตรา ๑๓ และมาตรา ๒๑ แห่ง${act} ประสงค์ให้ใบอนุญาตที่หน่วยงานของรัฐออกให้ สามารถแสดงและตรวจสอบได้โดยวิธีการทางอิเล็กทรอนิกส์ โดยข้อมูลเป็นปัจจุบันและไม่เสียค่าใช้จ่าย สมควรประกาศวิธีการแสดงและการตรวจสอบใบอนุญาตที่${name}ออกให้ ทั้งนี้ เพื่อเป็นการอำนวยความสะดวกแก่ผู้ได้รับใบอนุญาตและประชาชน`,
    `อาศัยอำนาจตามความในมาตรา ๑๓ แห่ง${act} ${f.signerPosition} ออกประกาศไว้ ดังต่อไปนี้`,
    `ข้อ ๑ ใบอนุญาตที่${name}ออกให้เป็นเอกสารอิเล็กทรอนิกส์ (ไฟล์ PDF) ที่ลงลายมือชื่ออิเล็กทรอนิกส์และประทับเวลาด้วยใบรับรองดิจิทัลของหน่วยงาน ผู้ได้รับใบอนุญาตอาจแสดงใบอนุญาต ณ สถานที่ประกอบกิจการโดยวิธีการทางอิเล็กทรอนิกส์ วิธีใดวิธีหนึ่ง ดังต่อไปนี้ โดยไม่ต้องแสดงใบอนุญาตที่เป็นกระดาษ`,
    `(${thai(1)}) แสดงภาพใบอนุญาตบนจอหรืออุปกรณ์อิเล็กทรอนิกส์ที่ชัดเจนพอให้อ่านได้ ในกรณีที่แสดงใบอนุญาตหลายฉบับบนจอเดียวกันโดยหมุนเวียน ให้แสดงแต่ละฉบับไม่น้อยกว่า ${thai(5)} วินาที`,
    `(${thai(2)}) แสดงคิวอาร์โค้ด (QR code) ที่พิมพ์อยู่บนใบอนุญาต ซึ่งนำไปสู่ใบอนุญาตอิเล็กทรอนิกส์บนเว็บไซต์ของหน่วยงานที่ ${origin}`,
    `ข้อ ๒ ประชาชนตรวจสอบใบอนุญาตได้ด้วยตนเองโดยไม่ต้องลงชื่อเข้าใช้และไม่เสียค่าใช้จ่าย ดังต่อไปนี้`,
    `(${thai(1)}) สแกนคิวอาร์โค้ดบนใบอนุญาต หน้าตรวจสอบจะแสดงข้อความในใบอนุญาตและสถานะปัจจุบัน ว่าใช้ได้ ถูกแทนที่ด้วยฉบับใหม่ ถูกพักใช้ ถูกเพิกถอน หรือหมดอายุ`,
    `(${thai(2)}) ค้นหาในทะเบียนใบอนุญาตของหน่วยงานที่ ${register} ซึ่งแสดงข้อมูลทุกรายการที่พิมพ์ในใบอนุญาตและสถานะปัจจุบัน`,
    `ข้อ ๓ คิวอาร์โค้ดบนใบอนุญาตที่แท้จริงนำไปสู่ที่อยู่ที่ขึ้นต้นด้วย ${origin}/ ซึ่งมีชื่อโดเมน ${host} ของหน่วยงานเท่านั้น หากคิวอาร์โค้ดนำไปสู่ชื่อโดเมนอื่น หรือหน้าตรวจสอบแจ้งว่าไม่พบใบอนุญาตหรือรหัสตรวจสอบไม่ถูกต้อง ให้สันนิษฐานว่าใบอนุญาตนั้นอาจปลอม`,
    `ข้อ ๔ ผู้พบใบอนุญาตที่สงสัยว่าปลอมหรือไม่ตรงกับข้อมูลในทะเบียน แจ้ง${name}ได้โดยไม่เสียค่าใช้จ่าย ทางช่องทาง ดังต่อไปนี้`,
    ...report.map((c, i) => `(${thai(i + 1)}) ${c}`),
    `ทั้งนี้ ตั้งแต่วันที่ ${thaiLetterDate(f.effectiveFrom)} เป็นต้นไป`,
  ];
}
