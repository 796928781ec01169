import { createPrivateKey, createPublicKey, type KeyObject, sign, X509Certificate } from "node:crypto";

/**
 * LC-2: a signing key and its certificate chain. A PKCS#12 file opens into one now; an HSM (PKCS#11)
 * implementation of the same interface can replace it without the signer changing.
 */
export interface SigningKey {
  /** DER certificates, the signer's first, then its issuers. */
  readonly certificateChain: readonly Buffer[];
  readonly algorithm: "rsa" | "ecdsa";
  /** A signature over SHA-256 of `data` (PKCS#1 v1.5 for RSA; DER ECDSA-Sig-Value for EC). */
  sign(data: Buffer): Promise<Buffer>;
}

/** A key held in this process (from a PKCS#12 file or a PEM). Refuses a key that is not the certificate's. */
export function keyObjectSigningKey(key: KeyObject | string, chain: readonly Buffer[]): SigningKey {
  const privateKey = typeof key === "string" ? createPrivateKey(key) : key;
  const [first] = chain;
  if (!first) throw new Error("the signing key has no certificate");
  const cert = new X509Certificate(first);
  const fromKey = createPublicKey(privateKey).export({ format: "der", type: "spki" });
  const fromCert = cert.publicKey.export({ format: "der", type: "spki" });
  if (!fromKey.equals(fromCert)) throw new Error("the signing key does not belong to its certificate");
  const type = privateKey.asymmetricKeyType;
  if (type !== "rsa" && type !== "ec") throw new Error(`a ${type} key cannot sign here (RSA or EC only)`);
  return {
    certificateChain: chain,
    algorithm: type === "rsa" ? "rsa" : "ecdsa",
    async sign(data) {
      return sign("sha256", data, privateKey);
    },
  };
}
