/** #16 webboard: posts counted per account or hashed client address and per hour (flood limits). */
export interface WebboardPostCountersTable {
  agency_id: string;
  /** "topic:account:<id>", "post:account:<id>" or "post:address:<keyed hash>": never a raw address. */
  subject: string;
  /** The hour's start, an ISO instant. */
  window_start: string;
  count: number;
}
