// A year's government holidays as Borikan can compute them before the Cabinet announces the list: the
// fixed-date holidays, the lunar ones (thai-lunar.ts) and their substitution days (วันหยุดชดเชย). Always
// provisional; days set each year (Royal Ploughing Day, bridge holidays) cannot be computed and are added
// one by one. Pure functions.
import type { HolidayInput, HolidayYearInput } from "./holiday-file.js";
import { lunarHolidayDates } from "./thai-lunar.js";
import { addDays, weekdayOf } from "./zoned-time.js";

type Named = { nameTh: string; nameEn: string };

/** Annual government holidays on a fixed date (Labour Day is an agency setting, not in this list). */
const FIXED: readonly (Named & { monthDay: string })[] = [
  { monthDay: "01-01", nameTh: "วันขึ้นปีใหม่", nameEn: "New Year's Day" },
  { monthDay: "04-06", nameTh: "วันจักรี", nameEn: "Chakri Memorial Day" },
  { monthDay: "04-13", nameTh: "วันสงกรานต์", nameEn: "Songkran Festival" },
  { monthDay: "04-14", nameTh: "วันสงกรานต์", nameEn: "Songkran Festival" },
  { monthDay: "04-15", nameTh: "วันสงกรานต์", nameEn: "Songkran Festival" },
  { monthDay: "05-04", nameTh: "วันฉัตรมงคล", nameEn: "Coronation Day" },
  {
    monthDay: "06-03",
    nameTh: "วันเฉลิมพระชนมพรรษาสมเด็จพระนางเจ้าฯ พระบรมราชินี",
    nameEn: "Queen Suthida's Birthday",
  },
  {
    monthDay: "07-28",
    nameTh: "วันเฉลิมพระชนมพรรษาพระบาทสมเด็จพระเจ้าอยู่หัว",
    nameEn: "H.M. the King's Birthday",
  },
  {
    monthDay: "08-12",
    nameTh: "วันเฉลิมพระชนมพรรษาสมเด็จพระบรมราชชนนีพันปีหลวง และวันแม่แห่งชาติ",
    nameEn: "The Queen Mother's Birthday and National Mother's Day",
  },
  { monthDay: "10-13", nameTh: "วันนวมินทรมหาราช", nameEn: "King Bhumibol Adulyadej Memorial Day" },
  { monthDay: "10-23", nameTh: "วันปิยมหาราช", nameEn: "King Chulalongkorn Memorial Day" },
  {
    monthDay: "12-05",
    nameTh: "วันคล้ายวันพระบรมราชสมภพ รัชกาลที่ 9 วันชาติ และวันพ่อแห่งชาติ",
    nameEn: "King Bhumibol's Birthday, National Day and National Father's Day",
  },
  { monthDay: "12-10", nameTh: "วันรัฐธรรมนูญ", nameEn: "Constitution Day" },
  { monthDay: "12-31", nameTh: "วันสิ้นปี", nameEn: "New Year's Eve" },
];

const LUNAR: Record<keyof ReturnType<typeof lunarHolidayDates>, Named> = {
  makhaBucha: { nameTh: "วันมาฆบูชา", nameEn: "Makha Bucha Day" },
  visakhaBucha: { nameTh: "วันวิสาขบูชา", nameEn: "Visakha Bucha Day" },
  asarnhaBucha: { nameTh: "วันอาสาฬหบูชา", nameEn: "Asarnha Bucha Day" },
  khaoPhansa: { nameTh: "วันเข้าพรรษา", nameEn: "Buddhist Lent Day" },
};

/** The annual holidays of a year, without substitution days, by date. */
export function annualHolidays(year: number): HolidayInput[] {
  const fixed = FIXED.map((h) => ({ date: `${year}-${h.monthDay}`, nameTh: h.nameTh, nameEn: h.nameEn }));
  const lunar = Object.entries(lunarHolidayDates(year)).map(([key, date]) => ({
    date,
    ...LUNAR[key as keyof typeof LUNAR],
  }));
  return [...fixed, ...lunar]
    .map((h) => ({ ...h, kind: "public" as const }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

const isWeekend = (date: string) => weekdayOf(date) >= 6;

/**
 * Substitution days (วันหยุดชดเชย) as the government has given them since 2001: a holiday on a Saturday
 * or Sunday gives the next weekday that is neither a holiday nor already a substitution day. Two
 * exceptions: the three Songkran days give one substitution day however many fall on a weekend, and
 * Buddhist Lent Day on a Sunday gives none (Asarnha Bucha the Saturday before already gave one).
 * E.g. 2027: Asarnha Bucha Sunday 18 July, Lent Monday 19 July → Tuesday 20 July.
 * `holidays` may include the previous New Year's Eve, whose substitution falls in January.
 */
export function substitutionDays(holidays: readonly HolidayInput[]): HolidayInput[] {
  const taken = new Set(holidays.map((h) => h.date));
  const out: HolidayInput[] = [];
  const substitute = (h: HolidayInput) => {
    let date = addDays(h.date, 1);
    while (isWeekend(date) || taken.has(date)) date = addDays(date, 1);
    taken.add(date);
    out.push({
      date,
      nameTh: `วันหยุดชดเชย${h.nameTh}`,
      nameEn: `Substitution for ${h.nameEn}`,
      kind: "substitution",
    });
  };
  for (const h of [...holidays].sort((a, b) => a.date.localeCompare(b.date))) {
    if (h.kind === "substitution") continue;
    const [year, monthDay] = [h.date.slice(0, 4), h.date.slice(5)];
    if (["04-13", "04-14", "04-15"].includes(monthDay)) {
      // Songkran is judged once, on its last day, after the three days are all in `taken`.
      if (monthDay === "04-15" && [13, 14, 15].some((d) => isWeekend(`${year}-04-${d}`))) substitute(h);
      continue;
    }
    if (!isWeekend(h.date)) continue;
    if (weekdayOf(h.date) === 7 && h.date === lunarHolidayDates(Number(year)).khaoPhansa) continue;
    substitute(h);
  }
  return out;
}

/**
 * The year as Borikan computes it, for a year without a list: annual holidays and substitution days,
 * provisional. Importing the Cabinet's list for the year replaces it.
 */
export function computedHolidayYear(year: number): HolidayYearInput {
  const annual = annualHolidays(year);
  const previousEve = { ...FIXED[FIXED.length - 1]!, date: `${year - 1}-12-31`, kind: "public" as const };
  const substitutions = substitutionDays([previousEve, ...annual]).filter((h) =>
    h.date.startsWith(`${year}-`),
  );
  return {
    year,
    status: "provisional",
    source: COMPUTED_SOURCE,
    holidays: [...annual, ...substitutions].sort((a, b) => a.date.localeCompare(b.date)),
  };
}

/** How a computed year names its source; also how a year's list is known to be computed. */
export const COMPUTED_SOURCE =
  "คำนวณโดย Borikan จากปฏิทินจันทรคติไทย (ยังไม่ใช่ประกาศสำนักนายกรัฐมนตรี) / Computed by Borikan from the Thai lunar calendar and the fixed-date holidays, with substitution days; not the Cabinet's announcement. Royal Ploughing Day and special holidays are not included.";
