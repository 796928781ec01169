/**
 * Writes TNEF (`winmail.dat`) for the decoder's tests, the way Outlook writes a rich-text message: the
 * signature and legacy key, attTnefVersion, attOemCodepage, attMessageClass, an optional attBody, then per
 * file attAttachRendData, attAttachTitle, attAttachData and attAttachment (MAPI properties with the long
 * Unicode name and the MIME tag). Format from Microsoft's open specification [MS-OXTNEF] §2.1.3 and
 * [MS-OXCDATA] §2.11.1 (property types); the corpus generator writes the same in Python.
 */
import iconv from "iconv-lite";

const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};
const pad4 = (b: Buffer) => Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);

export function tnefAttribute(level: 1 | 2, id: number, data: Uint8Array): Buffer {
  let sum = 0;
  for (const byte of data) sum = (sum + byte) & 0xffff;
  return Buffer.concat([Buffer.from([level]), u32(id), u32(data.length), data, u16(sum)]);
}

type Prop =
  | { type: 0x0003; id: number; value: number }
  | { type: 0x001e | 0x001f | 0x0102; id: number; value: Buffer };

export function mapiProperties(props: Prop[]): Buffer {
  const parts: Buffer[] = [u32(props.length)];
  for (const p of props) {
    parts.push(u16(p.type), u16(p.id));
    if (p.type === 0x0003) parts.push(u32(p.value));
    else parts.push(u32(1), u32(p.value.length), pad4(p.value));
  }
  return Buffer.concat(parts);
}

export interface TnefInput {
  files: { filename: string; content: Uint8Array; mimeTag?: string }[];
  body?: string;
  codepage?: number;
}

export function writeTnef({ files, body, codepage = 1252 }: TnefInput): Buffer {
  const parts: Buffer[] = [u32(0x223e9f78), u16(0x0a5c)];
  parts.push(tnefAttribute(1, 0x00089006, u32(0x00010000)));
  parts.push(tnefAttribute(1, 0x00069007, Buffer.concat([u32(codepage), u32(0)])));
  parts.push(tnefAttribute(1, 0x00078008, Buffer.from("IPM.Microsoft Mail.Note\0")));
  if (body !== undefined) {
    parts.push(
      tnefAttribute(1, 0x0002800c, Buffer.concat([iconv.encode(body, `cp${codepage}`), Buffer.from([0])])),
    );
  }
  files.forEach((file, i) => {
    parts.push(
      tnefAttribute(
        2,
        0x00069002,
        Buffer.concat([u16(1), u32(0xffffffff), u16(0xffff), u16(0xffff), u32(0)]),
      ),
    );
    parts.push(tnefAttribute(2, 0x00018010, Buffer.from(`ATT~${i + 1}.DAT\0`)));
    parts.push(tnefAttribute(2, 0x0006800f, file.content));
    parts.push(
      tnefAttribute(
        2,
        0x00069005,
        mapiProperties([
          { type: 0x0003, id: 0x3705, value: 1 },
          { type: 0x001f, id: 0x3707, value: Buffer.from(`${file.filename}\0`, "utf16le") },
          ...(file.mimeTag
            ? [{ type: 0x001e as const, id: 0x370e, value: Buffer.from(`${file.mimeTag}\0`) }]
            : []),
        ]),
      ),
    );
  });
  return Buffer.concat(parts);
}
