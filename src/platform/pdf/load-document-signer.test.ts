import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { readPdfSignature } from "../../../test/cms-of-pdf.js";
import { keyPem, makeP12, makeRootCa, makeSigner, makeUnsignedPdf } from "../../../test/signed-pdf.js";
import {
  DEMO_SIGNER_NAME,
  isPdfSignatureVerifierAvailable,
  loadDocumentSigner,
  SignerSettingsError,
  verifyPdfSignatures,
} from "./index.js";
import { openPkcs12SigningKey } from "./pkcs12.js";

const HAVE_PDFSIG = await isPdfSignatureVerifierAvailable();
const REQUEST = { reason: "ทดสอบ", signingTime: new Date("2026-12-01T04:00:00Z") };
const dirs: string[] = [];
function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), "signer-settings-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function hasOpenssl() {
  try {
    execFileSync("openssl", ["version"], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
}

describe("the signer's settings", () => {
  const root = makeRootCa("Agency CA");
  const agency = makeSigner(root, "กรมตัวอย่าง");

  it("LC-2: SIGNING_P12_FILE with its password signs as the agency, its chain embedded", async () => {
    const dir = tempDir();
    const file = join(dir, "agency.p12");
    writeFileSync(file, makeP12(agency, [root], "รหัสผ่าน-1"));
    const warnings: string[] = [];
    const signer = loadDocumentSigner({ p12File: file, p12Password: "รหัสผ่าน-1", dataDir: dir }, (m) =>
      warnings.push(m),
    );
    expect(warnings).toEqual([]);
    expect(signer.description).toMatchObject({
      subject: "กรมตัวอย่าง",
      issuer: "Agency CA",
      demo: false,
      level: "B-B",
    });
    const signed = await signer.signPdf(await makeUnsignedPdf(), REQUEST);
    expect(readPdfSignature(signed).signed.certificates).toHaveLength(2);
    if (HAVE_PDFSIG) {
      const report = await verifyPdfSignatures(signed, { trustedRoots: [root.pem] });
      expect(report).toMatchObject({
        outcome: "signed",
        signatures: [{ trust: "trusted", signer: "กรมตัวอย่าง" }],
      });
    }
  });

  it("LC-2: a wrong password, a file that is not PKCS#12 or no file at all stops the start naming the setting", () => {
    const dir = tempDir();
    const file = join(dir, "agency.p12");
    writeFileSync(file, makeP12(agency, [root], "right"));
    const load = (p12File: string, p12Password: string) => () =>
      loadDocumentSigner({ p12File, p12Password, dataDir: dir }, () => {});
    expect(load(file, "wrong")).toThrow(
      /SIGNING_P12_PASSWORD does not open SIGNING_P12_FILE=.*password is wrong/,
    );
    writeFileSync(join(dir, "garbage.p12"), "-----BEGIN CERTIFICATE-----\nnot really\n");
    expect(load(join(dir, "garbage.p12"), "right")).toThrow(
      /^SIGNING_P12_FILE=.*garbage\.p12: not a PKCS#12 file/,
    );
    expect(load(join(dir, "missing.p12"), "right")).toThrow(/SIGNING_P12_FILE=.*missing\.p12 cannot be read/);
  });

  it.runIf(hasOpenssl())(
    "LC-2: a PKCS#12 exported by OpenSSL 3 (AES-256, encrypted certificates) opens too",
    () => {
      const dir = tempDir();
      writeFileSync(join(dir, "key.pem"), keyPem(agency));
      writeFileSync(join(dir, "cert.pem"), agency.pem + root.pem);
      execFileSync(
        "openssl",
        [
          "pkcs12",
          "-export",
          "-inkey",
          "key.pem",
          "-in",
          "cert.pem",
          "-out",
          "agency.p12",
          "-passout",
          "pass:secret",
        ],
        { cwd: dir, stdio: "pipe" },
      );
      const key = openPkcs12SigningKey(readFileSync(join(dir, "agency.p12")), "secret");
      // The signer's certificate first, whatever order the file keeps.
      expect(key.certificateChain[0]?.equals(agency.der)).toBe(true);
      expect(key.certificateChain).toHaveLength(2);
      expect(() => openPkcs12SigningKey(readFileSync(join(dir, "agency.p12")), "Secret")).toThrow(
        /password is wrong/,
      );
    },
  );

  it("LC-2: without SIGNING_P12_FILE a demo certificate is made once in DATA_DIR, says so, and is kept for the next start", async () => {
    const dir = tempDir();
    const warnings: string[] = [];
    const first = loadDocumentSigner({ dataDir: dir }, (m) => warnings.push(m));
    expect(first.description).toMatchObject({ subject: DEMO_SIGNER_NAME, demo: true, level: "B-B" });
    expect(DEMO_SIGNER_NAME).toMatch(/ตัวอย่าง \/ DEMO/);
    expect(warnings.join("\n")).toMatch(/SIGNING_P12_FILE is not set.*DEMO certificate/);
    const file = readFileSync(join(dir, "signing-demo.p12"));
    const second = loadDocumentSigner({ dataDir: dir }, () => {});
    expect(readFileSync(join(dir, "signing-demo.p12")).equals(file)).toBe(true);
    expect(second.description.notAfter).toEqual(first.description.notAfter);
    const signed = await second.signPdf(await makeUnsignedPdf(), REQUEST);
    if (HAVE_PDFSIG) {
      const report = await verifyPdfSignatures(signed, { trustedRoots: [] });
      // Valid bytes, but trusted by no one: it is no one's certificate.
      expect(report).toMatchObject({
        outcome: "signed",
        signatures: [{ integrity: "valid", signer: DEMO_SIGNER_NAME, type: "ETSI.CAdES.detached" }],
      });
      expect(report.verifier === "pdfsig" && report.signatures[0]?.trust).not.toBe("trusted");
    }
  });

  it("LC-2: a TSA_URL makes the signer B-T (the demo one too)", () => {
    const signer = loadDocumentSigner(
      { dataDir: tempDir(), tsa: { url: "http://127.0.0.1:9/tsa" } },
      () => {},
    );
    expect(signer.description).toMatchObject({
      level: "B-T",
      timeStampUrl: "http://127.0.0.1:9/tsa",
      demo: true,
    });
  });
});

describe("a PKCS#12 file that is damaged", () => {
  it("LC-2: random bytes, or a real file cut short or with bytes changed, is refused naming SIGNING_P12_FILE or its password", () => {
    const root = makeRootCa();
    const good = makeP12(makeSigner(root), [root], "pw");
    const dir = tempDir();
    const file = join(dir, "damaged.p12");
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
          fc.nat({ max: good.length - 1 }).map((n) => good.subarray(0, n)),
          fc.tuple(fc.nat({ max: good.length - 1 }), fc.integer({ min: 1, max: 255 })).map(([at, x]) => {
            const copy = Buffer.from(good);
            copy[at] = (copy[at] as number) ^ x;
            return copy;
          }),
        ),
        (bytes) => {
          writeFileSync(file, bytes);
          try {
            loadDocumentSigner({ p12File: file, p12Password: "pw", dataDir: dir }, () => {});
          } catch (err) {
            expect(err).toBeInstanceOf(SignerSettingsError);
            expect((err as Error).message).toMatch(/SIGNING_P12_(FILE|PASSWORD)/);
            return;
          }
          // A change the file's MAC does not cover (its salt's neighbours, padding) may still open: then
          // it is the same key and certificate.
          expect(bytes.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 60, seed: 14 },
    );
  });
});
