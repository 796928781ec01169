import { X509Certificate } from "node:crypto";

/** A DER element: its tag byte, where its content starts and ends in the buffer. */
interface Der {
  tag: number;
  start: number;
  end: number;
  /** End of the whole element (header and content). */
  next: number;
  headerStart: number;
}

function readDer(buf: Buffer, at: number, limit = buf.length): Der {
  if (at + 2 > limit) throw new Error("DER: truncated");
  const tag = buf[at] as number;
  let len = buf[at + 1] as number;
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    // Indefinite lengths (BER) and lengths past 4 bytes are not in signatures we read.
    if (n === 0 || n > 4 || start + n > limit) throw new Error("DER: unsupported length");
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (buf[start + i] as number);
    start += n;
  }
  const end = start + len;
  if (end > limit) throw new Error("DER: truncated");
  return { tag, start, end, next: end, headerStart: at };
}

function children(buf: Buffer, parent: Der): Der[] {
  const out: Der[] = [];
  for (let at = parent.start; at < parent.end; ) {
    const child = readDer(buf, at, parent.end);
    out.push(child);
    at = child.next;
  }
  return out;
}

/** The certificates a CMS SignedData carries and the serial number its (first) signer names. */
export interface CmsCertificates {
  certificates: X509Certificate[];
  /** Hex, upper case, as X509Certificate.serialNumber; undefined when the signer is named by key id. */
  signerSerial?: string;
}

/**
 * Reads the certificates out of a CMS SignedData (RFC 5652) blob as PDF signatures hold it, without a
 * CMS library: ContentInfo → [0] SignedData → [0] certificates, and the first SignerInfo's
 * IssuerAndSerialNumber. Throws on anything that is not such a structure.
 */
export function readCmsCertificates(blob: Buffer): CmsCertificates {
  const contentInfo = readDer(blob, 0);
  const [, explicit] = children(blob, contentInfo);
  if (explicit?.tag !== 0xa0) throw new Error("CMS: no content");
  const [signedData] = children(blob, explicit);
  if (signedData?.tag !== 0x30) throw new Error("CMS: not SignedData");
  const parts = children(blob, signedData);
  const certificates: X509Certificate[] = [];
  const certSet = parts.find((p) => p.tag === 0xa0);
  if (certSet) {
    for (const c of children(blob, certSet)) {
      // Only plain certificates (SEQUENCE); attribute certificates and others are skipped.
      if (c.tag === 0x30) certificates.push(new X509Certificate(blob.subarray(c.headerStart, c.next)));
    }
  }
  const signerInfos = parts[parts.length - 1];
  let signerSerial: string | undefined;
  if (signerInfos?.tag === 0x31) {
    const [first] = children(blob, signerInfos);
    const sid = first && children(blob, first)[1];
    if (sid?.tag === 0x30) {
      const serial = children(blob, sid)[1];
      if (serial?.tag === 0x02) {
        let hex = blob.subarray(serial.start, serial.end).toString("hex").toUpperCase();
        while (hex.startsWith("00") && hex.length > 2) hex = hex.slice(2);
        signerSerial = hex;
      }
    }
  }
  return { certificates, signerSerial };
}

/** The signer's certificate: the one whose serial the SignerInfo names, else the one that issued none of the others. */
export function signerCertificate(cms: CmsCertificates): X509Certificate | undefined {
  const { certificates, signerSerial } = cms;
  const bySerial = signerSerial && certificates.find((c) => stripZeros(c.serialNumber) === signerSerial);
  if (bySerial) return bySerial;
  return certificates.find((c) => !certificates.some((o) => o !== c && o.checkIssued(c)));
}

function stripZeros(hex: string): string {
  let h = hex.toUpperCase();
  while (h.startsWith("00") && h.length > 2) h = h.slice(2);
  return h;
}
