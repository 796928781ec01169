import type { FastifyInstance, FastifyRequest } from "fastify";
import { findUnit } from "../agencies/index.js";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { asForm, type Form, formString } from "../platform/http/form-fields.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { newId } from "../platform/ids.js";
import { findEntry, findMatter } from "../register/index.js";
import { REGISTER_ROLES, staffGuard } from "../staff/index.js";
import { composeLetter, type LetterDraft } from "./compose-letter.js";
import type { Secrecy, Urgency } from "./correspondence.table.js";
import { LETTER_WRITERS, readableLetter } from "./letters-access.js";
import { sendLetter } from "./send-letter.js";
import { composeView } from "./views/compose.view.js";

export interface ComposeRoutesOptions {
  handle: DatabaseHandle;
  clock: Clock;
}

const FORM_KEY = /^[0-9a-f-]{36}$/;

function draftFrom(form: Form): LetterDraft {
  const text = (name: string, max = 500) => formString(form[name], name, max).trim();
  const version = text("expectedVersion", 12);
  const formKey = text("formKey", 36);
  if (!FORM_KEY.test(formKey))
    throw new AppError("VALIDATION_FAILED", { detail: "formKey" }, { field: "formKey" });
  return {
    kind: text("kind", 10) as LetterDraft["kind"],
    toName: text("toName"),
    subject: text("subject"),
    salutation: text("salutation"),
    reference: text("reference") || undefined,
    enclosures: formString(form.enclosures, "enclosures", 5000)
      .split(/\r?\n/)
      .map((e) => e.trim())
      .filter(Boolean)
      .slice(0, 50),
    body: formString(form.body, "body", 20_000).trim(),
    closing: text("closing", 100) || undefined,
    signerName: text("signerName", 200),
    signerPosition: text("signerPosition", 300),
    ownerUnit: text("ownerUnit", 300),
    urgency: (text("urgency", 20) || "normal") as Urgency,
    secrecy: (text("secrecy", 20) || "normal") as Secrecy,
    matterId: text("matter", 64) || undefined,
    expectedVersion: version === "" ? undefined : /^\d+$/.test(version) ? Number(version) : -1,
    replyToEntryId: text("replyTo", 64) || undefined,
    toApplicant: text("toApplicant", 10) === "yes",
    formKey,
  };
}

/** ES-1, RG-7: writing a letter (numbered when kept; a matter's or a reply's), and sending one by email. */
export async function composeRoutes(app: FastifyInstance, opts: ComposeRoutesOptions) {
  const { handle, clock } = opts;
  const guard = staffGuard(handle.db, clock);
  const writers = { preHandler: guard(LETTER_WRITERS) };
  const base = (req: FastifyRequest) => `${req.basePath}/office`;

  app.get<{ Querystring: Record<string, unknown> }>("/office/letters/new", writers, async (req, reply) => {
    const staff = req.staffSession!.staff;
    const matterId = typeof req.query.matter === "string" ? req.query.matter : undefined;
    const replyToId = typeof req.query.replyTo === "string" ? req.query.replyTo : undefined;
    const matter = matterId ? await findMatter(handle.db, req.agency.id, matterId) : undefined;
    if (matterId && !matter) throw new AppError("MATTER_NOT_FOUND");
    const entry = replyToId ? await findEntry(handle.db, replyToId) : undefined;
    if (replyToId && (!entry || entry.agencyId !== req.agency.id)) throw new AppError("ENTRY_NOT_FOUND");
    const unitId = matter?.unitId ?? staff.unitIds[0];
    const unit = unitId ? await findUnit(handle.db, req.agency.id, unitId) : undefined;
    const body = composeView(req, base(req), {
      formKey: newId(),
      matterId: matter?.id,
      matterVersion: matter?.version,
      replyTo: entry && { entryId: entry.id, receiptNumber: entry.receiptNumber },
      toName: entry?.senderName ?? "",
      subject: entry ? entry.subject : (matter?.subject ?? ""),
      salutation: entry ? `เรียน ${entry.senderName}` : "เรียน ",
      reference: entry ? `หนังสือของท่าน เลขรับที่ ${entry.receiptNumber}` : "",
      signerName: staff.displayName,
      ownerUnit: unit ? `${unit.name_th} ${req.agency.nameTh}` : req.agency.nameTh,
    });
    return sendOfficePage(req, reply, t(req.lang, "letters.new"), body);
  });

  app.post<{ Body: Form }>("/office/letters/new", writers, async (req, reply) => {
    const staff = req.staffSession!.staff;
    const letter = await composeLetter(handle, req.agency, draftFrom(asForm(req.body)), {
      staffId: staff.id,
      roles: staff.roles,
      // Those who keep the register write for any matter of the agency (they see the whole register).
      unitIds: staff.roles.some((r) => REGISTER_ROLES.includes(r)) ? undefined : staff.unitIds,
      ip: req.ip,
      at: clock.now(),
    });
    return reply.redirect(`${base(req)}/letters/${letter.id}`, 303);
  });

  app.post<{ Params: { letterId: string }; Body: Form }>(
    "/office/letters/:letterId/send",
    writers,
    async (req, reply) => {
      const staff = req.staffSession!.staff;
      const letter = await readableLetter(handle.db, req.agency.id, req.params.letterId, staff);
      const recipient = formString(asForm(req.body).recipient, "recipient", 254);
      await sendLetter(handle, req.agency, letter, recipient, {
        actor: `staff:${staff.id}`,
        at: clock.now(),
        ip: req.ip,
      });
      return reply.redirect(`${base(req)}/letters/${letter.id}`, 303);
    },
  );
}
