import iconv from "iconv-lite";

/**
 * A small decoder of TNEF (`winmail.dat`, `application/ms-tnef`), the wrapper Outlook and Exchange put
 * around a message's files and sometimes its only body. It reads just what intake needs: each
 * attachment's name and bytes (attAttachTitle / attAttachData, overridden by the attAttachment MAPI
 * properties PR_ATTACH_LONG_FILENAME and PR_ATTACH_DATA_BIN) and the plain body (attBody, or PR_BODY in
 * attMsgProps).
 *
 * Written here rather than taken from npm: the registry's decoders ship as command-line tools with
 * logging and argument-parsing dependencies, not as libraries. The input comes from anyone who can send
 * mail, so every length is checked against the bytes that remain before it is used, every loop consumes
 * input, nothing is copied (values are views into the input), and the counts of attachments and
 * properties are capped: hostile input ends in a `TnefError`, never in a loop or a large allocation.
 * Format: [MS-OXTNEF] (attribute stream) and [MS-OXCDATA] (property types).
 */

export const TNEF_SIGNATURE = 0x223e9f78;

export class TnefError extends Error {}

export interface TnefFile {
  filename: string;
  /** The MIME type the sender's client recorded (PR_ATTACH_MIME_TAG), if any. */
  mimeTag: string | undefined;
  content: Uint8Array;
  /** The attribute's checksum did not match its bytes: the file was damaged on the way. */
  damaged: boolean;
}

export interface Tnef {
  files: TnefFile[];
  /** The message's plain-text body, when the TNEF carries one. */
  body: string | undefined;
}

// Attribute ids (low 16 bits of the attribute's id field) — [MS-OXTNEF] 2.1.3.
const ATT_BODY = 0x800c;
const ATT_ATTACH_DATA = 0x800f;
const ATT_ATTACH_TITLE = 0x8010;
const ATT_ATTACH_REND_DATA = 0x9002;
const ATT_MSG_PROPS = 0x9003;
const ATT_ATTACHMENT = 0x9005;
const ATT_OEM_CODEPAGE = 0x9007;

// MAPI properties — [MS-OXPROPS].
const PR_BODY = 0x1000;
const PR_DISPLAY_NAME = 0x3001;
const PR_ATTACH_DATA_BIN = 0x3701;
const PR_ATTACH_FILENAME = 0x3704;
const PR_ATTACH_LONG_FILENAME = 0x3707;
const PR_ATTACH_MIME_TAG = 0x370e;
const PR_INTERNET_CPID = 0x3fde;

const MAX_FILES = 100;
const MAX_PROPERTIES = 10_000;

