import { createHash } from "node:crypto";
import { type Agency, findAgency } from "../agencies/index.js";
import { recordAudit } from "../audit/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, isUniqueViolation, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import type { FileStore } from "../platform/storage/file-store.js";
import { type BackfillProblem, checkBackfillRows, type PlannedLicence } from "./backfill-check-rows.js";
import { type BackfillMapping, checkMapping, defaultMapping } from "./backfill-mapping.js";
import { backfillRecordPdf } from "./backfill-record-pdf.js";
import { type BackfillSheet, readBackfillSheet } from "./backfill-sheet.js";
import { insertLicence } from "./insert-licence.js";
import { newVerificationCode, parseLicenceNumber, raiseLicenceCounter } from "./licence-numbers.js";

/** Rows written per transaction: few enough that a SQLite writer is not held long, many enough to be fast. */
const CHUNK = 100;

export interface BackfillDeps {
  handle: DatabaseHandle;
  files: FileStore;
  clock: Clock;
  /** The record PDF of a row (default backfillRecordPdf); the costly part of a large import. */
  recordPdf?: typeof backfillRecordPdf;
}

export interface BackfillReport {
  format: BackfillSheet["format"];
  encoding: BackfillSheet["encoding"];
  rows: number;
  /** Imported (or, in a check, importable), in the order written: in force first, then past licences. */
  imported: { line: number; number: string; inForce: boolean }[];
  /** Every refused row, by line, with why (a `backfill.problem.<code>` message). */
  problems: BackfillProblem[];
  /** True when nothing was written: a check, or an all-or-nothing import with a problem. */
  dryRun: boolean;
}

/**
 * PR-3: licences from before Borikan, one sheet row each (XLSX or CSV in any encoding readBackfillSheet
 * detects, columns named by `mapping` or #15's fixed header), become `backfill` licences with no matter
 * and their own numbers. Each row is checked on its own (checkBackfillRows) and each valid row is wholly
 * written or not at all: the row, its first event, its search words, its record PDF (saying it is not the
 * original) and the series counter raised above a running number, so new numbers never collide. Refused
 * rows are listed; the rest are imported, in force first. `mode`: "check" writes nothing; "all-or-nothing"
 * writes nothing when any row is refused (for an agency that wants its file fixed first).
 * Throws BACKFILL_FILE_UNREADABLE, BACKFILL_MAPPING_INVALID, AGENCY_NOT_FOUND.
 */
export async function importLicences(
  deps: BackfillDeps,
  input: {
    agencyId: string;
    file: Uint8Array | string;
    sheetName?: string;
    mapping?: BackfillMapping;
    actor: string;
    mode?: "import" | "check" | "all-or-nothing";
  },
): Promise<BackfillReport> {
  const bytes = typeof input.file === "string" ? new TextEncoder().encode(input.file) : input.file;
  const sheet = await readBackfillSheet(bytes, input.sheetName);
  if (sheet.rows.length === 0) throw new AppError("BACKFILL_FILE_UNREADABLE", { detail: "no rows" });
  const mapping = checkMapping(input.mapping ?? defaultMapping(sheet.header), sheet.header);
  const agency = await findAgency(deps.handle.db, input.agencyId);
  if (!agency) throw new AppError("AGENCY_NOT_FOUND");
  const now = deps.clock.now();
  const { planned, problems } = await checkBackfillRows(deps.handle.db, {
    agencyId: agency.id,
    header: sheet.header,
    rows: sheet.rows,
    mapping,
    today: now.toISOString().slice(0, 10),
  });
  const dryRun = input.mode === "check" || (input.mode === "all-or-nothing" && problems.length > 0);
  const report: BackfillReport = {
    format: sheet.format,
    encoding: sheet.encoding,
    rows: sheet.rows.length,
    imported: [],
    problems,
    dryRun,
  };
  const done = (p: PlannedLicence) =>
    report.imported.push({ line: p.line, number: p.number, inForce: p.inForce });
  if (dryRun) {
    for (const p of planned) done(p);
    return report;
  }
  const write = writer(deps, agency, input.actor, now);
  for (let i = 0; i < planned.length; i += CHUNK) {
    const chunk = await Promise.all(planned.slice(i, i + CHUNK).map(write.prepare));
    try {
      await withTransaction(deps.handle, async (trx) => {
        for (const row of chunk) await write.insert(trx, row);
      });
      for (const r of chunk) done(r.plan);
    } catch {
      // A chunk failed (a number taken meanwhile): each row again on its own, so one row costs only itself.
      for (const row of chunk) {
        try {
          await withTransaction(deps.handle, (trx) => write.insert(trx, row));
          done(row.plan);
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          problems.push({ line: row.plan.line, code: "inRegister", params: { number: row.plan.number } });
        }
      }
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return report;
}

function writer(deps: BackfillDeps, agency: Agency, actor: string, at: Date) {
  const makePdf = deps.recordPdf ?? backfillRecordPdf;
  const now = at.toISOString();
  return {
    /** The record PDF, stored before the transaction (an unused file is harmless; a long lock is not). */
    async prepare(plan: PlannedLicence) {
      const template = plan.version.definition.licence!;
      const pdf = await makePdf({
        agency,
        title: template.title,
        number: plan.number,
        holderName: plan.holder,
        fields: plan.fields,
        validFrom: plan.issuedOn,
        validUntil: plan.validUntil,
        importedAt: at,
      });
      const stored = await deps.files.put(pdf);
      return { plan, pdfKey: stored.key, pdfSha256: createHash("sha256").update(pdf).digest("hex") };
    },
    async insert(trx: Parameters<typeof insertLicence>[0], row: Awaited<ReturnType<typeof this.prepare>>) {
      const { plan } = row;
      const template = plan.version.definition.licence!;
      const running = parseLicenceNumber(template.numberFormat, plan.number);
      const series = running ? plan.serviceCode : `backfill:${plan.serviceCode}`;
      const year = running?.beYear ?? Number(plan.issuedOn.slice(0, 4)) + 543;
      if (running) await raiseLicenceCounter(trx, agency.id, plan.serviceCode, year, running.sequence);
      const id = newId();
      await insertLicence(
        trx,
        {
          id,
          agency_id: agency.id,
          matter_id: null,
          service_code: plan.serviceCode,
          service_version_id: plan.version.id,
          series,
          be_year: year,
          sequence: running?.sequence ?? null,
          number_text: plan.number,
          edition: 1,
          status: plan.status,
          title_th: template.title.th,
          title_en: template.title.en ?? template.title.th,
          holder_name: plan.holder,
          fields: JSON.stringify(plan.fields),
          conditions: "[]",
          valid_from: plan.issuedOn,
          valid_until: plan.validUntil,
          signer_name: "",
          signer_position: "",
          verification_code: newVerificationCode(),
          pdf_key: row.pdfKey,
          pdf_sha256: row.pdfSha256,
          origin: "backfill",
          displayed: plan.version.definition.displaysLicence ? 1 : 0,
          confidential: template.confidential ? 1 : 0,
          previous_id: null,
          status_changed_at: now,
          issued_at: `${plan.issuedOn}T00:00:00.000Z`,
          issued_by: actor,
        },
        { action: "backfill", actor, at: now, data: { line: plan.line } },
      );
      await recordAudit(trx, {
        agencyId: agency.id,
        actor,
        action: "licence.backfill",
        subjectType: "licence",
        subjectId: id,
        data: { line: plan.line, status: plan.status, series },
        at: now,
      });
    },
  };
}
