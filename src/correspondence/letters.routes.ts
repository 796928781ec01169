import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { recordAudit } from "../audit/index.js";
import { buddhistYear } from "../calendar/index.js";
import { listSubjectMessages } from "../outbox/index.js";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { checkText } from "../platform/http/form-fields.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { asDownload } from "../platform/http/security-headers.js";
import { t } from "../platform/i18n/index.js";
import { findEntryByNumber, findReceiptNumbers, isValidTrackingToken } from "../register/index.js";
import { REGISTER_ROLES, staffGuard } from "../staff/index.js";
import type { OutgoingLetterRow } from "./correspondence.table.js";
import { letterPdf } from "./letter-pdf.js";
import { findLetter, type LetterFilter, listOutgoingRegister } from "./letters.repo.js";
import { readableLetter, writesLetters } from "./letters-access.js";
import { writeLettersCsv, writeLettersXlsx } from "./letters-export.js";
import { letterSubjectKey } from "./send-letter.js";
import { letterPageView } from "./views/letter.view.js";
import { lettersPageView } from "./views/letters-page.view.js";

export interface LettersRoutesOptions {
  handle: DatabaseHandle;
  clock: Clock;
  /** The tracking tokens' secret: an applicant reads their matter's letters with their receipt's token. */
  secret: string;
}

type Query = Record<string, unknown>;
const PAGE_SIZE = 50;
const EXPORT_MAX = 50_000;

const queryText = (v: unknown, field: string, max = 200) =>
  typeof v === "string" ? checkText(v, field, max) : "";

/** The register's year (default: this Buddhist year), text and page from a query; nonsense → defaults. */
function filterFrom(query: Query, thisYear: number): LetterFilter {
  const year = Number(queryText(query.year, "year", 8));
  const before = Number(queryText(query.before, "before", 12));
  return {
    beYear: Number.isInteger(year) && year >= 2500 && year <= 2700 ? year : thisYear,
    text: queryText(query.q, "q") || undefined,
    before: Number.isInteger(before) && before > 0 ? before : undefined,
  };
}

const pdfReply = (reply: FastifyReply, letter: OutgoingLetterRow, pdf: Buffer) =>
  asDownload(reply)
    .type("application/pdf")
    .header("content-disposition", `inline; filename="letter-${letter.be_year}-${letter.sequence}.pdf"`)
    .header("cache-control", "no-store")
    .send(pdf);

