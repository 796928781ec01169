import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type Agency, listReferralAgencies, listUnits } from "../agencies/index.js";
import { auditHead, recordAudit } from "../audit/index.js";
import { isValidDate, toLocal } from "../calendar/index.js";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import type { Html } from "../platform/html.js";
import { errorText, shownLimits } from "../platform/http/form-errors.js";
import { asForm, type Form, formOptional, formString } from "../platform/http/form-fields.js";
import type { MultipartLimits } from "../platform/http/multipart.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { asDownload } from "../platform/http/security-headers.js";
import { formatDate } from "../platform/i18n/format.js";
import { t } from "../platform/i18n/index.js";
import type { FileStore } from "../platform/storage/file-store.js";
import { findStaffName, REGISTER_ROLES, staffGuard } from "../staff/index.js";
import { type AcknowledgementState, acknowledgementState } from "./acknowledgement-state.js";
import { confirmSenderAddress } from "./confirm-sender-address.js";
import { CHANNELS, type Channel, type Entry } from "./entry.js";
import { toExportRows, writeRegisterCsv, writeRegisterXlsx } from "./export/register-export.js";
import { markMisdirected } from "./misdirected.js";
import { assignUnit, cancelEntry, linkToMatter, readEntry, recordCheck } from "./officer-actions.js";
import { recordAcknowledgement } from "./record-acknowledgement.js";
import {
  decodeCursor,
  encodeCursor,
  listChecks,
  listRegisterLines,
  listRegisterPage,
  type RegisterFilter,
} from "./register-page.repo.js";
import { ENTRY_LABELS, entryView } from "./views/entry.view.js";
import { registerPageView } from "./views/register-page.view.js";

type Query = Record<string, string | undefined>;
const PAGE_SIZE = 100;
const EXPORT_MAX = 50_000;

function filterFrom(query: Query, agency: Agency, now: Date): RegisterFilter {
  // A real calendar date only: 2026-02-31 or 0000-01-01 match the pattern but no day (they were a 500),
  // and the day after 9999-12-31 has no four-digit year.
  const asked = query.date ?? "";
  const date = isValidDate(asked) && asked < "9999-12-31" ? asked : toLocal(now, agency.timeZone).date;
  const channel = CHANNELS.includes(query.channel as Channel) ? (query.channel as Channel) : undefined;
  const status = ["received", "cancelled", "unacknowledged"].includes(query.status ?? "")
    ? (query.status as RegisterFilter["status"])
    : undefined;
  return { date, channel, status, unitId: query.unit || undefined };
}

/** The agency's local time now, as a datetime-local field wants it. */
function nowLocal(timeZone: string, now: Date): string {
  const local = toLocal(now, timeZone);
  const hh = String(Math.floor(local.minutes / 60)).padStart(2, "0");
  return `${local.date}T${hh}:${String(local.minutes % 60).padStart(2, "0")}`;
}

const filterQuery = (f: RegisterFilter) =>
  new URLSearchParams(
    Object.entries({ date: f.date, channel: f.channel, status: f.status, unit: f.unitId }).filter(
      (e): e is [string, string] => Boolean(e[1]),
    ),
  ).toString();

