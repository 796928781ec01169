import type { FastifyInstance, FastifyRequest } from "fastify";
import { recordAudit } from "../audit/index.js";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { type Html, html } from "../platform/html.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { findEntry } from "../register/index.js";
import { staffGuard } from "../staff/index.js";
import {
  countNotConfigured,
  findOutboxMessage,
  listFailedMessages,
  listNotConfigured,
} from "./message-states.js";
import { auditSubjectOf, type ComposeMessage, messageOf } from "./queued-mail.js";
import { outboxMessageView, outboxView } from "./views/outbox.view.js";

export interface OutboxRoutesOptions {
  handle: DatabaseHandle;
  clock: Clock;
  /** Writes a message as it would be sent now (the service's composer). */
  compose: ComposeMessage;
  /** False when no mail server is configured (SMTP_URL unset). */
  mailConfigured: boolean;
}

/**
 * What the register page says at each check while no mail server is configured (CH-4, CH-12): that
 * acknowledgements are not emailed, and how many wait.
 */
export async function outboxNotices(
  handle: DatabaseHandle,
  mailConfigured: boolean,
  req: FastifyRequest,
): Promise<Html> {
  if (mailConfigured) return html``;
  const count = await countNotConfigured(handle.db, req.agency.id);
  const text = t(req.lang, "notice.mailNotConfigured", { count });
  const isAdmin = req.officeUser?.roles.includes("admin");
  return html`<div class="errors" role="status" data-notice="mail-not-configured"><p>${
    isAdmin ? html`<a href="${req.basePath}/office/outbox">${text}</a>` : text
  }</p></div>`;
}

/** The outgoing-mail page: mail kept because no mail server is configured, readable by an admin. */
export async function outboxRoutes(app: FastifyInstance, opts: OutboxRoutesOptions): Promise<void> {
  const { handle, clock } = opts;
  const admins = { preHandler: staffGuard(handle.db, clock)(["admin"]) };
  const base = (req: FastifyRequest) => `${req.basePath}/office`;
  const audit = (req: FastifyRequest, action: string, subject: [string, string], data: object) =>
    recordAudit(handle.db, {
      agencyId: req.agency.id,
      actor: `staff:${req.staffSession!.staff.id}`,
      action,
      subjectType: subject[0],
      subjectId: subject[1],
      data,
      ip: req.ip,
      at: clock.now().toISOString(),
    });

  app.get("/office/outbox", admins, async (req, reply) => {
    const messages = await listNotConfigured(handle.db, req.agency.id);
    const failed = await listFailedMessages(handle.db, req.agency.id);
    // Recipients' addresses are personal data: who looked is kept (SC-1).
    await audit(req, "outbox.read", ["outbox", req.agency.id], { rows: messages.length + failed.length });
    const body = outboxView(req, {
      base: base(req),
      timeZone: req.agency.timeZone,
      mailConfigured: opts.mailConfigured,
      messages,
      failed,
    });
    return sendOfficePage(req, reply, t(req.lang, "outbox.title"), body, { wide: true });
  });

  app.get<{ Params: { id: string } }>("/office/outbox/:id", admins, async (req, reply) => {
    const row = await findOutboxMessage(handle.db, req.agency.id, req.params.id);
    // Only what has not gone out: a sent message is the sender's record, not this page's.
    if (!row || row.status === "sent" || row.status === "sending" || row.status === "uncertain")
      throw new AppError("NOT_FOUND");
    const mail = await messageOf(row, opts.compose);
    const subject = auditSubjectOf(row);
    await audit(req, "outbox.read-message", [subject.subjectType, subject.subjectId], {
      outboxId: row.id,
      kind: row.kind,
    });
    const entry = row.entry_id === null ? undefined : await findEntry(handle.db, row.entry_id);
    const body = outboxMessageView(req, {
      base: base(req),
      mailConfigured: opts.mailConfigured,
      mail,
      entryId: row.entry_id,
      receiptNumber: entry?.receiptNumber ?? "",
    });
    return sendOfficePage(req, reply, t(req.lang, "outbox.title"), body);
  });
}
