import type { SiteSlug } from "./site-pages.js";

/** What the default texts say about the agency. */
export interface AgencyFacts {
  nameTh: string;
  nameEn: string;
  email: string;
  phones: string;
}

type Page = { title: string; body: string };

/**
 * WS-2: the text of each footer page until the agency's admin writes its own. Plain text, paragraphs
 * separated by blank lines; `{agency}`, `{email}` and `{phones}` are filled from the agency's settings.
 */
const TH: Record<SiteSlug, Page> = {
  contact: {
    title: "ติดต่อหน่วยงาน",
    body: "{agency}\n\nอีเมล: {email}\nโทรศัพท์: {phones}\n\nยื่นคำขอหรือติดต่อเรื่องใด ๆ ผ่านเว็บไซต์นี้ได้ตลอด 24 ชั่วโมง ระบบออกเลขรับให้ทันที และเจ้าหน้าที่จะดำเนินการในวันและเวลาราชการ",
  },
  terms: {
    title: "ข้อตกลงการใช้งาน",
    body: "เว็บไซต์นี้จัดทำโดย{agency} เพื่อให้บริการข้อมูลและรับคำขอทางอิเล็กทรอนิกส์\n\nผู้ใช้ต้องให้ข้อมูลที่เป็นความจริง การยื่นคำขอทางเว็บไซต์มีผลเช่นเดียวกับการยื่นด้วยตนเองตามกฎหมายว่าด้วยการปฏิบัติราชการทางอิเล็กทรอนิกส์ เลขรับและเวลาที่แสดงเป็นหลักฐานการรับเรื่อง\n\nห้ามใช้เว็บไซต์ในทางที่ขัดต่อกฎหมาย หรือพยายามเข้าถึงระบบโดยไม่ได้รับอนุญาต หน่วยงานอาจปรับปรุงข้อตกลงนี้ และจะแสดงฉบับปัจจุบันไว้ที่หน้านี้",
  },
  "privacy-policy": {
    title: "นโยบายการคุ้มครองข้อมูลส่วนบุคคล",
    body: "{agency} เก็บ ใช้ และเปิดเผยข้อมูลส่วนบุคคลเท่าที่จำเป็นต่อการปฏิบัติหน้าที่ตามกฎหมาย ตามพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562\n\nข้อมูลที่ได้รับจะใช้เพื่อพิจารณาคำขอและติดต่อกลับเท่านั้น ไม่เปิดเผยแก่ผู้อื่น เว้นแต่กฎหมายกำหนด และเก็บรักษาตามระยะเวลาที่ระเบียบงานสารบรรณกำหนด\n\nเจ้าของข้อมูลมีสิทธิขอเข้าถึง ขอแก้ไข ขอลบ หรือคัดค้านการประมวลผล และร้องเรียนต่อสำนักงานคณะกรรมการคุ้มครองข้อมูลส่วนบุคคล ติดต่อเจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคลที่ {email}",
  },
  "privacy-notice": {
    title: "ประกาศความเป็นส่วนตัว",
    body: "เมื่อท่านยื่นคำขอหรือติดต่อ{agency} ทางเว็บไซต์นี้ หน่วยงานเก็บชื่อ ข้อมูลติดต่อ ข้อความ เอกสารแนบ และข้อมูลการเชื่อมต่อ (เวลาและหมายเลข IP)\n\nวัตถุประสงค์: รับและพิจารณาเรื่องของท่าน ออกเลขรับ แจ้งผล และเก็บเป็นหลักฐานทางราชการ ฐานทางกฎหมาย: การปฏิบัติหน้าที่ในการใช้อำนาจรัฐและการปฏิบัติตามกฎหมาย\n\nบริการแต่ละรายการแสดงประกาศความเป็นส่วนตัวของแบบคำขอนั้นก่อนเก็บข้อมูล\n\nสอบถามหรือใช้สิทธิของเจ้าของข้อมูลได้ที่ {email} โทรศัพท์ {phones}",
  },
  security: {
    title: "นโยบายการรักษาความมั่นคงปลอดภัย",
    body: "เว็บไซต์นี้รับส่งข้อมูลผ่านการเชื่อมต่อที่เข้ารหัส (HTTPS) ไฟล์ที่แนบได้รับการตรวจชนิดก่อนจัดเก็บ และการเข้าถึงข้อมูลของเจ้าหน้าที่ถูกบันทึกไว้ตรวจสอบได้\n\nเจ้าหน้าที่เข้าถึงข้อมูลได้เฉพาะตามหน้าที่ และต้องยืนยันตัวตนก่อนเข้าระบบ\n\nหากพบช่องโหว่หรือเหตุผิดปกติ โปรดแจ้ง {email} หน่วยงานจะตรวจสอบและแจ้งผลโดยเร็ว",
  },
};

const EN: Record<SiteSlug, Page> = {
  contact: {
    title: "Contact us",
    body: "{agency}\n\nEmail: {email}\nPhone: {phones}\n\nYou can apply or write to us through this website at any time: a receipt number is given at once, and officers deal with it on working days.",
  },
  terms: {
    title: "Terms of use",
    body: "This website is run by {agency} to publish information and receive applications electronically.\n\nGive true information. An application made here counts as one made in person under the law on electronic government; the receipt number and time shown are the proof of receipt.\n\nDo not use the website against the law or try to reach the system without permission. The agency may change these terms; the current version is always on this page.",
  },
  "privacy-policy": {
    title: "Privacy policy",
    body: "{agency} collects, uses and discloses personal data only as its legal duties need, under the Personal Data Protection Act B.E. 2562 (2019).\n\nWhat you send is used to decide your matter and reach you, disclosed to no one unless the law requires, and kept for the periods of the official records rules.\n\nYou may ask to see, correct or delete your data, or object to its use, and complain to the Personal Data Protection Committee. Our data protection officer: {email}.",
  },
  "privacy-notice": {
    title: "Privacy notice",
    body: "When you apply or write to {agency} through this website, we keep your name, contact details, message, attachments and connection details (time and IP address).\n\nPurpose: to receive and decide your matter, give a receipt number, tell you the outcome, and keep the official record. Lawful basis: public task and legal obligation.\n\nEach service shows the privacy notice of its own form before collecting anything.\n\nQuestions, or to use your rights: {email}, phone {phones}.",
  },
  security: {
    title: "Security policy",
    body: "This website sends everything over encrypted connections (HTTPS); attachments are checked by content before they are kept; officers' access is logged.\n\nOfficers reach only what their duties need, and sign in before they do.\n\nIf you find a vulnerability or anything unusual, please write to {email}; we will look into it and answer quickly.",
  },
};

const fill = (text: string, lang: "th" | "en", facts: AgencyFacts) =>
  text
    .replaceAll("{agency}", lang === "th" ? facts.nameTh : facts.nameEn)
    .replaceAll("{email}", facts.email)
    .replaceAll("{phones}", facts.phones || "-");

/** The default page in Thai and English, with the agency's name and contacts filled in. */
export function defaultPage(slug: SiteSlug, facts: AgencyFacts) {
  return {
    titleTh: TH[slug].title,
    titleEn: EN[slug].title,
    bodyTh: fill(TH[slug].body, "th", facts),
    bodyEn: fill(EN[slug].body, "en", facts),
  };
}
