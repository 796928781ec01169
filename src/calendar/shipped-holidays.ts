// Thai government holidays shipped with the product. Every year in it is "provisional" until an
// administrator checks it against the Royal Gazette and runs `borikan holidays confirm YEAR`.
import { readFileSync } from "node:fs";
import { computedHolidayYear } from "./computed-holidays.js";
import { type HolidayYearInput, parseHolidayFile } from "./holiday-file.js";

const DATA_FILE = new URL("./data/th-government-holidays.json", import.meta.url);

/**
 * Reads and validates the shipped list; throws HolidayFileError if the file was edited badly. The years
 * after its last one, through `throughYear` (at least the next one), are computed by Borikan: lunar
 * holidays and substitution days included, provisional, to be replaced by the Cabinet's list.
 */
export function loadShippedHolidays(throughYear?: number): HolidayYearInput[] {
  const shipped = parseHolidayFile(readFileSync(DATA_FILE, "utf8"), "json");
  const last = Math.max(...shipped.map((y) => y.year));
  const computed: HolidayYearInput[] = [];
  for (let year = last + 1; year <= Math.max(last + 1, throughYear ?? 0); year++) {
    computed.push(computedHolidayYear(year));
  }
  return [...shipped, ...computed];
}
