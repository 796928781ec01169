import {
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  pbkdf2Sync,
  timingSafeEqual,
  X509Certificate,
} from "node:crypto";
import { type BaseBlock, fromBER, Integer, ObjectIdentifier, OctetString, Sequence } from "asn1js";
import { OID } from "./der.js";
import { keyObjectSigningKey, type SigningKey } from "./signing-key.js";

/** The PKCS#12 file cannot be opened: `setting` names what to fix (the file or its password). */
export class Pkcs12Error extends Error {
  override name = "Pkcs12Error";
  constructor(
    readonly setting: "file" | "password",
    message: string,
  ) {
    super(message);
  }
}

const HASHES: Record<string, { name: string; block: number }> = {
  [OID.sha1]: { name: "sha1", block: 64 },
  [OID.sha256]: { name: "sha256", block: 64 },
  [OID.sha384]: { name: "sha384", block: 128 },
  [OID.sha512]: { name: "sha512", block: 128 },
};
const PRF: Record<string, string> = {
  "1.2.840.113549.2.7": "sha1",
  "1.2.840.113549.2.9": "sha256",
  "1.2.840.113549.2.10": "sha384",
  "1.2.840.113549.2.11": "sha512",
};
const CIPHERS: Record<string, { name: string; key: number }> = {
  "2.16.840.1.101.3.4.1.2": { name: "aes-128-cbc", key: 16 },
  "2.16.840.1.101.3.4.1.22": { name: "aes-192-cbc", key: 24 },
  "2.16.840.1.101.3.4.1.42": { name: "aes-256-cbc", key: 32 },
  "1.2.840.113549.3.7": { name: "des-ede3-cbc", key: 24 },
};
/** PKCS#12 v1 password-based encryption (RFC 7292 Appendix C); RC2 needs OpenSSL's legacy provider. */
const PKCS12_PBE: Record<string, { name: string; key: number }> = {
  "1.2.840.113549.1.12.1.3": { name: "des-ede3-cbc", key: 24 },
  "1.2.840.113549.1.12.1.5": { name: "rc2-cbc", key: 16 },
  "1.2.840.113549.1.12.1.6": { name: "rc2-40-cbc", key: 5 },
};
const BAG = {
  key: "1.2.840.113549.1.12.10.1.1",
  shroudedKey: "1.2.840.113549.1.12.10.1.2",
  cert: "1.2.840.113549.1.12.10.1.3",
};

function bad(message: string): never {
  throw new Pkcs12Error("file", `not a PKCS#12 file this can read: ${message}`);
}
const items = (b: BaseBlock | undefined): BaseBlock[] =>
  b instanceof Sequence ? b.valueBlock.value : bad("structure");
const oidOf = (b: BaseBlock | undefined) =>
  b instanceof ObjectIdentifier ? b.getValue() : bad("object identifier");
const bytesOf = (b: BaseBlock | undefined) =>
  b instanceof OctetString ? Buffer.from(b.getValue()) : bad("octet string");
const numberOf = (b: BaseBlock | undefined) =>
  b instanceof Integer ? b.valueBlock.valueDec : bad("integer");
/** The content of [0] EXPLICIT. */
const explicit = (b: BaseBlock | undefined) =>
  (b as { valueBlock?: { value?: BaseBlock[] } })?.valueBlock?.value?.[0];

function parse(bytes: Buffer): BaseBlock {
  const parsed = fromBER(bytes);
  return parsed.offset === -1 ? bad("not DER") : parsed.result;
}

