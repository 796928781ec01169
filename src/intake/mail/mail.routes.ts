import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { recordAudit } from "../../audit/index.js";
import { listOutboxProblems, settleUncertain } from "../../outbox/index.js";
import type { Clock } from "../../platform/clock.js";
import type { DatabaseHandle } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors.js";
import { type Html, html } from "../../platform/html.js";
import { errorText } from "../../platform/http/form-errors.js";
import { sendOfficePage } from "../../platform/http/office-page.js";
import { asDownload, NOTHING_REMOTE_CSP } from "../../platform/http/security-headers.js";
import { type MessageKey, t } from "../../platform/i18n/index.js";
import type { FileStore } from "../../platform/storage/file-store.js";
import { findEntry } from "../../register/index.js";
import { REGISTER_ROLES, staffGuard } from "../../staff/index.js";
import { deleteHeldMail, releaseHeldMail } from "./held-mail.js";
import { countHeld, findRawOfEntry, listMail } from "./mail.repo.js";
import { decodeHeaderText } from "./mail-header-text.js";
import { findMailbox, mailboxAlerts } from "./mailbox.repo.js";
import { parseMail } from "./parse-mail.js";
import type { MailIntakeDeps } from "./receive-mail.js";
import { sanitiseMailHtml } from "./sanitise-mail-html.js";
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
  const officer = (req: FastifyRequest) => ({ clock, staffId: req.staffSession!.staff.id, ip: req.ip });
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

  // The mail as received, sanitised, with remote content blocked (CH-6) …
  app.get<{ Params: { id: string } }>("/office/entries/:id/mail", officers, async (req, reply) => {
    const { entry, bytes } = await rawOf(req);
    const mail = await parseMail(bytes);
    const pick = ["from", "reply-to", "to", "cc", "date", "subject", "message-id"];
    const headers = mail.headers
      .filter((h) => pick.includes(h.key))
      // Encoded-words (nearly every Thai subject and name) and raw 8-bit bytes, read as the sender wrote them.
      .map((h) => [h.key, decodeHeaderText(h.value)] as [string, string]);
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
