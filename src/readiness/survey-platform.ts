import type { SurveyItem } from "./survey-types.js";

// Seed 004, part 2, row ๔: การให้บริการผ่านแพลตฟอร์มกลางภาครัฐ.
export const PLATFORM_ITEM: SurveyItem = {
  id: "platform",
  channel: "platform",
  title: { th: "การให้บริการผ่านแพลตฟอร์มกลางภาครัฐ", en: "Services through the central government platform" },
  preparation: [
    {
      th: "การพัฒนาระบบข้อมูลสำหรับการให้บริการให้เป็นข้อมูลดิจิทัล (Digitize Data) เพื่อให้สามารถเชื่อมโยงข้อมูลที่เป็นพื้นฐานของการให้บริการกับแพลตฟอร์มกลางภาครัฐได้",
      en: "Digitise the service's data so that it links with the central platform.",
    },
    {
      th: "การจัดทำระบบการทำงานสำหรับการให้บริการภายในหน่วยงาน (Back End) ในรูปแบบดิจิทัลเพื่อให้สามารถเชื่อมโยงและให้บริการประชาชนผ่านแพลตฟอร์มกลางได้อย่างครบวงจรและไร้รอยต่อ",
      en: "Build a digital back end that serves the public through the platform end to end.",
    },
    {
      th: "การเตรียมมาตรฐานด้านการบริการ และระบบสนับสนุน เช่นระบบยืนยันตัวตนเจ้าหน้าที่ผู้ให้บริการระบบการส่งต่อข้อมูลภายในที่ปลอดภัยและระบบการป้องกันภัยทางไซเบอร์ (Cyber Security) ที่มีมาตรฐาน",
      en: "Prepare service standards and support: officer authentication, secure internal transfer, cyber security.",
    },
    {
      th: "การปรับปรุงกระบวนการปฏิบัติงานที่กระชับมีประสิทธิภาพโดยการลดขั้นตอนที่ไม่จำเป็น (Re-Process)",
      en: "Re-process the work, dropping needless steps.",
    },
  ],
  legalBasis: [
    {
      th: "มาตรา ๖ แห่งพระราชบัญญัติการปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. ๒๕๖๕",
      en: "Section 6 of the Electronic Government Administration Act B.E. 2565",
    },
    { th: "กระบวนการทางดิจิทัล มสพร. ๖-๒๕๖๕", en: "DGA standard 6-2565 on digital processes" },
  ],
  cautions: [
    {
      th: "ในการจัดเก็บข้อมูลในรูปแบบดิจิทัล หน่วยงานควรจัดทำระบบบัญชีข้อมูล (Data Catalog) ที่มีมาตรฐาน และสอดคล้องกับการแสดงข้อมูล และ/หรือ การรับส่งข้อมูลกับแพลตฟอร์มกลางภาครัฐ",
      en: "Keep a standard data catalogue matching what the platform shows and exchanges.",
    },
    {
      th: "ควรปรับปรุงกระบวนการปฏิบัติงาน (Re-Process) ก่อนออกแบบระบบบริการ",
      en: "Re-process the work before designing the system.",
    },
    {
      th: "ข้อพึงระวัง: ในการส่งต่อข้อมูลระหว่างหน่วยงาน และแพลตฟอร์มกลางควรคำนึงถึงความปลอดภัยของข้อมูลส่วนบุคคลตามลำดับความลับของข้อมูลที่เหมาะสม เพื่อให้เป็นไปตามพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. ๒๕๖๒",
      en: "Caution: protect personal data passed between agencies and the platform as the PDPA B.E. 2562 requires.",
    },
  ],
};

// Seed 004, part 2, row ๕: การให้บริการสอบถาม และ/หรือ ตอบข้อมูลการให้บริการผ่านกระดานข่าว (Webboard).
export const WEBBOARD_ITEM: SurveyItem = {
  id: "webboard",
  channel: "webboard",
  title: {
    th: "การให้บริการสอบถาม และ/หรือ ตอบข้อมูลการให้บริการผ่านกระดานข่าว (Webboard)",
    en: "Questions and answers through a webboard",
  },
  preparation: [
    {
      th: "หน่วยงานจัดให้มีกระดานข่าวอย่างเป็นทางการของหน่วยงาน (Official Webboard) ที่ประชาชนสามารถเข้าถึงและเห็นได้ง่าย",
      en: "Provide an official webboard the public finds easily.",
    },
    {
      th: "จัดเจ้าหน้าที่เพื่อดูแลและตอบคำถามรวมถึงให้ข้อมูลแก่ประชาชนที่มาสอบถามผ่านทางกระดานข่าว",
      en: "Assign officers to look after it and answer.",
    },
    {
      th: "จัดทำคู่มือการถาม-ตอบ สำหรับคำถามที่พบบ่อย รวมถึงข้อมูลการติดต่อส่วนงานหรือเจ้าหน้าที่ที่รับผิดชอบ",
      en: "Write an FAQ and the current contacts of the units responsible.",
    },
  ],
  legalBasis: [
    {
      th: "มาตรา ๑๐ แห่งพระราชบัญญัติการปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. ๒๕๖๕",
      en: "Section 10 of the Electronic Government Administration Act B.E. 2565",
    },
    { th: "กระบวนการทางดิจิทัล มสพร. ๖-๒๕๖๕ บทที่ ๖", en: "DGA standard 6-2565, chapter 6" },
  ],
  cautions: [
    {
      th: "หน่วยงานควรมีระบบการลงทะเบียนและยืนยันตัวตนของประชาชนก่อนที่จะสามารถโพสต์ถามข้อมูลบนกระดานข่าว ยกเว้นกรณีที่ประชาชนต้องการหาข้อมูล โดยไม่มีการโพสต์",
      en: "Register and verify people before they post; reading may stay open.",
    },
    {
      th: "ในการตอบคำถามของเจ้าหน้าที่ผ่านกระดานข่าวควรมีการระบุที่มาของข้อมูลที่ใช้ตอบว่าเป็นข้อมูลจากระเบียบ/ข้อบังคับใด บังคับใช้ ณ วันที่เท่าใดและเป็นข้อมูล ณ วันที่เท่าใด",
      en: "Each answer names its regulation, its effective date and the date it holds as of.",
    },
    {
      th: "ควรมีขั้นตอน/ระบบการพิจารณาโดยผู้บังคับบัญชาขั้นต้นหรือจากหน่วยงานเจ้าของบริการก่อนการตอบกระดานข่าว",
      en: "A supervisor or the service's owner reviews answers before they are posted.",
    },
  ],
};
