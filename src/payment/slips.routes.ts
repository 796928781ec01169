import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../platform/errors.js";
import { formString } from "../platform/http/form-fields.js";
import { readMultipart } from "../platform/http/multipart.js";
import { findMatter, findTrackedEntry } from "../register/index.js";
import { financeHomeRoutes } from "./finance-home.routes.js";
import type { PaymentDeps } from "./payment-deps.js";
import { receiveSlip } from "./receive-slip.js";
import { slipsOfficeRoutes } from "./slips-office.routes.js";
import { slipFormToken } from "./slips-section.js";

type TrackedRequest = FastifyRequest<{
  Params: { beYear: string; sequence: string };
  Querystring: { t?: unknown };
}>;

const APPLICANT = { kind: "applicant", via: "tracking-page" } as const;

/**
 * PY-2: `POST /requests/:beYear/:sequence/payment/slips?t=` — the applicant sends one slip (JPG, PNG or
 * PDF by content) for the matter of the tracking link, multipart with the page's token first; back to the
 * payment page (303). And the finance officers' pages: the slips, the finance home and the daily check.
 */
export async function slipsRoutes(app: FastifyInstance, deps: PaymentDeps): Promise<void> {
  app.post(
    "/requests/:beYear/:sequence/payment/slips",
    { schema: { hide: true } },
    async (req: TrackedRequest, reply) => {
      if (req.headers["sec-fetch-site"] === "cross-site") throw new AppError("CSRF_FAILED");
      const token = typeof req.query.t === "string" ? req.query.t : "";
      const entry = await findTrackedEntry(deps.handle.db, deps.secret, req.agency.id, req.params, token);
      if (!req.isMultipart()) throw new AppError("SLIP_MISSING");
      // The token must be the first part: nothing of the body is read before it is checked.
      req.pendingCsrfToken = slipFormToken(deps.secret, entry.id);
      const { fields, files } = await readMultipart(req, { ...deps.limits, maxFiles: 1 });
      const file = files[0];
      if (!file) throw new AppError("SLIP_MISSING");
      if (files.length > 1 || file.refusal === "TOO_MANY_FILES") throw new AppError("TOO_MANY_FILES");
      if (file.refusal) throw new AppError("REQUEST_TOO_LARGE");
      const noticeId = formString(fields.notice, "notice", 64) || null;
      const matter = await findMatter(deps.handle.db, req.agency.id, entry.matterId);
      if (!matter) throw new AppError("ENTRY_NOT_FOUND");
      await receiveSlip(
        deps,
        { agencyId: req.agency.id, matterId: matter.id, noticeId, channel: "web", bytes: file.bytes },
        APPLICANT,
        deps.clock.now(),
        { strict: true },
      );
      const base = `${req.basePath}/requests/${req.params.beYear}/${req.params.sequence}`;
      return reply.redirect(`${base}/payment?t=${encodeURIComponent(token)}&slip=received`, 303);
    },
  );
  await slipsOfficeRoutes(app, deps);
  await financeHomeRoutes(app, deps);
}
