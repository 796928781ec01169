// Public API of the business calendar (CH-3 working start, CH-4 acknowledgement deadlines).

export { type HolidayYearWarning, holidayYearWarnings, loadBusinessCalendar } from "./agency-calendar.js";
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
  HolidayFileError,
  type HolidayInput,
  type HolidayKind,
  type HolidayYearInput,
  parseHolidayFile,
} from "./holiday-file.js";
export {
  listCalendarHolidays,
  listHolidays,
  listHolidayYears,
  setHolidayYearStatus,
} from "./holidays.repo.js";
export { importHolidays } from "./import-holidays.js";
export { removeHoliday } from "./remove-holiday.js";
export { loadShippedHolidays } from "./shipped-holidays.js";
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
