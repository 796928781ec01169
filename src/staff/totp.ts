import { Secret, TOTP } from "otpauth";

/** RFC 6238 codes (SHA-1, 6 digits, 30 s), what authenticator apps expect. */
function totp(secret: string, label = "", issuer = "Borikan"): TOTP {
  return new TOTP({
    issuer,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });
}

export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

export const totpUri = (secret: string, label: string, issuer: string): string =>
  totp(secret, label, issuer).toString();

/** True for the current code or the one before or after it (clock drift), at `now`. */
export function isValidTotp(secret: string, code: string, now: Date): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return totp(secret).validate({ token: code, timestamp: now.getTime(), window: 1 }) !== null;
}

/** The code at `now`, for tests and for the enrolment check. */
export const totpCode = (secret: string, now: Date): string =>
  totp(secret).generate({ timestamp: now.getTime() });
