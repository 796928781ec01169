import { createRequire } from "node:module";
import { plainBaht, type Satang } from "./money.js";

// Its typings and its CommonJS export disagree on the default, so it is loaded as Node loads it.
const thaiBahtText = createRequire(import.meta.url)("thai-baht-text") as (baht: string) => string;

/**
 * PY-1, PY-5: an amount in Thai words as notices and receipts print it, `125050` →
 * `หนึ่งพันสองร้อยห้าสิบบาทห้าสิบสตางค์`. `thai-baht-text` was checked against the table and
 * more (baht-text.test.ts); it is given the decimal string, not a float, so no satang is lost to
 * binary rounding, and zero (for which it returns nothing) is said here.
 */
export function bahtText(satang: Satang): string {
  if (!Number.isSafeInteger(satang) || satang < 0) throw new RangeError(`not an amount: ${satang}`);
  if (satang === 0) return "ศูนย์บาทถ้วน";
  return thaiBahtText(plainBaht(satang));
}
