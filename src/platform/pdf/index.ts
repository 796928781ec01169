export { breakLines, wordsOf } from "./thai-lines.js";
export { createThaiPdf, type KeyValueRow, type ThaiPdf, type ThaiPdfOptions } from "./thai-pdf.js";
