import { AppError, type ErrorCode } from "../platform/errors.js";

/** Who may take an action from a status, and the status it leads to (the same one when it only records). */
export interface Transition<S extends string, R extends string> {
  readonly next: S;
  readonly by: readonly R[];
}

/**
 * The workflow as data: status → action → transition. An action missing from a status's row is not
 * allowed from that status. Tables are written `as const satisfies StatusTable<…>`.
 *
 * @example
 * const DOORS = {
 *   open: { close: { next: "closed", by: ["porter"] } },
 *   closed: { open: { next: "open", by: ["porter", "system"] } },
 * } as const satisfies StatusTable<"open" | "closed", "open" | "close", "porter" | "system">;
 */
export type StatusTable<S extends string, A extends string, R extends string> = {
  readonly [status in S]: { readonly [action in A]?: Transition<S, R> };
};

/** The role every unattended part of Borikan (outbox, LINE, schedulers) acts in. */
export const SYSTEM_ROLE = "system";

/** The role an applicant acts in (on the tracking page, by a reply): tables name it like a staff role. */
export const APPLICANT_ROLE = "applicant";

/**
 * Who acts: an officer with the roles they hold, a part of Borikan itself (named in the audit row), or
 * the applicant, proven by the matter's tracking token (never by a name they typed).
 */
export type Actor<R extends string> =
  | { kind: "staff"; staffId: string; roles: readonly R[] }
  | { kind: "system"; name: string }
  | { kind: "applicant"; via: "tracking-page" | "email" | "line" | "api" };

/** The table roles an actor acts in. */
export const actorRoles = <R extends string>(
  actor: Actor<R>,
): readonly (R | typeof SYSTEM_ROLE | typeof APPLICANT_ROLE)[] =>
  actor.kind === "staff" ? actor.roles : actor.kind === "system" ? [SYSTEM_ROLE] : [APPLICANT_ROLE];

/** How an actor is written in the audit trail: `staff:<id>`, `applicant:<via>`, or the system part's name. */
export const auditActor = (actor: Actor<string>): string =>
  actor.kind === "staff"
    ? `staff:${actor.staffId}`
    : actor.kind === "system"
      ? actor.name
      : `applicant:${actor.via}`;

/** A status's row, never a name inherited from the object prototype (statuses may come from rows). */
function rowOf<S extends string, R extends string>(
  table: StatusTable<S, string, R>,
  status: S,
): Record<string, Transition<S, R> | undefined> | undefined {
  return Object.hasOwn(table, status) ? (table[status] as Record<string, Transition<S, R>>) : undefined;
}

/** The actions someone holding `roles` may take from `status`, in the table's order. */
export function allowedActions<S extends string, A extends string, R extends string>(
  table: StatusTable<S, A, R>,
  status: NoInfer<S>,
  roles: readonly NoInfer<R>[],
): A[] {
  const row = rowOf(table, status);
  if (!row) return [];
  return Object.entries(row)
    .filter(([, step]) => step?.by.some((role) => roles.includes(role)))
    .map(([action]) => action as A);
}

/**
 * The status `action` leads to from `status` when someone holding `roles` takes it.
 * Throws ACTION_NOT_ALLOWED (409; or `refusedFrom[status]`, a clearer code for that status, such as
 * "this entry is cancelled") when the action is not allowed from the status at all, and
 * ACTION_FORBIDDEN (403) when it is, but not for these roles.
 */
export function nextStatus<S extends string, A extends string, R extends string>(
  table: StatusTable<S, A, R>,
  status: NoInfer<S>,
  action: NoInfer<A>,
  roles: readonly NoInfer<R>[],
  refusedFrom: Partial<Record<NoInfer<S>, ErrorCode>> = {},
): S {
  const row = rowOf(table, status);
  const step = row && Object.hasOwn(row, action) ? row[action] : undefined;
  if (!step) {
    const code = Object.hasOwn(refusedFrom, status) ? refusedFrom[status] : undefined;
    throw new AppError(code ?? "ACTION_NOT_ALLOWED", { action, status });
  }
  if (!step.by.some((role) => roles.includes(role))) throw new AppError("ACTION_FORBIDDEN", { action });
  return step.next;
}
