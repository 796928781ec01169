import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { toLocal } from "../../calendar/index.js";
import type { Clock } from "../../platform/clock.js";
import type { DatabaseHandle } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors.js";
import { html } from "../../platform/html.js";
import {
  errorField,
  errorText,
  type FieldLabels,
  refusalText,
  shownLimits,
} from "../../platform/http/form-errors.js";
import { formString } from "../../platform/http/form-fields.js";
import { type MultipartLimits, readMultipart } from "../../platform/http/multipart.js";
import { csrfField, sendOfficePage } from "../../platform/http/office-page.js";
import { type MessageKey, t } from "../../platform/i18n/index.js";
import type { FileStore } from "../../platform/storage/file-store.js";
import type { ThreadPool } from "../../platform/threads/index.js";
import { REGISTER_ROLES, staffGuard } from "../../staff/index.js";
import { registerPaperItem } from "./register-paper-item.js";

type Fields = Record<string, string>;
/** What the page says above the form; `items` lists scans that were not accepted (FM-3). */
type Notice = { kind: "ok" | "error"; text: string; items?: string[] };

/** The paper form's labels by field name, so an error names the field as the officer sees it. */
const PAPER_LABELS: FieldLabels = {
  senderName: "paper.senderName",
  senderContact: "paper.senderContact",
  addressee: "entry.addressee",
  subject: "register.subject",
  letterReference: "entry.letterReference",
  letterDate: "entry.letterDate",
  receivedAt: "paper.receivedAt",
  scanDevice: "paper.scanDevice",
  completenessChecked: "paper.complete",
};

function paperForm(
  req: FastifyRequest,
  action: string,
  values: Fields,
  notice?: Notice,
  invalidField?: string,
) {
  const l = req.lang;
  const invalid = (name: string) =>
    name === invalidField ? html` aria-invalid="true" aria-describedby="form-error"` : "";
  const input = (name: string, label: MessageKey, type = "text", required = true) =>
    html`<label for="${name}">${t(l, label)}${required ? " *" : ""}</label><input type="${type}" id="${name}" name="${name}" value="${values[name] ?? ""}"${required ? " required" : ""}${invalid(name)}>`;
  return html`<h1>${t(l, "paper.title")}</h1>
<p class="hint">${t(l, "form.requiredHint")}</p>
${notice ? html`<div class="${notice.kind === "ok" ? "ok" : "errors"}" role="${notice.kind === "ok" ? "status" : "alert"}" id="form-error"><p>${notice.text}</p>${notice.items?.length ? html`<ul>${notice.items.map((i) => html`<li>${i}</li>`)}</ul>` : ""}</div>` : ""}
<form method="post" action="${action}" enctype="multipart/form-data">${csrfField(req)}
${input("senderName", "paper.senderName")}
${input("senderContact", "paper.senderContact", "text", false)}
${input("addressee", "entry.addressee", "text", false)}
${input("subject", "register.subject")}
${input("letterReference", "entry.letterReference", "text", false)}
${input("letterDate", "entry.letterDate", "date", false)}
${input("receivedAt", "paper.receivedAt", "datetime-local")}
<label for="scans">${t(l, "paper.scans")}</label><input type="file" id="scans" name="scans" multiple accept=".pdf,.tif,.tiff,.jpg,.jpeg,.png">
${input("scanDevice", "paper.scanDevice")}
<label class="check"><input type="checkbox" name="completenessChecked" value="yes" required${invalid("completenessChecked")}><span>${t(l, "paper.complete")}</span></label>
<button type="submit">${t(l, "paper.submit")}</button></form>`;
}

/** RG-1, RG-6: officers register paper items with their scans. */
export async function paperRoutes(
  app: FastifyInstance,
  opts: {
    handle: DatabaseHandle;
    clock: Clock;
    files: FileStore;
    limits: MultipartLimits;
    /** #18 screenpool: where scans are checked and hashed, off the event loop */
    threads?: ThreadPool;
  },
) {
  const guard = staffGuard(opts.handle.db, opts.clock);
  const readers = { preHandler: guard(REGISTER_ROLES) };
  const limits = shownLimits(opts.limits);
  // The multipart body is read in the handler: its first field carries the CSRF token (never the URL).
  const writers = { preHandler: guard(REGISTER_ROLES, { multipart: true }) };
  const action = (req: FastifyRequest) => `${req.basePath}/office/paper`;
  const show = (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Fields,
    notice?: Notice,
    invalidField?: string,
  ) =>
    sendOfficePage(
      req,
      reply,
      t(req.lang, "paper.title"),
      paperForm(req, action(req), values, notice, invalidField),
    );
  const nowLocal = (tz: string) => {
    const local = toLocal(opts.clock.now(), tz);
    return `${local.date}T${String(Math.floor(local.minutes / 60)).padStart(2, "0")}:${String(local.minutes % 60).padStart(2, "0")}`;
  };

  app.get("/office/paper", readers, (req, reply) =>
    show(req, reply, { receivedAt: nowLocal(req.agency.timeZone) }),
  );

  app.post("/office/paper", writers, async (req, reply) => {
    if (!req.isMultipart()) throw new AppError("UNSUPPORTED_MEDIA_TYPE");
    const { fields, files } = await readMultipart(req, opts.limits);
    // What the form shows again after a refusal: the text as sent, whatever shape it came in.
    const shown: Fields = Object.fromEntries(
      Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === "string"),
    );
    try {
      const text = (name: string, max = 1000) => formString(fields[name], name, max);
      const { entry, attachments } = await registerPaperItem(
        {
          handle: opts.handle,
          clock: opts.clock,
          files: opts.files,
          maxFileBytes: opts.limits.maxFileBytes,
          // #18 screenpool
          threads: opts.threads,
        },
        req.agency,
        {
          senderName: text("senderName"),
          senderContact: text("senderContact"),
          addressee: text("addressee"),
          subject: text("subject"),
          letterReference: text("letterReference"),
          letterDate: text("letterDate", 40) || undefined,
          receivedAtLocal: text("receivedAt", 40),
          scanDevice: text("scanDevice"),
          completenessChecked: text("completenessChecked") === "yes",
          scans: files,
        },
        { staffId: req.staffSession!.staff.id, ip: req.ip },
      );
      reply.code(201);
      // A refused scan is said at once, in words, so the officer can scan it again (FM-3).
      const refused = attachments.flatMap((a) =>
        a.refusalCode ? [`${a.filename} — ${refusalText(req.lang, a.refusalCode, limits)}`] : [],
      );
      const done = t(req.lang, "paper.done", { receiptNumber: entry.receiptNumber });
      return show(
        req,
        reply,
        { receivedAt: nowLocal(req.agency.timeZone), scanDevice: shown.scanDevice ?? "" },
        refused.length === 0
          ? { kind: "ok", text: done }
          : { kind: "error", text: `${done}. ${t(req.lang, "ack.refusedFiles")}`, items: refused },
      );
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      reply.code(error.status);
      return show(
        req,
        reply,
        shown,
        { kind: "error", text: errorText(req.lang, error, PAPER_LABELS) },
        errorField(error),
      );
    }
  });
}
