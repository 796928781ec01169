import { loadBusinessCalendar } from "../calendar/index.js";
import { issueLetter, type OutgoingLetterRow } from "../correspondence/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import { findMatter, recordAction } from "../register/index.js";
import type { Role } from "../staff/index.js";
import { findStaffName } from "../staff/index.js";
import { addDaysOfKind, auditActor } from "../workflow/index.js";
import { loadDeficiencyFacts } from "./deficiency-facts.js";
import { deficiencyLetter } from "./deficiency-letter.js";
import {
  type DeficiencyItem,
  insertDeficiencyRecord,
  listDeficiencyRecords,
} from "./deficiency-records.repo.js";

/** The officer's deficiency record, as the panel's form sends it. */
export interface DeficiencyRequest {
  agencyId: string;
  matterId: string;
  expectedVersion: number;
  items: DeficiencyItem[];
  /** How many days of the manual's kind the applicant has (the officer picks; 7 by default). */
  deadlineDays: number;
  /** LF-3: a second record only by a supervisor or the head of agency, with a reason. */
  overrideReason?: string;
}

export interface OfficerActor {
  staffId: string;
  roles: readonly Role[];
  /** The officer's units when bound to them (`officerScope`); absent: the whole agency. */
  unitIds?: readonly string[];
  ip?: string;
}

export const DEFAULT_DEADLINE_DAYS = 7;
const MAX_DEADLINE_DAYS = 90;
const OVERRIDERS: readonly Role[] = ["supervisor", "head_of_agency"];

/**
 * RV-2, LF-2, LF-3 (Act s.8): records the deficiency record of an application in one transaction: the
 * action `request-more-info` (the clock pauses), the record with the issuing officer's acknowledgement,
 * and its letter numbered in the outgoing register (ES-1). Only documents of the manual's checklist may be
 * listed; the deadline counts the manual's kind of day with the agency's calendar.
 * Throws DEFICIENCY_ITEMS_REQUIRED, DEFICIENCY_DEADLINE_INVALID, DEFICIENCY_ITEM_NOT_IN_MANUAL,
 * DEFICIENCY_ALREADY_REQUESTED (a second record without an override), DEFICIENCY_OVERRIDE_FORBIDDEN,
 * and recordAction's MATTER_NOT_FOUND (also outside the officer's units), MATTER_CHANGED, ACTION_NOT_ALLOWED.
 */
export async function requestMoreInformation(
  deps: { handle: DatabaseHandle; clock: Clock },
  input: DeficiencyRequest,
  actor: OfficerActor,
): Promise<{ recordId: string; letter: OutgoingLetterRow }> {
  if (input.items.length === 0) throw new AppError("DEFICIENCY_ITEMS_REQUIRED");
  const days = input.deadlineDays;
  if (!Number.isInteger(days) || days < 1 || days > MAX_DEADLINE_DAYS)
    throw new AppError("DEFICIENCY_DEADLINE_INVALID", { max: MAX_DEADLINE_DAYS });
  const at = deps.clock.now();
  const staff = { kind: "staff" as const, staffId: actor.staffId, roles: [...actor.roles] };
  return withTransaction(deps.handle, async (trx) => {
    // Scope and staleness first, so nothing else is told about a matter the officer may not see.
    const matter = await findMatter(trx, input.agencyId, input.matterId);
    if (!matter || (actor.unitIds && !(matter.unitId && actor.unitIds.includes(matter.unitId))))
      throw new AppError("MATTER_NOT_FOUND");
    if (matter.version !== input.expectedVersion)
      throw new AppError("MATTER_CHANGED", { version: matter.version });
    const facts = await loadDeficiencyFacts(trx, input.agencyId, input.matterId);
    const earlier = await listDeficiencyRecords(trx, matter.id);
    const override = earlier.length > 0 ? input.overrideReason?.trim() : undefined;
    if (earlier.length > 0 && !override) throw new AppError("DEFICIENCY_ALREADY_REQUESTED");
    if (override && !actor.roles.some((r) => OVERRIDERS.includes(r)))
      throw new AppError("DEFICIENCY_OVERRIDE_FORBIDDEN");
    const ids = new Set<string>();
    for (const item of input.items) {
      // LF-3, LF-7: never ask for a document the manual does not list.
      if (!facts.checklist.some((d) => d.id === item.documentId) || ids.has(item.documentId))
        throw new AppError("DEFICIENCY_ITEM_NOT_IN_MANUAL", { documentId: item.documentId.slice(0, 100) });
      ids.add(item.documentId);
    }
    const calendar = await loadBusinessCalendar(trx, facts.agency);
    const deadline = addDaysOfKind(calendar, at, days, facts.dayKind);
    const signerName = (await findStaffName(trx, actor.staffId)) ?? actor.staffId;
    const recordId = newId();
    const letterId = newId();
    // The action first: it locks the matter; the letter's counter is taken last and held until COMMIT.
    await recordAction(trx, {
      agencyId: input.agencyId,
      subject: { matterId: matter.id },
      action: "request-more-info",
      payload: {
        recordId,
        letterId,
        deadline: deadline.toISOString(),
        deadlineKind: facts.dayKind,
        itemCount: input.items.length,
        ...(override && { override: true }),
      },
      actor: staff,
      at,
      ip: actor.ip,
      expectedVersion: input.expectedVersion,
      unitIds: actor.unitIds,
    });
    const letter = await issueLetter(
      trx,
      {
        id: letterId,
        ...deficiencyLetter(
          { ...facts, matterId: matter.id, receiptNumber: matter.receiptNumber, signerName },
          { items: input.items, deadline, days, kind: facts.dayKind },
          facts.checklist,
        ),
      },
      { actor: auditActor(staff), at },
    );
    await insertDeficiencyRecord(trx, {
      id: recordId,
      agency_id: input.agencyId,
      matter_id: matter.id,
      application_id: facts.applicationId,
      ordinal: earlier.length + 1,
      items: JSON.stringify(input.items),
      deadline: deadline.toISOString(),
      deadline_days: days,
      deadline_kind: facts.dayKind,
      letter_id: letter.id,
      // RV-2: the issuing officer acknowledges the record by issuing it.
      officer_acknowledged_by: actor.staffId,
      officer_acknowledged_at: at.toISOString(),
      applicant_acknowledged_at: null,
      applicant_acknowledged_via: null,
      fulfilled_at: null,
      fulfilled_entry_id: null,
      lapsed_at: null,
      return_letter_id: null,
      override_reason: override ?? null,
      override_by: override ? actor.staffId : null,
      created_at: at.toISOString(),
    });
    return { recordId, letter };
  });
}
