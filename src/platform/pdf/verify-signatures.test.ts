import { beforeAll, describe, expect, it } from "vitest";
import {
  makeRootCa,
  makeSignedPdf,
  makeSigner,
  makeUnsignedPdf,
  type TestCertificate,
  tamper,
} from "../../../test/signed-pdf.js";
import { parsePdfsigOutput } from "./pdfsig-output.js";
import {
  isPdfSignatureVerifierAvailable,
  type SignatureReport,
  verifyPdfSignatures,
} from "./verify-signatures.js";

const HAVE_PDFSIG = await isPdfSignatureVerifierAvailable();
// A verifier that cannot run must fail CI, not pass it by skipping (.ci/run installs both tools).
if (!HAVE_PDFSIG && process.env.CI === "true")
  throw new Error("CI=true but pdfsig or certutil is missing: install poppler-utils and libnss3-tools");

const SIGNED_AT = new Date("2026-12-01T04:00:00Z");

function signed(report: SignatureReport) {
  if (report.verifier !== "pdfsig" || report.outcome !== "signed") throw new Error(JSON.stringify(report));
  return report.signatures;
}

describe.runIf(HAVE_PDFSIG)("the PDF signature verifier (pdfsig)", () => {
  let root: TestCertificate;
  let otherRoot: TestCertificate;
  let signer: TestCertificate;
  let pdf: Buffer;

  beforeAll(async () => {
    root = makeRootCa();
    otherRoot = makeRootCa("Another Root CA");
    signer = makeSigner(root, "สมหญิง รักดี");
    pdf = await makeSignedPdf(signer, [root], { signingTime: SIGNED_AT });
  });

  it("RV-4: a signed PDF verifies, unchanged and trusted when its root is configured, with its signer's certificate", async () => {
    const [sig, ...more] = signed(await verifyPdfSignatures(pdf, { trustedRoots: [root.pem] }));
    expect(more).toEqual([]);
    expect(sig).toMatchObject({
      index: 1,
      integrity: "valid",
      wholeDocumentSigned: true,
      unchanged: true,
      trust: "trusted",
      signer: "สมหญิง รักดี",
      signingTime: SIGNED_AT.toISOString(),
      type: "adbe.pkcs7.detached",
    });
    expect(sig?.issuer).toContain("CN=Borikan Test Root CA");
    expect(sig?.signedRanges[0]?.[0]).toBe(0);
    expect(sig?.signedRanges[1]?.[1]).toBe(pdf.length);
    // The certificate recorded is the signer's own (not the root's that travels with it).
    expect(sig?.certificate?.pem.replace(/\s/g, "")).toBe(signer.pem.replace(/\s/g, ""));
    expect(sig?.certificate?.subject).toContain("CN=สมหญิง รักดี");
  });

  it("RV-4: one byte changed inside the signed range is a digest mismatch, never unchanged or trusted", async () => {
    const [sig] = signed(await verifyPdfSignatures(tamper(pdf), { trustedRoots: [root.pem] }));
    expect(sig?.integrity).toBe("digest-mismatch");
    expect(sig?.unchanged).toBe(false);
    expect(sig?.trust).not.toBe("trusted");
  });

  it("RV-4: a certificate from a root that is not configured is untrusted (system roots count for nothing)", async () => {
    const [withOther] = signed(await verifyPdfSignatures(pdf, { trustedRoots: [otherRoot.pem] }));
    expect(withOther).toMatchObject({ integrity: "valid", unchanged: true, trust: "untrusted" });
    const [withNone] = signed(await verifyPdfSignatures(pdf, { trustedRoots: [] }));
    expect(withNone?.trust).toBe("untrusted");
    // Both roots configured: the right one is found among several.
    const [withBoth] = signed(await verifyPdfSignatures(pdf, { trustedRoots: [otherRoot.pem, root.pem] }));
    expect(withBoth?.trust).toBe("trusted");
  });

  it("RV-4: a signer's certificate past its end is reported expired, not trusted", async () => {
    const old = { notBefore: new Date("2010-01-01T00:00:00Z"), notAfter: new Date("2020-01-01T00:00:00Z") };
    const longRoot = makeRootCa("Long Root CA", {
      notBefore: old.notBefore,
      notAfter: new Date("2040-01-01"),
    });
    const expired = makeSigner(longRoot, "Old Signer", old);
    const signedLongAgo = await makeSignedPdf(expired, [longRoot], { signingTime: new Date("2015-06-01") });
    const [sig] = signed(await verifyPdfSignatures(signedLongAgo, { trustedRoots: [longRoot.pem] }));
    expect(sig).toMatchObject({ integrity: "valid", trust: "expired", signer: "Old Signer" });
  });

  it("RV-4: bytes appended after signing leave the signature valid but the document not unchanged", async () => {
    const appended = Buffer.concat([pdf, Buffer.from("\n% added after signing\n")]);
    const [sig] = signed(await verifyPdfSignatures(appended, { trustedRoots: [root.pem] }));
    expect(sig?.wholeDocumentSigned).toBe(false);
    expect(sig?.unchanged).toBe(false);
  });

  it("RV-4: a PDF without signatures reports none; garbage and a truncated file are unreadable, not thrown", async () => {
    expect(await verifyPdfSignatures(await makeUnsignedPdf(), { trustedRoots: [root.pem] })).toEqual({
      verifier: "pdfsig",
      outcome: "unsigned",
      signatures: [],
    });
    for (const bytes of [Buffer.from("not a pdf at all"), pdf.subarray(0, 3000), Buffer.alloc(0)]) {
      const report = await verifyPdfSignatures(bytes, { trustedRoots: [root.pem] });
      expect(report).toMatchObject({ verifier: "pdfsig", outcome: "unreadable", signatures: [] });
    }
  });
});

