import { execFile } from "node:child_process";
import type { X509Certificate } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readCmsCertificates, signerCertificate } from "./cms-certificates.js";
import {
  type PdfsigSignature,
  parsePdfsigOutput,
  type SignatureIntegrity,
  type SignatureTrust,
} from "./pdfsig-output.js";

export type { SignatureIntegrity, SignatureTrust };

/** The signer's certificate as the signature carries it. */
export interface SignerCertificate {
  subject: string;
  issuer: string;
  serialNumber: string;
  validFrom: string;
  validTo: string;
  /** SHA-256 of the DER, hex with colons (as X509Certificate.fingerprint256). */
  sha256: string;
  pem: string;
}

/** One signature of the document. */
export interface PdfSignature extends Omit<PdfsigSignature, "commonName" | "distinguishedName"> {
  /** The signer's common name (from the certificate when the signature carries it). */
  signer: string | null;
  /** The signer's full subject, one RDN a line. */
  subject: string | null;
  issuer: string | null;
  /** The signed bytes are intact and cover the whole file: nothing was changed or added since. */
  unchanged: boolean;
  certificate: SignerCertificate | null;
}

/**
 * What the verifier found. `unavailable`: pdfsig or certutil is not installed, so nothing was checked
 * (never read as valid); `unreadable`: not a PDF pdfsig can open (garbage, encrypted, truncated).
 */
export type SignatureReport =
  | { verifier: "unavailable"; reason: string }
  | { verifier: "pdfsig"; outcome: "unsigned" | "unreadable"; signatures: []; detail?: string }
  | { verifier: "pdfsig"; outcome: "signed"; signatures: PdfSignature[] };

export interface VerifyOptions {
  /** PEM certificates of the roots to trust (a chain reaching none of them is "untrusted"). */
  trustedRoots: readonly string[];
  /** Per tool run; default 20 s. */
  timeoutMs?: number;
}

class ToolMissing extends Error {}
class ToolTimedOut extends Error {}

function run(cmd: string, args: string[], cwd: string, timeoutMs: number) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
    // No shell: the arguments are passed as they are. TZ=UTC makes pdfsig print signing times in UTC.
    execFile(
      cmd,
      args,
      {
        cwd,
        timeout: timeoutMs,
        maxBuffer: 4 * 1024 * 1024,
        env: { ...process.env, TZ: "UTC", LC_ALL: "C" },
      },
      (err, stdout, stderr) => {
        if (err && (err as NodeJS.ErrnoException).code === "ENOENT") return reject(new ToolMissing(cmd));
        if (err?.killed) return reject(new ToolTimedOut(`${cmd} timed out`));
        const code = err ? Number((err as { code?: unknown }).code ?? 1) : 0;
        resolve({ code: Number.isFinite(code) ? code : 1, stdout, stderr });
      },
    );
  });
}

/** A throwaway NSS database trusting exactly `roots` (for signing: the "C" flag of every usage). */
async function buildNssDb(dir: string, roots: readonly string[], timeoutMs: number): Promise<string> {
  const db = `sql:${join(dir, "nss")}`;
  await mkdir(join(dir, "nss"));
  const created = await run("certutil", ["-N", "--empty-password", "-d", db], dir, timeoutMs);
  if (created.code !== 0) throw new Error(`certutil -N failed: ${created.stderr.trim()}`);
  for (const [i, pem] of roots.entries()) {
    const file = join(dir, `root-${i}.pem`);
    await writeFile(file, pem);
    // A root NSS refuses is left out: its signatures then show as untrusted, never as trusted.
    await run("certutil", ["-A", "-n", `root-${i}`, "-t", "C,C,C", "-i", file, "-d", db], dir, timeoutMs);
  }
  return db;
}

function toCertificate(c: X509Certificate): SignerCertificate {
  return {
    subject: c.subject,
    issuer: c.issuer,
    serialNumber: c.serialNumber,
    validFrom: new Date(c.validFrom).toISOString(),
    validTo: new Date(c.validTo).toISOString(),
    sha256: c.fingerprint256,
    pem: c.toString(),
  };
}

function commonNameOf(subject: string): string | null {
  const cn = subject.split("\n").find((rdn) => rdn.startsWith("CN="));
  return cn ? cn.slice(3) : null;
}

