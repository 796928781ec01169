export interface HolidayYearsTable {
  calendar: string;
  year: number;
  status: "confirmed" | "provisional";
  source: string;
  updated_at: string;
}

export interface HolidaysTable {
  calendar: string;
  date: string;
  name_th: string;
  name_en: string;
  kind: string;
  /** #10: the announcement this day comes from, when it is not the year's source (null). */
  source: string | null;
}