describe.runIf(HAVE_PDFSIG)("the verifier's time limit", () => {
  it("RV-4: a check that runs out of time is reported unreadable, never valid, and not thrown", async () => {
    const root = makeRootCa();
    const pdf = await makeSignedPdf(makeSigner(root), [root]);
    const report = await verifyPdfSignatures(pdf, { trustedRoots: [root.pem], timeoutMs: 1 });
    expect(report).toMatchObject({ verifier: "pdfsig", outcome: "unreadable", signatures: [] });
    expect((report as { detail?: string }).detail).toMatch(/timed out/);
  });
});

describe("without the tools", () => {
  it("RV-4: a machine without pdfsig or certutil says the verifier is unavailable, never valid", async () => {
    const path = process.env.PATH;
    process.env.PATH = "/nonexistent";
    try {
      const pdf = Buffer.from("%PDF-1.4\n%%EOF\n");
      expect(await verifyPdfSignatures(pdf, { trustedRoots: [] })).toEqual({
        verifier: "unavailable",
        reason: "certutil is not installed",
      });
    } finally {
      process.env.PATH = path;
    }
  });
});

describe("pdfsig's report, parsed", () => {
  it("RV-4: reads every signature block and leaves what it cannot read unknown, never valid", () => {
    const out = [
      "Digital Signature Info of: x.pdf",
      "Signature #1:",
      "  - Signature Field Name: Sig1",
      "  - Signer Certificate Common Name: สมหญิง รักดี",
      "  - Signing Time: Jan 02 2027 10:11:12",
      "  - Signed Ranges: [0 - 10], [20 - 30]",
      "  - Not total document signed",
      "  - Signature Validation: Signature is Valid.",
      "  - Certificate Validation: Certificate has Expired",
      "Signature #2:",
      "  - Signature Field Name: Sig2",
      "  - Some future line: whatever",
    ].join("\n");
    const [a, b] = parsePdfsigOutput(out);
    expect(a).toMatchObject({
      index: 1,
      fieldName: "Sig1",
      commonName: "สมหญิง รักดี",
      signingTime: "2027-01-02T10:11:12.000Z",
      signedRanges: [
        [0, 10],
        [20, 30],
      ],
      wholeDocumentSigned: false,
      integrity: "valid",
      trust: "expired",
    });
    expect(b).toMatchObject({ index: 2, integrity: "unknown", trust: "unknown", wholeDocumentSigned: false });
    expect(parsePdfsigOutput("garbage\n- Signature Validation: Signature is Valid.")).toEqual([]);
  });
});
