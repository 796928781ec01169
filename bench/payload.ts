import crypto from "node:crypto";

/**
 * The multipart body every benchmark request sends: the fields of a web submission (Thai text, an email
 * so the acknowledgement goes to the outbox, a phone) and one PDF-shaped file of `fileBytes`. The body is
 * built once; each request gets a copy with a marker inside the PDF rewritten, so every file has other
 * bytes (the file store is content-addressed and would otherwise store one file for all requests).
 */
export interface Payload {
  contentType: string;
  fileBytes: number;
  /** The body of request `index` (a new buffer; the caller may send it at once). */
  body(index: number): Buffer;
}

const MARKER_WIDTH = 48;

export function buildPayload(fileBytes: number, runId: string): Payload {
  const boundary = `----borikan-bench-${crypto.randomBytes(12).toString("hex")}`;
  const head = Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1");
  const tail = Buffer.from("\n%%EOF\n", "latin1");
  const markerAt = head.length;
  const fillerLength = fileBytes - head.length - MARKER_WIDTH - tail.length;
  if (fillerLength < 0) throw new Error(`--file-kb is too small for a PDF-shaped file`);
  // Printable filler, as in a PDF's content streams; never contains "AIPrivateData" (file-type would
  // call it an Illustrator file) nor the boundary.
  const filler = Buffer.from(
    crypto
      .randomBytes(Math.ceil((fillerLength * 3) / 4) + 4)
      .toString("base64")
      .slice(0, fillerLength),
    "latin1",
  );
  for (let i = 99; i < filler.length; i += 100) filler[i] = 0x0a;
  const pdf = Buffer.concat([head, Buffer.alloc(MARKER_WIDTH, 0x20), filler, tail]);

  const field = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const fields = [
    field("name", "สมชาย ใจดี"),
    field("email", "somchai.jaidee@example.com"),
    field("phone", "081-234-5678"),
    field("subject", "ขอสำเนาใบอนุญาตประกอบกิจการ / Request for a copy of a business licence"),
    field("message", "เรียน เจ้าหน้าที่ ขอสำเนาใบอนุญาตตามเอกสารแนบ ".repeat(8).trim()),
    field("confirmed", "true"),
    `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="application.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  ].join("");
  const prefix = Buffer.from(fields, "utf8");
  const template = Buffer.concat([prefix, pdf, Buffer.from(`\r\n--${boundary}--\r\n`, "latin1")]);
  const markerOffset = prefix.length + markerAt;

  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    fileBytes: pdf.length,
    body(index) {
      const copy = Buffer.from(template);
      copy.write(
        `%bench ${runId} ${String(index).padStart(12, "0")}`.padEnd(MARKER_WIDTH - 1),
        markerOffset,
        "latin1",
      );
      copy[markerOffset + MARKER_WIDTH - 1] = 0x0a;
      return copy;
    },
  };
}