/** The signer certificate of each dumped signature (`<file>.sig<n>`, 0-based), when it can be read. */
async function dumpedCertificates(dir: string, file: string, timeoutMs: number) {
  const certs = new Map<number, X509Certificate>();
  const dumped = await run("pdfsig", ["-nocert", "-dump", file], dir, timeoutMs).catch((err) => {
    // The report stands without the certificates.
    if (err instanceof ToolTimedOut) return { code: 1 };
    throw err;
  });
  if (dumped.code !== 0) return certs;
  for (const name of await readdir(dir)) {
    const m = /\.sig(\d+)$/.exec(name);
    if (!m || !name.startsWith(file)) continue;
    try {
      const cert = signerCertificate(readCmsCertificates(await readFile(join(dir, name))));
      if (cert) certs.set(Number(m[1]) + 1, cert);
    } catch {
      // An unreadable CMS blob: the signature is still reported, without its certificate.
    }
  }
  return certs;
}

function merge(sig: PdfsigSignature, cert: X509Certificate | undefined): PdfSignature {
  const { commonName, distinguishedName, ...rest } = sig;
  return {
    ...rest,
    signer: (cert && commonNameOf(cert.subject)) ?? commonName,
    subject: cert?.subject ?? distinguishedName,
    issuer: cert?.issuer ?? null,
    unchanged: sig.integrity === "valid" && sig.wholeDocumentSigned,
    certificate: cert ? toCertificate(cert) : null,
  };
}

/**
 * Checks every signature of a PDF with poppler's `pdfsig`, against an NSS database made for this call
 * from `trustedRoots` alone (system roots are not trusted), and reads each signer's certificate from the
 * signature's CMS blob (`pdfsig -dump`). Runs without a shell, with a timeout, in a temporary directory
 * removed afterwards; a certificate naming an OCSP responder is checked
 * there (bounded by the timeout). Never throws for a bad PDF: garbage
 * is "unreadable"; a missing pdfsig or certutil is "unavailable".
 */
export async function verifyPdfSignatures(pdf: Uint8Array, options: VerifyOptions): Promise<SignatureReport> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const dir = await mkdtemp(join(tmpdir(), "pdfsig-"));
  try {
    const file = "document.pdf";
    await writeFile(join(dir, file), pdf);
    const db = await buildNssDb(dir, options.trustedRoots, timeoutMs);
    // Not -no-ocsp: poppler 22's pdfsig then reports every chain as "Unknown issue"; a certificate
    // without an OCSP address is checked offline anyway, and one with it is bounded by the timeout.
    const checked = await run("pdfsig", ["-nssdir", db, file], dir, timeoutMs);
    const found = parsePdfsigOutput(checked.stdout);
    if (found.length === 0) {
      const unsigned = /does not contain any signatures/i.test(checked.stdout + checked.stderr);
      if (unsigned) return { verifier: "pdfsig", outcome: "unsigned", signatures: [] };
      const detail = checked.stderr.trim().split("\n").slice(-1)[0]?.slice(0, 200);
      return { verifier: "pdfsig", outcome: "unreadable", signatures: [], ...(detail ? { detail } : {}) };
    }
    const certs = await dumpedCertificates(dir, file, timeoutMs);
    return {
      verifier: "pdfsig",
      outcome: "signed",
      signatures: found.map((s) => merge(s, certs.get(s.index))),
    };
  } catch (err) {
    if (err instanceof ToolMissing)
      return { verifier: "unavailable", reason: `${err.message} is not installed` };
    // A file that keeps pdfsig busy past the timeout (it may be made to) is reported, not thrown.
    if (err instanceof ToolTimedOut)
      return { verifier: "pdfsig", outcome: "unreadable", signatures: [], detail: err.message };
    throw err;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

let availability: Promise<boolean> | undefined;

/** Whether pdfsig and certutil are installed (a page can say the check cannot be made); asked once per process. */
export function isPdfSignatureVerifierAvailable(): Promise<boolean> {
  availability ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), "pdfsig-"));
    try {
      await run("pdfsig", ["-v"], dir, 5000);
      await run("certutil", ["-H"], dir, 5000);
      return true;
    } catch (err) {
      if (err instanceof ToolMissing) return false;
      throw err;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  })();
  return availability;
}
