/**
 * E-receipt signing benchmark (issue #14): PAdES signatures per second with the platform's document
 * signer — an agency-like RSA-2048 key, B-B, then B-T with a time-stamp from a local RFC 3161 TSA on
 * 127.0.0.1 (so the figure is the signer's cost, not a remote TSA's latency). The same one-page Thai PDF
 * is signed N times, one after another.
 *
 *   npx tsx bench/payments-signing.ts [n]      (default 200; prints the figures)
 */
import { fileURLToPath } from "node:url";
import { makeSelfSignedCertificate } from "../src/platform/pdf/demo-certificate.js";
import {
  createDocumentSigner,
  createThaiPdf,
  type DocumentSigner,
  keyObjectSigningKey,
} from "../src/platform/pdf/index.js";
import { startLocalTsa } from "../test/tsa-server.js";

async function perSecond(signer: DocumentSigner, pdf: Buffer, n: number): Promise<number> {
  const request = { reason: "ใบเสร็จรับเงินอิเล็กทรอนิกส์", signingTime: new Date() };
  await signer.signPdf(pdf, request); // warm-up
  const start = performance.now();
  for (let i = 0; i < n; i++) await signer.signPdf(pdf, request);
  return n / ((performance.now() - start) / 1000);
}

export async function benchSigning(
  n = 200,
): Promise<{ signaturesPerSecond: number; withTsaPerSecond: number; ecPerSecond: number; n: number }> {
  const pdf = await createThaiPdf({ title: "ใบเสร็จรับเงิน", lang: "th" })
    .heading("ใบเสร็จรับเงินอิเล็กทรอนิกส์ เลขที่ 2570-000123")
    .paragraph("ได้รับเงินค่าธรรมเนียมใบอนุญาต จำนวน 2,000.00 บาท (สองพันบาทถ้วน)")
    .toBuffer();
  const rsa = makeSelfSignedCertificate("Bench agency (RSA-2048)", new Date(), "rsa");
  const ec = makeSelfSignedCertificate("Bench agency (P-256)", new Date(), "ec");
  const rsaKey = keyObjectSigningKey(rsa.key, [rsa.certificate]);
  const tsa = await startLocalTsa();
  try {
    const signaturesPerSecond = await perSecond(createDocumentSigner({ key: rsaKey }), pdf, n);
    const withTsaPerSecond = await perSecond(
      createDocumentSigner({ key: rsaKey, timeStamp: { url: tsa.url } }),
      pdf,
      n,
    );
    const ecPerSecond = await perSecond(
      createDocumentSigner({ key: keyObjectSigningKey(ec.key, [ec.certificate]) }),
      pdf,
      n,
    );
    return { signaturesPerSecond, withTsaPerSecond, ecPerSecond, n };
  } finally {
    await tsa.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2] ?? 200);
  const r = await benchSigning(Number.isInteger(n) && n > 0 ? n : 200);
  console.log(`e-receipt signing, ${r.n} one-page Thai PDFs each, one at a time:`);
  console.log(`  PAdES B-B, RSA-2048:                ${r.signaturesPerSecond.toFixed(1)} signatures/s`);
  console.log(`  PAdES B-T, RSA-2048 + local TSA:    ${r.withTsaPerSecond.toFixed(1)} signatures/s`);
  console.log(`  PAdES B-B, ECDSA P-256 (demo key):  ${r.ecPerSecond.toFixed(1)} signatures/s`);
}
