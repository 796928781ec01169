import type { FastifyInstance } from "fastify";
import type { Clock } from "../platform/clock.js";
import type { Sealer } from "../platform/crypto/index.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { asForm, formString } from "../platform/http/form-fields.js";
import { staffGuard } from "../staff/index.js";
import { verifyDelegation } from "./delegation-verify.js";
import { officerOf } from "./video.routes.js";
import { IDENTITY_ROLES } from "./video-panel.js";

/** FM-5: `POST /office/matters/:matterId/identity/delegation/verify` (outcome, valid until, note), 303 back. */
export async function delegationRoutes(
  app: FastifyInstance,
  deps: { handle: DatabaseHandle; clock: Clock; sealer: Sealer },
) {
  const guard = staffGuard(deps.handle.db, deps.clock);
  app.post<{ Params: { matterId: string } }>(
    "/office/matters/:matterId/identity/delegation/verify",
    { schema: { hide: true }, preHandler: guard(IDENTITY_ROLES) },
    async (req, reply) => {
      const form = asForm(req.body);
      const outcome = formString(form.outcome, "outcome", 20);
      if (outcome !== "verified" && outcome !== "refused")
        throw new AppError("VALIDATION_FAILED", { detail: "outcome" }, { field: "outcome" });
      await verifyDelegation(
        deps,
        {
          agencyId: req.agency.id,
          matterId: req.params.matterId,
          outcome,
          validUntil: formString(form.validUntil, "validUntil", 20),
          note: formString(form.note, "note", 2000).trim(),
        },
        officerOf(req, deps.clock),
      );
      return reply.redirect(`${req.basePath}/office/matters/${encodeURIComponent(req.params.matterId)}`, 303);
    },
  );
}
