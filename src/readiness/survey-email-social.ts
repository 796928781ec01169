import type { SurveyItem } from "./survey-types.js";

// Seed 004, part 2, row ๑: ไปรษณีย์อิเล็กทรอนิกส์ (อีเมล).
export const EMAIL_ITEM: SurveyItem = {
  id: "email",
  channel: "email",
  title: { th: "ไปรษณีย์อิเล็กทรอนิกส์ (อีเมล)", en: "Electronic mail (email)" },
  preparation: [
    {
      th: "สามารถจัดหาอีเมลได้ ๒ ช่องทาง คือ (๑) หน่วยงานสร้างอีเมลกลางเองหรือ (๒) หน่วยงานสามารถเลือกใช้บริการอีเมลของ สพร. ได้สำหรับองค์กรปกครองส่วนท้องถิ่น (อปท.) จะมีช่องทางได้อีกช่องทางหนึ่ง คือให้กรมส่งเสริมการปกครองท้องถิ่นสร้างอีเมลกลางให้ อปท.",
      en: "A central mailbox comes from the agency itself or from DGA's mail service; a local authority may also have the Department of Local Administration create one.",
    },
    {
      th: "กรณีที่หน่วยงานสร้างอีเมลกลางเอง ให้หน่วยงานแจ้งอีเมลกลางไปที่ สพร. อีเมล dcc_division@dga.or.th เพื่อเผยแพร่ทางเว็บไซต์ของ สพร. โดยเร็ว",
      en: "An agency that creates its own central mailbox tells DGA (dcc_division@dga.or.th) so that DGA publishes it.",
    },
    {
      th: "กรณีหน่วยงานเลือกใช้บริการอีเมลของ สพร. นั้น สพร. จะสร้างอีเมลกลางในรูปแบบตามที่กำหนดไว้ในระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ (ฉบับที่ ๔) พ.ศ. ๒๕๖๔ ซึ่งหน่วยงานจะต้องกรอกแบบฟอร์มขอใช้บริการ",
      en: "With DGA's service, DGA creates the mailbox in the form the Saraban Regulation (No. 4) B.E. 2564 sets, on the agency's request form.",
    },
    {
      th: "กรณีสำหรับ อปท. ที่ให้กรมส่งเสริมการปกครองท้องถิ่นสร้างอีเมลกลางให้ นั้น อปท. จะต้องสอบถามรหัสผ่านจากกรมฯ และทดสอบการเข้าใช้งานอีเมลกลางให้เรียบร้อยก่อนที่จะแจ้งอีเมลกลางมายัง สพร.",
      en: "A local authority given a mailbox by the Department asks it for the password and tests signing in before telling DGA.",
    },
  ],
  legalBasis: [
    {
      th: "มาตรา ๑๐ แห่งพระราชบัญญัติการปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. ๒๕๖๕",
      en: "Section 10 of the Electronic Government Administration Act B.E. 2565",
    },
    {
      th: "กระบวนการทางดิจิทัลตามมาตรฐาน มสพร. ๖-๒๕๖๕ บทที่ ๖ ในส่วนของอีเมล",
      en: "DGA standard 6-2565 on digital processes, chapter 6, email",
    },
  ],
  cautions: [
    {
      th: "การกำหนดที่อยู่อีเมลกลางจะต้องเป็นไปตามภาคผนวก ๗ ของระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ (ฉบับที่ ๔) พ.ศ. ๒๕๖๔",
      en: "The central address follows appendix 7 of the Saraban Regulation (No. 4) B.E. 2564.",
    },
    {
      th: "หน่วยงานควรประกาศกำหนดอีเมลกลางของหน่วยงานเป็นช่องทางอิเล็กทรอนิกส์สำหรับประชาชนตามมาตรา ๒๐ แห่งพระราชบัญญัติการปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. ๒๕๖๕",
      en: "Announce the central mailbox as an electronic channel for the public (section 20 of the Act).",
    },
    {
      th: "หน่วยงานจะต้องกำหนดเจ้าหน้าที่ผู้รับผิดชอบที่ชัดเจน ในการตรวจสอบและลงทะเบียนหนังสือหรือเอกสารหลักฐานที่จัดส่งผ่านอีเมลกลาง",
      en: "Name the officers who check and register what arrives in the central mailbox.",
    },
    {
      th: "ไม่เหมาะสมสำหรับการดำเนินการที่มีเอกสารหรือหลักฐานประกอบเป็นจำนวนมาก",
      en: "Not suited to requests with many supporting documents.",
    },
    {
      th: "ข้อพึงระวัง: หน่วยงานจะต้องกำหนดแนวปฏิบัติภายในหน่วยงานให้ตรวจสอบอีเมลกลางและอีเมลส่วนบุคคลที่ให้บริการบนโดเมนกลางภาครัฐของหน่วยงานอย่างสม่ำเสมอเนื่องจากกฎหมายกำหนดให้ถือว่าหน่วยงานของรัฐหรือเจ้าหน้าที่ของรัฐได้รับคำขออนุญาตหรือการติดต่อใดๆ ตามวันและเวลาที่เรื่องเข้าสู่ระบบอิเล็กทรอนิกส์",
      en: "Caution: check the central and personal government mailboxes regularly, since the law deems a request received when it enters the electronic system.",
    },
  ],
};

