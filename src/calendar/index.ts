// Public API of the business calendar (CH-3 working start, CH-4 acknowledgement deadlines).

export {
  computedYears,
  type HolidayYearWarning,
  holidayWarningKey,
  holidayYearWarnings,
  loadBusinessCalendar,
} from "./agency-calendar.js";
export {
  acknowledgeBy,
  addBusinessDays,
  type BusinessCalendar,
  type BusinessHours,
  DEFAULT_BUSINESS_HOURS,
  isBusinessDay,
  isWithinBusinessHours,
  nextBusinessDayStart,
  registerYear,
  workingStart,
} from "./business-calendar.js";
export {
  annualHolidays,
  COMPUTED_SOURCE,
  computedHolidayYear,
  substitutionDays,
} from "./computed-holidays.js";
export {
  HolidayFileError,
  type HolidayInput,
  type HolidayKind,
  type HolidayYearInput,
  parseHolidayFile,
} from "./holiday-file.js";
export {
  deleteHoliday,
  insertHoliday,
  listCalendarHolidays,
  listHolidays,
  listHolidayYears,
  replaceHolidayYears,
  setHolidayYearStatus,
} from "./holidays.repo.js";
export { loadShippedHolidays } from "./shipped-holidays.js";
export {
  fullMoonDate,
  isAdhikamasa,
  isAdhikavara,
  LUNAR_YEARS,
  type LunarHolidayDates,
  type LunarMonth,
  type LunarYearKind,
  lunarHolidayDates,
  lunarYearKind,
  lunarYearStart,
  suriyaValues,
} from "./thai-lunar.js";
// #16: the Thai month names read by the mail intake and the licence back-fill
export { THAI_MONTHS } from "./thai-months.js";
export {
  addDays,
  buddhistYear,
  fromLocal,
  isValidDate,
  type LocalDateTime,
  parseClock,
  toLocal,
  weekdayOf,
  zonedFields,
} from "./zoned-time.js";
