/** What a signature says of itself: the reason and place shown by PDF readers, and its time. */
export interface SignatureRequest {
  reason: string;
  location?: string;
  contactInfo?: string;
  /** The signer's name as shown (the agency). */
  name?: string;
  signingTime: Date;
}

/** What pages and checks may say of the signer, without touching its key. */
export interface SignerDescription {
  subject: string;
  issuer: string;
  notAfter: Date;
  /** B-T when an RFC 3161 time-stamp from a TSA is embedded; B-B without. */
  level: "B-B" | "B-T";
  timeStampUrl: string | null;
  /** A demo certificate made at first start: its documents say they are not the agency's. */
  demo: boolean;
}

/**
 * LC-2, PY-5: the agency's document signer. It signs a finished PDF and returns the signed PDF; the key
 * may live in a PKCS#12 file or behind an HSM (an implementation of this interface).
 */
export interface DocumentSigner {
  signPdf(pdf: Buffer, request: SignatureRequest): Promise<Buffer>;
  readonly description: SignerDescription;
}
