import crypto from "node:crypto";
import { SUBMIT_DATA } from "../src/intake/line/index.js";
import { mailText } from "../test/mail.js";

/**
 * What the province's citizens send besides web forms: a LINE conversation (a text, the Submit button,
 * their name: three webhook deliveries, signed as LINE signs them, to be posted one after the other) and a
 * plain mail to an agency's central address.
 */
export function lineConversation(
  agencyId: string,
  sign: (body: string) => string,
): { body: string; signature: string }[] {
  const user = `U${crypto.randomBytes(16).toString("hex")}`;
  const steps = [
    { type: "message", message: { type: "text", id: crypto.randomUUID(), text: "ขอใบอนุญาตจัดงานที่ลานวัด" } },
    { type: "postback", postback: { data: SUBMIT_DATA } },
    { type: "message", message: { type: "text", id: crypto.randomUUID(), text: "สมหญิง รักไทย" } },
  ];
  return steps.map((step, i) => {
    const id = crypto.randomUUID().replaceAll("-", "").slice(0, 26).toUpperCase();
    const event = {
      ...step,
      webhookEventId: id,
      deliveryContext: { isRedelivery: false },
      // Strictly increasing within the conversation, so the user's events keep their order.
      timestamp: Date.now() + i,
      mode: "active",
      source: { type: "user", userId: user },
      replyToken: `reply-${id}`,
    };
    const body = JSON.stringify({ destination: `U${agencyId}`, events: [event] });
    return { body, signature: sign(body) };
  });
}

export function citizenMail(to: string, runId: string, n: number): string {
  return mailText({
    from: `citizen${n}@example.com`,
    to,
    subject: "ขอรับรองสำเนาทะเบียนบ้าน",
    body: "เรียน เจ้าหน้าที่\r\nขอรับรองสำเนาทะเบียนบ้าน ตามที่แนบมา\r\nขอบคุณครับ",
    messageId: `<province-${runId}-${crypto.randomUUID()}@example.com>`,
  });
}
