import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { recordAudit } from "../../audit/index.js";
import { fromLocal, isValidDate } from "../../calendar/index.js";
import { listOutboxProblems, settleUncertain } from "../../outbox/index.js";
import type { Clock } from "../../platform/clock.js";
import type { DatabaseHandle } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors.js";
import { type Html, html } from "../../platform/html.js";
import { errorText } from "../../platform/http/form-errors.js";
import { asForm, formString } from "../../platform/http/form-fields.js";
import { sendOfficePage } from "../../platform/http/office-page.js";
import { asDownload, NOTHING_REMOTE_CSP } from "../../platform/http/security-headers.js";
import { formatDateTime } from "../../platform/i18n/format.js";
import { type MessageKey, t } from "../../platform/i18n/index.js";
import type { FileStore } from "../../platform/storage/file-store.js";
import { findEntry } from "../../register/index.js";
import { REGISTER_ROLES, staffGuard } from "../../staff/index.js";
import { deleteHeldMail, releaseHeldMail } from "./held-mail.js";
import {
  countHeld,
  countPossibleDuplicates,
  findMailMessage,
  findRawOfEntry,
  listMail,
  listPossibleDuplicates,
} from "./mail.repo.js";
import { decodeHeaderText } from "./mail-header-text.js";
import type { MailIntakeDeps } from "./mail-intake-deps.js";
import { findMailbox, mailboxAlerts } from "./mailbox.repo.js";
import { parseMail } from "./parse-mail.js";
import { dismissPossibleDuplicate, registerPossibleDuplicate } from "./possible-duplicate.js";
import { sanitiseMailHtml } from "./sanitise-mail-html.js";
import { startMailbox } from "./start-mailbox.js";
import { mailMessageView } from "./views/mail-message.view.js";
import { alertText, mailboxView, originalMailView } from "./views/mailbox.view.js";

/**
 * What the register page says about the mailbox at each check (CH-5): held spam waiting, the mailbox's
 * health (CH-12), and acknowledgements a crash left uncertain (CH-4).
 */
export async function mailNotices(handle: DatabaseHandle, clock: Clock, req: FastifyRequest): Promise<Html> {
  const l = req.lang;
  const base = `${req.basePath}/office/mail`;
  const mailbox = await findMailbox(handle.db, req.agency.id);
  const notices: Html[] = [];
  if (mailbox?.enabled) {
    for (const alert of mailboxAlerts(mailbox, clock.now())) {
      notices.push(
        html`<p>${alertText(l, alert, req.agency.timeZone)} <a href="${base}">${t(l, "mail.title")}</a></p>`,
      );
    }
  }
  const held = await countHeld(handle.db, req.agency.id);
  if (held > 0) notices.push(html`<p><a href="${base}">${t(l, "mail.heldWaiting", { count: held })}</a></p>`);
  if (mailbox?.enabled && mailbox.start.state === "pending")
    notices.push(html`<p><a href="${base}">${t(l, "mail.first.waiting")}</a></p>`);
  const duplicates = await countPossibleDuplicates(handle.db, req.agency.id);
  if (duplicates > 0)
    notices.push(html`<p><a href="${base}">${t(l, "mail.duplicatesWaiting", { count: duplicates })}</a></p>`);
  const uncertain = await listOutboxProblems(handle.db, req.agency.id, "uncertain", 1000);
  if (uncertain.length > 0) {
    notices.push(
      html`<p><a href="${base}">${t(l, "mail.uncertainWaiting", { count: uncertain.length })}</a></p>`,
    );
  }
  return notices.length === 0 ? html`` : html`<div class="errors" role="status">${notices}</div>`;
}

