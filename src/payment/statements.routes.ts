import crypto from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../platform/errors.js";
import { sameSecret } from "../platform/form-token.js";
import { errorText } from "../platform/http/form-errors.js";
import { asForm, type Form, formOptional, formString } from "../platform/http/form-fields.js";
import { readMultipart } from "../platform/http/multipart.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { staffGuard } from "../staff/index.js";
import { listAccounts } from "./accounts.repo.js";
import { guessMapping } from "./guess-mapping.js";
import { type ImportedStatement, importStatement } from "./import-statement.js";
import type { PaymentDeps } from "./payment-deps.js";
import { readStatementFile } from "./read-statement-file.js";
import { MAPPED_COLUMNS, type StatementMapping } from "./statement-mapping.js";
import { findStatementMapping, listStatements } from "./statements.repo.js";
import { mappingView, type Notice, type PendingFile, statementsView } from "./views/statements.view.js";

const PREVIEW_ROWS = 8;
const wantsPage = (req: FastifyRequest) => (req.headers.accept ?? "").includes("text/html");

/** The mapping a form (or an API client's `mapping` JSON field) gives. */
export function mappingFromForm(form: Form): StatementMapping {
  const json = formOptional(form.mapping, "mapping", 4000);
  if (json) {
    try {
      const parsed = JSON.parse(json) as StatementMapping;
      if (
        typeof parsed !== "object" ||
        parsed === null ||
        typeof parsed.columns !== "object" ||
        parsed.columns === null
      )
        throw new Error("not a mapping");
      return parsed;
    } catch {
      throw new AppError("STATEMENT_MAPPING_INVALID", { field: "mapping" }, { field: "mapping" });
    }
  }
  const columns: StatementMapping["columns"] = {};
  for (const field of MAPPED_COLUMNS) {
    const value = formString(form[`col_${field}`], `col_${field}`, 4);
    if (value !== "") columns[field] = /^\d{1,3}$/.test(value) ? Number(value) : -1;
  }
  const headerRow = formString(form.headerRow, "headerRow", 4);
  return {
    encoding: (formString(form.encoding, "encoding", 20) || "auto") as StatementMapping["encoding"],
    headerRow: /^\d{1,3}$/.test(headerRow) ? Number(headerRow) : -1,
    columns,
    dateOrder: (formString(form.dateOrder, "dateOrder", 10) || "dmy") as StatementMapping["dateOrder"],
    era: (formString(form.era, "era", 10) || "be") as StatementMapping["era"],
  };
}

/**
 * PY-3: `/office/finance/statements` for the finance officer: the imported statements; importing one
 * (multipart: `accountId`, the file, and for an API client optionally `mapping` as JSON); the account's
 * first import (or `remap`) shows the mapping form with the file's first rows, and
 * `/office/finance/statements/mapping` saves the mapping and imports the file it was shown for.
 */
