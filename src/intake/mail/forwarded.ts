import { readMailbox } from "./mail-address.js";

/**
 * CH-9: finds the original message in a mail an officer forwarded from their own mailbox, as the common
 * clients write it inline (Gmail, Outlook, Thunderbird, Apple Mail; English and Thai), so that it is
 * registered under the original sender at the original time.
 */

/** Lines that open a forwarded block; the header block ("From: …", "จาก: …") follows. */
const FORWARD_MARKERS = [
  /^-{5,}\s*forwarded message\s*-{5,}$/i, // Gmail
  /^-{5,}\s*ข้อความที่ส่งต่อ\s*-{5,}$/, // Gmail, Thai
  /^-{5,}\s*original message\s*-{5,}$/i, // Outlook (older)
  /^-{5,}\s*ข้อความต้นฉบับ\s*-{5,}$/, // Outlook, Thai
  /^_{10,}$/, // Outlook
  /^-{5,}\s*forwarded message\s*-{5,}$/i, // Thunderbird
  /^begin forwarded message:?$/i, // Apple Mail
  /^เริ่มข้อความที่ส่งต่อ:?$/, // Apple Mail, Thai
];

/** Field names of the forwarded header block, as each client and language writes them. */
const FIELDS: Record<string, "from" | "date" | "subject" | "to" | "cc"> = {
  from: "from",
  จาก: "from",
  date: "date",
  sent: "date",
  ส่ง: "date",
  วันที่: "date",
  ส่งเมื่อ: "date",
  subject: "subject",
  เรื่อง: "subject",
  หัวเรื่อง: "subject",
  to: "to",
  ถึง: "to",
  cc: "cc",
  สำเนา: "cc",
  สำเนาถึง: "cc",
};

export interface ForwardedOriginal {
  fromName: string;
  fromAddress: string;
  /** As written; read with `parseWrittenDate`. */
  date: string | undefined;
  subject: string;
  body: string;
}

/**
 * Reads `Name <addr>`, `"Name" <addr>`, `Name [mailto:addr]` or a bare address, strictly (see
 * mail-address.ts): text with an `@` that does not name one clear address (`john smith@example.com`)
 * gives an empty address, never a guess, and the acknowledgement waits for an officer (CH-4).
 */
export function parseAddress(text: string): { name: string; address: string } | undefined {
  if (!text.includes("@")) return undefined;
  // What clients add when they turn a linked address into text: `a@x<mailto:a@x>`, `Name [mailto:a@x]`.
  let cleaned = text.replace(/<mailto:[^<>]*>/gi, "");
  cleaned = /</.test(cleaned)
    ? cleaned.replace(/\[mailto:[^\]]*\]/gi, "")
    : cleaned.replace(/\[mailto:([^\]]*)\]/gi, "<$1>");
  const read = readMailbox(cleaned);
  if (!read.address) return { name: text.trim(), address: "" };
  return { name: read.name.replace(/^["'\s]+|["'\s]+$/g, "").trim(), address: read.address };
}

/** The original message of an inline forward in `text`, or undefined when there is none. */
export function findInlineForward(text: string): ForwardedOriginal | undefined {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!FORWARD_MARKERS.some((m) => m.test(lines[i]!.replace(/^>\s?/, "").trim()))) continue;
    const fields: Partial<Record<"from" | "date" | "subject" | "to" | "cc", string>> = {};
    let j = i + 1;
    while (j < lines.length && lines[j]!.trim() === "") j++;
    let last: keyof typeof fields | undefined;
    for (; j < lines.length; j++) {
      const line = lines[j]!.replace(/^>\s?/, "");
      if (line.trim() === "") break;
      const field = /^\s*\*?([^:：*]{1,20})\*?\s*[:：]\s*(.*)$/.exec(line);
      const name = field && FIELDS[field[1]!.trim().toLowerCase()];
      if (name) {
        fields[name] = field[2]!.trim();
        last = name;
      } else if (last && /^\s/.test(line)) {
        fields[last] = `${fields[last]} ${line.trim()}`; // a long value wrapped onto the next line
      } else {
        break;
      }
    }
    const from = fields.from && parseAddress(fields.from);
    if (!from) continue;
    const body = lines
      .slice(j)
      .map((line) => line.replace(/^>\s?/, ""))
      .join("\n")
      .trim();
    return {
      fromName: from.name,
      fromAddress: from.address,
      date: fields.date,
      subject: fields.subject ?? "",
      body,
    };
  }
  return undefined;
}

/** The subject without the reply and forward prefixes clients add (Fwd:, FW:, ส่งต่อ:, RE:, ตอบกลับ:). */
export function stripSubjectPrefixes(subject: string): string {
  let s = subject.trim();
  for (;;) {
    const next = s.replace(/^(fwd?|fw|re|aw|tr|ส่งต่อ|ตอบกลับ|ตอบ)\s*(\[\d+\])?\s*[:：]\s*/i, "");
    if (next === s) return s;
    s = next;
  }
}
