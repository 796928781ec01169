import { recordAudit } from "../audit/index.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import type { Role } from "../staff/index.js";
import { type Actor, auditActor, nextStatus } from "../workflow/index.js";
import type { BreachRisk, BreachStatus } from "./breach.table.js";
import { breachText, localInstant, notFuture, oneOf } from "./breach-input.js";
import {
  BREACH_RISKS,
  BREACH_STATUSES,
  type BreachAction,
  NOTICE_METHODS,
  TELLING_ACTIONS,
} from "./breach-statuses.js";
import { type Breach, findBreach } from "./breaches.repo.js";

export type BreachActor = Extract<Actor<Role>, { kind: "staff" }>;

export interface BreachActionInput {
  agencyId: string;
  breachId: string;
  action: BreachAction;
  actor: BreachActor;
  at: Date;
  timeZone: string;
  /** The `updatedAt` the officer's page showed: a breach changed since is BREACH_STALE. */
  expectedUpdatedAt?: string;
  /** Form values, unchecked: `risk` (assess), `reason`, `toldAt`, `method`, `note` (a telling). */
  form: Record<string, unknown>;
  ip?: string;
}

/** The checked details of one act: a telling's time, way and note; a reason; a revised risk. */
function detailsOf(breach: Breach, input: BreachActionInput) {
  const { action, form } = input;
  const reason = breachText(form.reason, "reason", 2000, action !== "not_notifiable");
  const risk: BreachRisk = action === "assess" ? oneOf(form.risk, "risk", BREACH_RISKS) : breach.risk;
  if (!TELLING_ACTIONS.includes(action)) return { reason, risk, telling: undefined };
  const toldAt = notFuture(localInstant(form.toldAt, "toldAt", input.timeZone), "toldAt", input.at);
  if (toldAt.getTime() < Date.parse(breach.awareAt))
    throw new AppError("BREACH_TOLD_BEFORE_AWARE", {}, { field: "toldAt" });
  const telling = {
    recipient: action === "notify_regulator" ? ("regulator" as const) : ("subjects" as const),
    method: oneOf(form.method, "method", NOTICE_METHODS),
    toldAt: toldAt.toISOString(),
    note: breachText(form.note, "note", 2000, true),
  };
  return { reason, risk, telling };
}

/**
 * #17 privacy, PD-5: the one way a breach's status changes. Checks the status table and the roles (a
 * closed breach is BREACH_ACTION_NOT_ALLOWED), the rules of s.37 (a high risk is always notifiable and
 * cannot close before the people affected are told), the version (BREACH_STALE); then writes the row,
 * the event, the telling and the audit row in one transaction. Every refusal writes nothing.
 */
export async function recordBreachAction(handle: DatabaseHandle, input: BreachActionInput): Promise<Breach> {
  return withTransaction(handle, async (trx) => {
    const breach = await findBreach(trx, input.agencyId, input.breachId);
    if (!breach) throw new AppError("BREACH_NOT_FOUND");
    let next: BreachStatus;
    try {
      next = nextStatus(BREACH_STATUSES, breach.status, input.action, input.actor.roles);
    } catch (error) {
      if (error instanceof AppError && error.code === "ACTION_NOT_ALLOWED")
        throw new AppError("BREACH_ACTION_NOT_ALLOWED", { status: breach.status, action: input.action });
      throw error;
    }
    if (input.expectedUpdatedAt !== undefined && input.expectedUpdatedAt !== breach.updatedAt)
      throw new AppError("BREACH_STALE");
    const { reason, risk, telling } = detailsOf(breach, input);
    // s.37(4): only a breach unlikely to result in a risk may go unreported to the regulator.
    if (input.action === "not_notifiable" && breach.risk === "high")
      throw new AppError("BREACH_HIGH_RISK_NOTIFIABLE");
    // s.37(4): a high risk is told to the people affected, with the remedies, before the case closes.
    if (input.action === "close" && breach.risk === "high" && breach.subjectsToldAt === null)
      throw new AppError("BREACH_SUBJECTS_NOT_TOLD");
    const at = input.at.toISOString();
    const actor = auditActor(input.actor);
    const updated = await trx
      .updateTable("privacy_breaches")
      .set({
        status: next,
        risk,
        updated_at: at,
        ...(input.action === "not_notifiable" && { not_notifiable_reason: reason }),
        ...(input.action === "notify_regulator" && { regulator_notified_at: telling!.toldAt }),
        ...(input.action === "tell_subjects" && { subjects_told_at: telling!.toldAt }),
      })
      .where("id", "=", breach.id)
      .where("status", "=", breach.status)
      .where("updated_at", "=", breach.updatedAt)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError("BREACH_STALE");
    await trx
      .insertInto("privacy_breach_events")
      .values({
        id: newId(),
        agency_id: input.agencyId,
        breach_id: breach.id,
        action: input.action,
        from_status: breach.status,
        to_status: next,
        reason: reason || null,
        actor,
        at,
      })
      .execute();
    if (telling)
      await trx
        .insertInto("privacy_breach_notices")
        .values({
          id: newId(),
          agency_id: input.agencyId,
          breach_id: breach.id,
          recipient: telling.recipient,
          method: telling.method,
          told_at: telling.toldAt,
          note: telling.note,
          recorded_by: actor,
          recorded_at: at,
        })
        .execute();
    await recordAudit(trx, {
      agencyId: input.agencyId,
      actor,
      action: `privacy.breach.${input.action}`,
      subjectType: "privacy_breach",
      subjectId: breach.id,
      data: { status: { from: breach.status, to: next }, risk, method: telling?.method },
      ip: input.ip,
      at,
    });
    return (await findBreach(trx, input.agencyId, breach.id))!;
  });
}
