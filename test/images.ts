import zlib from "node:zlib";
import PDFDocument from "pdfkit";

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** A real grey PNG of `width` × `height` pixels (stripes, so it is not all one colour). */
export function makePng(width: number, height: number): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const row = Buffer.alloc(width + 1);
  for (let x = 0; x < width; x++) row[x + 1] = x % 16 < 8 ? 40 : 220;
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/**
 * A PDF of A4 pages: each either a scan (a PNG of the given pixels filling the page) or typed text
 * with a small logo.
 */
export async function makePdf(pages: ({ scan: [number, number] } | { text: string })[]): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: "A4", autoFirstPage: false });
  const parts: Buffer[] = [];
  doc.on("data", (b: Buffer) => parts.push(b));
  const done = new Promise<void>((resolve) => doc.on("end", () => resolve()));
  for (const page of pages) {
    doc.addPage({ size: "A4", margin: 0 });
    if ("scan" in page) {
      doc.image(Buffer.from(makePng(...page.scan)), 0, 0, { width: 595.28, height: 841.89 });
    } else {
      doc.text(page.text, 72, 72);
      doc.image(Buffer.from(makePng(300, 100)), 72, 120, { width: 150 });
    }
  }
  doc.end();
  await done;
  return Buffer.concat(parts);
}
