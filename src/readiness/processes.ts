import type { Bilingual, Level } from "./survey-types.js";

/** What this install itself provides, each read from its live configuration (read-live-state.ts). */
export const CAPABILITIES = [
  "mailbox",
  "line",
  "mailServer",
  "sms",
  "services",
  "thaid",
  "payment",
  "signer",
  "register",
  "openData",
  "faq",
  "webboard",
  "satisfaction",
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/**
 * A recommended tool of appendix ก.3. It is in place when one of `live` is provided by this install, or
 * when the agency answered "have" to one of the survey `items` (a tool it runs outside this install).
 * A tool with neither (paper, or a link this install does not make) is never ticked.
 */
export interface Tool {
  name: Bilingual;
  live: readonly Capability[];
  items: readonly string[];
}

export interface Process {
  id: string;
  name: Bilingual;
  tools: Record<Level, readonly Tool[]>;
}

const tool = (th: string, en: string, live: Capability[] = [], items: string[] = []): Tool => ({
  name: { th, en },
  live,
  items,
});
const WEB = ["website", "application"];
const E_SARABAN = tool(
  "e-Sarabon ผ่านระบบที่เชื่อมต่อกับแอปพลิเคชันของหน่วยงาน",
  "e-Saraban connected to the agency's application",
  ["services"],
  WEB,
);
const LINKED = tool(
  "เพิ่มขีดความสามารถเชื่อมโยงข้อมูลอิเล็กทรอนิกส์",
  "Electronic data linked with other agencies",
  [],
  ["platform"],
);
const BACKEND = tool(
  "แอปพลิเคชันของหน่วยงาน (Service Backend)",
  "The agency's application (service back end)",
  ["services"],
  WEB,
);
const BY_APP = (th: string, en: string) => tool(th, en, ["services"], WEB);

// Seed 001, appendix ก.3, figures 2 and 3 (ขั้นตอนและเครื่องมือที่ใช้สำหรับวิธีการทางอิเล็กทรอนิกส์ 1/2, 2/2):
// the ten processes and the tool recommended at each level (Basic / Standard / Advance).
export const PROCESSES: readonly Process[] = [
  {
    id: "search",
    name: { th: "การสืบค้นข้อมูล", en: "Finding information" },
    tools: {
      initial: [tool("อีเมล, อีเมลลิงก์, ฟอร์มออนไลน์", "Email, email link, online form", ["mailbox"], ["email"])],
      standard: [tool("เว็บไซต์หรือแอปพลิเคชัน", "Website or application", ["services"], WEB)],
      advanced: [
        tool("เว็บไซต์หรือแอปพลิเคชัน", "Website or application", ["services"], WEB),
        // IF-4: the FAQ assistant answers once the agency has published FAQ entries.
        tool("Chatbot", "Chatbot (the FAQ assistant)", ["faq"]),
      ],
    },
  },
  {
    id: "identity",
    name: { th: "การพิสูจน์และยืนยันตัวตน", en: "Identity proofing and authentication" },
    tools: {
      initial: [
        tool("ไอดีคนที่มีความน่าเชื่อถือ ระดับที่ 1 หรือมากกว่า (IAL1)", "Identity at IAL1 or above", [
          "mailServer",
          "sms",
        ]),
      ],
      standard: [
        tool("ไอดีคนที่มีความน่าเชื่อถือ ระดับที่ 1 หรือมากกว่า (IAL1)", "Identity at IAL1 or above", [
          "mailServer",
          "sms",
        ]),
      ],
      advanced: [
        tool("ไอดีคนที่มีความน่าเชื่อถือ ระดับที่ 2 หรือมากกว่า (IAL2)", "Identity at IAL2 or above (ThaiD)", ["thaid"]),
      ],
    },
  },
  {
    id: "apply",
    name: { th: "การจัดทำแบบคำขอและยื่นคำขอ", en: "Request forms and submission" },
    tools: {
      initial: [
        tool("PDF form, Google form /ms form", "PDF form, online form", ["mailbox", "services"], ["email"]),
      ],
      standard: [tool("แบบฟอร์มอิเล็กทรอนิกส์ (e-Form)", "Electronic form (e-Form)", ["services"], WEB)],
      advanced: [
        tool("แบบฟอร์มอิเล็กทรอนิกส์ (e-Form)", "Electronic form (e-Form)", ["services"], WEB),
        tool(
          "ที่เชื่อมโยงข้อมูลแบบอัตโนมัติ",
          "…filled from linked data automatically (ThaiD)",
          ["thaid"],
          ["platform"],
        ),
      ],
    },
  },
  {
    id: "review",
    name: { th: "การตรวจสอบและพิจารณาคำขอ", en: "Checking and considering requests" },
    tools: {
      initial: [tool("พิมพ์เป็นกระดาษ ดำเนินการผ่านระบบสารบรรณ", "Printed, through the saraban system")],
      standard: [E_SARABAN],
      advanced: [E_SARABAN, LINKED],
    },
  },
  {
    id: "approve",
    name: { th: "การอนุมัติและอนุญาต", en: "Approval and permission" },
    tools: {
      initial: [tool("อนุมัติและอนุญาตแบบคำขอ และเอกสารที่พิมพ์เป็นกระดาษ", "Approval on printed requests")],
      standard: [E_SARABAN],
      advanced: [E_SARABAN, LINKED],
    },
  },
  {
    id: "pay",
    name: { th: "การชำระค่าธรรมเนียม", en: "Paying fees" },
    tools: {
      initial: [tool("เปิดบัญชีของหน่วยงาน", "The agency's bank account (PromptPay)", ["payment"])],
      standard: [tool("เปิดบัญชีของหน่วยงาน", "The agency's bank account (PromptPay)", ["payment"]), BACKEND],
      advanced: [tool("เปิดบัญชีของหน่วยงาน", "The agency's bank account (PromptPay)", ["payment"]), BACKEND],
    },
  },
  {
    id: "issue",
    name: { th: "การออกใบอนุญาตและเอกสารอื่น", en: "Issuing licences and documents" },
    tools: {
      initial: [tool("แปลงใบอนุญาต/เอกสารกระดาษให้เป็นอิเล็กทรอนิกส์", "Paper licences scanned", ["services"], WEB)],
      standard: [
        tool("จัดทำเป็นไฟล์อิเล็กทรอนิกส์ ลงนามแบบ e-Signature", "Electronic file with an e-signature", ["signer"]),
      ],
      // Not provided here: the licence is a signed PDF, not an ETDA 11-2560 / 24-2563 document.
      advanced: [
        tool("จัดทำตามมาตรฐาน ชมชอ. 11-2560 หรือ ชมชอ. 24-2563", "Per ETDA recommendation 11-2560 or 24-2563"),
      ],
    },
  },
  {
    id: "deliver",
    name: { th: "การจัดส่งใบอนุญาตและเอกสารอื่น", en: "Delivering licences and documents" },
    tools: {
      initial: [
        tool(
          "จัดส่งผ่านทางช่องทางที่ผู้ยื่นคำขอใช้",
          "Through the applicant's channel",
          ["mailServer", "line"],
          ["email", "social"],
        ),
      ],
      standard: [BY_APP("จัดส่งผ่านทางแอปพลิเคชันของหน่วยงาน", "Through the agency's application")],
      advanced: [BY_APP("จัดส่งผ่านทางแอปพลิเคชันของหน่วยงาน", "Through the agency's application")],
    },
  },
  {
    id: "track",
    name: { th: "การติดตามสถานะและการแจ้งเตือน", en: "Status tracking and notifications" },
    tools: {
      initial: [
        tool(
          "แจ้งเตือนผ่านทางช่องทางที่ผู้ยื่นคำขอใช้",
          "Notices through the applicant's channel",
          ["mailServer", "line"],
          ["email", "social"],
        ),
      ],
      standard: [BY_APP("แจ้งเตือนผ่านทางแอปพลิเคชันของหน่วยงาน", "Notices through the agency's application")],
      advanced: [BY_APP("แจ้งเตือนผ่านทางแอปพลิเคชันของหน่วยงาน", "Notices through the agency's application")],
    },
  },
  {
    id: "display",
    name: { th: "การแสดงผลใบอนุญาต", en: "Showing licences" },
    tools: {
      initial: [tool("ภาพถ่ายอิเล็กทรอนิกส์จากอุปกรณ์อิเล็กทรอนิกส์", "A photo from a device")],
      standard: [
        tool("ภาพถ่ายจากเว็บไซต์หรือแอปพลิเคชันของหน่วยงาน", "From the agency's website (public register)", [
          "register",
        ]),
      ],
      advanced: [
        tool(
          "ภาพถ่ายจากแพลตฟอร์มดิจิทัลกลาง",
          "From the central digital platform (open data)",
          ["openData"],
          ["platform"],
        ),
      ],
    },
  },
];
