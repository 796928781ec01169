import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Agency } from "../agencies/index.js";
import { auditHead, recordAudit } from "../audit/index.js";
import { isValidDate, toLocal } from "../calendar/index.js";
import { AppError } from "../platform/errors.js";
import { asForm, type Form, formString } from "../platform/http/form-fields.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { asDownload } from "../platform/http/security-headers.js";
import { formatDate } from "../platform/i18n/format.js";
import { t } from "../platform/i18n/index.js";
import { recordDataReads } from "../privacy/index.js";
import { CHANNELS, type Channel, type Entry } from "./entry.js";
import { toExportRows, writeRegisterCsv, writeRegisterXlsx } from "./export/register-export.js";
import { recordCheck } from "./officer-actions.js";
import {
  decodeCursor,
  encodeCursor,
  listChecks,
  listRegisterLines,
  listRegisterPage,
  type RegisterFilter,
} from "./register-page.repo.js";
import type { Query, RegisterRouteContext } from "./register-routes.context.js";
import { registerPageView } from "./views/register-page.view.js";

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

const filterQuery = (f: RegisterFilter) =>
  new URLSearchParams(
    Object.entries({ date: f.date, channel: f.channel, status: f.status, unit: f.unitId }).filter(
      (e): e is [string, string] => Boolean(e[1]),
    ),
  ).toString();

/** The day's register page, its checks (CH-5) and its exports (RG-3). */
export function registerPageRoutes(app: FastifyInstance, ctx: RegisterRouteContext) {
  const { handle, clock, readers, base, officer, ackStates, unitsOf, notices } = ctx;
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
    // PD-6: which matters were listed, so each applicant sees it.
    const listed = page.entries.map((e) => ({ matterId: e.matterId, entryId: e.id }));
    await recordDataReads(handle.db, {
      agencyId: req.agency.id,
      reader: `staff:${req.staffSession!.staff.id}`,
      what: "register-list",
      entries: listed,
      at: clock.now(),
    });
    const exportQuery = filterQuery(filter);
    const body = registerPageView(req, {
      base: base(req),
      notices: notices ? await notices(req) : undefined,
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
    const exported = entries.map((e) => ({ matterId: e.matterId, entryId: e.id }));
    await recordDataReads(handle.db, {
      agencyId: req.agency.id,
      reader: `staff:${req.staffSession!.staff.id}`,
      what: "export",
      entries: exported,
      at: clock.now(),
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
}