export async function mailRoutes(
  app: FastifyInstance,
  opts: { deps: MailIntakeDeps; files: FileStore },
): Promise<void> {
  const { handle, clock } = opts.deps;
  const guard = staffGuard(handle.db, clock);
  const officers = { preHandler: guard(REGISTER_ROLES) };
  const base = (req: FastifyRequest) => `${req.basePath}/office`;
  const actor = (req: FastifyRequest) => `staff:${req.staffSession!.staff.id}`;

  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    notice?: { kind: "ok" | "error"; text: string },
  ) => {
    const agencyId = req.agency.id;
    const mailbox = await findMailbox(handle.db, agencyId);
    const body = mailboxView(req, {
      base: base(req),
      timeZone: req.agency.timeZone,
      mailbox,
      alerts: mailbox?.enabled ? mailboxAlerts(mailbox, clock.now()) : [],
      held: await listMail(handle.db, agencyId, ["held"]),
      duplicates: await listPossibleDuplicates(handle.db, agencyId),
      mayStart: req.staffSession!.staff.roles.includes("admin"),
      automatic: await listMail(handle.db, agencyId, ["auto-reply", "bounce"], 50),
      uncertain: await listOutboxProblems(handle.db, agencyId, "uncertain"),
      bounced: await listOutboxProblems(handle.db, agencyId, "bounced"),
      notice,
    });
    return sendOfficePage(req, reply, t(req.lang, "mail.title"), body, { wide: true });
  };
  app.get("/office/mail", officers, (req, reply) => show(req, reply));

  const act = (path: string, run: (req: FastifyRequest<{ Params: { id: string } }>) => Promise<MessageKey>) =>
    app.post<{ Params: { id: string } }>(`/office/mail/${path}`, officers, async (req, reply) => {
      try {
        const done = await run(req);
        return show(req, reply, { kind: "ok", text: t(req.lang, done) });
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        reply.code(error.status);
        return show(req, reply, { kind: "error", text: errorText(req.lang, error) });
      }
    });
  // CH-6: released, it is registered with its original receipt time; deleted, it is gone for good.
  act("held/:id/release", async (req) => {
    await releaseHeldMail(opts.deps, req.agency, req.params.id, actor(req));
    return "mail.released";
  });
  act("held/:id/delete", async (req) => {
    await deleteHeldMail(opts.deps, req.agency, req.params.id, actor(req));
    return "mail.deleted";
  });
  // RG-4: a possible duplicate is registered as another request, or dismissed (kept, not registered).
  act("duplicates/:id/register", async (req) => {
    await registerPossibleDuplicate(opts.deps, req.agency, req.params.id, actor(req));
    return "mail.duplicateRegistered";
  });
  act("duplicates/:id/dismiss", async (req) => {
    await dismissPossibleDuplicate(opts.deps, req.agency, req.params.id, actor(req));
    return "mail.duplicateDismissed";
  });
  // The admin's choice at a first connection to a full mailbox: everything, or only mail since a date
  // (from the start of that day in the agency's time zone).
  app.post("/office/mail/first-connection", { preHandler: guard(["admin"]) }, async (req, reply) => {
    try {
      const form = asForm(req.body);
      const choice = formString(form.choice, "choice", 20);
      const date = formString(form.since, "since", 20);
      if (choice !== "all" && choice !== "since")
        throw new AppError("VALIDATION_FAILED", { detail: "choice" }, { field: "choice" });
      if (choice === "since" && !isValidDate(date))
        throw new AppError("VALIDATION_FAILED", { detail: "since" }, { field: "since" });
      const since = choice === "since" ? fromLocal(date, 0, req.agency.timeZone) : null;
      await startMailbox(handle, clock, req.agency.id, { since }, actor(req));
      return show(req, reply, { kind: "ok", text: t(req.lang, "mail.first.started") });
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      reply.code(error.status);
      return show(req, reply, { kind: "error", text: errorText(req.lang, error) });
    }
  });
  const officer = (req: FastifyRequest) => ({
    clock,
    staffId: req.staffSession!.staff.id,
    roles: req.staffSession!.staff.roles,
    ip: req.ip,
  });
  act("outbox/:id/sent", async (req) => {
    await settleUncertain(handle, req.agency.id, req.params.id, "sent", officer(req));
    return "entry.saved";
  });
  act("outbox/:id/resend", async (req) => {
    await settleUncertain(handle, req.agency.id, req.params.id, "resend", officer(req));
    return "entry.saved";
  });

  async function rawOf(req: FastifyRequest<{ Params: { id: string } }>) {
    const entry = await findEntry(handle.db, req.params.id);
    const raw =
      entry?.agencyId === req.agency.id
        ? await findRawOfEntry(handle.db, req.agency.id, entry.id)
        : undefined;
    if (!entry || !raw?.raw_key) throw new AppError("NOT_FOUND");
    await recordAudit(handle.db, {
      agencyId: req.agency.id,
      actor: actor(req),
      action: "mail.read",
      subjectType: "entry",
      subjectId: entry.id,
      data: { mailMessageId: raw.id },
      ip: req.ip,
      at: clock.now().toISOString(),
    });
    return { entry, bytes: await opts.files.read(raw.raw_key) };
  }

  /** A mail as received, by its own row (a possible duplicate has no entry yet), read audited. */
  async function messageOf(req: FastifyRequest<{ Params: { id: string } }>) {
    const row = await findMailMessage(handle.db, req.agency.id, req.params.id);
    if (!row?.raw_key) throw new AppError("NOT_FOUND");
    await recordAudit(handle.db, {
      agencyId: req.agency.id,
      actor: actor(req),
      action: "mail.read",
      subjectType: "mail_message",
      subjectId: row.id,
      data: {},
      ip: req.ip,
      at: clock.now().toISOString(),
    });
    return { row, bytes: await opts.files.read(row.raw_key) };
  }
  app.get<{ Params: { id: string } }>("/office/mail/messages/:id", officers, async (req, reply) => {
    const { row, bytes } = await messageOf(req);
    const mail = await parseMail(bytes);
    const at = new Date(row.internal_date);
    const body = mailMessageView(req, {
      base: base(req),
      id: row.id,
      internalDate: at,
      headers: shownHeaders(mail),
      body: mail.html ? sanitiseMailHtml(mail.html) : mail.text,
      isHtml: Boolean(mail.html),
    });
    reply.header("content-security-policy", NOTHING_REMOTE_CSP);
    const title = t(req.lang, "mail.message", { at: formatDateTime(req.lang, at, req.agency.timeZone) });
    return sendOfficePage(req, reply, title, body);
  });
  app.get<{ Params: { id: string } }>("/office/mail/messages/:id/mail.eml", officers, async (req, reply) => {
    const { row, bytes } = await messageOf(req);
    return asDownload(reply)
      .type("message/rfc822")
      .header("content-disposition", `attachment; filename="mail-${row.id}.eml"`)
      .header("cache-control", "no-store")
      .send(bytes);
  });

  // The mail as received, sanitised, with remote content blocked (CH-6) …
  app.get<{ Params: { id: string } }>("/office/entries/:id/mail", officers, async (req, reply) => {
    const { entry, bytes } = await rawOf(req);
    const mail = await parseMail(bytes);
    const headers = shownHeaders(mail);
    const body = originalMailView(req, {
      base: base(req),
      entryId: entry.id,
      receiptNumber: entry.receiptNumber,
      headers,
      body: mail.html ? sanitiseMailHtml(mail.html) : mail.text,
      isHtml: Boolean(mail.html),
    });
    // Nothing on the original-mail page may load from anywhere (CH-6: remote content is blocked).
    reply.header("content-security-policy", NOTHING_REMOTE_CSP);
    return sendOfficePage(
      req,
      reply,
      t(req.lang, "mail.original", { receiptNumber: entry.receiptNumber }),
      body,
    );
  });
  // … and the record itself (RG-4), as a download that no browser renders.
  app.get<{ Params: { id: string } }>("/office/entries/:id/mail.eml", officers, async (req, reply) => {
    const { entry, bytes } = await rawOf(req);
    return asDownload(reply)
      .type("message/rfc822")
      .header("content-disposition", `attachment; filename="${entry.beYear}-${entry.sequence}.eml"`)
      .header("cache-control", "no-store")
      .send(bytes);
  });
}

/** The headers an officer sees on the original-mail pages. */
function shownHeaders(mail: Awaited<ReturnType<typeof parseMail>>): [string, string][] {
  const pick = ["from", "reply-to", "to", "cc", "date", "subject", "message-id"];
  return (
    mail.headers
      .filter((h) => pick.includes(h.key))
      // Encoded-words (nearly every Thai subject and name) and raw 8-bit bytes, read as the sender wrote them.
      .map((h) => [h.key, decodeHeaderText(h.value)] as [string, string])
  );
}
