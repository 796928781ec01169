import crypto from "node:crypto";
import { configure, Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from "@zip.js/zip.js";

// Node has no web workers for zip.js to start; compressing in this thread is quick for one PDF.
configure({ useWebWorkers: false });

/** A password a person can type from an SMS: 12 characters without look-alikes (about 68 bits). */
export function newZipPassword(): string {
  const alphabet = "ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789";
  const bytes = crypto.randomBytes(12);
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
}

/**
 * DL-3: the licence's PDF inside a ZIP encrypted with AES-256 (WinZip AE-2, encryptionStrength 3). The PDF
 * comes out of it unchanged, so its signature verifies once the ZIP is opened.
 */
export async function protectLicence(pdf: Buffer, filename: string, password: string): Promise<Buffer> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), { password, encryptionStrength: 3 });
  await writer.add(filename, new Uint8ArrayReader(new Uint8Array(pdf)));
  return Buffer.from(await writer.close());
}
