import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createDocumentSigner } from "./create-document-signer.js";
import { DEMO_SIGNER_NAME, makeSelfSignedCertificate, writePkcs12 } from "./demo-certificate.js";
import type { DocumentSigner } from "./document-signer.js";
import { openPkcs12SigningKey, Pkcs12Error } from "./pkcs12.js";
import type { TsaOptions } from "./tsa-client.js";

export interface SignerSettings {
  /** SIGNING_P12_FILE / SIGNING_P12_PASSWORD: the agency's certificate and key. */
  p12File?: string;
  p12Password?: string;
  /** TSA_URL (with TSA_USER / TSA_PASSWORD): level B-T. */
  tsa?: TsaOptions;
  /** Where the demo certificate is kept when no P12 is set. */
  dataDir: string;
}

/** The demo file's password: it protects nothing (the demo certificate is no one's), so it is written here. */
export const DEMO_P12_PASSWORD = "borikan-demo";

/** A problem with the signer's settings: the message names the setting to fix. Stops the start. */
export class SignerSettingsError extends Error {
  override name = "SignerSettingsError";
}

function openKey(file: string, password: string, fileSetting: string, passwordSetting: string) {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new SignerSettingsError(`${fileSetting}=${file} cannot be read; fix the path or unset it.`);
  }
  try {
    return openPkcs12SigningKey(bytes, password);
  } catch (err) {
    if (err instanceof Pkcs12Error && err.setting === "password")
      throw new SignerSettingsError(
        `${passwordSetting} does not open ${fileSetting}=${file}: ${err.message}.`,
      );
    const why = err instanceof Error ? err.message : String(err);
    throw new SignerSettingsError(
      `${fileSetting}=${file}: ${why}; give the agency's PKCS#12 (.p12/.pfx) file.`,
    );
  }
}

/**
 * LC-2: the document signer the settings describe. Without SIGNING_P12_FILE, a demo self-signed
 * certificate is made once in DATA_DIR/signing-demo.p12 (its name says it is not the agency's) and
 * `warn` says so, so a fresh install signs e-receipts. Throws SignerSettingsError naming the setting.
 */
export function loadDocumentSigner(settings: SignerSettings, warn: (msg: string) => void): DocumentSigner {
  const timeStamp = settings.tsa ? { timeStamp: settings.tsa } : {};
  if (settings.p12File) {
    const key = openKey(
      settings.p12File,
      settings.p12Password ?? "",
      "SIGNING_P12_FILE",
      "SIGNING_P12_PASSWORD",
    );
    return createDocumentSigner({ key, ...timeStamp });
  }
  const demoFile = path.join(settings.dataDir, "signing-demo.p12");
  if (!existsSync(demoFile)) {
    const { key, certificate } = makeSelfSignedCertificate(DEMO_SIGNER_NAME, new Date());
    mkdirSync(settings.dataDir, { recursive: true });
    // Written aside, then linked in place: two processes starting together (web and worker) keep the
    // first complete file, and neither reads one half-written.
    const temporary = `${demoFile}.${process.pid}.tmp`;
    writeFileSync(temporary, writePkcs12(key, [certificate], DEMO_P12_PASSWORD), { mode: 0o600 });
    try {
      linkSync(temporary, demoFile);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    } finally {
      rmSync(temporary, { force: true });
    }
  }
  warn(
    "warning: SIGNING_P12_FILE is not set: documents are signed with a DEMO certificate (DATA_DIR/signing-demo.p12), not the agency's; set SIGNING_P12_FILE and SIGNING_P12_PASSWORD.",
  );
  const key = openKey(
    demoFile,
    DEMO_P12_PASSWORD,
    "the demo certificate DATA_DIR/signing-demo.p12",
    "its password",
  );
  return createDocumentSigner({ key, ...timeStamp, demo: true });
}
