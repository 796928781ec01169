import type { Role } from "../staff/index.js";
import type { StatusTable } from "../workflow/index.js";
import type { SubjectRequestKind, SubjectRequestStatus } from "./subject-requests.table.js";

export type SubjectRequestAction = "file" | "answer" | "refuse";

export const SUBJECT_REQUEST_KINDS: readonly SubjectRequestKind[] = [
  "access",
  "portability",
  "correction",
  "deletion",
  "objection",
];

export const isSubjectRequestKind = (value: string): value is SubjectRequestKind =>
  (SUBJECT_REQUEST_KINDS as readonly string[]).includes(value);

/** Kinds answered with the export of everything held on the person (PDPA s.30, s.31). */
export const EXPORT_KINDS: readonly SubjectRequestKind[] = ["access", "portability"];

/**
 * Who decides: a request reaches the person's data in every unit, so the agency-wide roles answer or
 * refuse it (the data protection function sits with them), after a step-up.
 */
export const SUBJECT_REQUEST_DECIDERS: readonly Role[] = ["supervisor", "head_of_agency", "admin"];

/** Who sees the list and turns a register entry into a request: the register's officers and the deciders. */
export const SUBJECT_REQUEST_OFFICERS: readonly Role[] = ["saraban_officer", ...SUBJECT_REQUEST_DECIDERS];

/** PD-3: open until answered or refused; a refusal needs its reasons. Written only by `recordSubjectRequestAction`. */
export const SUBJECT_REQUEST_STATUSES: StatusTable<SubjectRequestStatus, SubjectRequestAction, Role> = {
  open: {
    answer: { next: "answered", by: SUBJECT_REQUEST_DECIDERS },
    refuse: { next: "refused", by: SUBJECT_REQUEST_DECIDERS },
  },
  answered: {},
  refused: {},
};

/**
 * PDPA s.30 paragraph 3: the controller acts "within 30 days of receiving the request". The Act counts
 * days, not working days, so the register's holiday calendar does not stretch it: calendar days.
 */
export const SUBJECT_REQUEST_DAYS = 30;

export const subjectRequestDue = (receivedAt: Date): Date =>
  new Date(receivedAt.getTime() + SUBJECT_REQUEST_DAYS * 86_400_000);

/** Overdue: still open after its due time. */
export const isOverdue = (request: { status: SubjectRequestStatus; dueAt: string }, now: Date): boolean =>
  request.status === "open" && request.dueAt < now.toISOString();
