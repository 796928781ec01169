/** #16 FAQ (IF-4, WB-1): a published question and answer, attached to a service (null: general). */
export interface FaqEntriesTable {
  id: string;
  agency_id: string;
  service_id: string | null;
  question: string;
  answer: string;
  /** WB-3: the regulation cited, when it took effect, and the date the answer holds as of (YYYY-MM-DD). */
  regulation: string | null;
  regulation_effective_on: string | null;
  holds_as_of: string | null;
  /** The unit whose current contact is shown with the entry. */
  unit_id: string | null;
  /** Where it came from: "webboard" (an answer), "request-log" (a logged question), "officer". */
  source: "webboard" | "request-log" | "officer";
  source_id: string | null;
  status: "published" | "withdrawn";
  published_by: string;
  published_at: string;
  withdrawn_by: string | null;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
}

/** One word of an FAQ entry (question and answer), cut as the catalogue cuts, for its Thai search. */
export interface FaqSearchTermsTable {
  agency_id: string;
  term: string;
  faq_entry_id: string;
}

/** RG-2: a question that reached the agency, logged from its register entry (date received, requester,
 * subject and channel are the entry's; the rest is the officer's). */
export interface RequestLogTable {
  id: string;
  agency_id: string;
  entry_id: string;
  service_id: string | null;
  information_source: string | null;
  remarks: string | null;
  answer: string | null;
  replied_at: string | null;
  replied_via: string | null;
  logged_by: string;
  logged_at: string;
  faq_entry_id: string | null;
  // #16 faq: copied by the system from the entry and its matter when logged, for filtering and paging.
  received_at: string | null;
  unit_id: string | null;
}
