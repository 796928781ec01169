import type { Agency } from "../agencies/index.js";
import type { Licence } from "../licensing/index.js";
import { trackingToken } from "../register/index.js";

export const LICENCE_MAIL_KIND = "licence-delivery";
export const LICENCE_PASSWORD_KIND = "licence-password";
/** The outbox's subject of a delivery's messages: one file message and one password message each. */
export const deliveryKey = (deliveryId: string) => `licence-delivery:${deliveryId}`;

/** The applicant's licence page under their tracking link. */
export function licencePageUrl(
  links: { secret: string; publicUrl: string },
  agencyId: string,
  entry: { id: string; beYear: number; sequence: number },
): string {
  return `${links.publicUrl}/a/${agencyId}/requests/${entry.beYear}/${entry.sequence}/licence?t=${trackingToken(links.secret, entry.id)}`;
}

interface MessageFacts {
  agency: Agency;
  licence: Licence;
  page: string;
  /** DL-4: the expiring signed link, when the file is not attached. */
  link?: { url: string; expiresOn: string };
  protected: boolean;
}

/** DL-2: the text of the licence's message (email or LINE), Thai first, then English. */
export function deliveryText(facts: MessageFacts): string {
  const { agency, licence, link } = facts;
  const title = `${licence.title.th} เลขที่ ${licence.number}`;
  return [
    `${agency.nameTh} ออก${title} ให้แก่ ${licence.holderName} แล้ว`,
    link
      ? `ดาวน์โหลดได้ที่ ${link.url} (ลิงก์ใช้ได้ถึง ${link.expiresOn})`
      : "ใบอนุญาต (ลงนามด้วยลายมือชื่ออิเล็กทรอนิกส์) แนบมาเป็นไฟล์",
    facts.protected ? "ไฟล์ถูกป้องกันด้วยรหัสผ่าน ซึ่งจะส่งให้แยกต่างหาก ไม่ใช่ในข้อความนี้" : "",
    `ดูสถานะใบอนุญาตและดาวน์โหลดอีกครั้งได้ที่ ${facts.page}`,
    "",
    `${agency.nameEn} has issued ${licence.title.en} no. ${licence.number} to ${licence.holderName}.`,
    link
      ? `Download it at ${link.url} (the link works until ${link.expiresOn}).`
      : "The signed licence is attached.",
    facts.protected
      ? "The file is protected by a password, sent to you separately, never in this message."
      : "",
    `Its status and another download: ${facts.page}`,
  ]
    .filter((line, i, all) => line !== "" || all[i - 1] !== "")
    .join("\n");
}

/** DL-3: the password's own message, on another channel (or a second email sent a little later). */
export function passwordText(agency: Agency, licence: Licence, password: string): string {
  return [
    `${agency.nameTh}: รหัสผ่านเปิดไฟล์ใบอนุญาตเลขที่ ${licence.number} คือ ${password}`,
    `${agency.nameEn}: the password of licence ${licence.number}'s file is ${password}`,
  ].join("\n");
}
