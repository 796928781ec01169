import { ObjectIdentifier } from "asn1js";

/**
 * A few DER encoders, enough to write CMS SignedData, a certificate and a PKCS#12 file byte for byte
 * (DER wants SET OF members sorted; building the bytes here keeps that in our hands).
 */
function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

export const seq = (...parts: Buffer[]) => tlv(0x30, ...parts);
/** A SET OF, its members sorted by their encodings (X.690 11.6). */
export const setOf = (...parts: Buffer[]) => tlv(0x31, ...[...parts].sort(Buffer.compare));
/** [n] EXPLICIT (or IMPLICIT constructed): context-specific, constructed. */
export const ctx = (n: number, ...parts: Buffer[]) => tlv(0xa0 + n, ...parts);
export const octets = (bytes: Uint8Array) => tlv(0x04, Buffer.from(bytes));
export const nullValue = () => Buffer.from([0x05, 0x00]);
export const utf8 = (text: string) => tlv(0x0c, Buffer.from(text, "utf8"));
export const printable = (text: string) => tlv(0x13, Buffer.from(text, "ascii"));
export const bool = (value: boolean) => Buffer.from([0x01, 0x01, value ? 0xff : 0x00]);
export const bitString = (bytes: Uint8Array, unused = 0) =>
  tlv(0x03, Buffer.from([unused]), Buffer.from(bytes));

export function oid(dotted: string): Buffer {
  return Buffer.from(new ObjectIdentifier({ value: dotted }).toBER());
}

/** A non-negative INTEGER from its big-endian magnitude (a leading zero added when the top bit is set). */
export function unsigned(bytes: Uint8Array): Buffer {
  let b = Buffer.from(bytes);
  while (b.length > 1 && b[0] === 0 && ((b[1] as number) & 0x80) === 0) b = b.subarray(1);
  if (b.length === 0 || ((b[0] as number) & 0x80) !== 0) b = Buffer.concat([Buffer.from([0]), b]);
  return tlv(0x02, b);
}

export function integer(n: number): Buffer {
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return unsigned(Uint8Array.from(bytes));
}

/** UTCTime up to 2049, GeneralizedTime from 2050 (RFC 5280 4.1.2.5). */
export function time(at: Date): Buffer {
  const iso = at.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  return at.getUTCFullYear() < 2050
    ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`))
    : tlv(0x18, Buffer.from(`${iso}Z`));
}

export function generalizedTime(at: Date): Buffer {
  return tlv(0x18, Buffer.from(`${at.toISOString().replace(/[-:T]/g, "").slice(0, 14)}Z`));
}

export const OID = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  encryptedData: "1.2.840.113549.1.7.6",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  timeStampToken: "1.2.840.113549.1.9.16.2.14",
  tstInfo: "1.2.840.113549.1.9.16.1.4",
  sha1: "1.3.14.3.2.26",
  sha256: "2.16.840.1.101.3.4.2.1",
  sha384: "2.16.840.1.101.3.4.2.2",
  sha512: "2.16.840.1.101.3.4.2.3",
  rsaEncryption: "1.2.840.113549.1.1.1",
  sha256WithRsa: "1.2.840.113549.1.1.11",
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  commonName: "2.5.4.3",
  organizationName: "2.5.4.10",
  countryName: "2.5.4.6",
} as const;

/** AlgorithmIdentifier of SHA-256, parameters absent (RFC 5754). */
export const sha256Algorithm = () => seq(oid(OID.sha256));
