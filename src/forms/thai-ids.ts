/**
 * Thai 13-digit identifiers (THAI-STANDARDS §3): the national ID (first digit 1–8) and the juristic
 * person ID (first digit 0) share one mod-11 check digit over the first twelve digits, weights 13…2.
 */
export function thaiIdCheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (13 - i);
  return (11 - (sum % 11)) % 10;
}

const checksumOk = (s: string) => thaiIdCheckDigit(s) === Number(s[12]);

export const isThaiNationalId = (s: string): boolean => /^[1-8]\d{12}$/.test(s) && checksumOk(s);

export const isThaiJuristicId = (s: string): boolean => /^0\d{12}$/.test(s) && checksumOk(s);

/** A Thai mobile number as dialled at home: 10 digits, 06/08/09 then eight more. */
export const isThaiMobile = (s: string): boolean => /^0[689]\d{8}$/.test(s);

/** A Thai landline: 9 digits, 0 then the area code (02 Bangkok, 03–05, 07 provinces) and the number. */
export const isThaiLandline = (s: string): boolean => /^0[2-57]\d{7}$/.test(s);

export const isThaiPhone = (s: string): boolean => isThaiMobile(s) || isThaiLandline(s);

/** Baht as a decimal string: no sign, at most two decimals, at most a trillion (stored as given). */
export const isBaht = (s: string): boolean => /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/.test(s);

/** Display grouping of a national ID, 1-4-5-2-1 (e.g. 1-1017-00207-12-9). */
export const groupNationalId = (s: string): string =>
  /^\d{13}$/.test(s) ? `${s[0]}-${s.slice(1, 5)}-${s.slice(5, 10)}-${s.slice(10, 12)}-${s[12]}` : s;

/** Display grouping of a juristic ID, 1-2-1-3-5-1 (e.g. 0-10-5-536-11201-4). */
export const groupJuristicId = (s: string): string =>
  /^\d{13}$/.test(s) ? `${s[0]}-${s.slice(1, 3)}-${s[3]}-${s.slice(4, 7)}-${s.slice(7, 12)}-${s[12]}` : s;
