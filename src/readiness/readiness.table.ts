/** #17 readiness: one dated self-assessment of an agency (RD-1, RD-2); rows are only ever added. */
export interface ReadinessAssessmentsTable {
  id: string;
  agency_id: string;
  assessed_at: string;
  /** The staff id of who saved it. */
  assessed_by: string;
  /** JSON Answers: { itemId: { value, note } }. */
  answers: string;
  /** JSON LiveState: what the install provided when it was saved. */
  live: string;
  overall_level: string;
}
