/** #16 TR-3: the applicant's rating of a closed matter, 1–5 with an optional comment, once per matter. */
export interface SatisfactionRatingsTable {
  id: string;
  agency_id: string;
  matter_id: string;
  service_id: string | null;
  rating: number;
  comment: string | null;
  /** Where it was given: "web" (the link's page) or "line" (a quick reply). */
  channel: "web" | "line";
  created_at: string;
}
