import crypto from "node:crypto";

export const newId = (): string => crypto.randomUUID();

/** An unguessable token for links (tracking), 128 bits, URL-safe. */
export const newToken = (): string => crypto.randomBytes(16).toString("base64url");

export const sha256Hex = (data: string | Uint8Array): string =>
  crypto.createHash("sha256").update(data).digest("hex");
