import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SignedData, TSTInfo } from "pkijs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPdfSignature } from "../../../test/cms-of-pdf.js";
import { testDocumentSigner } from "../../../test/document-signer.js";
import { makeRootCa, makeUnsignedPdf, tamper } from "../../../test/signed-pdf.js";
import { type LocalTsa, startLocalTsa } from "../../../test/tsa-server.js";
import {
  createThaiPdf,
  isPdfSignatureVerifierAvailable,
  type SignatureReport,
  verifyPdfSignatures,
} from "./index.js";

const HAVE_PDFSIG = await isPdfSignatureVerifierAvailable();
// A verifier that cannot run must fail CI, not pass it by skipping.
if (!HAVE_PDFSIG && process.env.CI === "true")
  throw new Error("CI=true but pdfsig or certutil is missing: install poppler-utils and libnss3-tools");

const SIGNED_AT = new Date("2026-12-01T04:00:00Z");
const REQUEST = { reason: "ใบเสร็จรับเงินอิเล็กทรอนิกส์", location: "กรุงเทพมหานคร", signingTime: SIGNED_AT };

type Asn1Node = { valueBlock: { value?: Asn1Node[]; valueHexView: Uint8Array } };
function child(node: Asn1Node | undefined, i: number): Asn1Node {
  const found = node?.valueBlock.value?.[i];
  if (!found) throw new Error("not the expected structure");
  return found;
}

function signatures(report: SignatureReport) {
  if (report.verifier !== "pdfsig" || report.outcome !== "signed") throw new Error(JSON.stringify(report));
  return report.signatures;
}

async function receiptPdf(): Promise<Buffer> {
  return createThaiPdf({ title: "ใบเสร็จรับเงิน", lang: "th", createdAt: SIGNED_AT })
    .heading("ใบเสร็จรับเงินอิเล็กทรอนิกส์ เลขที่ 2570-000001")
    .paragraph("ได้รับเงินค่าธรรมเนียม หนึ่งร้อยบาทถ้วน")
    .toBuffer();
}

