import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { loadBusinessCalendar } from "../calendar/index.js";
import { AppError } from "../platform/errors.js";
import { errorText } from "../platform/http/form-errors.js";
import { asForm, formOptional, formString } from "../platform/http/form-fields.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { recordDataReads } from "../privacy/index.js";
import { type CaseworkContext, type CaseworkRoutesOptions, caseworkContext } from "./casework-context.js";
import { listWorkQueue } from "./list-work-queue.js";
import { officerScope } from "./officer-scope.js";
import { readMatter } from "./read-matter.js";
import { clockState } from "./service-level.js";
import { MAX_TEXT, takeMatterAction } from "./take-matter-action.js";
import { matterView } from "./views/matter.view.js";
import { workQueueView } from "./views/work-queue.view.js";

type Query = Record<string, string | undefined>;
type MatterRequest = FastifyRequest<{ Params: { matterId: string } }>;

const LABELS = { text: "casework.text", staffId: "casework.assignTo", unitId: "casework.routeTo" } as const;

/** A form's `version` (the matter's version the page showed), or a 400. */
export function parseVersion(value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new AppError("MATTER_VERSION_REQUIRED");
  return Number(value);
}

/** #12 casework: the officer's work queue (RV-1), the matter page with its actions and the other parts' panels. */
export async function caseworkRoutes(app: FastifyInstance, opts: CaseworkRoutesOptions) {
  const ctx = caseworkContext(opts);
  const { handle, officers, officer, base } = ctx;

  app.get<{ Querystring: Query }>("/office/work", officers, async (req, reply) => {
    const me = officer(req);
    const queue = await listWorkQueue(handle.db, req.agency, me, {
      view: req.query.view,
      unitId: req.query.unit,
      after: req.query.after,
    });
    const staff = await ctx.staffOf(req);
    const body = workQueueView(req, {
      base: base(req),
      queue,
      units: officerScope(me).unitIds ? [] : await ctx.unitsOf(req),
      staffNames: new Map(staff.map((s) => [s.id, s.displayName])),
      timeZone: req.agency.timeZone,
    });
    return sendOfficePage(req, reply, t(req.lang, "casework.queueTitle"), body, { wide: true });
  });

  app.get<{ Params: { matterId: string } }>("/office/matters/:matterId", officers, (req, reply) =>
    showMatter(ctx, req, reply),
  );

  // One form per generic action; the other parts post under /office/matters/:matterId/<their name>/….
  app.post<{ Params: { matterId: string } }>(
    "/office/matters/:matterId/actions",
    officers,
    async (req, reply) => {
      const body = asForm(req.body);
      try {
        await takeMatterAction(
          handle,
          {
            agencyId: req.agency.id,
            matterId: req.params.matterId,
            action: formString(body.action, "action", 40),
            version: parseVersion(formString(body.version, "version", 20)),
            text: formOptional(body.text, "text", MAX_TEXT),
            staffId: formOptional(body.staffId, "staffId", 100),
            unitId: formOptional(body.unitId, "unitId", 100),
          },
          officer(req),
        );
        return reply.redirect(`${base(req)}/matters/${encodeURIComponent(req.params.matterId)}`, 303);
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500 || error.code === "MATTER_NOT_FOUND")
          throw error;
        // A stale form or a double click is refused (409) on the page as it stands now.
        reply.code(error.status);
        return showMatter(ctx, req, reply, { kind: "error", text: errorText(req.lang, error, LABELS) });
      }
    },
  );
}

async function showMatter(
  ctx: CaseworkContext,
  req: MatterRequest,
  reply: FastifyReply,
  notice?: { kind: "ok" | "error"; text: string },
) {
  const me = ctx.officer(req);
  const read = await readMatter(ctx.handle, req.agency.id, req.params.matterId, me);
  // PD-6: the applicant sees who read their matter.
  const reader = `staff:${me.staffId}`;
  await recordDataReads(ctx.handle.db, {
    agencyId: req.agency.id,
    reader,
    what: "matter",
    matterIds: [read.matter.id],
    at: me.at,
  });
  const calendar = await loadBusinessCalendar(ctx.handle.db, req.agency);
  const staff = await ctx.staffOf(req);
  const { matter } = read;
  const panels = [];
  for (const panel of ctx.matterPanels ?? []) {
    const shown = await panel(req, matter);
    if (shown) panels.push(shown);
  }
  const body = matterView(req, {
    base: ctx.base(req),
    read,
    clock: clockState(calendar, matter, me.at),
    units: await ctx.unitsOf(req),
    staffNames: new Map(staff.map((s) => [s.id, s.displayName])),
    assignees: staff
      .filter((s) => !s.disabled && matter.unitId !== null && s.unitIds.includes(matter.unitId))
      .map((s) => ({ id: s.id, name: s.displayName })),
    timeZone: req.agency.timeZone,
    notice,
    panels,
  });
  return sendOfficePage(
    req,
    reply,
    t(req.lang, "casework.matterTitle", { receiptNumber: matter.receiptNumber }),
    body,
  );
}