/** ES-1, RG-7: the outgoing register, its letters and their PDFs, its exports; an applicant's letters. */
export async function lettersRoutes(app: FastifyInstance, opts: LettersRoutesOptions) {
  const { handle, clock } = opts;
  const guard = staffGuard(handle.db, clock);
  const registerReaders = { preHandler: guard(REGISTER_ROLES) };
  const anyOfficer = { preHandler: guard([]) };
  const base = (req: FastifyRequest) => `${req.basePath}/office`;
  const thisYear = (req: FastifyRequest) => buddhistYear(clock.now(), req.agency.timeZone);
  const audit = (req: FastifyRequest, action: string, subjectId: string, data: Record<string, unknown>) =>
    recordAudit(handle.db, {
      agencyId: req.agency.id,
      actor: `staff:${req.staffSession!.staff.id}`,
      action,
      subjectType: "letter",
      subjectId,
      data,
      ip: req.ip,
      at: clock.now().toISOString(),
    });
  const replyNumbers = (letters: OutgoingLetterRow[]) =>
    findReceiptNumbers(
      handle.db,
      letters.flatMap((l) => (l.replies_to_entry_id ? [l.replies_to_entry_id] : [])),
    );

  app.get<{ Querystring: Query }>("/office/letters", registerReaders, async (req, reply) => {
    const filter = filterFrom(req.query, thisYear(req));
    const letters = await listOutgoingRegister(handle.db, req.agency.id, filter, PAGE_SIZE);
    // Recipients are often people: who read which year's register is kept (SC-1).
    // #13: the search text may name a person: the audit row says only that there was one.
    const { text, ...facts } = filter;
    await audit(req, "letters.read", `${req.agency.id}:${filter.beYear}`, {
      ...facts,
      searched: Boolean(text),
      rows: letters.length,
    });
    const last = letters.at(-1);
    const next = new URLSearchParams({ year: String(filter.beYear), q: filter.text ?? "" });
    if (last) next.set("before", String(last.sequence));
    const body = lettersPageView(req, {
      base: base(req),
      beYear: filter.beYear,
      text: filter.text ?? "",
      letters,
      replyNumbers: await replyNumbers(letters),
      nextHref: letters.length === PAGE_SIZE ? `${base(req)}/letters?${next}` : undefined,
      canWrite: writesLetters(req.staffSession!.staff.roles),
    });
    return sendOfficePage(req, reply, `${t(req.lang, "letters.title")} ${filter.beYear}`, body, {
      wide: true,
    });
  });

  async function exportLetters(req: FastifyRequest<{ Querystring: Query }>, format: string) {
    const filter = { ...filterFrom(req.query, thisYear(req)), before: undefined };
    const letters: OutgoingLetterRow[] = [];
    for (let before: number | undefined; letters.length < EXPORT_MAX; ) {
      const page = await listOutgoingRegister(handle.db, req.agency.id, { ...filter, before }, 1000);
      letters.push(...page);
      if (page.length < 1000) break;
      before = page.at(-1)?.sequence;
    }
    letters.reverse();
    const { text, ...facts } = filter;
    await audit(req, "letters.export", `${req.agency.id}:${filter.beYear}`, {
      ...facts,
      searched: Boolean(text),
      rows: letters.length,
      format,
    });
    return { filter, letters, replies: await replyNumbers(letters) };
  }
  const attachment = (reply: FastifyReply, name: string, type: string) =>
    asDownload(reply)
      .type(type)
      .header("content-disposition", `attachment; filename="${name}"`)
      .header("cache-control", "no-store");

  app.get<{ Querystring: Query }>("/office/letters/export.csv", registerReaders, async (req, reply) => {
    const { filter, letters, replies } = await exportLetters(req, "csv");
    return attachment(reply, `letters-${filter.beYear}.csv`, "text/csv; charset=utf-8").send(
      writeLettersCsv(letters, req.lang, replies),
    );
  });
  app.get<{ Querystring: Query }>("/office/letters/export.xlsx", registerReaders, async (req, reply) => {
    const { filter, letters, replies } = await exportLetters(req, "xlsx");
    const agency = req.lang === "th" ? req.agency.nameTh : req.agency.nameEn;
    const xlsx = await writeLettersXlsx(letters, {
      lang: req.lang,
      title: `${agency} ${t(req.lang, "letters.title")} ${filter.beYear}`,
      replyNumbers: replies,
    });
    return attachment(
      reply,
      `letters-${filter.beYear}.xlsx`,
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ).send(xlsx);
  });

  // One route for the page and its PDF: `:letterId.pdf` beside `:letterId` is not two routes to the router.
  app.get<{ Params: { letterId: string } }>("/office/letters/:letterId", anyOfficer, async (req, reply) => {
    const asked = req.params.letterId;
    const isPdf = asked.endsWith(".pdf");
    const staff = req.staffSession!.staff;
    const letter = await readableLetter(handle.db, req.agency.id, isPdf ? asked.slice(0, -4) : asked, staff);
    if (isPdf) {
      await audit(req, "letter.read", letter.id, { number: letter.number });
      return pdfReply(reply, letter, await letterPdf(letter, req.agency));
    }
    const replies = await replyNumbers([letter]);
    const body = letterPageView(req, {
      base: base(req),
      letter,
      replyNumber: letter.replies_to_entry_id ? replies.get(letter.replies_to_entry_id) : undefined,
      sendings: await listSubjectMessages(handle.db, req.agency.id, letterSubjectKey(letter.id)),
      canSend: writesLetters(staff.roles),
      timeZone: req.agency.timeZone,
    });
    return sendOfficePage(req, reply, `${t(req.lang, "letters.number")} ${letter.number}`, body);
  });

  // ES-1: the applicant reads the letters of their matter with their receipt's tracking token; internal
  // memos are not theirs, and the most secret class is never served online.
  app.get<{ Params: { beYear: string; sequence: string; letterFile: string }; Querystring: Query }>(
    "/requests/:beYear/:sequence/letters/:letterFile",
    async (req, reply) => {
      const { beYear, sequence, letterFile } = req.params;
      const token = queryText(req.query.t, "t", 64);
      if (!/^\d{4}$/.test(beYear) || !/^\d{1,9}$/.test(sequence) || !letterFile.endsWith(".pdf"))
        throw new AppError("LETTER_NOT_FOUND");
      const entry = await findEntryByNumber(handle.db, req.agency.id, Number(beYear), Number(sequence));
      if (!entry || !token || !isValidTrackingToken(opts.secret, entry.id, token))
        throw new AppError("LETTER_NOT_FOUND");
      const letter = await findLetter(handle.db, req.agency.id, letterFile.slice(0, -4));
      if (!letter || letter.matter_id !== entry.matterId || letter.kind === "memo")
        throw new AppError("LETTER_NOT_FOUND");
      if (letter.secrecy === "top_secret") throw new AppError("LETTER_TOP_SECRET_NOT_ONLINE");
      return pdfReply(reply, letter, await letterPdf(letter, req.agency));
    },
  );
}