/** `openssl ts -verify` of a token over `data`, trusting `caPem` alone; its output. */
function opensslVerifyToken(token: Buffer, data: Buffer, caPem: string): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "tsa-verify-"));
  try {
    writeFileSync(join(dir, "token.der"), token);
    writeFileSync(join(dir, "data.bin"), data);
    writeFileSync(join(dir, "ca.pem"), caPem);
    const args = ["ts", "-verify", "-in", "token.der", "-token_in", "-data", "data.bin", "-CAfile", "ca.pem"];
    try {
      return { ok: true, output: execFileSync("openssl", args, { cwd: dir, stdio: "pipe" }).toString() };
    } catch (err) {
      const e = err as { stdout?: Buffer; stderr?: Buffer };
      return { ok: false, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the document signer (PAdES B-B)", () => {
  const signer = testDocumentSigner();
  let signed: Buffer;

  beforeAll(async () => {
    signed = await signer.signPdf(await receiptPdf(), REQUEST);
  });

  it("LC-2: the signature is a CMS of SubFilter ETSI.CAdES.detached over the whole file, its time in /M", () => {
    const text = signed.toString("latin1");
    expect(text).toMatch(/\/SubFilter\s*\/ETSI\.CAdES\.detached/);
    expect(text).not.toContain("adbe.pkcs7");
    expect(text).toMatch(/\/M\s*\(D:20261201040000Z\)/);
    expect(signer.description).toMatchObject({
      level: "B-B",
      timeStampUrl: null,
      subject: "สำนักงานเขตตัวอย่าง",
    });
  });

  it("LC-2: signed attributes are contentType, messageDigest and signing-certificate-v2 naming the signer's certificate; no signingTime", () => {
    const { signerInfo, signed: sd } = readPdfSignature(signed);
    const types = signerInfo.signedAttrs?.attributes.map((a) => a.type).sort();
    expect(types).toEqual(
      ["1.2.840.113549.1.9.16.2.47", "1.2.840.113549.1.9.3", "1.2.840.113549.1.9.4"].sort(),
    );
    expect(signerInfo.digestAlgorithm.algorithmId).toBe("2.16.840.1.101.3.4.2.1");
    expect(signerInfo.unsignedAttrs).toBeUndefined();
    // The chain travels with the signature: the signer's certificate and its CA.
    expect(sd.certificates).toHaveLength(2);
    const certV2 = signerInfo.signedAttrs?.attributes.find((a) => a.type === "1.2.840.113549.1.9.16.2.47");
    const [first] = sd.certificates ?? [];
    if (!first) throw new Error("no certificate");
    const hash = createHash("sha256").update(Buffer.from(first.toSchema().toBER())).digest();
    // SigningCertificateV2 → certs → ESSCertIDv2 → certHash
    const certHash = child(child(child(certV2?.values[0] as unknown as Asn1Node, 0), 0), 0);
    expect(Buffer.from(certHash.valueBlock.valueHexView).equals(hash)).toBe(true);
  });

  it.runIf(HAVE_PDFSIG)(
    "LC-2, PY-5: pdfsig finds the signature valid, trusted under its CA, signed by the agency, at its time",
    async () => {
      const [sig, ...more] = signatures(
        await verifyPdfSignatures(signed, { trustedRoots: [signer.root.pem] }),
      );
      expect(more).toEqual([]);
      expect(sig).toMatchObject({
        integrity: "valid",
        wholeDocumentSigned: true,
        unchanged: true,
        trust: "trusted",
        signer: "สำนักงานเขตตัวอย่าง",
        type: "ETSI.CAdES.detached",
        signingTime: SIGNED_AT.toISOString(),
      });
      // Under another CA, the same signature is intact but not trusted.
      const [other] = signatures(
        await verifyPdfSignatures(signed, { trustedRoots: [makeRootCa("Other CA").pem] }),
      );
      expect(other).toMatchObject({ integrity: "valid", trust: "untrusted" });
    },
  );

  it.runIf(HAVE_PDFSIG)("LC-2: one byte changed in a signed range fails the check", async () => {
    const [sig] = signatures(await verifyPdfSignatures(tamper(signed), { trustedRoots: [signer.root.pem] }));
    expect(sig?.integrity).toBe("digest-mismatch");
    expect(sig?.unchanged).toBe(false);
    // A byte of the page content (the second half of the first range) too.
    const copy = Buffer.from(signed);
    const at = Math.floor(copy.indexOf("/ByteRange") / 2);
    copy[at] = (copy[at] as number) ^ 0x01;
    const [again] = signatures(await verifyPdfSignatures(copy, { trustedRoots: [signer.root.pem] }));
    expect(again?.unchanged).toBe(false);
  });
});

describe("the document signer with a time-stamp authority (PAdES B-T)", () => {
  let tsa: LocalTsa;

  beforeAll(async () => {
    tsa = await startLocalTsa();
  });
  afterAll(async () => {
    await tsa.close();
  });

  it("LC-2: the time-stamp token is over the signature value and verifies against the local TSA (openssl ts -verify)", async () => {
    tsa.mode = "ok";
    const signer = testDocumentSigner({ tsa });
    expect(signer.description).toMatchObject({ level: "B-T", timeStampUrl: tsa.url });
    const before = tsa.requests;
    const signed = await signer.signPdf(await receiptPdf(), REQUEST);
    expect(tsa.requests).toBe(before + 1);
    const { signatureValue, timeStampToken } = readPdfSignature(signed);
    if (!timeStampToken) throw new Error("no time-stamp token");
    const tokenSigned = new SignedData({
      schema: (await import("pkijs")).ContentInfo.fromBER(timeStampToken).content,
    });
    const info = TSTInfo.fromBER(tokenSigned.encapContentInfo.eContent?.getValue() ?? new ArrayBuffer(0));
    const imprint = Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView);
    expect(imprint.equals(createHash("sha256").update(signatureValue).digest())).toBe(true);
    expect(Math.abs(info.genTime.getTime() - Date.now())).toBeLessThan(120_000);

    const verified = opensslVerifyToken(timeStampToken, signatureValue, tsa.root.pem);
    expect(verified.output).toContain("Verification: OK");
    expect(verified.ok).toBe(true);
    // Against other data, or another CA, it does not verify.
    expect(
      opensslVerifyToken(timeStampToken, Buffer.concat([signatureValue, Buffer.from([0])]), tsa.root.pem).ok,
    ).toBe(false);
    expect(opensslVerifyToken(timeStampToken, signatureValue, makeRootCa("Not the TSA root").pem).ok).toBe(
      false,
    );

    if (HAVE_PDFSIG) {
      const [sig] = signatures(await verifyPdfSignatures(signed, { trustedRoots: [signer.root.pem] }));
      expect(sig).toMatchObject({
        integrity: "valid",
        trust: "trusted",
        type: "ETSI.CAdES.detached",
        unchanged: true,
      });
    }
  });

  it("LC-2: a TSA that is down, refuses, answers garbage, another nonce or imprint, HTTP 500 or nothing: a clear error, nothing signed", async () => {
    const pdf = await makeUnsignedPdf();
    const cases: [LocalTsa["mode"], RegExp][] = [
      ["refuse", /refused \(status 2/],
      ["garbage", /not a TimeStampResp/],
      ["wrong-nonce", /nonce differs/],
      ["wrong-imprint", /message imprint differs/],
      ["http-500", /answered HTTP 500/],
    ];
    for (const [mode, message] of cases) {
      tsa.mode = mode;
      const signer = testDocumentSigner({ tsa });
      await expect(signer.signPdf(pdf, REQUEST), mode).rejects.toMatchObject({
        name: "TimeStampError",
        message: expect.stringMatching(message),
      });
    }
    tsa.mode = "silent";
    const slow = testDocumentSigner({ tsa: { url: tsa.url, timeoutMs: 300 } });
    await expect(slow.signPdf(pdf, REQUEST)).rejects.toThrow(/did not answer in time/);
    const down = await startLocalTsa();
    await down.close();
    await expect(testDocumentSigner({ tsa: down }).signPdf(pdf, REQUEST)).rejects.toThrow(
      /TSA_URL\) cannot be reached/,
    );
    tsa.mode = "ok";
  });

  it("LC-2: a TSA asking for basic auth gets TSA_USER/TSA_PASSWORD; without them it is refused, not skipped", async () => {
    tsa.mode = "ok";
    tsa.basicAuth = "borikan:s3cret";
    try {
      const pdf = await makeUnsignedPdf();
      await expect(testDocumentSigner({ tsa: { url: tsa.url } }).signPdf(pdf, REQUEST)).rejects.toThrow(
        /HTTP 401/,
      );
      const ok = testDocumentSigner({ tsa: { url: tsa.url, user: "borikan", password: "s3cret" } });
      expect(readPdfSignature(await ok.signPdf(pdf, REQUEST)).timeStampToken).toBeDefined();
    } finally {
      tsa.basicAuth = undefined;
    }
  });
});
