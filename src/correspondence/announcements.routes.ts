import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { buddhistYear, toLocal } from "../calendar/index.js";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { asForm, type Form, formString } from "../platform/http/form-fields.js";
import { sendPage } from "../platform/http/layout.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { asDownload } from "../platform/http/security-headers.js";
import { t } from "../platform/i18n/index.js";
import { staffGuard } from "../staff/index.js";
import { announcementHeading, announcementPdf } from "./announcement-pdf.js";
import {
  findAnnouncement,
  findInForce,
  listAnnouncements,
  listAnnouncementsInForce,
} from "./announcements.repo.js";
import { ANNOUNCEMENT_KINDS, type AnnouncementRow } from "./correspondence.table.js";
import {
  type AnnouncementDraft,
  checkAnnouncementDraft,
  draftAnnouncement,
  issueAnnouncement,
} from "./issue-announcement.js";
import {
  adminAnnouncementsView,
  announcementView,
  publicAnnouncementsView,
} from "./views/announcements.view.js";

export interface AnnouncementsRoutesOptions {
  handle: DatabaseHandle;
  clock: Clock;
  publicUrl: string;
  /** CH-1: whether the agency's LINE channel is connected (then its account is one of the channels). */
  lineConnected?: (req: FastifyRequest) => Promise<boolean>;
}

function draftFrom(form: Form): AnnouncementDraft {
  const text = (name: string, max = 300) => formString(form[name], name, max).trim();
  return {
    kind: text("kind", 4) as AnnouncementDraft["kind"],
    signerName: text("signerName"),
    signerPosition: text("signerPosition"),
    effectiveFrom: text("effectiveFrom", 10),
    lineAccount: text("lineAccount", 61) || undefined,
    otherSystems: formString(form.otherSystems, "otherSystems", 3000)
      .split(/\r?\n/)
      .map((s) => s.trim())
      .filter(Boolean)
      .slice(0, 20),
    supersedes: text("supersedes", 64),
  };
}

/** CH-1, CH-13: the public page of announcements in force, each as HTML and PDF; the admin's issuing. */
export async function announcementsRoutes(app: FastifyInstance, opts: AnnouncementsRoutesOptions) {
  const { handle, clock } = opts;
  const admins = { preHandler: staffGuard(handle.db, clock)(["admin"]) };
  const webUrl = (req: FastifyRequest) => `${opts.publicUrl}${req.basePath}`;
  const givenOn = (req: FastifyRequest, a: AnnouncementRow) =>
    toLocal(new Date(a.created_at), req.agency.timeZone).date;

  // CH-1: the channels announced under s.10 are one link away on every public page (after the site's links).
  app.addHook("onRequest", async (req) => {
    if (!req.lang || req.basePath === undefined || !req.footerLinks) return;
    req.footerLinks = [
      ...req.footerLinks,
      { href: `${req.basePath}/announcements`, label: t(req.lang, "announcements.footer") },
    ];
  });

  app.get("/announcements", async (req, reply) => {
    const list = await listAnnouncementsInForce(handle.db, req.agency.id);
    return sendPage(req, reply, {
      title: t(req.lang, "announcements.title"),
      body: publicAnnouncementsView(req, req.basePath, list),
    });
  });

  // One route for the page and its PDF (`:id.pdf` beside `:id` is not two routes to the router).
  app.get<{ Params: { id: string } }>("/announcements/:id", async (req, reply) => {
    const isPdf = req.params.id.endsWith(".pdf");
    const id = isPdf ? req.params.id.slice(0, -4) : req.params.id;
    const a = await findAnnouncement(handle.db, req.agency.id, id);
    if (!a) throw new AppError("ANNOUNCEMENT_NOT_FOUND");
    if (isPdf)
      return asDownload(reply)
        .type("application/pdf")
        .header("content-disposition", `inline; filename="announcement-${a.kind}-${a.be_year}.pdf"`)
        .send(await announcementPdf(a, req.agency.nameTh, givenOn(req, a)));
    return sendPage(req, reply, {
      title: a.title,
      body: announcementView(req, req.basePath, a, req.agency.nameTh, givenOn(req, a)),
    });
  });

  async function showAdmin(req: FastifyRequest, reply: FastifyReply, draft?: AnnouncementDraft) {
    const inForce = { s10: "", s16: "", s13: "" };
    for (const kind of ANNOUNCEMENT_KINDS)
      inForce[kind] = (await findInForce(handle.db, req.agency.id, kind))?.id ?? "";
    let preview: Parameters<typeof adminAnnouncementsView>[1]["preview"];
    if (draft) {
      const { title, paragraphs } = draftAnnouncement(req.agency, webUrl(req), draft);
      const heading = announcementHeading(
        {
          kind: draft.kind,
          title,
          be_year: buddhistYear(clock.now(), req.agency.timeZone),
          number: null,
        } as AnnouncementRow,
        req.agency.nameTh,
      );
      preview = { draft: { ...draft, supersedes: inForce[draft.kind] }, heading, paragraphs };
    }
    const body = adminAnnouncementsView(req, {
      base: `${req.basePath}/office`,
      list: await listAnnouncements(handle.db, req.agency.id),
      inForce,
      lineConnected: opts.lineConnected ? await opts.lineConnected(req) : false,
      timeZone: req.agency.timeZone,
      preview,
      today: toLocal(clock.now(), req.agency.timeZone).date,
    });
    return sendOfficePage(req, reply, t(req.lang, "announcements.admin"), body);
  }

  app.get("/office/announcements", admins, (req, reply) => showAdmin(req, reply));
  app.post<{ Body: Form }>("/office/announcements/preview", admins, async (req, reply) =>
    showAdmin(req, reply, checkAnnouncementDraft(draftFrom(asForm(req.body)))),
  );
  app.post<{ Body: Form }>("/office/announcements", admins, async (req, reply) => {
    const a = await issueAnnouncement(handle, req.agency, webUrl(req), draftFrom(asForm(req.body)), {
      actor: `staff:${req.staffSession!.staff.id}`,
      at: clock.now(),
      ip: req.ip,
    });
    return reply.redirect(`${req.basePath}/announcements/${a.id}`, 303);
  });
}
