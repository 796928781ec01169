import type { FastifyRequest } from "fastify";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { type Form, formString } from "../platform/http/form-fields.js";
import type { BroadcastContent, BroadcastOfficer } from "./write-broadcast.js";

/** What the broadcast pages are given: LINE's token is read from `env` by the LINE room. */
export interface BroadcastRoutesDeps {
  handle: DatabaseHandle;
  clock: Clock;
  env: NodeJS.ProcessEnv;
}

/** Ids are UUIDs: anything else names nothing (and never reaches the database). */
export const broadcastIdOf = (id: string) => {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new AppError("BROADCAST_NOT_FOUND");
  return id;
};

export const officerOf = (req: FastifyRequest): BroadcastOfficer => {
  const staff = req.staffSession!.staff;
  return { kind: "staff", staffId: staff.id, roles: staff.roles };
};

/** The broadcast's fields from a form, each bounded (`checkContent` judges them). */
export const contentOf = (form: Form): BroadcastContent => ({
  title: formString(form.title, "title", 1000),
  textTh: formString(form.textTh, "textTh", 10_000),
  textEn: formString(form.textEn, "textEn", 10_000),
});

/** The version the page showed: required, so that no act lands on a broadcast the officer did not see. */
export function versionOf(form: Form): number {
  const text = formString(form.expectedVersion, "expectedVersion", 12);
  if (!/^\d{1,9}$/.test(text))
    throw new AppError("VALIDATION_FAILED", { detail: "expectedVersion" }, { field: "expectedVersion" });
  return Number(text);
}
