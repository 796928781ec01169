// Thai government holidays shipped with the product. Every year in it is "provisional" until an
// administrator checks it against the Royal Gazette and runs `borikan holidays confirm YEAR`.
import { readFileSync } from "node:fs";
import { type HolidayYearInput, parseHolidayFile } from "./holiday-file.js";

const DATA_FILE = new URL("./data/th-government-holidays.json", import.meta.url);

/** Reads and validates the shipped list; throws HolidayFileError if the file was edited badly. */
export function loadShippedHolidays(): HolidayYearInput[] {
  return parseHolidayFile(readFileSync(DATA_FILE, "utf8"), "json");
}
