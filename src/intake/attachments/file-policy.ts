import { fileTypeFromBuffer } from "file-type";

// Content-based allow-list for citizen attachments (FM-3). The bytes decide the type; the
// declared extension only has to agree with them. A refusal never sinks the request: the
// caller drops this one file and records the code.

export type RefusalCode =
  | "FILE_EMPTY"
  | "FILE_TYPE_NOT_ALLOWED"
  | "FILE_DISGUISED"
  | "FILE_TOO_LARGE"
  | "FILE_NAME_INVALID";

export type FileVerdict =
  | { accepted: true; mediaType: string; extension: string; isHeic: boolean }
  | { accepted: false; code: RefusalCode; detectedMediaType?: string };

export interface FileLimits {
  maxFileBytes: number;
}

interface AllowedType {
  mediaType: string;
  // First entry is canonical; the others are accepted spellings of the same type.
  extensions: readonly string[];
  isHeic?: boolean;
}

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// Keyed by the media type file-type reports. FM-3 requires PDF, DOC, DOCX, TXT, JPEG, TIFF,
// PNG, BMP; XLS/XLSX and HEIC/HEIF (phone photos) are Borikan additions.
const BY_DETECTED_TYPE: ReadonlyMap<string, AllowedType> = new Map<string, AllowedType>([
  ["application/pdf", { mediaType: "application/pdf", extensions: ["pdf"] }],
  [DOCX, { mediaType: DOCX, extensions: ["docx"] }],
  [XLSX, { mediaType: XLSX, extensions: ["xlsx"] }],
  ["image/jpeg", { mediaType: "image/jpeg", extensions: ["jpg", "jpeg"] }],
  ["image/png", { mediaType: "image/png", extensions: ["png"] }],
  ["image/tiff", { mediaType: "image/tiff", extensions: ["tif", "tiff"] }],
  ["image/bmp", { mediaType: "image/bmp", extensions: ["bmp"] }],
  ["image/heic", { mediaType: "image/heic", extensions: ["heic", "heif"], isHeic: true }],
  ["image/heic-sequence", { mediaType: "image/heic-sequence", extensions: ["heic", "heif"], isHeic: true }],
  ["image/heif", { mediaType: "image/heif", extensions: ["heif", "heic"], isHeic: true }],
  ["image/heif-sequence", { mediaType: "image/heif-sequence", extensions: ["heif", "heic"], isHeic: true }],
]);

// OLE compound files (DOC, XLS, but also MSG, PPT, encrypted OOXML...) all look alike to
// file-type, so only the declared extension can say which one it is.
const CFB_BY_EXTENSION: ReadonlyMap<string, AllowedType> = new Map<string, AllowedType>([
  ["doc", { mediaType: "application/msword", extensions: ["doc"] }],
  ["xls", { mediaType: "application/vnd.ms-excel", extensions: ["xls"] }],
]);

const TEXT: AllowedType = { mediaType: "text/plain", extensions: ["txt"] };
// A mail attached to a mail (a forward as attachment, RFC 5322 text): its own files are not opened here.
const EML: AllowedType = { mediaType: "message/rfc822", extensions: ["eml"] };

export const ALLOWED_EXTENSIONS: readonly string[] = Object.freeze(
  [
    ...new Set([
      ...[...BY_DETECTED_TYPE.values()].flatMap((t) => t.extensions),
      ...CFB_BY_EXTENSION.keys(),
      ...TEXT.extensions,
      ...EML.extensions,
    ]),
  ].sort(),
);

const MAX_NAME_CHARS = 200;

export async function checkFile(
  file: { filename: string; bytes: Uint8Array },
  limits: FileLimits,
): Promise<FileVerdict> {
  // A NUL can truncate the name in C-based tools (antivirus, archivers): refuse outright.
  if (file.filename.includes("\0")) return refuse("FILE_NAME_INVALID");
  if (file.bytes.byteLength === 0) return refuse("FILE_EMPTY");
  if (file.bytes.byteLength > limits.maxFileBytes) return refuse("FILE_TOO_LARGE");

  const declared = extensionOf(safeFilename(file.filename));
  const claimsAllowedType = ALLOWED_EXTENSIONS.includes(declared);
  const detected = await fileTypeFromBuffer(file.bytes);
  const detectedMediaType = detected ? refineXml(detected.mime, file.bytes) : sniffMarkup(file.bytes);

  if (detectedMediaType === undefined) {
    // No magic number: the only allowed type without one is plain text.
    if (declared === "txt" && isPlainText(file.bytes)) return accept(TEXT, declared);
    if (declared === "eml" && looksLikeMessage(file.bytes)) return accept(EML, declared);
    return refuse("FILE_TYPE_NOT_ALLOWED");
  }

  const allowed =
    detectedMediaType === "application/x-cfb"
      ? CFB_BY_EXTENSION.get(declared)
      : BY_DETECTED_TYPE.get(detectedMediaType);
  // An allowed type under another allowed extension (a PNG saved as .jpg) is a phone habit,
  // not an attack: accept it as what it really is.
  if (allowed) return accept(allowed, declared);

  // Content outside the allow-list wearing an allowed extension (an .exe named invoice.pdf,
  // a plain zip named .docx) is trying to pass as something it is not.
  return refuse(claimsAllowedType ? "FILE_DISGUISED" : "FILE_TYPE_NOT_ALLOWED", detectedMediaType);
}

