import type { FastifyInstance } from "fastify";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { asForm } from "../platform/http/form-fields.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { staffGuard } from "../staff/index.js";
import { setPrivacyOfficer } from "./privacy-officer.js";
import { buildProcessingRecord } from "./processing-record.js";
import { processingRecordCsv, processingRecordPdf } from "./processing-record-files.js";
import { processingRecordView } from "./views/processing-record.view.js";

export interface PrivacyRecordsDeps {
  handle: DatabaseHandle;
  clock: Clock;
}

/** PD-2: who reads the record of processing; only an admin names the data protection officer. */
export const PROCESSING_RECORD_ROLES = ["admin", "head_of_agency", "supervisor"] as const;

/**
 * #17 privacy, PD-2: `GET /office/privacy/processing` (the record, generated at each request from the
 * live configuration), `…/processing.csv` and `…/processing.pdf`, and `POST /office/privacy/officer`
 * (admin: the DPO's name and contact, audited). Other roles get 403.
 */
export async function processingRecordRoutes(app: FastifyInstance, deps: PrivacyRecordsDeps): Promise<void> {
  const { handle, clock } = deps;
  const guard = staffGuard(handle.db, clock)(PROCESSING_RECORD_ROLES);
  const adminGuard = staffGuard(handle.db, clock)(["admin"]);
  const recordOf = (req: { agency: { id: string; nameTh: string; nameEn: string }; lang: "th" | "en" }) =>
    buildProcessingRecord(handle.db, {
      agencyId: req.agency.id,
      controller: req.lang === "en" ? req.agency.nameEn : req.agency.nameTh,
      lang: req.lang,
      now: clock.now(),
    });

  app.get("/office/privacy/processing", { schema: { hide: true }, preHandler: guard }, async (req, reply) => {
    const record = await recordOf(req);
    const isAdmin = req.staffSession!.staff.roles.includes("admin");
    return sendOfficePage(
      req,
      reply,
      t(req.lang, "privacy.record.title"),
      processingRecordView(req, record, isAdmin),
      {
        wide: true,
      },
    );
  });

  app.get(
    "/office/privacy/processing.csv",
    { schema: { hide: true }, preHandler: guard },
    async (req, reply) =>
      reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="record-of-processing.csv"')
        .header("cache-control", "no-store")
        .send(processingRecordCsv(await recordOf(req))),
  );

  app.get(
    "/office/privacy/processing.pdf",
    { schema: { hide: true }, preHandler: guard },
    async (req, reply) =>
      reply
        .type("application/pdf")
        .header("content-disposition", 'attachment; filename="record-of-processing.pdf"')
        .header("cache-control", "no-store")
        .send(await processingRecordPdf(await recordOf(req), req.lang)),
  );

  app.post(
    "/office/privacy/officer",
    { schema: { hide: true }, preHandler: adminGuard },
    async (req, reply) => {
      const form = asForm(req.body);
      const staff = req.staffSession!.staff;
      await setPrivacyOfficer(handle, {
        agencyId: req.agency.id,
        name: form.name,
        contact: form.contact,
        actor: { staffId: staff.id, roles: staff.roles },
        at: clock.now(),
        ip: req.ip,
      });
      return reply.redirect(`${req.basePath}/office/privacy/processing`, 303);
    },
  );
}