/** The back office's register: the day's entries with their deadlines, checks, exports and officers' acts. */
export async function registerRoutes(
  app: FastifyInstance,
  opts: {
    handle: DatabaseHandle;
    clock: Clock;
    files: FileStore;
    /** What other capabilities want officers to see at each check (CH-5), e.g. held mail. */
    notices?: (req: FastifyRequest) => Promise<Html>;
    /**
     * Where each entry's emailed acknowledgement stands (the outbox's status) and whether a mail server
     * is configured, so that no page says emailed when it was not (CH-4). Without it: nothing queued.
     */
    acknowledgements?: {
      mailConfigured: boolean;
      statuses: (entryIds: string[]) => Promise<Map<string, string>>;
      /** #10: why each failed one failed (e.g. refused for good by the recipient's server). */
      failures?: (entryIds: string[]) => Promise<Map<string, string>>;
    };
    limits: MultipartLimits;
  },
) {
  const { handle, clock } = opts;
  const limits = shownLimits(opts.limits);
  const guard = staffGuard(handle.db, clock);
  const readers = { preHandler: guard(REGISTER_ROLES) };
  const base = (req: FastifyRequest) => `${req.basePath}/office`;
  const officer = (req: FastifyRequest) => ({ clock, staffId: req.staffSession!.staff.id, ip: req.ip });
  const ackStates = async (entries: Pick<Entry, "id" | "acknowledgedAt" | "acknowledgedVia">[]) => {
    const statuses = opts.acknowledgements
      ? await opts.acknowledgements.statuses(entries.map((e) => e.id))
      : new Map<string, string>();
    const configured = opts.acknowledgements?.mailConfigured ?? false;
    const failed = entries.filter((e) => statuses.get(e.id) === "failed").map((e) => e.id);
    const failures =
      failed.length && opts.acknowledgements?.failures
        ? await opts.acknowledgements.failures(failed)
        : new Map<string, string>();
    return new Map<string, AcknowledgementState>(
      entries.map((e) => [e.id, acknowledgementState(e, statuses.get(e.id), configured, failures.get(e.id))]),
    );
  };
  const unitsOf = async (req: FastifyRequest) =>
    (await listUnits(handle.db, req.agency.id)).map((u) => ({
      id: u.id,
      name: req.lang === "th" ? u.name_th : u.name_en,
    }));

  app.get<{ Querystring: Query }>("/office/register", readers, async (req, reply) => {
    const filter = filterFrom(req.query, req.agency, clock.now());
    const page = await listRegisterLines(handle.db, req.agency, filter, {
      after: decodeCursor(req.query.after),
      limit: PAGE_SIZE,
    });
    // Sender names are personal data: who looked at which day's register is kept (SC-1).
    await recordAudit(handle.db, {
      agencyId: req.agency.id,
      actor: `staff:${req.staffSession!.staff.id}`,
      action: "register.read",
      subjectType: "register",
      subjectId: `${req.agency.id}:${filter.date}`,
      data: { ...filter, rows: page.entries.length },
      ip: req.ip,
      at: clock.now().toISOString(),
    });
    const exportQuery = filterQuery(filter);
    const body = registerPageView(req, {
      base: base(req),
      notices: opts.notices ? await opts.notices(req) : undefined,
      filter,
      entries: page.entries,
      acknowledgements: await ackStates(page.entries),
      nextHref: page.next && `${base(req)}/register?${exportQuery}&after=${encodeCursor(page.next)}`,
      exportQuery,
      units: await unitsOf(req),
      checks: await listChecks(handle.db, req.agency.id, filter.date),
      now: clock.now(),
      timeZone: req.agency.timeZone,
    });
    return sendOfficePage(
      req,
      reply,
      t(req.lang, "register.title", { date: formatDate(req.lang, filter.date) }),
      body,
      { wide: true },
    );
  });

  app.post<{ Body: Form }>("/office/register/checks", readers, async (req, reply) => {
    const period = formString(asForm(req.body).period, "period");
    if (period !== "morning" && period !== "afternoon")
      throw new AppError("VALIDATION_FAILED", { detail: "period" });
    await recordCheck(handle, req.agency, period, officer(req));
    return reply.redirect(`${base(req)}/register`, 303);
  });

  async function exportEntries(req: FastifyRequest<{ Querystring: Query }>) {
    const filter = filterFrom(req.query, req.agency, clock.now());
    const entries: Entry[] = [];
    for (let after: ReturnType<typeof decodeCursor>; entries.length < EXPORT_MAX; ) {
      const page = await listRegisterPage(handle.db, req.agency, filter, { after, limit: 1000 });
      entries.push(...page.entries);
      if (!page.next) break;
      after = page.next;
    }
    const unitNames = new Map((await unitsOf(req)).map((u) => [u.id, u.name]));
    await recordAudit(handle.db, {
      agencyId: req.agency.id,
      actor: `staff:${req.staffSession!.staff.id}`,
      action: "register.export",
      subjectType: "register",
      subjectId: `${req.agency.id}:${filter.date}`,
      data: { ...filter, rows: entries.length, format: req.url.includes(".csv") ? "csv" : "xlsx" },
      ip: req.ip,
      at: clock.now().toISOString(),
    });
    return {
      filter,
      rows: toExportRows(entries, { lang: req.lang, timeZone: req.agency.timeZone, unitNames }),
    };
  }
  const attachment = (reply: FastifyReply, name: string, type: string) =>
    asDownload(reply)
      .type(type)
      .header("content-disposition", `attachment; filename="${name}"`)
      .header("cache-control", "no-store");

  app.get<{ Querystring: Query }>("/office/register.xlsx", readers, async (req, reply) => {
    const { filter, rows } = await exportEntries(req);
    const agencyName = req.lang === "th" ? req.agency.nameTh : req.agency.nameEn;
    // RG-3: the audit head goes on the export, so a printout can later be checked against the trail.
    const xlsx = await writeRegisterXlsx(rows, {
      lang: req.lang,
      agencyName,
      title: formatDate(req.lang, filter.date),
      auditHead: await auditHead(handle),
    });
    return attachment(
      reply,
      `register-${filter.date}.xlsx`,
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ).send(xlsx);
  });
  app.get<{ Querystring: Query }>("/office/register.csv", readers, async (req, reply) => {
    const { filter, rows } = await exportEntries(req);
    const head = await auditHead(handle);
    if (head) reply.header("x-audit-head", `${head.seq} ${head.hash}`);
    return attachment(reply, `register-${filter.date}.csv`, "text/csv; charset=utf-8").send(
      writeRegisterCsv(rows, { lang: req.lang }),
    );
  });

  const showEntry = async (
    req: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    notice?: { kind: "ok" | "error"; text: string },
  ) => {
    const { entry, attachments } = await readEntry(handle, req.agency.id, req.params.id, officer(req));
    const matter = await handle.db
      .selectFrom("matters")
      .select("receipt_number")
      .where("id", "=", entry.matterId)
      .executeTakeFirst();
    const body = entryView(req, {
      base: base(req),
      entry,
      attachments,
      matterReceiptNumber: matter?.receipt_number ?? "",
      units: await unitsOf(req),
      scannedByName: await findStaffName(handle.db, entry.scannedBy),
      acknowledgement: (await ackStates([entry])).get(entry.id)!,
      acknowledgedByName: await findStaffName(handle.db, entry.acknowledgedBy),
      nowLocal: nowLocal(req.agency.timeZone, clock.now()),
      referrals: (await listReferralAgencies(handle.db, req.agency.id)).map((r) => ({
        id: r.id,
        name: req.lang === "th" ? r.nameTh : r.nameEn,
        contact: r.contact,
      })),
      timeZone: req.agency.timeZone,
      limits,
      notice,
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
      const file = await handle.db
        .selectFrom("attachments")
        .selectAll()
        .where("agency_id", "=", req.agency.id)
        .where("entry_id", "=", req.params.id)
        .where("id", "=", req.params.fileId)
        .executeTakeFirst();
      if (!file?.storage_key) throw new AppError("NOT_FOUND");
      const asJpeg = req.query.view === "jpeg" && file.viewable_key;
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
      const bytes = await opts.files.read(asJpeg ? file.viewable_key! : file.storage_key);
      const name = encodeURIComponent(asJpeg ? `${file.filename}.jpg` : file.filename);
      return asDownload(reply)
        .type(asJpeg ? "image/jpeg" : (file.media_type ?? "application/octet-stream"))
        .header("content-disposition", `${asJpeg ? "inline" : "attachment"}; filename*=UTF-8''${name}`)
        .send(bytes);
    },
  );

  const act = (
    name: string,
    run: (req: FastifyRequest<{ Params: { id: string } }>, body: Form) => Promise<void>,
  ) =>
    app.post<{ Params: { id: string } }>(`/office/entries/:id/${name}`, readers, async (req, reply) => {
      try {
        await run(req, asForm(req.body));
        return showEntry(req, reply, { kind: "ok", text: t(req.lang, "entry.saved") });
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        if (error.code === "ENTRY_NOT_FOUND") throw error;
        reply.code(error.status);
        return showEntry(req, reply, { kind: "error", text: errorText(req.lang, error, ENTRY_LABELS) });
      }
    });
  act("unit", (req, body) =>
    assignUnit(
      handle,
      req.agency.id,
      req.params.id,
      formString(body.unitId, "unitId", 100) || null,
      officer(req),
    ),
  );
  act("matter", (req, body) =>
    linkToMatter(
      handle,
      req.agency.id,
      req.params.id,
      formString(body.receiptNumber, "receiptNumber", 40),
      officer(req),
    ),
  );
  act("misdirected", (req, body) =>
    markMisdirected(
      handle,
      req.agency,
      req.params.id,
      {
        referralId: formOptional(body.referralId, "referralId", 100),
        note: formOptional(body.note, "note", 1000),
      },
      officer(req),
    ),
  );
  // CH-4: an acknowledgement given by phone, on paper or in person, with who, when and how.
  act("acknowledgement", (req, body) =>
    recordAcknowledgement(
      handle,
      req.agency,
      req.params.id,
      {
        way: formString(body.way, "way", 40),
        atLocal: formString(body.at, "at", 40),
        note: formString(body.note, "note", 1000),
      },
      officer(req),
    ),
  );
  // #10, CH-4: the officer confirms the address of a mail whose acknowledgement was withheld; it is queued.
  act("sender-address", (req, body) =>
    confirmSenderAddress(
      handle,
      req.agency,
      req.params.id,
      { address: formString(body.address, "address", 320) },
      officer(req),
    ).then(() => undefined),
  );
  act("cancel", (req, body) =>
    cancelEntry(handle, req.agency.id, req.params.id, formString(body.reason, "reason", 2000), officer(req)),
  );
}
