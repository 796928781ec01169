import type { Agency } from "../agencies/index.js";
import type { AnnouncementKind } from "./correspondence.table.js";
import { thaiLetterDate } from "./letter-labels.js";
import { LICENCE_ANNOUNCEMENT_TITLE, licenceAnnouncementText } from "./licence-announcement-text.js";

/** What an announcement is generated from: the agency's settings and what the admin adds. */
export interface AnnouncementFacts {
  kind: AnnouncementKind;
  agency: Pick<Agency, "nameTh" | "centralEmail" | "phones">;
  /** The e-Service's address (the agency's Borikan site). */
  webUrl: string;
  /** CH-1: the LINE official account, when the agency's LINE channel is connected. */
  lineAccount?: string;
  signerPosition: string;
  /** YYYY-MM-DD. */
  effectiveFrom: string;
  /** CH-13: further systems the command names beside Borikan's own. */
  otherSystems?: string[];
  /** #15 s13, LC-3: the agency's own origin for its licences (the s.13 announcement needs it). */
  licenceOrigin?: string | null;
}

const THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙";
/** Clause numbers in Thai digits, as the templates write them (ข้อ ๑, (๒)). */
export const thaiDigits = (n: number | string) => String(n).replace(/\d/g, (d) => THAI_DIGITS[Number(d)]!);

/** The title (เรื่อง) of each kind. */
export function announcementTitle(kind: AnnouncementKind, agencyName: string): string {
  if (kind === "s13") return LICENCE_ANNOUNCEMENT_TITLE;
  return kind === "s10"
    ? `ช่องทางอิเล็กทรอนิกส์สำหรับติดต่อ${agencyName}`
    : "ระบบสำหรับการปฏิบัติหน้าที่โดยวิธีการทางอิเล็กทรอนิกส์";
}

/**
 * CH-1, CH-13: the text of the s.10 announcement of the agency's electronic channels, or of the s.16
 * command naming its internal electronic systems, in the wording of the OPDC's templates (001 §7.1,
 * §7.3; 000 appendix 4), filled from the agency's settings. Paragraphs, one per line.
 */
