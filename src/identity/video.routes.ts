import type { FastifyInstance, FastifyRequest } from "fastify";
import { fileTypeFromBuffer } from "file-type";
import type { Clock } from "../platform/clock.js";
import type { Sealer } from "../platform/crypto/index.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { asForm, type Form, formString } from "../platform/http/form-fields.js";
import { type MultipartLimits, readMultipart } from "../platform/http/multipart.js";
import type { FileStore } from "../platform/storage/file-store.js";
import { recordDataReads } from "../privacy/index.js";
import { CASEWORK_ROLES, staffGuard } from "../staff/index.js";
import { bookVideoCall } from "./video-book-call.js";
import { listVideoAppointments } from "./video-calls.repo.js";
import { IDENTITY_ROLES } from "./video-panel.js";
import { recordVideoCallOutcome } from "./video-record-outcome.js";
import { type IdentityOfficer, loadIdentitySubject } from "./video-subject.js";

export interface VideoRoutesDeps {
  handle: DatabaseHandle;
  clock: Clock;
  files: FileStore;
  sealer: Sealer;
  limits: MultipartLimits;
}

type MatterRequest = FastifyRequest<{ Params: { matterId: string } }>;
const OUTCOMES = ["proven", "refused", "missed"] as const;
const invalid = (field: string) => new AppError("VALIDATION_FAILED", { detail: field }, { field });

export function formVersion(form: Form): number {
  const text = formString(form.version, "version", 12);
  if (!/^\d{1,9}$/.test(text)) throw invalid("version");
  return Number(text);
}

export function officerOf(req: FastifyRequest, clock: Clock): IdentityOfficer {
  const staff = req.staffSession!.staff;
  return { staffId: staff.id, roles: staff.roles, unitIds: staff.unitIds, at: clock.now(), ip: req.ip };
}

/**
 * ID-3: the officer's identity-call acts on a matter (the panel's forms): `POST …/identity/video/book`
 * (date-time in the agency's time, duration), `POST …/identity/video/outcome` (multipart: the outcome,
 * the captured still, a note), and the still itself for officers of the matter (PD-7: never cached).
 */
export async function videoRoutes(app: FastifyInstance, deps: VideoRoutesDeps) {
  const guard = staffGuard(deps.handle.db, deps.clock);
  const back = (req: MatterRequest) =>
    `${req.basePath}/office/matters/${encodeURIComponent(req.params.matterId)}`;

  app.post<{ Params: { matterId: string } }>(
    "/office/matters/:matterId/identity/video/book",
    { schema: { hide: true }, preHandler: guard(IDENTITY_ROLES) },
    async (req, reply) => {
      const form = asForm(req.body);
      const duration = formString(form.duration, "duration", 4);
      if (!/^\d{1,3}$/.test(duration)) throw invalid("duration");
      await bookVideoCall(
        deps.handle,
        {
          agencyId: req.agency.id,
          matterId: req.params.matterId,
          expectedVersion: formVersion(form),
          startsAtLocal: formString(form.startsAt, "startsAt", 40),
          durationMin: Number(duration),
        },
        officerOf(req, deps.clock),
      );
      return reply.redirect(back(req), 303);
    },
  );

  app.post<{ Params: { matterId: string } }>(
    "/office/matters/:matterId/identity/video/outcome",
    { schema: { hide: true }, preHandler: guard(IDENTITY_ROLES, { multipart: true }) },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError("UNSUPPORTED_MEDIA_TYPE");
      const { fields, files } = await readMultipart(req, deps.limits);
      const outcome = formString(fields.outcome, "outcome", 20);
      if (!(OUTCOMES as readonly string[]).includes(outcome)) throw invalid("outcome");
      const given = files.filter((f) => f.size > 0 || f.filename);
      if (given.length > 1) throw invalid("still");
      if (given[0]?.refusal) throw new AppError("VIDEO_STILL_NOT_IMAGE");
      await recordVideoCallOutcome(
        deps,
        {
          agencyId: req.agency.id,
          matterId: req.params.matterId,
          appointmentId: formString(fields.appointment, "appointment", 100),
          expectedVersion: formVersion(fields),
          outcome: outcome as (typeof OUTCOMES)[number],
          still: given[0]?.bytes.length ? given[0].bytes : undefined,
          note: formString(fields.note, "note", 2000).trim(),
        },
        officerOf(req, deps.clock),
      );
      return reply.redirect(back(req), 303);
    },
  );

  app.get<{ Params: { matterId: string; appointmentId: string } }>(
    "/office/matters/:matterId/identity/video/:appointmentId/still",
    { schema: { hide: true }, preHandler: guard(CASEWORK_ROLES) },
    async (req, reply) => {
      const officer = officerOf(req, deps.clock);
      const { matter } = await loadIdentitySubject(
        deps.handle.db,
        req.agency.id,
        req.params.matterId,
        officer,
      );
      const call = (await listVideoAppointments(deps.handle.db, matter.id)).find(
        (c) => c.id === req.params.appointmentId,
      );
      if (!call?.still_key) throw new AppError("VIDEO_CALL_NOT_FOUND");
      // PD-6: a look at the still is a read of the person's (biometric) data, shown on their account.
      await recordDataReads(deps.handle.db, {
        agencyId: req.agency.id,
        reader: `staff:${req.staffSession!.staff.id}`,
        what: "evidence",
        matterIds: [matter.id],
        at: deps.clock.now().toISOString(),
      });
      const bytes = await deps.files.read(call.still_key);
      const type = await fileTypeFromBuffer(bytes);
      return reply
        .header("content-type", type?.mime ?? "application/octet-stream")
        .header("cache-control", "no-store")
        .header("x-content-type-options", "nosniff")
        .send(bytes);
    },
  );
}
