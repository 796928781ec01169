import type { FastifyInstance, FastifyRequest } from "fastify";
import { matterScope } from "../casework/index.js";
import { AppError } from "../platform/errors.js";
import { asForm, formString } from "../platform/http/form-fields.js";
import { findMatter } from "../register/index.js";
import { staffGuard } from "../staff/index.js";
import { deliverLicence } from "./deliver-licence.js";
import type { DeliveryChannel } from "./deliveries.table.js";
import type { DeliveryDeps } from "./delivery-deps.js";
import { DELIVERY_ROLES } from "./delivery-panel.js";
import { currentLicence } from "./download-licence.js";

type MatterRequest = FastifyRequest<{ Params: { matterId: string } }>;
const CHANNELS: readonly string[] = ["email", "line", "download"];

/**
 * DL-1: an officer's "send again" or "send by another channel" from the delivery panel,
 * `POST /office/matters/:matterId/licence-deliveries` (channel: empty for the usual choice). The handling
 * roles, the session's CSRF token; another agency's matter or a licence not of this matter is a 404.
 * Audited by the use case (licence.deliver).
 */
export async function deliveryOfficeRoutes(app: FastifyInstance, deps: DeliveryDeps): Promise<void> {
  const guard = staffGuard(deps.handle.db, deps.clock);
  app.post(
    "/office/matters/:matterId/licence-deliveries",
    { schema: { hide: true }, preHandler: [guard(DELIVERY_ROLES)] },
    async (req: MatterRequest, reply) => {
      const form = asForm(req.body);
      const channel = formString(form.channel, "channel", 10);
      if (channel && !CHANNELS.includes(channel))
        throw new AppError("DELIVERY_CHANNEL_UNAVAILABLE", { channel: "?" });
      const licenceId = formString(form.licenceId, "licenceId", 64);
      const matter = await findMatter(deps.handle.db, req.agency.id, req.params.matterId);
      const licence = matter && (await currentLicence(deps, matter.id));
      const staff = req.staffSession!.staff;
      // Another unit's matter is as unknown as another agency's (casework's scope).
      if (!matter || !licence || licence.id !== licenceId || !matterScope(staff, matter))
        throw new AppError("LICENCE_NOT_FOUND");
      await deliverLicence(deps, {
        agencyId: req.agency.id,
        licenceId: licence.id,
        actor: { kind: "staff", staffId: staff.id, roles: staff.roles },
        at: deps.clock.now(),
        channel: (channel || undefined) as DeliveryChannel | undefined,
        ip: req.ip,
      });
      return reply.redirect(`${req.basePath}/office/matters/${encodeURIComponent(matter.id)}`, 303);
    },
  );
}