export function announcementText(f: AnnouncementFacts): string[] {
  const name = f.agency.nameTh;
  const act = "พระราชบัญญัติการปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. ๒๕๖๕";
  // CH-13, LC-3: the caller refuses an s.13 draft without the origin (LICENCE_ORIGIN_NOT_SET).
  if (f.kind === "s13") return licenceAnnouncementText(f, f.licenceOrigin ?? "");
  if (f.kind === "s10") {
    const channels = [
      `ที่อยู่ไปรษณีย์อิเล็กทรอนิกส์ (อีเมล) ${f.agency.centralEmail}`,
      `เว็บไซต์ ${f.webUrl} (ระบบบริการอิเล็กทรอนิกส์ e-Service)`,
      ...(f.lineAccount ? [`แอปพลิเคชันไลน์ (LINE) บัญชีทางการ ${f.lineAccount}`] : []),
    ];
    return [
      `โดยที่มาตรา ๑๐ วรรคหนึ่ง แห่ง${act} บัญญัติให้บรรดาคำขออนุญาตหรือการติดต่อใด ๆ ที่ประชาชนส่งหรือมีถึงหน่วยงานของรัฐหรือเจ้าหน้าที่ของรัฐที่เกี่ยวข้องทางช่องทางอิเล็กทรอนิกส์ที่หน่วยงานของรัฐประกาศกำหนด ให้ถือว่าหน่วยงานของรัฐหรือเจ้าหน้าที่ของรัฐนั้นได้รับตามวันและเวลาที่คำขออนุญาตหรือการติดต่อนั้นเข้าสู่ระบบ สมควรกำหนดช่องทางอิเล็กทรอนิกส์สำหรับประชาชนใช้ในการยื่นคำขอหรือติดต่อ${name}โดยวิธีการทางอิเล็กทรอนิกส์ ทั้งนี้ เพื่อเป็นการอำนวยความสะดวกและลดภาระแก่ประชาชน รวมทั้งเพิ่มประสิทธิภาพในการปฏิบัติราชการ`,
      `อาศัยอำนาจตามความในมาตรา ๑๐ วรรคหนึ่ง แห่ง${act} ${f.signerPosition} ออกประกาศไว้ ดังต่อไปนี้`,
      `ข้อ ๑ ให้ช่องทางอิเล็กทรอนิกส์ต่อไปนี้ เป็นช่องทางสำหรับประชาชนยื่นคำขอหรือติดต่อ${name}หรือ${f.signerPosition} โดยวิธีการทางอิเล็กทรอนิกส์`,
      ...channels.map((c, i) => `(${thaiDigits(i + 1)}) ${c}`),
      `ข้อ ๒ ในกรณีที่ยื่นคำขอหรือติดต่อมาทางช่องทางตามข้อ ๑ ประสงค์จะสอบถามหรือขอรับคำยืนยันจาก${name}ว่าได้รับคำขอหรือการติดต่อแล้ว ให้สอบถามในวันและเวลาราชการได้ที่หมายเลขโทรศัพท์ ดังต่อไปนี้`,
      ...f.agency.phones.map((p, i) => `(${thaiDigits(i + 1)}) ${p}`),
      `ข้อ ๓ ประชาชนอาจใช้วิธีการบันทึกภาพจากหน้าจอคอมพิวเตอร์หรืออุปกรณ์อิเล็กทรอนิกส์ เพื่อเป็นหลักฐานเบื้องต้นว่าได้มีการยื่นคำขอหรือติดต่อ${name}หรือ${f.signerPosition}ทางช่องทางตามข้อ ๑ แล้ว ก็ได้`,
      `ทั้งนี้ ตั้งแต่วันที่ ${thaiLetterDate(f.effectiveFrom)} เป็นต้นไป`,
    ];
  }
  const systems = [
    `ระบบสารบรรณอิเล็กทรอนิกส์ (ทะเบียนหนังสือรับและทะเบียนหนังสือส่ง) ของระบบบริการ ${f.webUrl}`,
    "ระบบการดำเนินงานตามคำขอ (การตรวจสอบ การส่งเรื่องภายใน การพิจารณาและการอนุญาต) ของระบบเดียวกัน",
    `ระบบบริการอิเล็กทรอนิกส์ (e-Service) สำหรับประชาชน ${f.webUrl}`,
    `ไปรษณีย์อิเล็กทรอนิกส์ (อีเมล) ${f.agency.centralEmail} และที่อยู่อีเมลที่หน่วยงานจัดสรรให้`,
    ...(f.otherSystems ?? []),
  ];
  return [
    `โดยที่มาตรา ๑๖ วรรคหนึ่ง แห่ง${act} บัญญัติว่า ในกรณีที่มีกฎหมาย กฎ มติ หรือคำสั่งกำหนดให้การปฏิบัติหน้าที่ของเจ้าหน้าที่ของรัฐต้องทำเป็นลายลักษณ์อักษร เป็นหนังสือ หรือเป็นเอกสาร ถ้าเจ้าหน้าที่ของรัฐได้จัดทำโดยวิธีการทางอิเล็กทรอนิกส์ตามระบบที่หัวหน้าหน่วยงานของรัฐกำหนดแล้ว ให้ถือว่าเจ้าหน้าที่ของรัฐได้ดำเนินการโดยชอบด้วยกฎหมาย กฎ มติ หรือคำสั่งนั้นแล้ว สมควรกำหนดระบบสำหรับการปฏิบัติหน้าที่ของเจ้าหน้าที่${name}โดยวิธีการทางอิเล็กทรอนิกส์ ตามบทบัญญัติดังกล่าว เพื่อเพิ่มประสิทธิภาพในการปฏิบัติราชการ`,
    `อาศัยอำนาจตามความในมาตรา ๑๖ วรรคหนึ่ง แห่ง${act} ${f.signerPosition} จึงมีคำสั่งดังต่อไปนี้`,
    `ข้อ ๑ ในคำสั่งนี้ "หน่วยงาน" หมายความว่า ${name}`,
    "ข้อ ๒ ให้เจ้าหน้าที่ของหน่วยงานปฏิบัติหน้าที่ในระบบอิเล็กทรอนิกส์ ดังต่อไปนี้",
    ...systems.map((s, i) => `(${thaiDigits(i + 1)}) ${s}`),
    "ข้อ ๓ คำสั่งใดขัดหรือแย้งกับคำสั่งนี้ ให้ใช้คำสั่งนี้แทน",
    `ทั้งนี้ ตั้งแต่วันที่ ${thaiLetterDate(f.effectiveFrom)} เป็นต้นไป`,
  ];
}
