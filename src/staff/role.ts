/** Staff roles (issue #3). An officer may hold several. */
export const ROLES = [
  "saraban_officer",
  "reviewer",
  "approver",
  "finance_officer",
  "supervisor",
  "head_of_agency",
  "admin",
] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** #12: who works matters (casework pages and panels); finance officers take no part in checking or approval. */
export const CASEWORK_ROLES: readonly Role[] = [
  "saraban_officer",
  "reviewer",
  "approver",
  "supervisor",
  "head_of_agency",
  "admin",
];

/** Who may work the incoming register (read it, register paper, assign, cancel, export). */
export const REGISTER_ROLES: readonly Role[] = ["saraban_officer", "supervisor", "head_of_agency", "admin"];
