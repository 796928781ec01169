import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { findLicence } from "../licensing/index.js";
import { AppError } from "../platform/errors.js";
import { sendPage } from "../platform/http/layout.js";
import { t } from "../platform/i18n/index.js";
import { findMatter, findTrackedEntry } from "../register/index.js";
import { findDelivery, listMatterDeliveries } from "./deliveries.repo.js";
import type { DeliveryDeps } from "./delivery-deps.js";
import {
  currentLicence,
  deliveryFile,
  type LicenceFile,
  recordDownload,
  trackedLicenceFile,
} from "./download-licence.js";
import { isValidDownloadLink } from "./download-link.js";
import { applicantLicenceView } from "./views/applicant-licence.view.js";

type TrackedRequest = FastifyRequest<{
  Params: { beYear: string; sequence: string };
  Querystring: { t?: unknown };
}>;
type LinkRequest = FastifyRequest<{
  Params: { deliveryId: string };
  Querystring: { e?: unknown; s?: unknown };
}>;

function sendFile(reply: FastifyReply, file: LicenceFile) {
  return reply
    .type(file.type)
    .header("content-disposition", `attachment; filename="${file.name}"`)
    .header("cache-control", "private, no-store")
    .header("x-content-type-options", "nosniff")
    .send(file.bytes);
}

/**
 * DL-4: the applicant's licence under their tracking link, `GET /requests/:beYear/:sequence/licence?t=`
 * (number, status, download), its file `…/licence.pdf?t=`, and a delivery's expiring signed link
 * `GET /licence-files/:deliveryId?e=&s=`. A wrong number or token, or another matter's, is a 404; a link
 * whose signature or time is wrong is a 403. The first download is recorded.
 */
export async function deliveryRoutes(app: FastifyInstance, deps: DeliveryDeps): Promise<void> {
  const { handle } = deps;

  async function tracked(req: TrackedRequest) {
    const token = typeof req.query.t === "string" ? req.query.t : "";
    const entry = await findTrackedEntry(handle.db, deps.secret, req.agency.id, req.params, token);
    const matter = await findMatter(handle.db, req.agency.id, entry.matterId);
    if (!matter) throw new AppError("ENTRY_NOT_FOUND");
    return { matter, token };
  }

  app.get("/requests/:beYear/:sequence/licence", async (req: TrackedRequest, reply) => {
    const { matter, token } = await tracked(req);
    const licence = await currentLicence(deps, matter.id);
    const deliveries = licence
      ? (await listMatterDeliveries(handle.db, matter.id)).filter((d) => d.licence_id === licence.id)
      : [];
    const base = `${req.basePath}/requests/${req.params.beYear}/${req.params.sequence}`;
    return sendPage(req, reply, {
      title: t(req.lang, "delivery.page.title", { receiptNumber: matter.receiptNumber }),
      body: applicantLicenceView({
        lang: req.lang,
        timeZone: req.agency.timeZone,
        receiptNumber: matter.receiptNumber,
        licence,
        deliveries,
        download: `${base}/licence.pdf?t=${encodeURIComponent(token)}`,
        tracking: `${base}?t=${encodeURIComponent(token)}`,
      }),
    });
  });

  app.get("/requests/:beYear/:sequence/licence.pdf", async (req: TrackedRequest, reply) => {
    const { matter } = await tracked(req);
    const { file, delivery } = await trackedLicenceFile(deps, matter.id);
    if (delivery) await recordDownload(deps, delivery, deps.clock.now());
    return sendFile(reply, file);
  });

  app.get("/licence-files/:deliveryId", async (req: LinkRequest, reply) => {
    const now = deps.clock.now();
    if (!isValidDownloadLink(deps.secret, req.params.deliveryId, req.query, now))
      throw new AppError("DELIVERY_LINK_INVALID");
    const delivery = await findDelivery(handle.db, req.agency.id, req.params.deliveryId);
    const licence = delivery && (await findLicence(handle.db, req.agency.id, delivery.licence_id));
    if (!delivery || !licence) throw new AppError("DELIVERY_NOT_FOUND");
    const file = await deliveryFile(deps, delivery, licence);
    await recordDownload(deps, delivery, now);
    return sendFile(reply, file);
  });
}