/** A bounds-checked reader over the input; every read that would pass the end throws. */
class Reader {
  constructor(
    readonly bytes: Uint8Array,
    public at = 0,
  ) {}
  get left(): number {
    return this.bytes.length - this.at;
  }
  take(n: number): Uint8Array {
    if (!Number.isInteger(n) || n < 0 || n > this.left) throw new TnefError("TNEF: length past the end");
    const out = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
  u8(): number {
    return this.take(1)[0]!;
  }
  u16(): number {
    const b = this.take(2);
    return b[0]! | (b[1]! << 8);
  }
  u32(): number {
    const b = this.take(4);
    return (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
  }
}

const checksum = (data: Uint8Array) => {
  let sum = 0;
  for (const b of data) sum = (sum + b) & 0xffff;
  return sum;
};

interface Pending {
  title: string | undefined;
  data: Uint8Array | undefined;
  damaged: boolean;
  props: Map<number, Uint8Array | string>;
}

/** Reads a TNEF stream; throws `TnefError` when it is not one or is cut off or malformed. */
export function decodeTnef(bytes: Uint8Array): Tnef {
  const r = new Reader(bytes);
  if (r.left < 6 || r.u32() !== TNEF_SIGNATURE) throw new TnefError("TNEF: no signature");
  r.u16(); // legacy key
  let codepage = "windows-1252";
  const files: TnefFile[] = [];
  let current: Pending | undefined;
  let body: string | undefined;
  let bodyProp: string | undefined;
  const finish = () => {
    if (!current) return;
    const long = current.props.get(PR_ATTACH_LONG_FILENAME) ?? current.props.get(PR_DISPLAY_NAME);
    const short = current.props.get(PR_ATTACH_FILENAME);
    const data = current.props.get(PR_ATTACH_DATA_BIN);
    const mime = current.props.get(PR_ATTACH_MIME_TAG);
    const name = [long, short, current.title].find((n) => typeof n === "string" && n.trim() !== "");
    files.push({
      filename: (name as string | undefined)?.trim() ?? `attachment-${files.length + 1}`,
      mimeTag: typeof mime === "string" ? mime : undefined,
      content: data instanceof Uint8Array ? data : (current.data ?? new Uint8Array(0)),
      damaged: current.damaged,
    });
    current = undefined;
  };
  while (r.left > 0) {
    const level = r.u8();
    const id = r.u32();
    const length = r.u32();
    const data = r.take(length);
    const damaged = r.u16() !== checksum(data);
    if (level !== 1 && level !== 2) throw new TnefError("TNEF: unknown attribute level");
    const attribute = id & 0xffff;
    if (attribute === ATT_OEM_CODEPAGE && length >= 4) {
      codepage = codepageName(new Reader(data).u32()) ?? codepage;
    } else if (attribute === ATT_BODY) {
      body = decodeString8(data, codepage);
    } else if (attribute === ATT_MSG_PROPS) {
      const props = readProperties(data, codepage);
      const cpid = props.get(PR_INTERNET_CPID);
      if (cpid instanceof Uint8Array && cpid.length >= 4)
        codepage = codepageName(new Reader(cpid).u32()) ?? codepage;
      const text = props.get(PR_BODY);
      if (typeof text === "string") bodyProp = text;
    } else if (attribute === ATT_ATTACH_REND_DATA) {
      finish();
      if (files.length >= MAX_FILES) throw new TnefError("TNEF: too many attachments");
      current = { title: undefined, data: undefined, damaged: false, props: new Map() };
    } else if (level === 2 && current) {
      if (attribute === ATT_ATTACH_TITLE) current.title = decodeString8(data, codepage);
      else if (attribute === ATT_ATTACH_DATA) {
        current.data = data;
        current.damaged ||= damaged;
      } else if (attribute === ATT_ATTACHMENT) {
        for (const [key, value] of readProperties(data, codepage)) current.props.set(key, value);
      }
    }
  }
  finish();
  const text = body ?? bodyProp;
  return { files, body: text?.trim() ? text : undefined };
}

const FIXED_SIZE: Record<number, number> = {
  1: 4, // PT_NULL
  2: 4, // PT_SHORT, padded
  3: 4, // PT_LONG
  4: 4, // PT_FLOAT
  5: 8, // PT_DOUBLE
  6: 8, // PT_CURRENCY
  7: 8, // PT_APPTIME
  10: 4, // PT_ERROR
  11: 4, // PT_BOOLEAN, padded
  20: 8, // PT_I8
  64: 8, // PT_SYSTIME
  72: 16, // PT_CLSID
};
const PT_STRING8 = 0x001e;
const PT_UNICODE = 0x001f;
const PT_OBJECT = 0x000d;
const PT_BINARY = 0x0102;
const MV_FLAG = 0x1000;

/** A MAPI property list ([MS-OXTNEF] 2.1.3.4): id → first value (strings decoded, others as bytes). */
function readProperties(bytes: Uint8Array, codepage: string): Map<number, Uint8Array | string> {
  const r = new Reader(bytes);
  const count = r.u32();
  if (count > MAX_PROPERTIES) throw new TnefError("TNEF: too many properties");
  const out = new Map<number, Uint8Array | string>();
  for (let i = 0; i < count; i++) {
    const type = r.u16();
    const id = r.u16();
    if (id >= 0x8000) {
      // A named property: a GUID, then a number or a name. Read past it; intake needs none of them.
      r.take(16);
      const kind = r.u32();
      if (kind === 0) r.u32();
      else r.take(padded(r.u32()));
    }
    const base = type & ~MV_FLAG;
    const variable = base === PT_STRING8 || base === PT_UNICODE || base === PT_BINARY || base === PT_OBJECT;
    // Variable-length values and multi-valued properties carry a count of values.
    const values = variable || type & MV_FLAG ? r.u32() : 1;
    let first: Uint8Array | undefined;
    for (let v = 0; v < values; v++) {
      let value: Uint8Array;
      if (variable) {
        const length = r.u32();
        value = r.take(length);
        r.take(padded(length) - length);
      } else {
        const size = FIXED_SIZE[base];
        if (size === undefined) throw new TnefError("TNEF: unknown property type");
        value = r.take(size);
      }
      first ??= value;
    }
    if (!first) continue;
    if (base === PT_STRING8) out.set(id, decodeString8(first, codepage));
    else if (base === PT_UNICODE)
      out.set(id, iconv.decode(Buffer.from(first), "utf-16le").replace(/\0+$/, ""));
    // An embedded object starts with the 16-byte interface id it is stored as.
    else if (base === PT_OBJECT) out.set(id, first.subarray(Math.min(16, first.length)));
    else out.set(id, first);
  }
  return out;
}

const padded = (n: number) => (n + 3) & ~3;

function decodeString8(bytes: Uint8Array, codepage: string): string {
  return iconv.decode(Buffer.from(bytes), codepage).replace(/\0+$/, "");
}

function codepageName(cp: number): string | undefined {
  if (cp === 65001) return "utf-8";
  if (cp === 874) return "windows-874";
  if (cp === 936) return "gbk";
  if (cp === 20127) return "us-ascii";
  const name = `cp${cp}`;
  return iconv.encodingExists(name) ? name : undefined;
}
