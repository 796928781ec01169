/**
 * FM-6: a request by mail is signed with a type-1 electronic signature — the sender's name written in the
 * message. This finds it: the first line after a closing phrase ("ขอแสดงความนับถือ", "Regards"), above
 * the signature block or the quoted part; failing that, the From name when the body spells it out.
 */

const CLOSINGS = [
  "ขอแสดงความนับถือ",
  "ด้วยความเคารพ",
  "ด้วยความเคารพอย่างสูง",
  "ขอบคุณครับ",
  "ขอบคุณค่ะ",
  "ขอบคุณคะ",
  "regards",
  "best regards",
  "kind regards",
  "warm regards",
  "sincerely",
  "yours sincerely",
  "yours faithfully",
  "thank you",
];

/** Where the sender's own words end: a `-- ` signature delimiter, quoted or forwarded text. */
const END_OF_OWN_TEXT = [
  /^-- ?$/,
  /^>/,
  /^on .+ wrote:$/i,
  /^เมื่อ .+ เขียนว่า:?$/,
  /^-{5,}.*-{5,}$/,
  /^_{10,}$/,
  /^begin forwarded message:?$/i,
];

export function findSignature(text: string, fromName: string | undefined): string | null {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const end = lines.findIndex((line) => END_OF_OWN_TEXT.some((p) => p.test(line.trim())));
  const own = end >= 0 ? lines.slice(0, end) : lines;
  const closing = own.findIndex((line) =>
    CLOSINGS.includes(
      line
        .trim()
        .replace(/[,.!]+$/, "")
        .toLowerCase(),
    ),
  );
  if (closing >= 0) {
    const name = own.slice(closing + 1).find((line) => line.trim() !== "");
    // As written, parentheses included: "(นายสมชาย ใจดี)" under a Thai letter's closing is the name.
    if (name) return name.trim();
  }
  const name = fromName?.trim();
  if (name && own.join("\n").includes(name)) return name;
  return null;
}
