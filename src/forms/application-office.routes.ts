import type { FastifyInstance, FastifyRequest } from "fastify";
import { findServiceVersion, listPublishedVersions } from "../catalog/index.js";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { type Html, html } from "../platform/html.js";
import { asForm, formString } from "../platform/http/form-fields.js";
import type { FileStore } from "../platform/storage/file-store.js";
import { type Entry, listAttachments } from "../register/index.js";
import { REGISTER_ROLES, staffGuard } from "../staff/index.js";
import { findApplicationByEntry, listApplicationDocuments } from "./applications.repo.js";
import { convertEntryToApplication } from "./entry-application.js";
import { applicationOfficeView, convertFormView } from "./views/application-office.view.js";

export interface ApplicationOfficeDeps {
  handle: DatabaseHandle;
  clock: Clock;
  files: FileStore;
}

/**
 * What the register's entry page shows of an application (the register itself knows nothing of
 * forms: the app hands it this): the application, or for an entry that is none the officer's action
 * to record it as one.
 */
export function applicationPanel(deps: ApplicationOfficeDeps) {
  return async (req: FastifyRequest, entry: Entry): Promise<Html> => {
    const db = deps.handle.db;
    const base = `${req.basePath}/office`;
    const attachments = await listAttachments(db, entry.id);
    const application = await findApplicationByEntry(db, entry.id);
    if (!application)
      return entry.status === "cancelled"
        ? html``
        : convertFormView({
            lang: req.lang,
            action: `${base}/entries/${entry.id}/application`,
            csrf: req,
            attachments,
            services: (await listPublishedVersions(db, req.agency.id)).map((v) => ({
              code: v.definition.code,
              name: req.lang === "en" ? (v.definition.name.en ?? v.definition.name.th) : v.definition.name.th,
            })),
          });
    const version = await findServiceVersion(db, application.service_version_id);
    if (!version) return html``;
    return applicationOfficeView({
      lang: req.lang,
      timeZone: req.agency.timeZone,
      base,
      entryId: entry.id,
      application,
      version,
      documents: await listApplicationDocuments(db, application.id),
      attachments,
    });
  };
}

/** The officer's act: `POST /office/entries/:id/application` records a mail, LINE or paper entry as an application. */
export function applicationOfficeRoutes(app: FastifyInstance, deps: ApplicationOfficeDeps) {
  const guard = staffGuard(deps.handle.db, deps.clock);
  app.post<{ Params: { id: string } }>(
    "/office/entries/:id/application",
    { schema: { hide: true }, preHandler: guard(REGISTER_ROLES) },
    async (req, reply) => {
      const form = asForm(req.body);
      const documents: Record<string, string> = {};
      for (const [name, value] of Object.entries(form)) {
        if (!name.startsWith("doc_")) continue;
        const documentId = formString(value, name, 100).trim();
        if (documentId) documents[name.slice(4)] = documentId;
      }
      await convertEntryToApplication(
        deps,
        req.agency.id,
        { entryId: req.params.id, serviceCode: formString(form.service, "service", 80).trim(), documents },
        { staffId: req.staffSession!.staff.id, ip: req.ip },
      );
      return reply.redirect(`${req.basePath}/office/entries/${encodeURIComponent(req.params.id)}`, 303);
    },
  );
}
