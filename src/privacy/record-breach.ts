import { recordAudit } from "../audit/index.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import { auditActor } from "../workflow/index.js";
import type { BreachRisk } from "./breach.table.js";
import { breachInvalid, breachText, localInstant, notFuture, oneOf } from "./breach-input.js";
import { BREACH_DATA_CLASSES, BREACH_RISKS, BREACH_ROLES, type BreachDataClass } from "./breach-statuses.js";
import { type Breach, findBreach } from "./breaches.repo.js";
import type { BreachActor } from "./record-breach-action.js";

/** What an officer types to record a breach (form values, unchecked). */
export interface BreachReport {
  occurredAt: unknown;
  awareAt: unknown;
  description: unknown;
  dataClasses: unknown;
  peopleEstimate: unknown;
  risk: unknown;
  measures: unknown;
}

/** The report checked: every refusal is a 4xx naming its field, and nothing is written before. */
export function checkBreachReport(report: BreachReport, timeZone: string, now: Date) {
  const occurredAt = notFuture(localInstant(report.occurredAt, "occurredAt", timeZone), "occurredAt", now);
  const awareAt = notFuture(localInstant(report.awareAt, "awareAt", timeZone), "awareAt", now);
  // One cannot become aware of what has not happened yet.
  if (awareAt < occurredAt) throw new AppError("BREACH_AWARE_BEFORE_OCCURRED", {}, { field: "awareAt" });
  const classes = Array.isArray(report.dataClasses) ? report.dataClasses : [report.dataClasses];
  if (report.dataClasses === undefined || classes.length === 0 || classes.length > BREACH_DATA_CLASSES.length)
    throw breachInvalid("dataClasses");
  const dataClasses = [
    ...new Set(classes.map((c) => oneOf<BreachDataClass>(c, "dataClasses", BREACH_DATA_CLASSES))),
  ];
  const people =
    typeof report.peopleEstimate === "string" ? report.peopleEstimate.trim() : report.peopleEstimate;
  if (typeof people !== "string" || !/^\d{1,9}$/.test(people)) throw breachInvalid("peopleEstimate");
  return {
    occurredAt,
    awareAt,
    description: breachText(report.description, "description", 5000),
    dataClasses,
    peopleEstimate: Number(people),
    risk: oneOf<BreachRisk>(report.risk, "risk", BREACH_RISKS),
    measures: breachText(report.measures, "measures", 5000),
  };
}

/**
 * #17 privacy, PD-5: records a breach in the register (status `recorded`), its first event and the audit
 * row in one transaction. The 72-hour clock starts from `awareAt` (breachClock).
 */
export async function recordBreach(
  handle: DatabaseHandle,
  input: {
    agencyId: string;
    timeZone: string;
    report: BreachReport;
    actor: BreachActor;
    at: Date;
    ip?: string;
  },
): Promise<Breach> {
  if (!input.actor.roles.some((r) => BREACH_ROLES.includes(r))) throw new AppError("FORBIDDEN");
  const checked = checkBreachReport(input.report, input.timeZone, input.at);
  const id = newId();
  const at = input.at.toISOString();
  const actor = auditActor(input.actor);
  await withTransaction(handle, async (trx) => {
    await trx
      .insertInto("privacy_breaches")
      .values({
        id,
        agency_id: input.agencyId,
        status: "recorded",
        occurred_at: checked.occurredAt.toISOString(),
        aware_at: checked.awareAt.toISOString(),
        description: checked.description,
        data_classes: JSON.stringify(checked.dataClasses),
        people_estimate: checked.peopleEstimate,
        risk: checked.risk,
        measures: checked.measures,
        not_notifiable_reason: null,
        regulator_notified_at: null,
        subjects_told_at: null,
        recorded_by: actor,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await trx
      .insertInto("privacy_breach_events")
      .values({
        id: newId(),
        agency_id: input.agencyId,
        breach_id: id,
        action: "record",
        from_status: null,
        to_status: "recorded",
        reason: null,
        actor,
        at,
      })
      .execute();
    // Ids and counts only: the account of the breach stays in its sealed row.
    await recordAudit(trx, {
      agencyId: input.agencyId,
      actor,
      action: "privacy.breach.record",
      subjectType: "privacy_breach",
      subjectId: id,
      data: { risk: checked.risk, dataClasses: checked.dataClasses, peopleEstimate: checked.peopleEstimate },
      ip: input.ip,
      at,
    });
  });
  return (await findBreach(handle.db, input.agencyId, id))!;
}
