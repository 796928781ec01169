import crypto from "node:crypto";
import type { KeyRing } from "./key-ring.js";

/**
 * Seals and opens personal data with AES-256-GCM under the ring's data keys (ID-7, SC-1), and makes the
 * keyed hashes that find a value without keeping it. Synchronous: values are small, and a sealed column
 * is read on every page that shows it.
 */
export interface Sealer {
  /** `enc1:<key id>:<iv|ciphertext|tag in base64url>`; each call a new IV, so equal values differ. */
  seal(text: string): string;
  /** The text a `seal` made; anything not sealed (or not ours) is returned as it is. */
  open(value: string): string;
  isSealed(value: string): boolean;
  /** Bytes for the file store: `BKE1`, the key id, IV, ciphertext, tag. */
  sealBytes(bytes: Uint8Array): Buffer;
  /** Bytes `sealBytes` made, opened; bytes without the marker (stored before sealing) as they are. */
  openBytes(bytes: Buffer): Buffer;
  isSealedBytes(bytes: Uint8Array): boolean;
  /**
   * HMAC-SHA256 of `purpose` and `value` under the index key, hex: equal inputs give equal outputs, so a
   * column of these finds a national ID, email or phone (normalise before calling) without holding it.
   */
  index(purpose: string, value: string): string;
}

const PREFIX = "enc1:";
const MAGIC = Buffer.from("BKE1");
const ALGORITHM = "aes-256-gcm";

export class SealError extends Error {}

export function createSealer(ring: KeyRing): Sealer {
  const current = ring.dataKeys.get(ring.currentId);
  if (!current) throw new SealError("the key ring has no current data key");
  const keyIdBytes = Buffer.from(ring.currentId, "utf8");

  function encrypt(key: Buffer, plain: Buffer): Buffer[] {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv(ALGORITHM, key, iv);
    return [iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()];
  }
  function decrypt(key: Buffer, body: Buffer): Buffer {
    if (body.length < 28) throw new SealError("sealed value too short");
    const decipher = crypto.createDecipheriv(ALGORITHM, key, body.subarray(0, 12));
    decipher.setAuthTag(body.subarray(body.length - 16));
    try {
      return Buffer.concat([decipher.update(body.subarray(12, body.length - 16)), decipher.final()]);
    } catch {
      throw new SealError("a sealed value does not open: altered, or sealed under another key");
    }
  }
  const keyOf = (id: string): Buffer => {
    const key = ring.dataKeys.get(id);
    if (!key) throw new SealError(`sealed under data key ${id}, which this install does not have`);
    return key;
  };

  return {
    seal(text) {
      return `${PREFIX}${ring.currentId}:${Buffer.concat(encrypt(current, Buffer.from(text, "utf8"))).toString("base64url")}`;
    },
    isSealed: (value) => value.startsWith(PREFIX),
    open(value) {
      if (!value.startsWith(PREFIX)) return value;
      const colon = value.indexOf(":", PREFIX.length);
      if (colon < 0) return value;
      const id = value.slice(PREFIX.length, colon);
      return decrypt(keyOf(id), Buffer.from(value.slice(colon + 1), "base64url")).toString("utf8");
    },
    sealBytes(bytes) {
      return Buffer.concat([
        MAGIC,
        Buffer.from([keyIdBytes.length]),
        keyIdBytes,
        ...encrypt(current, Buffer.from(bytes)),
      ]);
    },
    isSealedBytes: (bytes) => bytes.length > 5 && MAGIC.equals(Buffer.from(bytes.subarray(0, 4))),
    openBytes(bytes) {
      if (!(bytes.length > 5 && MAGIC.equals(bytes.subarray(0, 4)))) return bytes;
      const idLength = bytes[4] ?? 0;
      const id = bytes.subarray(5, 5 + idLength).toString("utf8");
      return decrypt(keyOf(id), bytes.subarray(5 + idLength));
    },
    index: (purpose, value) =>
      crypto.createHmac("sha256", ring.indexKey).update(`${purpose}\u0000${value}`).digest("hex"),
  };
}
