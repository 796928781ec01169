import type { Bilingual, SurveyItem } from "./survey-types.js";

const SECTION_10: Bilingual = {
  th: "มาตรา ๑๐ แห่งพระราชบัญญัติการปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. ๒๕๖๕",
  en: "Section 10 of the Electronic Government Administration Act B.E. 2565",
};
const PAPER_TO_DIGITAL: Bilingual = {
  th: "หน่วยงานจะต้องปรับเปลี่ยนข้อมูลจากรูปแบบกระดาษมาจัดเก็บในรูปแบบคอมพิวเตอร์ เพื่อให้เกิดความสะดวกในการบริหารจัดการข้อมูล สำหรับการเผยแพร่ให้กับประชาชน",
  en: "Move the agency's data from paper into computer form, to manage and publish it.",
};

// Seed 004, part 2, row ๓ (๑): เว็บไซต์.
export const WEBSITE_ITEM: SurveyItem = {
  id: "website",
  channel: "web",
  title: { th: "เว็บไซต์", en: "Website" },
  preparation: [
    {
      th: "การตั้งชื่อเว็บไซต์ภาครัฐสามารถดำเนินการได้ตามมาตรฐานเว็บไซต์ภาครัฐเวอร์ชัน ๒.๐ ตามที่ สพร. ได้จัดทำขึ้น ซึ่งมีรายละเอียดของการตั้งชื่อโดเมน การจดทะเบียนชื่อโดเมน รวมทั้งข้อมูลพื้นฐานที่ควรมีของหน่วยงาน",
      en: "Name and register the domain and publish the basic information as DGA's government website standard 2.0 says.",
    },
    {
      th: "การดูแลรักษาความปลอดภัยสำหรับเว็บไซต์ จะต้องคำนึงถึงการลดความเสี่ยงจากการถูกโจมตีทางเทคโนโลยีซึ่งหน่วยงานสามารถศึกษามาตรฐานการรักษาความมั่นคงปลอดภัยสำหรับเว็บไซต์ที่ สพร. จัดทำขึ้นได้",
      en: "Reduce the risk of attack, following DGA's website security standard.",
    },
  ],
  legalBasis: [
    SECTION_10,
    {
      th: "กระบวนการทางดิจิทัล ตามมาตรฐาน มสพร. ๖-๒๕๖๕ บทที่ ๖ ในส่วนของเว็บไซต์และแอปพลิเคชัน",
      en: "DGA standard 6-2565, chapter 6, websites and applications",
    },
    {
      th: "ข้อเสนอแนะมาตรฐานด้านเทคโนโลยีสารสนเทศ และการสื่อสารที่จำเป็นต่อธุรกรรมทางอิเล็กทรอนิกส์ (ชมธอ. ๑ - ๒๕๕๗) ว่าด้วยมาตรฐานการรักษาความมั่นคงปลอดภัยสำหรับเว็บไซต์",
      en: "ETDA recommendation 1-2557 on website security",
    },
  ],
  cautions: [
    PAPER_TO_DIGITAL,
    {
      th: "สามารถดำเนินการผ่านแพลตฟอร์มดิจิทัลกลาง เช่น Biz Portal หรือ Citizen Portal เพื่อเพิ่มช่องทางการให้บริการในรูปแบบอิเล็กทรอนิกส์ ซึ่งจะช่วยลดภาระของหน่วยงานด้านงบประมาณ และการบริหารจัดการสำหรับการจัดทำระบบ",
      en: "Central platforms such as Biz Portal or Citizen Portal add an electronic channel at less cost.",
    },
  ],
};

// Seed 004, part 2, row ๓ (๒): แอปพลิเคชัน.
export const APP_ITEM: SurveyItem = {
  id: "application",
  channel: "web",
  title: { th: "แอปพลิเคชัน", en: "Application" },
  preparation: [
    {
      th: "การพัฒนาแอปพลิเคชันสำหรับงานบริการ ต้องอาศัยแพลตฟอร์มกลางที่มีอยู่ในปัจจุบันเช่น Digital ID ของ ส.พ.ร. หรือ DDOPA ของกรมการปกครองในการระบุและยืนยันตัวตน National e-Payment ของกระทรวงการคลัง ในการชำระเงิน Government Data Exchange (GDx) ในการเชื่อมโยงและแลกเปลี่ยนข้อมูลภาครัฐ",
      en: "Build on the central platforms: Digital ID or DDOPA for identity, National e-Payment for fees, GDX for data exchange.",
    },
    {
      th: "การพัฒนาแอปพลิเคชันต้องคำนึงถึงความปลอดภัยทางไซเบอร์ โดยจะต้องได้มาตรฐาน ISO/IEC ๒๗๐๐๑ (ISMS) และ ISO/IEC ๒๗๗๐๑ (PIMS) สอดคล้องกับพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. ๒๕๖๒",
      en: "Meet ISO/IEC 27001 (ISMS) and 27701 (PIMS), in line with the PDPA B.E. 2562.",
    },
    {
      th: "หน่วยงานสามารถนำเทคโนโลยีที่ทันสมัย เช่น AI Machine Learning มาใช้เพื่อให้เกิดความเหมาะสมกับงานบริการของหน่วยงานได้",
      en: "Modern technology such as machine learning may be used where it suits the service.",
    },
  ],
  legalBasis: [
    {
      th: "มาตรา ๘ และมาตรา ๑๗ แห่งพระราชบัญญัติการปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. ๒๕๖๕",
      en: "Sections 8 and 17 of the Electronic Government Administration Act B.E. 2565",
    },
    {
      th: "กระบวนการทางดิจิทัล มสพร. ๖-๒๕๖๕ บทที่ ๖ ในส่วนของเว็บไซต์และแอปพลิเคชัน",
      en: "DGA standard 6-2565, chapter 6, websites and applications",
    },
  ],
  cautions: [
    PAPER_TO_DIGITAL,
    {
      th: "หน่วยงานสามารถพัฒนาเพียงเฉพาะ Back End เพื่อเชื่อมต่อกับบริการผ่านแพลตฟอร์มดิจิทัลกลาง เช่น Biz Portal หรือ Citizen Portal",
      en: "An agency may build only the back end and serve through Biz Portal or Citizen Portal.",
    },
    {
      th: "ในการพัฒนาแอปพลิเคชันหน่วยงานควรศึกษา Customer Journey Map ของงานบริการอย่างละเอียด ก่อนที่จะออกแบบวิธีการให้บริการ",
      en: "Study the service's customer journey before designing the application.",
    },
  ],
};
