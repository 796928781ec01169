// #14 payment: the one document signer (e-receipts now, licences next)
export type { DocumentSigner, SignatureRequest, SignerDescription } from "./document-signer.js";
export { breakLines, wordsOf } from "./thai-lines.js";
export { createThaiPdf, type KeyValueRow, type ThaiPdf, type ThaiPdfOptions } from "./thai-pdf.js";
export {
  isPdfSignatureVerifierAvailable,
  type PdfSignature,
  type SignatureIntegrity,
  type SignatureReport,
  type SignatureTrust,
  type SignerCertificate,
  verifyPdfSignatures,
} from "./verify-signatures.js";
