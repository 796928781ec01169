import { describe, expect, it } from "vitest";
import { readsAsQuestion } from "./line-question.js";

describe("when a LINE text reads as a question", () => {
  it("IF-4: a question mark, a Thai question word or an English wh-word or auxiliary makes a question", () => {
    for (const text of [
      "ต่ออายุใบอนุญาตต้องใช้เอกสารอะไรบ้าง",
      "ยื่นได้ที่ไหนครับ",
      "ค่าธรรมเนียมเท่าไหร่",
      "ใช้เวลากี่วัน",
      "ส่งทางไปรษณีย์ได้ไหม",
      "ทำยังไงคะ",
      "พรุ่งนี้เปิดหรือเปล่า",
      "ใบอนุญาตของฉัน?",
      "How do I renew my licence",
      "Can I pay online",
      "ถามหน่อยครับ？",
    ])
      expect(readsAsQuestion(text), text).toBe(true);
  });

  it("IF-4: a statement, a name or an empty text is no question (ไหม้ and ใคร่ are not ไหม and ใคร)", () => {
    for (const text of [
      "ขอแจ้งไฟไหม้หญ้าข้างทาง",
      "ใคร่ขอความอนุเคราะห์ตรวจสอบ",
      "ขอต่ออายุใบอนุญาตร้านอาหาร",
      "สมชาย ใจดี",
      "Please find my documents attached",
      "   ",
    ])
      expect(readsAsQuestion(text), text).toBe(false);
  });
});
