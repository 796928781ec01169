import { X509Certificate } from "node:crypto";
import { plainAddPlaceholder } from "@signpdf/placeholder-plain";
import { SignPdf } from "@signpdf/signpdf";
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from "@signpdf/utils";
import { buildSignedData, cmsAttribute } from "./cms-signed-data.js";
import { OID } from "./der.js";
import type { DocumentSigner, SignatureRequest, SignerDescription } from "./document-signer.js";
import type { SigningKey } from "./signing-key.js";
import { requestTimeStamp, type TsaOptions } from "./tsa-client.js";

export interface DocumentSignerOptions {
  key: SigningKey;
  /** Level B-T: every signature carries a time-stamp from this TSA, or is not made. Absent: B-B. */
  timeStamp?: TsaOptions;
  /** A demo certificate (made at first start): pages say its documents are not the agency's. */
  demo?: boolean;
  /** Bytes kept for the CMS in the PDF (chain and time-stamp token); default 24 KiB. */
  signatureSpace?: number;
}

/** The ByteRange's content → a CAdES-detached CMS (with the time-stamp token when B-T). */
class CadesSigner extends Signer {
  constructor(private readonly options: DocumentSignerOptions) {
    super();
  }

  override async sign(content: Buffer): Promise<Buffer> {
    const tsa = this.options.timeStamp;
    return buildSignedData({
      key: this.options.key,
      contentType: OID.data,
      content,
      ...(tsa && {
        // id-aa-signatureTimeStampToken over the signature value (RFC 3161 Appendix A, CAdES-T).
        unsignedAttributes: async (signature: Buffer) => [
          cmsAttribute(OID.timeStampToken, await requestTimeStamp(signature, tsa)),
        ],
      }),
    });
  }
}

function commonName(dn: string): string {
  return (
    dn
      .split("\n")
      .find((rdn) => rdn.startsWith("CN="))
      ?.slice(3) ?? dn
  );
}

/**
 * LC-2, PY-5: the agency's document signer — PAdES: a CMS of SubFilter ETSI.CAdES.detached over the PDF's
 * ByteRange, with the signing time in the signature dictionary (/M), at level B-T when a TSA is set.
 * Throws TimeStampError when B-T is set and no time-stamp could be had: nothing is signed then.
 */
export function createDocumentSigner(options: DocumentSignerOptions): DocumentSigner {
  const [first] = options.key.certificateChain;
  if (!first) throw new Error("the signing key has no certificate");
  const cert = new X509Certificate(first);
  const description: SignerDescription = {
    subject: commonName(cert.subject),
    issuer: commonName(cert.issuer),
    notAfter: new Date(cert.validTo),
    level: options.timeStamp ? "B-T" : "B-B",
    timeStampUrl: options.timeStamp?.url ?? null,
    demo: options.demo ?? false,
  };
  const signer = new CadesSigner(options);
  return {
    description,
    async signPdf(pdf: Buffer, request: SignatureRequest): Promise<Buffer> {
      const withPlaceholder = plainAddPlaceholder({
        pdfBuffer: pdf,
        reason: request.reason,
        contactInfo: request.contactInfo ?? "",
        name: request.name ?? description.subject,
        location: request.location ?? "",
        signingTime: request.signingTime,
        signatureLength: options.signatureSpace ?? 24 * 1024,
        subFilter: SUBFILTER_ETSI_CADES_DETACHED,
      });
      return new SignPdf().sign(withPlaceholder, signer, request.signingTime);
    },
  };
}