// Seed 004, part 2, row ๒: สื่อสังคมออนไลน์ (เช่น LINE, Facebook ฯลฯ).
export const SOCIAL_ITEM: SurveyItem = {
  id: "social",
  channel: "social",
  title: { th: "สื่อสังคมออนไลน์ (เช่น LINE, Facebook ฯลฯ)", en: "Social media (LINE, Facebook…)" },
  preparation: [
    {
      th: "จัดตั้ง Line Official Account หรือ Facebook ทางการของหน่วยงาน",
      en: "Set up the agency's LINE Official Account or official Facebook page.",
    },
    {
      th: "การเลือกประเภทของ Line ที่จัดตั้งภายในหน่วยงานควรคำนึงถึงวัตถุประสงค์ของการใช้งานว่าเป็นการสื่อสารทั่วไปการติดต่อสอบถามหรือการตอบกลับอัตโนมัติ",
      en: "Choose the kind of LINE account by purpose: general news, enquiries or automatic replies.",
    },
    {
      th: "Line Official Account เป็นการติดต่อสื่อสารระหว่างหน่วยงานกับประชาชนได้เฉพาะเป็นรายบุคคล",
      en: "A LINE Official Account talks with each person one to one.",
    },
    {
      th: "หากเป็นการใช้ Facebook Fan Page จะเป็นอีกช่องทางหนึ่งที่ประชาชนเข้าถึงได้ง่ายโดยไม่เสียค่าใช้จ่ายในการดำเนินการ",
      en: "A Facebook fan page is another channel the public reaches easily, at no cost.",
    },
  ],
  legalBasis: [
    {
      th: "มาตรา ๑๐ แห่งพระราชบัญญัติการปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. ๒๕๖๕",
      en: "Section 10 of the Electronic Government Administration Act B.E. 2565",
    },
    {
      th: "กระบวนการทางดิจิทัลตามมาตรฐาน มสพร. ๖-๒๕๖๕ บทที่ ๖ ในส่วนของสื่อสังคมออนไลน์",
      en: "DGA standard 6-2565 on digital processes, chapter 6, social media",
    },
  ],
  cautions: [
    {
      th: "Line ทั่วไปอาจไม่เหมาะกับการยื่นคำขอและเอกสารหลักฐานต่างๆ เนื่องจากเป็นการสื่อสารวงกว้าง และบุคคลอื่นอาจนำเอกสารหลักฐานของบุคคลที่ยื่นคำขอไปใช้ในทางมิชอบได้",
      en: "A LINE group is no place for requests and evidence: others may misuse an applicant's documents.",
    },
    {
      th: "Line Official Account เป็นการติดต่อรายบุคคลทำให้มีความน่าเชื่อถือสำหรับการส่งเอกสารหลักฐานต่าง ๆ",
      en: "A LINE Official Account is one to one, so it can be trusted with evidence.",
    },
    {
      th: "ในกรณีที่จะนำส่งข้อความหาประชาชนทั้งหมดได้ในครั้งเดียว (Broadcast) ข้อความที่น่าสงสัยต้องผ่านความเห็นชอบจากผู้บังคับบัญชาหรือผู้มีอำนาจในการอนุมัติก่อน",
      en: "A broadcast to every follower needs a supervisor's approval first.",
    },
    {
      th: "ในการตั้งชื่อควรใช้ชื่อหน่วยงานหรือชื่อย่อของหน่วยงานเพื่อประโยชน์ในการสืบค้นและป้องกันการแอบอ้าง",
      en: "Name the account after the agency, to be found and not impersonated.",
    },
  ],
};
