import { createHash } from "node:crypto";
import { Certificate } from "pkijs";
import { ctx, integer, nullValue, OID, octets, oid, seq, setOf, sha256Algorithm, tlv } from "./der.js";
import type { SigningKey } from "./signing-key.js";

export interface SignedDataInput {
  key: SigningKey;
  /** The eContentType: id-data for a PDF's detached signature, id-ct-TSTInfo for a time-stamp token. */
  contentType: string;
  /** The signed content: embedded when `encapsulate`, else only its digest is signed (detached). */
  content: Buffer;
  encapsulate?: boolean;
  /** Unsigned attributes made from the signature value (the RFC 3161 time-stamp token of B-T). */
  unsignedAttributes?: (signatureValue: Buffer) => Promise<Buffer[]>;
}

const attribute = (type: string, value: Buffer) => seq(oid(type), setOf(value));

function issuerAndSerial(der: Buffer) {
  const cert = Certificate.fromBER(der);
  return {
    issuer: Buffer.from(cert.issuer.toSchema().toBER()),
    serial: Buffer.from(cert.serialNumber.toBER()),
  };
}

/**
 * ESS signing-certificate-v2 (RFC 5035): binds the signature to the signer's certificate by its SHA-256
 * (hash algorithm left at its DEFAULT), with the issuer and serial number; required by CAdES/PAdES.
 */
function signingCertificateV2(der: Buffer): Buffer {
  const { issuer, serial } = issuerAndSerial(der);
  const certHash = createHash("sha256").update(der).digest();
  // IssuerSerial: GeneralNames holding the issuer as directoryName [4] (EXPLICIT: Name is a CHOICE).
  const issuerSerial = seq(seq(tlv(0xa4, issuer)), serial);
  return seq(seq(seq(octets(certHash), issuerSerial)));
}

function signatureAlgorithm(key: SigningKey): Buffer {
  return key.algorithm === "rsa" ? seq(oid(OID.sha256WithRsa), nullValue()) : seq(oid(OID.ecdsaWithSha256));
}

/**
 * A CMS SignedData (RFC 5652) as CAdES-B wants it: SHA-256, signed attributes contentType, messageDigest
 * and signing-certificate-v2 and no signingTime (PAdES puts the time in the signature dictionary's /M),
 * the certificate chain embedded, one SignerInfo named by issuer and serial number.
 */
export async function buildSignedData(input: SignedDataInput): Promise<Buffer> {
  const { key } = input;
  const [signerCert] = key.certificateChain;
  if (!signerCert) throw new Error("the signing key has no certificate");
  const digest = createHash("sha256").update(input.content).digest();
  const signedAttrs = [
    attribute(OID.contentType, oid(input.contentType)),
    attribute(OID.messageDigest, octets(digest)),
    attribute(OID.signingCertificateV2, signingCertificateV2(signerCert)),
  ];
  // The signature covers the attributes encoded as a SET OF (tag 0x31); they travel as [0] IMPLICIT.
  const signedSet = setOf(...signedAttrs);
  const signature = await key.sign(signedSet);
  const unsigned = input.unsignedAttributes ? await input.unsignedAttributes(signature) : [];
  const { issuer, serial } = issuerAndSerial(signerCert);
  const signerInfo = seq(
    integer(1),
    seq(issuer, serial),
    sha256Algorithm(),
    Buffer.concat([Buffer.from([0xa0]), signedSet.subarray(1)]),
    signatureAlgorithm(key),
    octets(signature),
    ...(unsigned.length > 0 ? [Buffer.concat([Buffer.from([0xa1]), setOf(...unsigned).subarray(1)])] : []),
  );
  const encapsulated = input.encapsulate
    ? seq(oid(input.contentType), ctx(0, octets(input.content)))
    : seq(oid(input.contentType));
  // Version 3 when the content is not id-data (RFC 5652 5.1), else 1.
  const version = input.contentType === OID.data ? 1 : 3;
  const signedData = seq(
    integer(version),
    setOf(sha256Algorithm()),
    encapsulated,
    ctx(0, ...key.certificateChain),
    setOf(signerInfo),
  );
  return seq(oid(OID.signedData), ctx(0, signedData));
}

export { attribute as cmsAttribute };
