import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

/** Where received files are kept (RG-4): content-addressed by sha256, so a file is stored once. */
export interface FileStore {
  /** Stores bytes durably (written, fsynced, renamed) and returns the key and digest. */
  put(bytes: Uint8Array): Promise<{ key: string; sha256: string }>;
  read(key: string): Promise<Buffer>;
  /** Deletes for good (CH-6: confirmed spam). Only for bytes no record shares. */
  remove(key: string): Promise<void>;
  root: string;
}

export function createFileStore(root: string): FileStore {
  const pathOf = (key: string) => {
    if (!/^sha256\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(key)) throw new Error(`not a file key: ${key}`);
    return path.join(root, key);
  };
  const knownDirs = new Set<string>();
  return {
    root,
    async put(bytes) {
      const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
      const key = `sha256/${sha256.slice(0, 2)}/${sha256}`;
      const target = pathOf(key);
      // No existence check: renaming identical bytes over an identical file is harmless, and cheaper
      // than a stat on every upload when duplicates are rare.
      const dir = path.dirname(target);
      if (!knownDirs.has(dir)) {
        await fs.mkdir(dir, { recursive: true });
        knownDirs.add(dir);
      }
      const temp = `${target}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
      const handle = await fs.open(temp, "w", 0o640);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temp, target);
      // The rename itself is durable only once the directory is synced (RG-4: a receipt means kept).
      const dirHandle = await fs.open(dir, "r");
      try {
        await dirHandle.sync();
      } finally {
        await dirHandle.close();
      }
      return { key, sha256 };
    },
    read: (key) => fs.readFile(pathOf(key)),
    remove: (key) => fs.rm(pathOf(key), { force: true }),
  };
}
