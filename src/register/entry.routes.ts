import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { listReferralAgencies } from "../agencies/index.js";
import { recordAudit } from "../audit/index.js";
import { toLocal } from "../calendar/index.js";
import { AppError } from "../platform/errors.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { asDownload } from "../platform/http/security-headers.js";
import { t } from "../platform/i18n/index.js";
import { recordDataReads } from "../privacy/index.js";
import { findStaffName } from "../staff/index.js";
import { allowedActions } from "../workflow/index.js";
import { findEntryAttachment } from "./attachments.repo.js";
import { findEntry, findMatterReceiptNumber } from "./entries.repo.js";
import { entryPanelsOf } from "./entry-panels.js";
import { readEntry } from "./officer-actions.js";
import type { Query, RegisterRouteContext } from "./register-routes.context.js";
import { ENTRY_STATUSES } from "./statuses.js";
import { entryView } from "./views/entry.view.js";

/** The agency's local time now, as a datetime-local field wants it. */
function nowLocal(timeZone: string, now: Date): string {
  const local = toLocal(now, timeZone);
  const hh = String(Math.floor(local.minutes / 60)).padStart(2, "0");
  return `${local.date}T${hh}:${String(local.minutes % 60).padStart(2, "0")}`;
}

export type ShowEntry = (
  req: FastifyRequest<{ Params: { id: string } }>,
  reply: FastifyReply,
  notice?: { kind: "ok" | "error"; text: string },
) => Promise<FastifyReply>;

/** An entry's page and its files; returns the page, which the officers' acts answer with. */
export function entryRoutes(app: FastifyInstance, ctx: RegisterRouteContext): ShowEntry {
  const { handle, clock, readers, base, officer, ackStates, unitsOf, limits } = ctx;
  const showEntry: ShowEntry = async (req, reply, notice) => {
    const { entry, attachments } = await readEntry(handle, req.agency.id, req.params.id, officer(req));
    // PD-6: the applicant sees who read their entry (and its application, shown in a panel).
    const read = { matterId: entry.matterId, entryId: entry.id };
    await recordDataReads(handle.db, {
      agencyId: req.agency.id,
      reader: `staff:${req.staffSession!.staff.id}`,
      what: "entry",
      entries: [read],
      at: clock.now(),
    });
    const body = entryView(req, {
      base: base(req),
      entry,
      attachments,
      matterReceiptNumber: (await findMatterReceiptNumber(handle.db, entry.matterId)) ?? "",
      units: await unitsOf(req),
      scannedByName: await findStaffName(handle.db, entry.scannedBy),
      acknowledgement: (await ackStates([entry])).get(entry.id)!,
      acknowledgedByName: await findStaffName(handle.db, entry.acknowledgedBy),
      nowLocal: nowLocal(req.agency.timeZone, clock.now()),
      actions: allowedActions(ENTRY_STATUSES, entry.status, req.staffSession!.staff.roles),
      referrals: (await listReferralAgencies(handle.db, req.agency.id)).map((r) => ({
        id: r.id,
        name: req.lang === "th" ? r.nameTh : r.nameEn,
        contact: r.contact,
      })),
      timeZone: req.agency.timeZone,
      limits,
      notice,
      panels: await entryPanelsOf(ctx, req, entry),
    });
    return sendOfficePage(
      req,
      reply,
      t(req.lang, "entry.title", { receiptNumber: entry.receiptNumber }),
      body,
    );
  };
  app.get<{ Params: { id: string } }>("/office/entries/:id", readers, (req, reply) => showEntry(req, reply));

  app.get<{ Params: { id: string; fileId: string }; Querystring: Query }>(
    "/office/entries/:id/files/:fileId",
    readers,
    async (req, reply) => {
      const file = await findEntryAttachment(handle.db, req.agency.id, req.params.id, req.params.fileId);
      if (!file?.storage_key) throw new AppError("NOT_FOUND");
      const asJpeg = req.query.view === "jpeg" && file.viewable_key;
      const read = {
        matterId: (await findEntry(handle.db, req.params.id))!.matterId,
        entryId: req.params.id,
      };
      await recordDataReads(handle.db, {
        agencyId: req.agency.id,
        reader: `staff:${req.staffSession!.staff.id}`,
        what: "attachment",
        entries: [read],
        at: clock.now(),
      });
      await recordAudit(handle.db, {
        agencyId: req.agency.id,
        actor: `staff:${req.staffSession!.staff.id}`,
        action: "attachment.read",
        subjectType: "attachment",
        subjectId: file.id,
        data: { entryId: req.params.id },
        ip: req.ip,
        at: clock.now().toISOString(),
      });
      const bytes = await ctx.files.read(asJpeg ? file.viewable_key! : file.storage_key);
      const name = encodeURIComponent(asJpeg ? `${file.filename}.jpg` : file.filename);
      return asDownload(reply)
        .type(asJpeg ? "image/jpeg" : (file.media_type ?? "application/octet-stream"))
        .header("content-disposition", `${asJpeg ? "inline" : "attachment"}; filename*=UTF-8''${name}`)
        .send(bytes);
    },
  );

  return showEntry;
}
