/**
 * Thai 13-digit identification numbers (national ID and juristic ID share the check digit, THAI-STANDARDS
 * §3): the 13th digit is (11 − Σ dᵢ·(14−i) mod 11) mod 10 over the first twelve.
 *
 * @example isThaiIdNumber("1101700230708") // true
 */
export function isThaiIdNumber(digits: string): boolean {
  if (!/^\d{13}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(digits[i]) * (13 - i);
  return (11 - (sum % 11)) % 10 === Number(digits[12]);
}

/** A juristic person's ID (FM-5): registered juristic IDs start with 0. */
export const isJuristicIdNumber = (digits: string): boolean =>
  digits.startsWith("0") && isThaiIdNumber(digits);

/** Digits only: people type IDs with dashes and spaces (1-1017-00230-70-8). */
export const idDigits = (text: string): string => text.replace(/[\s-]/g, "");
