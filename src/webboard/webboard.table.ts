/** #16 webboard (WB-1..4): a topic a signed-in citizen opened, about a service or general (null). */
export interface WebboardTopicsTable {
  id: string;
  agency_id: string;
  service_id: string | null;
  title: string;
  author_account_id: string;
  /** "open"; "hidden" by a moderator, with a reason; "closed" takes no more posts. */
  status: "open" | "hidden" | "closed";
  hidden_reason: string | null;
  hidden_by: string | null;
  hidden_at: string | null;
  created_at: string;
  last_activity_at: string;
  /** Visible posts, for the list (kept with each post and each hiding). */
  post_count: number;
}

/** A citizen's post in a topic (the first post is the question). */
export interface WebboardPostsTable {
  id: string;
  agency_id: string;
  topic_id: string;
  author_account_id: string;
  body: string;
  status: "visible" | "hidden";
  hidden_reason: string | null;
  hidden_by: string | null;
  hidden_at: string | null;
  created_at: string;
}

export type WebboardAnswerStatus = "draft" | "submitted" | "published" | "returned" | "withdrawn";

/** WB-3, WB-4: an officer's answer, citing a regulation; public only when `published` (approved). */
export interface WebboardAnswersTable {
  id: string;
  agency_id: string;
  topic_id: string;
  /** The unit answering: its current contact is shown with the answer (WB-1, IF-3). */
  unit_id: string | null;
  drafted_by: string;
  body: string;
  regulation: string;
  /** YYYY-MM-DD (CE): when the regulation took effect. */
  regulation_effective_on: string;
  /** YYYY-MM-DD (CE): the date the answer holds as of. */
  holds_as_of: string;
  status: WebboardAnswerStatus;
  decided_by: string | null;
  decided_at: string | null;
  return_reason: string | null;
  /** The FAQ entry it was promoted to, if any. */
  faq_entry_id: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

/** A reader's report of a topic (post_id null) or a post, until a moderator resolves it. */
export interface WebboardReportsTable {
  id: string;
  agency_id: string;
  topic_id: string;
  post_id: string | null;
  reporter_account_id: string | null;
  reason: string;
  created_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  outcome: string | null;
}

/** One word of a topic (title, visible posts, published answers), for the webboard's Thai search. */
export interface WebboardSearchTermsTable {
  agency_id: string;
  term: string;
  topic_id: string;
}
