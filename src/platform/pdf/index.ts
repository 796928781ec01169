// #14 payment: the one document signer (e-receipts now, licences next)

// #14 signer: PAdES (ETSI.CAdES.detached) with a PKCS#12 key or an HSM behind SigningKey, B-T with a TSA
export { createDocumentSigner, type DocumentSignerOptions } from "./create-document-signer.js";
export { DEMO_SIGNER_NAME } from "./demo-certificate.js";
export type { DocumentSigner, SignatureRequest, SignerDescription } from "./document-signer.js";
export { loadDocumentSigner, type SignerSettings, SignerSettingsError } from "./load-document-signer.js";
export { openPkcs12SigningKey, Pkcs12Error } from "./pkcs12.js";
export { keyObjectSigningKey, type SigningKey } from "./signing-key.js";
export { breakLines, wordsOf } from "./thai-lines.js";
export { createThaiPdf, type KeyValueRow, type ThaiPdf, type ThaiPdfOptions } from "./thai-pdf.js";
export { requestTimeStamp, TimeStampError, type TsaOptions } from "./tsa-client.js";
export {
  isPdfSignatureVerifierAvailable,
  type PdfSignature,
  type SignatureIntegrity,
  type SignatureReport,
  type SignatureTrust,
  type SignerCertificate,
  verifyPdfSignatures,
} from "./verify-signatures.js";
