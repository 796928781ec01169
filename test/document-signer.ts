import {
  createDocumentSigner,
  type DocumentSigner,
  keyObjectSigningKey,
  type TsaOptions,
} from "../src/platform/pdf/index.js";
import { keyPem, makeRootCa, makeSigner } from "./signed-pdf.js";

/**
 * The platform's own document signer (PAdES, ETSI.CAdES.detached) with a test CA's certificate, for the
 * parts that sign (e-receipts): B-B by default; B-T with `{ tsa }` (a local TSA from test/tsa-server.ts).
 * `root` is the CA to trust when checking what it signed.
 */
export function testDocumentSigner(
  options: { tsa?: TsaOptions } = {},
): DocumentSigner & { root: ReturnType<typeof makeRootCa> } {
  const root = makeRootCa("Borikan Test Agency CA");
  const signer = makeSigner(root, "สำนักงานเขตตัวอย่าง");
  const documentSigner = createDocumentSigner({
    key: keyObjectSigningKey(keyPem(signer), [signer.der, root.der]),
    ...(options.tsa && { timeStamp: options.tsa }),
    demo: true,
  });
  return Object.assign(documentSigner, { root });
}
