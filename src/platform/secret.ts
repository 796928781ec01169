import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * The install's secret (tracking links are derived from it): SECRET_KEY when set, else a random key
 * created once in the data directory and shared by every process using it.
 */
export function loadOrCreateSecret(dataDir: string, fromEnv = process.env.SECRET_KEY): string {
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir, "secret.key");
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return fs.readFileSync(file, "utf8").trim();
}
