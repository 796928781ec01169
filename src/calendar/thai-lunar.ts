// The Thai lunar calendar (ปฏิทินจันทรคติไทย), for the Buddhist holidays that close government offices
// (CH-3, CH-4). The year's kind comes from the Suriyayart (สุริยยาตร์) reckoning of the Chulasakarat era
// (J. C. Eade, Calendrical Systems of Mainland South-East Asia, 1995): horakhun (days elapsed in the
// era), kammacubala, avoman and tithi (the moon's age at the solar new year). Pure arithmetic.
import { addDays } from "./zoned-time.js";

export type LunarYearKind = "normal" | "adhikamasa" | "adhikavara";

/** The Suriyayart values at the solar new year (เถลิงศก) of Chulasakarat year CE − 638. */
export interface SuriyaValues {
  csYear: number;
  horakhun: number;
  kammacubala: number;
  avoman: number;
  masaken: number;
  tithi: number;
}

/** The era has 292,207 days in 800 years; 373 is the horakhun's remainder at its start (Eade, p. 10). */
export function suriyaValues(ceYear: number): SuriyaValues {
  const csYear = ceYear - 638;
  const elapsed = csYear * 292_207 + 373;
  const horakhun = Math.floor(elapsed / 800) + 1;
  // 692 solar days hold 703 tithis: the avoman is the remainder, in 692ths of a tithi.
  const avomanTotal = horakhun * 11 + 650;
  const months = Math.floor(avomanTotal / 692) + horakhun;
  return {
    csYear,
    horakhun,
    kammacubala: 800 - (elapsed % 800),
    avoman: avomanTotal % 692,
    masaken: Math.floor(months / 30),
    tithi: months % 30,
  };
}

/** The moon is old (24 or more tithis) or young (5 or fewer) at the solar new year: a month is due. */
function extraMonthDue(ceYear: number): boolean {
  const { tithi } = suriyaValues(ceYear);
  return tithi >= 24 || tithi <= 5;
}

/**
 * อธิกมาส: a year with a second 8th month (384 days). When two years running are due, the extra month
 * goes into the later one.
 */
export function isAdhikamasa(ceYear: number): boolean {
  return extraMonthDue(ceYear) && !extraMonthDue(ceYear + 1);
}

/** The avoman is small enough for an extra day: ≤ 126 in a solar leap year (kammacubala ≤ 207), else < 137. */
function extraDayDue(ceYear: number): boolean {
  const v = suriyaValues(ceYear);
  return v.kammacubala <= 207 ? v.avoman <= 126 : v.avoman < 137;
}

/**
 * อธิกวาร: a year whose 7th month has 30 days (355 days). A year with an extra month never also takes an
 * extra day; an extra day due in such a year is carried to the next.
 */
export function isAdhikavara(ceYear: number): boolean {
  if (isAdhikamasa(ceYear)) return false;
  return extraDayDue(ceYear) || (isAdhikamasa(ceYear - 1) && extraDayDue(ceYear - 1));
}

export function lunarYearKind(ceYear: number): LunarYearKind {
  if (isAdhikamasa(ceYear)) return "adhikamasa";
  return isAdhikavara(ceYear) ? "adhikavara" : "normal";
}

function lunarYearLength(ceYear: number): number {
  const kind = lunarYearKind(ceYear);
  return kind === "adhikamasa" ? 384 : kind === "adhikavara" ? 355 : 354;
}

/**
 * The lunar year that ends in CE 2025 began (1st waxing day of month 1, เดือนอ้าย) on 1 December 2024:
 * 73 days before Makha Bucha on Wednesday 12 February 2025 as announced for 2568. Other years are
 * counted from it by year lengths.
 */
const ANCHOR_YEAR = 2025;
const ANCHOR_START = "2024-12-01";
/**
 * Years the reckoning answers for. Its extra months match a published 1914–2157 Thai calendar's from 1946
 * to 2060 except 1993–1994; its extra days sometimes fall a year or two from that calendar's (see
 * thai-lunar.test.ts), so every computed year stays provisional until the Cabinet's list replaces it.
 */
export const LUNAR_YEARS = { first: 1950, last: 2200 } as const;

/** The date (YYYY-MM-DD) of the 1st waxing day of month 1 of the lunar year that ends in `ceYear`. */
export function lunarYearStart(ceYear: number): string {
  if (!Number.isInteger(ceYear) || ceYear < LUNAR_YEARS.first || ceYear > LUNAR_YEARS.last) {
    throw new RangeError(`Thai lunar year out of range: ${ceYear}`);
  }
  let days = 0;
  for (let y = ANCHOR_YEAR; y < ceYear; y++) days += lunarYearLength(y);
  for (let y = ceYear; y < ANCHOR_YEAR; y++) days -= lunarYearLength(y);
  return addDays(ANCHOR_START, days);
}

/** A lunar month: 1–12, or "8-8" for the second 8th month (เดือนแปดหลัง) of an adhikamasa year. */
export type LunarMonth = number | "8-8";

/**
 * The full-moon day (ขึ้น 15 ค่ำ) of a month. Months alternate 29 and 30 days from a 29-day month 1;
 * month 7 has 30 in an adhikavara year; the second 8th month (30 days) follows the first.
 */
export function fullMoonDate(ceYear: number, month: LunarMonth): string {
  const kind = lunarYearKind(ceYear);
  if (month === "8-8" && kind !== "adhikamasa") throw new RangeError(`${ceYear} has no second 8th month`);
  const m = month === "8-8" ? 9 : month;
  if (!Number.isInteger(m) || m < 1 || m > 12) throw new RangeError(`Not a lunar month: ${month}`);
  let days = 0;
  for (let i = 1; i < m; i++) {
    days += i % 2 === 1 ? 29 : 30;
    if (i === 7 && kind === "adhikavara") days += 1;
  }
  // "8-8" counted as month 9 above has the first 8th month before it; months 9–12 also have the second.
  if (month !== "8-8" && m >= 9 && kind === "adhikamasa") days += 30;
  return addDays(lunarYearStart(ceYear), days + 14);
}

export interface LunarHolidayDates {
  /** วันมาฆบูชา: full moon of month 3, of month 4 in an adhikamasa year. */
  makhaBucha: string;
  /** วันวิสาขบูชา: full moon of month 6, of month 7 in an adhikamasa year. */
  visakhaBucha: string;
  /** วันอาสาฬหบูชา: full moon of month 8, of the second 8th month in an adhikamasa year. */
  asarnhaBucha: string;
  /** วันเข้าพรรษา: the day after Asarnha Bucha (1st waning day). */
  khaoPhansa: string;
}

export function lunarHolidayDates(ceYear: number): LunarHolidayDates {
  const extraMonth = isAdhikamasa(ceYear);
  const asarnhaBucha = fullMoonDate(ceYear, extraMonth ? "8-8" : 8);
  return {
    makhaBucha: fullMoonDate(ceYear, extraMonth ? 4 : 3),
    visakhaBucha: fullMoonDate(ceYear, extraMonth ? 7 : 6),
    asarnhaBucha,
    khaoPhansa: addDays(asarnhaBucha, 1),
  };
}