export function safeFilename(name: string): string {
  const base = name.normalize("NFC").split(/[/\\]/).pop() ?? "";
  const cleaned = base
    // C0/C1 controls, and bidi overrides that make "gpj.exe" render as "exe.jpg".
    .replace(/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, "")
    // Characters Windows refuses in names, so downloads save cleanly.
    .replace(/[<>:"|?*]/g, "_")
    .trim();
  if (cleaned === "" || /^\.+$/.test(cleaned)) return "file";
  return truncate(cleaned);
}

// Cut by code point (never half a surrogate pair) and keep a short extension intact.
function truncate(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= MAX_NAME_CHARS) return name;
  const dot = name.lastIndexOf(".");
  const ext = dot > 0 ? Array.from(name.slice(dot)) : [];
  if (ext.length > 1 && ext.length <= 10) {
    const stem = Array.from(name.slice(0, dot)).slice(0, MAX_NAME_CHARS - ext.length);
    return (stem.join("").trimEnd() || "file") + ext.join("");
  }
  return chars.slice(0, MAX_NAME_CHARS).join("").trimEnd();
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

function accept(type: AllowedType, declared: string): FileVerdict {
  // Keep the citizen's spelling (.jpeg, .tiff) when it names the same type.
  const extension = type.extensions.includes(declared) ? declared : type.extensions[0]!;
  return { accepted: true, mediaType: type.mediaType, extension, isHeic: type.isHeic ?? false };
}

function refuse(code: RefusalCode, detectedMediaType?: string): FileVerdict {
  return detectedMediaType === undefined
    ? { accepted: false, code }
    : { accepted: false, code, detectedMediaType };
}

const HEAD_BYTES = 1024;

// file-type reports SVG with an XML declaration as plain XML; name it so the caller's record
// says what was actually sent.
function refineXml(mime: string, bytes: Uint8Array): string {
  if (mime !== "application/xml") return mime;
  return /<svg[\s>]/i.test(latin1Head(bytes)) ? "image/svg+xml" : mime;
}

// file-type does not detect HTML or bare SVG; both can carry script, so they must not slip
// through as ".txt". Patterns follow the WHATWG MIME sniffing "text/html" rules.
function sniffMarkup(bytes: Uint8Array): string | undefined {
  const head = latin1Head(bytes)
    .replace(/^\u00ef\u00bb\u00bf/, "")
    .replace(/^[\t\n\f\r ]+/, "");
  if (/^<svg[\s>/]/i.test(head)) return "image/svg+xml";
  if (
    /^(<!doctype html|<html|<head|<script|<iframe|<h1|<div|<font|<table|<a|<style|<title|<b|<body|<br|<p|<!--)[\s>]/i.test(
      head,
    )
  ) {
    return "text/html";
  }
  return undefined;
}

function latin1Head(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes.subarray(0, HEAD_BYTES));
}

// Controls other than tab, LF, FF, CR mean binary data, whatever the decoder says.
const BINARY_CONTROLS = /[^\P{Cc}\t\n\f\r]/u;

// An RFC 5322 message starts with a header field ("Name: value") and is text (7- or 8-bit).
function looksLikeMessage(bytes: Uint8Array): boolean {
  return /^[!-9;-~]+:/.test(latin1Head(bytes)) && isPlainText(bytes);
}

// FM-3: text is text in whatever charset it was written. Thai offices still produce TIS-620 files, and
// mail brings Latin-1, GBK, Big5 or Shift_JIS ones: none of these charsets uses the C0 control bytes, which
// every binary format is full of. So a file that is not UTF-8 is text when it has no C0 control other
// than tab, LF, FF, CR, and no DEL.
function isPlainText(bytes: Uint8Array): boolean {
  try {
    return !BINARY_CONTROLS.test(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return !bytes.some((b) => (b < 0x20 && !LEGACY_TEXT_CONTROLS.has(b)) || b === 0x7f);
  }
}
const LEGACY_TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0c, 0x0d]);
