import { plainAddPlaceholder } from "@signpdf/placeholder-plain";
import { P12Signer } from "@signpdf/signer-p12";
import { SignPdf } from "@signpdf/signpdf";
import type { DocumentSigner } from "../src/platform/pdf/index.js";
import { makeP12, makeRootCa, makeSigner } from "./signed-pdf.js";

/**
 * A document signer for tests of the parts that sign (e-receipts), with a test CA's certificate:
 * adbe.pkcs7.detached, no time-stamp. The platform's own signer (CAdES, TSA) replaces it in these tests.
 */
export function testDocumentSigner(): DocumentSigner & { root: ReturnType<typeof makeRootCa> } {
  const root = makeRootCa("Borikan Test Agency CA");
  const signer = makeSigner(root, "สำนักงานเขตตัวอย่าง");
  const p12 = makeP12(signer, [root]);
  return {
    root,
    description: {
      subject: "สำนักงานเขตตัวอย่าง",
      issuer: "Borikan Test Agency CA",
      notAfter: signer.cert.validity.notAfter,
      level: "B-B",
      timeStampUrl: null,
      demo: true,
    },
    async signPdf(pdf, request) {
      const withPlaceholder = plainAddPlaceholder({
        pdfBuffer: pdf,
        reason: request.reason,
        contactInfo: request.contactInfo ?? "",
        name: request.name ?? "",
        location: request.location ?? "",
        signingTime: request.signingTime,
      });
      return new SignPdf().sign(
        withPlaceholder,
        new P12Signer(p12, { passphrase: "test" }),
        request.signingTime,
      );
    },
  };
}
