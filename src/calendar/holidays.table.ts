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
}