export async function statementsRoutes(app: FastifyInstance, deps: PaymentDeps) {
  const { handle, clock } = deps;
  const guard = staffGuard(handle.db, clock);
  const officers = { schema: { hide: true }, preHandler: guard(["finance_officer"]) };
  const uploads = { schema: { hide: true }, preHandler: guard(["finance_officer"], { multipart: true }) };
  // The mapping form names a file already in the store; the token binds it to this officer and agency,
  // so the form cannot be pointed at another stored file.
  const fileToken = (req: FastifyRequest, key: string, accountId: string) =>
    crypto
      .createHmac("sha256", deps.secret)
      .update(`statement|${req.agency.id}|${req.staffSession!.staff.id}|${accountId}|${key}`)
      .digest("base64url");

  async function show(req: FastifyRequest, reply: FastifyReply, notices: Notice[] = []) {
    const accounts = await listAccounts(handle.db, req.agency.id);
    const statements = await listStatements(handle.db, req.agency.id);
    return sendOfficePage(
      req,
      reply,
      t(req.lang, "statements.title"),
      statementsView(req, accounts, statements, notices),
      {
        wide: true,
      },
    );
  }

  async function showMapping(
    req: FastifyRequest,
    reply: FastifyReply,
    pending: PendingFile,
    bytes: Uint8Array,
    mapping: StatementMapping | undefined,
    notices: Notice[] = [],
  ) {
    const table = await readStatementFile(bytes);
    const preview = table.rows.slice(0, PREVIEW_ROWS).map((r) => r.map((c) => c.slice(0, 60)));
    const shown = mapping ?? guessMapping(table.rows);
    return sendOfficePage(
      req,
      reply,
      t(req.lang, "statements.mapping.title"),
      mappingView(req, pending, preview, shown, notices),
      {
        wide: true,
      },
    );
  }

  const imported = (req: FastifyRequest, reply: FastifyReply, result: ImportedStatement) => {
    if (!wantsPage(req)) return reply.send(result);
    return show(req, reply, [
      {
        kind: "ok",
        text: t(req.lang, "statements.imported", {
          lines: result.lines,
          skipped: result.skipped,
          matched: result.states.matched,
          unmatched: result.states.unmatched,
          differs: result.states["amount-differs"],
          alreadyPaid: result.states["already-paid"],
        }),
      },
    ]);
  };

  const failed = async (
    req: FastifyRequest,
    reply: FastifyReply,
    error: unknown,
    retry?: () => Promise<unknown>,
  ) => {
    if (!(error instanceof AppError) || error.status >= 500 || !wantsPage(req)) throw error;
    reply.code(error.status);
    const notice: Notice = { kind: "error", text: errorText(req.lang, error) };
    if (retry) {
      try {
        return await retry();
      } catch {
        // The file itself is unreadable: back to the list with the first error.
      }
    }
    return show(req, reply, [notice]);
  };

  const actor = (req: FastifyRequest) => ({ staffId: req.staffSession!.staff.id, ip: req.ip });

  app.get("/office/finance/statements", officers, (req, reply) => show(req, reply));

  app.post("/office/finance/statements", uploads, async (req, reply) => {
    if (!req.isMultipart()) throw new AppError("UNSUPPORTED_MEDIA_TYPE");
    const body = await readMultipart(req, deps.limits);
    try {
      const upload = body.files[0];
      if (!upload) throw new AppError("STATEMENT_UNREADABLE", { detail: "empty" });
      if (upload.refusal) throw new AppError("STATEMENT_UNREADABLE", { detail: upload.refusal });
      const accountId = formString(body.fields.accountId, "accountId", 64);
      const given = body.fields.mapping === undefined ? undefined : mappingFromForm(body.fields);
      const saved = await findStatementMapping(handle.db, req.agency.id, accountId);
      const remap = formString(body.fields.remap, "remap", 2) === "1";
      const accounts = await listAccounts(handle.db, req.agency.id);
      if (!accounts.some((a) => a.id === accountId)) throw new AppError("STATEMENT_ACCOUNT_NOT_FOUND");
      if (!given && (!saved || remap)) {
        if (!wantsPage(req)) throw new AppError("STATEMENT_MAPPING_REQUIRED");
        // Kept (sealed) in the store until the mapping comes back; stored by digest, so once.
        const { key } = await deps.files.put(upload.bytes);
        const pending = {
          accountId,
          fileKey: key,
          fileToken: fileToken(req, key, accountId),
          filename: upload.filename.slice(0, 200),
        };
        return await showMapping(req, reply, pending, upload.bytes, saved);
      }
      const result = await importStatement(
        deps,
        {
          agencyId: req.agency.id,
          accountId,
          filename: upload.filename,
          bytes: upload.bytes,
          mapping: given,
        },
        actor(req),
        clock.now(),
      );
      return imported(req, reply, result);
    } catch (error) {
      return failed(req, reply, error);
    }
  });

  app.post("/office/finance/statements/mapping", officers, async (req, reply) => {
    const form = asForm(req.body);
    const pending: PendingFile = {
      accountId: formString(form.accountId, "accountId", 64),
      fileKey: formString(form.fileKey, "fileKey", 100),
      fileToken: formString(form.fileToken, "fileToken", 100),
      filename: formString(form.filename, "filename", 200),
    };
    if (!sameSecret(pending.fileToken, fileToken(req, pending.fileKey, pending.accountId)))
      throw new AppError("STATEMENT_UNREADABLE", { detail: "file" });
    let bytes: Uint8Array;
    try {
      bytes = await deps.files.read(pending.fileKey);
    } catch {
      throw new AppError("STATEMENT_UNREADABLE", { detail: "file" });
    }
    let mapping: StatementMapping | undefined;
    try {
      mapping = mappingFromForm(form);
      const result = await importStatement(
        deps,
        { agencyId: req.agency.id, accountId: pending.accountId, filename: pending.filename, bytes, mapping },
        actor(req),
        clock.now(),
      );
      return imported(req, reply, result);
    } catch (error) {
      const retry =
        error instanceof AppError && error.code.startsWith("STATEMENT_MAPPING")
          ? () =>
              showMapping(
                req,
                reply,
                pending,
                bytes,
                mapping && { ...mapping, columns: { ...mapping.columns } },
                [{ kind: "error", text: errorText(req.lang, error) }],
              )
          : undefined;
      return failed(req, reply, error, retry);
    }
  });
}
