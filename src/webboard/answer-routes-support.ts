import type { FastifyRequest } from "fastify";
import { listUnits } from "../agencies/index.js";
import { AGENCY_WIDE_ROLES } from "../casework/index.js";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import type { Form } from "../platform/http/form-fields.js";
import { formString } from "../platform/http/form-fields.js";
import type { AnswerActor } from "./record-answer-action.js";
import type { UnitChoice } from "./views/answer-form.view.js";

/** What the officers' answer pages are given. */
export interface AnswerRoutesDeps {
  handle: DatabaseHandle;
  clock: Clock;
  /** The install's public address: the citizen's notice links to the topic's public page. */
  publicUrl: string;
}

/** Ids are UUIDs: anything else names nothing (and never reaches the database). */
export const idOf = (id: string, code: "ANSWER_NOT_FOUND" | "ANSWER_TOPIC_NOT_FOUND") => {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new AppError(code);
  return id;
};

export const answerActorOf = (req: FastifyRequest): AnswerActor => {
  const staff = req.staffSession!.staff;
  return { kind: "staff", staffId: staff.id, roles: staff.roles, unitIds: staff.unitIds };
};

/** The public page of a topic (the webboard part serves it), for the asker's notice. */
export const topicUrlOf = (deps: AnswerRoutesDeps, req: FastifyRequest) => (topicId: string) =>
  `${deps.publicUrl.replace(/\/$/, "")}${req.basePath}/webboard/topics/${topicId}`;

/** The units an officer may answer for: their own, or any of the agency's (and none) for agency-wide roles. */
export async function unitChoices(
  deps: AnswerRoutesDeps,
  req: FastifyRequest,
): Promise<{ units: UnitChoice[]; allowNone: boolean }> {
  const staff = req.staffSession!.staff;
  const all = await listUnits(deps.handle.db, req.agency.id);
  const name = (u: (typeof all)[number]) => (req.lang === "en" ? u.name_en : u.name_th);
  if (staff.roles.some((r) => AGENCY_WIDE_ROLES.includes(r)))
    return { units: all.map((u) => ({ id: u.id, name: name(u) })), allowNone: true };
  return {
    units: all.filter((u) => staff.unitIds.includes(u.id)).map((u) => ({ id: u.id, name: name(u) })),
    allowNone: false,
  };
}

/** The answer's fields from a form (each bounded; `checkCitation` judges them). */
export const citationOf = (form: Form) => ({
  body: formString(form.body, "body", 20_000),
  regulation: formString(form.regulation, "regulation", 1000),
  effectiveOn: formString(form.effectiveOn, "effectiveOn", 40),
  holdsAsOf: formString(form.holdsAsOf, "holdsAsOf", 40),
  unitId: form.unitId === undefined ? undefined : formString(form.unitId, "unitId", 40),
});

/** The version the page showed, or undefined. */
export function expectedOf(form: Form): string | undefined {
  const text = formString(form.expectedUpdatedAt, "expectedUpdatedAt", 40);
  if (text === "") return undefined;
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(text))
    throw new AppError("VALIDATION_FAILED", { detail: "expectedUpdatedAt" }, { field: "expectedUpdatedAt" });
  return text;
}