/** The key derivation of RFC 7292 Appendix B (id 1: key, 2: IV, 3: MAC key), over the BMPString password. */
export function pkcs12Kdf(
  hashOid: string,
  password: string,
  salt: Buffer,
  id: number,
  iterations: number,
  n: number,
) {
  const hash = HASHES[hashOid] ?? bad(`hash ${hashOid}`);
  const v = hash.block;
  const pwd = Buffer.from(`${password}\0`, "utf16le").swap16();
  const fill = (b: Buffer) => (b.length === 0 ? b : Buffer.alloc(v * Math.ceil(b.length / v), b));
  const I = Buffer.concat([fill(salt), fill(pwd)]);
  const out: Buffer[] = [];
  for (let total = 0; total < n; ) {
    let A = Buffer.concat([Buffer.alloc(v, id), I]);
    for (let r = 0; r < iterations; r++) A = createHash(hash.name).update(A).digest();
    out.push(A);
    total += A.length;
    const B = Buffer.alloc(v, A);
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = (I[j + k] as number) + (B[k] as number) + carry;
        I[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(out).subarray(0, n);
}

function decrypt(algorithm: BaseBlock | undefined, data: Buffer, password: string): Buffer {
  const [algOid, params] = items(algorithm);
  const id = oidOf(algOid);
  let cipher: string;
  let key: Buffer;
  let iv: Buffer;
  if (id === "1.2.840.113549.1.5.13") {
    // PBES2 (RFC 8018): PBKDF2 then a block cipher.
    const [kdf, scheme] = items(params);
    const [, kdfParams] = items(kdf);
    const [salt, iterations, ...rest] = items(kdfParams);
    const prfAlg = rest.find((b) => b instanceof Sequence);
    const prf = prfAlg ? PRF[oidOf(items(prfAlg)[0])] : "sha1";
    const [schemeOid, schemeIv] = items(scheme);
    const c = CIPHERS[oidOf(schemeOid)] ?? bad(`cipher ${oidOf(schemeOid)}`);
    if (!prf) bad("PBKDF2 function");
    cipher = c.name;
    key = pbkdf2Sync(Buffer.from(password, "utf8"), bytesOf(salt), numberOf(iterations), c.key, prf);
    iv = bytesOf(schemeIv);
  } else {
    const c = PKCS12_PBE[id] ?? bad(`encryption ${id}`);
    const [salt, iterations] = items(params);
    cipher = c.name;
    key = pkcs12Kdf(OID.sha1, password, bytesOf(salt), 1, numberOf(iterations), c.key);
    iv = pkcs12Kdf(OID.sha1, password, bytesOf(salt), 2, numberOf(iterations), 8);
  }
  try {
    const d = createDecipheriv(cipher, key, iv);
    return Buffer.concat([d.update(data), d.final()]);
  } catch (err) {
    if (String(err).includes("unsupported") || String(err).includes("Unknown cipher"))
      throw new Pkcs12Error(
        "file",
        `the file is encrypted with ${cipher}, which this system no longer reads; export it again with AES (openssl pkcs12 -export -keypbe AES-256-CBC -certpbe AES-256-CBC)`,
      );
    throw new Pkcs12Error("password", "the PKCS#12 password is wrong");
  }
}

/** Checks the file's MAC (RFC 7292 5.2): the way a wrong password shows before anything is decrypted. */
function checkMac(macData: BaseBlock | undefined, authSafe: Buffer, password: string) {
  const [digestInfo, salt, iterations] = items(macData);
  const [alg, digest] = items(digestInfo);
  const hashOid = oidOf(items(alg)[0]);
  const hash = HASHES[hashOid] ?? bad(`MAC hash ${hashOid}`);
  const expected = bytesOf(digest);
  const key = pkcs12Kdf(
    hashOid,
    password,
    bytesOf(salt),
    3,
    iterations ? numberOf(iterations) : 1,
    expected.length,
  );
  const mac = createHmac(hash.name, key).update(authSafe).digest();
  if (mac.length !== expected.length || !timingSafeEqual(mac, expected))
    throw new Pkcs12Error("password", "the PKCS#12 password is wrong (the file's integrity check fails)");
}

/**
 * Opens a PKCS#12 file (RFC 7292) into its private key and certificates, with node:crypto alone: PBES2
 * (AES, 3DES) and PKCS#12 3DES encryption, SHA-1/SHA-2 MACs. Throws Pkcs12Error.
 */
export function readPkcs12(file: Buffer, password: string): { key: KeyObject; certificates: Buffer[] } {
  const [version, authSafeInfo, macData] = items(parse(file));
  if (numberOf(version) !== 3) bad("version");
  const [contentType, content] = items(authSafeInfo);
  if (oidOf(contentType) !== OID.data) bad("public-key integrity mode");
  const authSafe = bytesOf(explicit(content));
  if (macData) checkMac(macData, authSafe, password);
  let key: KeyObject | undefined;
  const certificates: Buffer[] = [];
  for (const info of items(parse(authSafe))) {
    const [type, value] = items(info);
    let safe: Buffer;
    if (oidOf(type) === OID.data) safe = bytesOf(explicit(value));
    else if (oidOf(type) === OID.encryptedData) {
      const [, encrypted] = items(explicit(value));
      const [, alg, data] = items(encrypted);
      // [0] IMPLICIT OCTET STRING: primitive or (BER) constructed of pieces.
      const raw = data as unknown as { valueBlock: { valueHexView?: Uint8Array; value?: BaseBlock[] } };
      const bytes = raw.valueBlock.value?.length
        ? Buffer.concat(raw.valueBlock.value.map((p) => bytesOf(p)))
        : Buffer.from(raw.valueBlock.valueHexView ?? []);
      safe = decrypt(alg, bytes, password);
    } else bad("content type");
    for (const bag of items(parse(safe))) {
      const [bagId, bagValue] = items(bag);
      const inner = explicit(bagValue);
      const der = Buffer.from(inner?.valueBeforeDecodeView ?? []);
      switch (oidOf(bagId)) {
        case BAG.key:
          key ??= createPrivateKey({ key: der, format: "der", type: "pkcs8" });
          break;
        case BAG.shroudedKey: {
          const [alg, data] = items(inner);
          const plain = decrypt(alg, bytesOf(data), password);
          key ??= createPrivateKey({ key: plain, format: "der", type: "pkcs8" });
          break;
        }
        case BAG.cert: {
          const [certType, certValue] = items(inner);
          if (oidOf(certType) === "1.2.840.113549.1.9.22.1") certificates.push(bytesOf(explicit(certValue)));
          break;
        }
      }
    }
  }
  if (!key) throw new Pkcs12Error("file", "the PKCS#12 file holds no private key");
  return { key, certificates };
}

/** The signing key of a PKCS#12 file: its private key and its certificate first, the others after. */
export function openPkcs12SigningKey(file: Buffer, password: string): SigningKey {
  const { key, certificates } = readPkcs12(file, password);
  const spki = createPublicKey(key).export({ format: "der", type: "spki" });
  const own = certificates.find((c) =>
    new X509Certificate(c).publicKey.export({ format: "der", type: "spki" }).equals(spki),
  );
  if (!own) throw new Pkcs12Error("file", "the PKCS#12 file holds no certificate for its private key");
  return keyObjectSigningKey(key, [own, ...certificates.filter((c) => c !== own)]);
}
