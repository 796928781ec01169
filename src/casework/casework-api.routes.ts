import type { FastifyInstance, FastifyRequest } from "fastify";
import { loadBusinessCalendar } from "../calendar/index.js";
import { AppError } from "../platform/errors.js";
import { checkText } from "../platform/http/form-fields.js";
import { type MessageKey, t } from "../platform/i18n/index.js";
import { recordDataReads } from "../privacy/index.js";
import type { Matter } from "../register/index.js";
import { hasRecentStepUp } from "../staff/index.js";
import {
  ActionBody,
  ActionResult,
  ErrorResponse,
  MatterDetail,
  MatterParams,
  MatterQueue,
  QueueQuery,
} from "./casework-api.schemas.js";
import { type CaseworkRoutesOptions, caseworkContext } from "./casework-context.js";
import { listWorkQueue } from "./list-work-queue.js";
import { readMatter } from "./read-matter.js";
import { type ClockState, clockState } from "./service-level.js";
import { takeMatterAction } from "./take-matter-action.js";

/** WS-3: the acts of decision, which need a step-up (fresh password + code) at most 15 minutes old. */
const STEP_UP_ACTIONS: readonly string[] = ["approve-level", "approve", "refuse"];

type ActionBodyType = {
  action: string;
  version: number;
  payload?: { text?: string; staffId?: string; unitId?: string };
};

const clockJson = (c: ClockState) => ({
  state: c.state,
  dueAt: "dueAt" in c && c.dueAt ? c.dueAt.toISOString() : null,
  dayKind: "kind" in c ? c.kind : null,
  ...("daysLeft" in c && { daysLeft: c.daysLeft }),
  ...(c.state === "paused" && { pausedSince: c.since.toISOString() }),
});

const summary = (req: FastifyRequest, m: Matter, clock: ClockState) => ({
  id: m.id,
  receiptNumber: m.receiptNumber,
  subject: m.subject,
  kind: m.kind,
  status: m.status,
  statusLabel: t(req.lang, `status.${m.status}` as MessageKey),
  version: m.version,
  unitId: m.unitId,
  assignedTo: m.assignedTo,
  clockStart: m.clockStart?.toISOString() ?? null,
  clock: clockJson(clock),
});

/**
 * #12 item 11: the officers' casework as API calls: the queue, a matter with its timeline, and the
 * generic actions, all through `recordAction`. Authenticated by the officer's session; a POST carries the
 * session's CSRF token in `x-csrf-token`. The guard runs before the body is validated: unauthenticated
 * is 401 whatever was sent.
 */
export async function caseworkApiRoutes(app: FastifyInstance, opts: CaseworkRoutesOptions) {
  const ctx = caseworkContext(opts);
  const { handle, officer } = ctx;
  const guard = ctx.officers.preHandler;
  const calendarOf = (req: FastifyRequest) => loadBusinessCalendar(handle.db, req.agency);
  const errors = {
    400: ErrorResponse,
    401: ErrorResponse,
    403: ErrorResponse,
    404: ErrorResponse,
    409: ErrorResponse,
  };

  app.get<{ Querystring: { view?: string; unit?: string; after?: string; limit?: number } }>(
    "/api/v1/office/matters",
    {
      preValidation: guard,
      schema: {
        summary: "The officer's work queue: open matters first come, first served (RV-1, RG-5, RV-6)",
        description:
          "Matters of your units (the agency's for supervisors, the head of agency and admins), oldest clock first. `view`: unassigned, mine, all, at-risk (due within 2 business days), overdue, unrouted (saraban). Session cookie required.",
        tags: ["casework"],
        querystring: QueueQuery,
        response: { 200: MatterQueue, ...errors },
      },
    },
    async (req) => {
      const me = officer(req);
      const queue = await listWorkQueue(handle.db, req.agency, me, {
        view: req.query.view,
        unitId: req.query.unit,
        after: req.query.after,
        limit: req.query.limit,
      });
      return {
        view: queue.view,
        matters: queue.rows.map((r) => summary(req, r.matter, r.clock)),
        ...(queue.next && { next: queue.next }),
      };
    },
  );

  app.get<{ Params: { matterId: string } }>(
    "/api/v1/office/matters/:matterId",
    {
      preValidation: guard,
      schema: {
        summary: "A matter with its entries, its whole timeline and the actions you may take now",
        description: "Another unit's or agency's matter is 404 `MATTER_NOT_FOUND`. The read is audited.",
        tags: ["casework"],
        params: MatterParams,
        response: { 200: MatterDetail, ...errors },
      },
    },
    async (req) => {
      const me = officer(req);
      const read = await readMatter(handle, req.agency.id, req.params.matterId, me);
      // PD-6: the applicant sees who read their matter.
      const reader = `staff:${me.staffId}`;
      await recordDataReads(handle.db, {
        agencyId: req.agency.id,
        reader,
        what: "api",
        matterIds: [read.matter.id],
        at: me.at,
      });
      const clock = clockState(await calendarOf(req), read.matter, me.at);
      return {
        matter: summary(req, read.matter, clock),
        entries: read.entries.map((e) => ({
          id: e.id,
          receiptNumber: e.receiptNumber,
          receivedAt: e.receivedAt.toISOString(),
          channel: e.channel,
        })),
        timeline: read.actions.map((a) => ({ ...a, at: a.at.toISOString() })),
        allowedActions: read.allowed,
      };
    },
  );

  app.post<{ Params: { matterId: string }; Body: ActionBodyType }>(
    "/api/v1/office/matters/:matterId/actions",
    {
      preValidation: guard,
      schema: {
        summary: "Take a casework action on a matter (claim, assign, route, comment, start, answer, close…)",
        description:
          "Send the `version` you saw: another is 409 `MATTER_CHANGED` and nothing is done (a repeated call too). 409 `ACTION_NOT_ALLOWED` when the status table does not allow it now, 403 `ACTION_FORBIDDEN` for your roles. approve-level, approve and refuse need a step-up (`/office/step-up`, password and code) at most 15 minutes old, else 401 `STEP_UP_REQUIRED` (WS-3). The CSRF token of your session goes in `x-csrf-token`.",
        tags: ["casework"],
        params: MatterParams,
        body: ActionBody,
        response: { 200: ActionResult, ...errors },
      },
    },
    async (req) => {
      const me = officer(req);
      const p = req.body.payload ?? {};
      const action = checkText(req.body.action, "action", 40);
      if (STEP_UP_ACTIONS.includes(action) && !hasRecentStepUp(req.staffSession!, me.at))
        throw new AppError("STEP_UP_REQUIRED");
      const result = await takeMatterAction(
        handle,
        {
          agencyId: req.agency.id,
          matterId: req.params.matterId,
          action,
          version: req.body.version,
          text: p.text === undefined ? undefined : checkText(p.text, "text"),
          staffId: p.staffId === undefined ? undefined : checkText(p.staffId, "staffId", 100),
          unitId: p.unitId === undefined ? undefined : checkText(p.unitId, "unitId", 100),
        },
        me,
      );
      const clock = clockState(await calendarOf(req), result.matter, me.at);
      return {
        actionId: result.actionId,
        from: result.from,
        to: result.to,
        matter: summary(req, result.matter, clock),
      };
    },
  );
}
