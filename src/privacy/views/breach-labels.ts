import type { FastifyRequest } from "fastify";
import { formatDateTime } from "../../platform/i18n/format.js";
import { type MessageKey, t } from "../../platform/i18n/index.js";
import type { BreachClock } from "../breach-clock.js";

/** A message whose key ends in a value from a closed list (statuses, risks, methods, classes). */
export const label = (req: FastifyRequest, prefix: string, value: string) =>
  t(req.lang, `${prefix}.${value}` as MessageKey);

export const when = (req: FastifyRequest, iso: string) =>
  formatDateTime(req.lang, new Date(iso), (req.agency as { timeZone?: string }).timeZone ?? "Asia/Bangkok");

/** The 72-hour clock in words: hours left, overdue, stopped (notified, late or not), not notifiable. */
export function clockText(req: FastifyRequest, clock: BreachClock): string {
  if (clock.overdue) return t(req.lang, "privacy.breach.clock.overdue", { hours: -clock.hoursLeft! });
  if (clock.hoursLeft !== null) return t(req.lang, "privacy.breach.clock.left", { hours: clock.hoursLeft });
  return t(req.lang, clock.late ? "privacy.breach.clock.late" : "privacy.breach.clock.stopped");
}
