import { createHash } from "node:crypto";
import { findAgency } from "../agencies/index.js";
import { recordAudit } from "../audit/index.js";
import { findCurrentVersion } from "../catalog/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import type { FileStore } from "../platform/storage/file-store.js";
import { MAX_BACKFILL_ROWS, parseBackfillCsv } from "./backfill-csv.js";
import { backfillRecordPdf } from "./backfill-record-pdf.js";
import { insertLicence } from "./insert-licence.js";
import type { PrintedField } from "./licence.js";
import { newVerificationCode, parseLicenceNumber, raiseLicenceCounter } from "./licence-numbers.js";
import type { LicenceStatus } from "./licensing.table.js";

/** The columns every back-fill file has; any other column is a line printed on the licence (PR-1). */
export const BACKFILL_COLUMNS = [
  "number",
  "service_code",
  "holder",
  "issued_on",
  "valid_until",
  "status",
] as const;
const STATUSES: readonly LicenceStatus[] = ["issued", "suspended", "revoked", "expired"];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface BackfillReport {
  imported: { line: number; number: string }[];
  /** Every refused row with its reason; when there is any, nothing of the file was imported. */
  problems: { line: number; reason: string }[];
}

/** A date as written: YYYY-MM-DD, in the Christian era or (a year past 2400) the Buddhist era. */
function isoDate(text: string): string | undefined {
  if (!DATE.test(text)) return undefined;
  const year = Number(text.slice(0, 4));
  const iso = `${year > 2400 ? year - 543 : year}${text.slice(4)}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

/**
 * PR-3: licences from before Borikan, one CSV row each (header: number, service_code, holder, issued_on,
 * valid_until, status, then one column per printed line), become `backfill` licences with no matter and
 * their own numbers. A number of the service's running format raises the counter above it, so new
 * numbers never collide; any other keeps its own series. Each gets a generated record PDF that says it
 * is not the original. The whole file in one transaction: any refused row (a duplicate, an unknown
 * service, a bad date or status) and nothing is imported, every problem reported with its line.
 * Throws LICENCE_IMPORT_INVALID {detail} for a file without the columns, AGENCY_NOT_FOUND.
 */
export async function importLicences(
  deps: { handle: DatabaseHandle; files: FileStore; clock: Clock },
  input: { agencyId: string; csv: string; actor: string },
): Promise<BackfillReport> {
  const [header, ...rows] = parseBackfillCsv(input.csv);
  const names = header?.cells.map((c) => c.trim().toLowerCase()) ?? [];
  const missing = BACKFILL_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length)
    throw new AppError("LICENCE_IMPORT_INVALID", { detail: `missing ${missing.join(", ")}` });
  if (rows.length === 0 || rows.length > MAX_BACKFILL_ROWS)
    throw new AppError("LICENCE_IMPORT_INVALID", { detail: `rows: 1..${MAX_BACKFILL_ROWS}` });
  const extra = names.flatMap((n, i) => ((BACKFILL_COLUMNS as readonly string[]).includes(n) ? [] : [i]));
  const at = deps.clock.now();
  const report: BackfillReport = { imported: [], problems: [] };
  await withTransaction(deps.handle, async (trx) => {
    const agency = await findAgency(trx, input.agencyId);
    if (!agency) throw new AppError("AGENCY_NOT_FOUND");
    const seen = new Set<string>();
    for (const { line, cells } of rows) {
      const cell = (name: string) => (cells[names.indexOf(name)] ?? "").trim();
      const refuse = (reason: string) => report.problems.push({ line, reason });
      const number = cell("number");
      const code = cell("service_code");
      const holder = cell("holder");
      const issuedOn = isoDate(cell("issued_on"));
      const validUntil = cell("valid_until") ? isoDate(cell("valid_until")) : null;
      const status = cell("status") as LicenceStatus;
      if (!number || number.length > 100) {
        refuse("number: empty or too long");
        continue;
      }
      if (!holder || holder.length > 300) {
        refuse("holder: empty or too long");
        continue;
      }
      if (!issuedOn) {
        refuse("issued_on: not a date YYYY-MM-DD");
        continue;
      }
      if (validUntil === undefined || (validUntil && validUntil < issuedOn)) {
        refuse("valid_until: not a date on or after issued_on");
        continue;
      }
      if (!STATUSES.includes(status)) {
        refuse(`status: one of ${STATUSES.join(", ")}`);
        continue;
      }
      const version = await findCurrentVersion(trx, agency.id, code);
      const template = version?.definition.licence;
      if (!version || !template) {
        refuse(`service_code: no published service "${code}" with a licence template`);
        continue;
      }
      if (seen.has(number)) {
        refuse(`number ${number}: twice in the file`);
        continue;
      }
      seen.add(number);
      const taken = await trx
        .selectFrom("licences")
        .select("id")
        .where("agency_id", "=", agency.id)
        .where("number_text", "=", number)
        .executeTakeFirst();
      if (taken) {
        refuse(`number ${number}: already in the register`);
        continue;
      }
      if (report.problems.length > 0) continue;
      const beYear = Number(issuedOn.slice(0, 4)) + 543;
      const running = parseLicenceNumber(template.numberFormat, number);
      const series = running ? code : `backfill:${code}`;
      const year = running?.beYear ?? beYear;
      if (running) await raiseLicenceCounter(trx, agency.id, code, year, running.sequence);
      const fields: PrintedField[] = extra.map((i) => ({
        key: names[i]!,
        label: { th: header!.cells[i]!.trim(), en: header!.cells[i]!.trim() },
        value: (cells[i] ?? "").trim(),
      }));
      const pdf = await backfillRecordPdf({
        agency,
        title: template.title,
        number,
        holderName: holder,
        fields,
        validFrom: issuedOn,
        validUntil,
        importedAt: at,
      });
      const stored = await deps.files.put(pdf);
      const id = newId();
      const now = at.toISOString();
      await insertLicence(
        trx,
        {
          id,
          agency_id: agency.id,
          matter_id: null,
          service_code: code,
          service_version_id: version.id,
          series,
          be_year: year,
          sequence: running?.sequence ?? null,
          number_text: number,
          edition: 1,
          status,
          title_th: template.title.th,
          title_en: template.title.en ?? template.title.th,
          holder_name: holder,
          fields: JSON.stringify(fields),
          conditions: "[]",
          valid_from: issuedOn,
          valid_until: validUntil,
          signer_name: "",
          signer_position: "",
          verification_code: newVerificationCode(),
          pdf_key: stored.key,
          pdf_sha256: createHash("sha256").update(pdf).digest("hex"),
          origin: "backfill",
          displayed: version.definition.displaysLicence ? 1 : 0,
          confidential: template.confidential ? 1 : 0,
          previous_id: null,
          status_changed_at: now,
          issued_at: `${issuedOn}T00:00:00.000Z`,
          issued_by: input.actor,
        },
        { action: "backfill", actor: input.actor, at: now, data: { line } },
      );
      await recordAudit(trx, {
        agencyId: agency.id,
        actor: input.actor,
        action: "licence.backfill",
        subjectType: "licence",
        subjectId: id,
        data: { number, line, status, series },
        at: now,
      });
      report.imported.push({ line, number });
    }
    // The whole file or nothing: a report of problems rolls back whatever rows went in before.
    if (report.problems.length > 0) throw new BackfillRefused();
  }).catch((error) => {
    if (!(error instanceof BackfillRefused)) throw error;
    report.imported = [];
  });
  return report;
}

class BackfillRefused extends Error {}
