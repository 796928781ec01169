import fs from "node:fs";
import path from "node:path";
import { KeyError, newMasterKey, parseMasterKey } from "./key-ring.js";

export interface MasterKeySettings {
  /** ENCRYPTION_KEY: the master key (32 bytes, base64 or hex). Keep it outside DATA_DIR and its backups. */
  encryptionKey?: string;
  /** ENCRYPTION_KEY_PREVIOUS: earlier master keys, accepted while `borikan keys rotate` re-wraps. */
  previousKeys?: string[];
  dataDir: string;
}

export const KEY_FILE = "encryption.key";

/**
 * The master keys, current first. Without ENCRYPTION_KEY a first start on an empty database creates
 * `DATA_DIR/encryption.key` (so that `npm start` works at once; production sets ENCRYPTION_KEY); once the
 * database holds wrapped keys a missing key is an error, never a new key.
 */
export function masterKeys(settings: MasterKeySettings, databaseHasKeys: boolean): Buffer[] {
  const previous = (settings.previousKeys ?? []).map((k) => parseMasterKey(k, "ENCRYPTION_KEY_PREVIOUS"));
  if (settings.encryptionKey) return [parseMasterKey(settings.encryptionKey), ...previous];
  const file = path.join(settings.dataDir, KEY_FILE);
  if (!fs.existsSync(file)) {
    if (databaseHasKeys)
      throw new KeyError(
        `the database holds encrypted data but no master key is given: set ENCRYPTION_KEY (or restore ${file}); a new key would open nothing`,
      );
    fs.mkdirSync(settings.dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, `${newMasterKey()}\n`, { flag: "wx", mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return [parseMasterKey(fs.readFileSync(file, "utf8"), file), ...previous];
}
