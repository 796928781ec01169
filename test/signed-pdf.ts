import { plainAddPlaceholder } from "@signpdf/placeholder-plain";
import { P12Signer } from "@signpdf/signer-p12";
import { SignPdf } from "@signpdf/signpdf";
import forge from "node-forge";
import { createThaiPdf } from "../src/platform/pdf/index.js";

/** A certificate with its key, as PEM, and the forge objects to issue or sign with. */
export interface TestCertificate {
  pem: string;
  /** DER bytes of the certificate. */
  der: Buffer;
  cert: forge.pki.Certificate;
  keys: forge.pki.rsa.KeyPair;
}

let serial = 1;

function issue(
  subjectCn: string,
  options: {
    issuer?: TestCertificate;
    ca: boolean;
    notBefore?: Date;
    notAfter?: Date;
    timeStamping?: boolean;
  },
): TestCertificate {
  // 1024-bit keys keep the tests quick; nothing here protects anything.
  const keys = forge.pki.rsa.generateKeyPair({ bits: 1024, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  // A DER INTEGER takes no leading zero byte: start with 1.
  cert.serialNumber = `1${(serial++).toString(16).padStart(7, "0")}`;
  cert.validity.notBefore = options.notBefore ?? new Date(Date.now() - 24 * 3600_000);
  cert.validity.notAfter = options.notAfter ?? new Date(Date.now() + 5 * 365 * 24 * 3600_000);
  const subject = [
    // A Thai name goes in a UTF8String (forge encodes it); a PrintableString cannot hold it.
    {
      name: "commonName",
      value: subjectCn,
      valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class,
    },
    { name: "organizationName", value: "Borikan Test" },
    { name: "countryName", value: "TH" },
  ];
  cert.setSubject(subject);
  cert.setIssuer(options.issuer ? options.issuer.cert.subject.attributes : subject);
  cert.setExtensions(
    options.ca
      ? [
          { name: "basicConstraints", cA: true, critical: true },
          { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
          { name: "subjectKeyIdentifier" },
        ]
      : [
          { name: "basicConstraints", cA: false },
          { name: "keyUsage", digitalSignature: true, nonRepudiation: true, critical: true },
          { name: "subjectKeyIdentifier" },
          // RFC 3161 2.3: a TSA's certificate has the one critical extended key usage timeStamping.
          ...(options.timeStamping ? [{ name: "extKeyUsage", timeStamping: true, critical: true }] : []),
        ],
  );
  cert.sign(options.issuer ? options.issuer.keys.privateKey : keys.privateKey, forge.md.sha256.create());
  const pem = forge.pki.certificateToPem(cert);
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), "binary");
  return { pem, der, cert, keys };
}

/** A self-signed root CA. */
export function makeRootCa(
  cn = "Borikan Test Root CA",
  validity: { notBefore?: Date; notAfter?: Date } = {},
) {
  return issue(cn, { ca: true, ...validity });
}

/** An end-entity signing certificate issued by `issuer`. */
export function makeSigner(
  issuer: TestCertificate,
  cn = "สมหญิง รักดี",
  validity: { notBefore?: Date; notAfter?: Date } = {},
) {
  return issue(cn, { issuer, ca: false, ...validity });
}

/** A time-stamp authority's certificate issued by `issuer` (extended key usage timeStamping, critical). */
export function makeTsaCertificate(issuer: TestCertificate, cn = "Borikan Test TSA") {
  return issue(cn, { issuer, ca: false, timeStamping: true });
}

/** The private key as PKCS#8 PEM (for node:crypto). */
export function keyPem(certificate: TestCertificate): string {
  return forge.pki.privateKeyInfoToPem(
    forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(certificate.keys.privateKey)),
  );
}

/** The signer's key and certificate chain as a PKCS#12 file (password `passphrase`). */
export function makeP12(signer: TestCertificate, chain: TestCertificate[], passphrase = "test") {
  const p12 = forge.pkcs12.toPkcs12Asn1(
    signer.keys.privateKey,
    [signer.cert, ...chain.map((c) => c.cert)],
    passphrase,
    { algorithm: "3des" },
  );
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), "binary");
}

/** A small Thai PDF with no signature. */
export async function makeUnsignedPdf(text = "หนังสือมอบอำนาจ ทดสอบ"): Promise<Buffer> {
  return createThaiPdf({ title: "เอกสารทดสอบ", lang: "th", createdAt: new Date("2026-12-01T03:00:00Z") })
    .heading(text)
    .paragraph("ข้าพเจ้าขอมอบอำนาจให้ผู้รับมอบอำนาจยื่นคำขอแทน")
    .toBuffer();
}

/** A small PDF signed (adbe.pkcs7.detached) by `signer`, its chain embedded in the signature. */
export async function makeSignedPdf(
  signer: TestCertificate,
  chain: TestCertificate[],
  options: { signingTime?: Date; pdf?: Buffer } = {},
): Promise<Buffer> {
  const pdf = options.pdf ?? (await makeUnsignedPdf());
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: "test",
    contactInfo: "test@example.com",
    name: "Borikan test",
    location: "Bangkok",
    signingTime: options.signingTime,
  });
  return new SignPdf().sign(
    withPlaceholder,
    new P12Signer(makeP12(signer, chain), { passphrase: "test" }),
    options.signingTime,
  );
}

/** One byte changed inside the first signed range (the header's binary comment: the file still parses). */
export function tamper(pdf: Buffer): Buffer {
  const copy = Buffer.from(pdf);
  copy[10] = copy[10] === 0xfe ? 0xfd : 0xfe;
  return copy;
}
