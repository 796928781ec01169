/**
 * Uuencoded files in a mail body (`begin 644 name` … `end`), as Lotus Notes, old Outlook Express settings
 * and some gateways still send them. No maintained package decodes them, and the format is small: each
 * line's first character gives its byte count, then four characters carry three bytes. The decoder is
 * linear in its input, and a line yields no more bytes than its characters carry (plus the few that
 * lost trailing spaces hide), so hostile input cannot make it allocate much more than it was given.
 */

export interface UuFile {
  filename: string;
  content: Buffer;
  /** How the block was broken, if it was: no `end` line (cut off) or characters outside the alphabet. */
  problem: "cut-off" | "malformed" | undefined;
}

const BEGIN = /^begin(?:-base64)? +([0-7]{3,4}) +(\S.*?)[ \t]*$/;

/** Finds the uuencoded blocks in a body; returns the files and the body without them. */
export function extractUuencoded(text: string): { files: UuFile[]; text: string } {
  if (!text.includes("begin ")) return { files: [], text };
  const lines = text.split("\n");
  const kept: string[] = [];
  const files: UuFile[] = [];
  for (let i = 0; i < lines.length; i++) {
    const begin = BEGIN.exec(lines[i]!.replace(/\r$/, ""));
    if (!begin || lines[i]!.startsWith("begin-base64")) {
      kept.push(lines[i]!);
      continue;
    }
    // "begin 644 …" in prose is not a file: a block starts only when a uuencoded line follows.
    if (!isUuLine(lines[i + 1] ?? "")) {
      kept.push(lines[i]!);
      continue;
    }
    let end = i + 1;
    while (end < lines.length && isUuLine(lines[end]!)) end++;
    const closed = end < lines.length && lines[end]!.replace(/\r$/, "").trimEnd() === "end";
    const decoded = decodeUuLines(lines.slice(i + 1, end));
    files.push({
      filename: begin[2]!,
      content: decoded.content,
      problem: !closed ? "cut-off" : decoded.malformed ? "malformed" : undefined,
    });
    // A block cut off leaves what follows it in the body.
    i = closed ? end : end - 1;
  }
  return { files, text: kept.join("\n") };
}

/** A line of a uuencoded block: its length character, then about as many characters as that promises. */
function isUuLine(raw: string): boolean {
  const line = raw.replace(/\r$/, "");
  if (line === "" || line === "`") return line === "`";
  if (!/^[ -`]+$/.test(line)) return false;
  const count = (line.charCodeAt(0) - 32) & 63;
  const chars = Math.ceil(count / 3) * 4;
  // Trailing spaces may have been lost in transit; some encoders add a checksum character.
  return line.length - 1 <= chars + 2 && line.length - 1 >= Math.min(chars, 1);
}

/** Decodes the lines between `begin` and `end`. Short lines (trailing spaces lost in transit) are padded. */
export function decodeUuLines(lines: string[]): { content: Buffer; malformed: boolean } {
  const chunks: Buffer[] = [];
  let malformed = false;
  for (const raw of lines) {
    const line = raw.replace(/\r$/, "");
    if (line === "") continue;
    const declared = (line.charCodeAt(0) - 32) & 63;
    if (declared === 0) continue; // the "`" line before "end"
    const count = Math.min(declared, Math.floor(((line.length - 1) * 3) / 4) + 3);
    if (count < declared) malformed = true;
    const out = Buffer.alloc(count);
    let written = 0;
    for (let at = 1; written < count; at += 4) {
      const c = [0, 1, 2, 3].map((k) => {
        const code = at + k < line.length ? line.charCodeAt(at + k) : 32;
        if (code < 32 || code > 96) malformed = true;
        return (code - 32) & 63;
      });
      const bytes = [
        (c[0]! << 2) | (c[1]! >> 4),
        ((c[1]! & 15) << 4) | (c[2]! >> 2),
        ((c[2]! & 3) << 6) | c[3]!,
      ];
      for (const b of bytes) if (written < count) out[written++] = b;
    }
    chunks.push(out);
  }
  return { content: Buffer.concat(chunks), malformed };
}

/** Uuencodes bytes (the tests' and the corpus's way of writing a block). */
export function encodeUu(filename: string, content: Uint8Array): string {
  const ch = (n: number) => (n === 0 ? "`" : String.fromCharCode(n + 32));
  const lines = [`begin 644 ${filename}`];
  for (let at = 0; at < content.length; at += 45) {
    const part = content.subarray(at, at + 45);
    let line = ch(part.length);
    for (let i = 0; i < part.length; i += 3) {
      const [a = 0, b = 0, c = 0] = [part[i], part[i + 1], part[i + 2]];
      line += ch(a >> 2) + ch(((a & 3) << 4) | (b >> 4)) + ch(((b & 15) << 2) | (c >> 6)) + ch(c & 63);
    }
    lines.push(line);
  }
  lines.push("`", "end");
  return lines.join("\n");
}
