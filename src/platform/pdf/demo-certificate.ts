import { createHash, createHmac, generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";
import {
  bitString,
  bool,
  ctx,
  integer,
  nullValue,
  OID,
  octets,
  oid,
  printable,
  seq,
  setOf,
  time,
  unsigned,
  utf8,
} from "./der.js";
import { pkcs12Kdf } from "./pkcs12.js";

/** Says on every document it signs that it is not the agency's certificate. */
export const DEMO_SIGNER_NAME = "ตัวอย่าง / DEMO — not the agency's certificate";

function name(cn: string): Buffer {
  return seq(
    setOf(seq(oid(OID.countryName), printable("TH"))),
    setOf(seq(oid(OID.organizationName), utf8("Borikan demo"))),
    setOf(seq(oid(OID.commonName), utf8(cn))),
  );
}

const extension = (id: string, critical: boolean, value: Buffer) =>
  seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));

/**
 * A self-signed ECDSA P-256 (or RSA-2048) certificate for digital signatures (basicConstraints CA false), valid 10
 * years. EC: made in a millisecond where RSA takes a second at every fresh start.
 */
export function makeSelfSignedCertificate(
  cn: string,
  at: Date,
  type: "ec" | "rsa" = "ec",
): { key: KeyObject; certificate: Buffer } {
  const { privateKey, publicKey } =
    type === "ec"
      ? generateKeyPairSync("ec", { namedCurve: "P-256" })
      : generateKeyPairSync("rsa", { modulusLength: 2048 });
  const spki = publicKey.export({ format: "der", type: "spki" });
  const algorithm = type === "ec" ? seq(oid(OID.ecdsaWithSha256)) : seq(oid(OID.sha256WithRsa), nullValue());
  const keyId = createHash("sha1").update(spki).digest();
  const tbs = seq(
    ctx(0, integer(2)),
    unsigned(randomBytes(16)),
    algorithm,
    name(cn),
    seq(time(new Date(at.getTime() - 3600_000)), time(new Date(at.getTime() + 10 * 365 * 86_400_000))),
    name(cn),
    spki,
    ctx(
      3,
      seq(
        extension("2.5.29.19", true, seq()),
        // digitalSignature and nonRepudiation (contentCommitment).
        extension("2.5.29.15", true, bitString(Buffer.from([0xc0]), 6)),
        extension("2.5.29.14", false, octets(keyId)),
      ),
    ),
  );
  const signature = sign("sha256", tbs, privateKey);
  return { key: privateKey, certificate: seq(tbs, algorithm, bitString(signature)) };
}

/**
 * A PKCS#12 file of one key and its certificate: the key in a PBES2 (AES-256-CBC, PBKDF2-SHA-256) shrouded
 * bag as node:crypto exports it, the certificate in the clear, a SHA-256 MAC.
 */
export function writePkcs12(key: KeyObject, certificates: Buffer[], password: string): Buffer {
  const shrouded = key.export({ format: "der", type: "pkcs8", cipher: "aes-256-cbc", passphrase: password });
  const bags = [
    seq(oid("1.2.840.113549.1.12.10.1.2"), ctx(0, shrouded)),
    ...certificates.map((c) =>
      seq(oid("1.2.840.113549.1.12.10.1.3"), ctx(0, seq(oid("1.2.840.113549.1.9.22.1"), ctx(0, octets(c))))),
    ),
  ];
  const authSafe = seq(seq(oid(OID.data), ctx(0, octets(seq(...bags)))));
  const salt = randomBytes(16);
  // OpenSSL's default count.
  const iterations = 2048;
  const macKey = pkcs12Kdf(OID.sha256, password, salt, 3, iterations, 32);
  const mac = createHmac("sha256", macKey).update(authSafe).digest();
  return seq(
    integer(3),
    seq(oid(OID.data), ctx(0, octets(authSafe))),
    seq(seq(seq(oid(OID.sha256)), octets(mac)), octets(salt), integer(iterations)),
  );
}
