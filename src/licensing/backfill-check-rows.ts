import type { ServiceVersion } from "../catalog/index.js";
import { findCurrentVersion } from "../catalog/index.js";
import type { Db } from "../platform/db/database.js";
import { cleanBackfillCell } from "./backfill-clean.js";
import { parseBackfillDate } from "./backfill-dates.js";
import type { BackfillMapping, MappedFact } from "./backfill-mapping.js";
import type { PrintedField } from "./licence.js";
import type { LicenceStatus } from "./licensing.table.js";

/** Why a row is refused; each has a message `backfill.problem.<code>` in both languages. */
export type BackfillProblemCode =
  | "number"
  | "holder"
  | "issuedOn"
  | "validUntil"
  | "validBeforeIssued"
  | "status"
  | "service"
  | "twiceInFile"
  | "inRegister"
  | "tooLong";
export interface BackfillProblem {
  line: number;
  code: BackfillProblemCode;
  params: Record<string, string>;
}

/** A row that passed every check, ready to write. */
export interface PlannedLicence {
  line: number;
  number: string;
  serviceCode: string;
  version: ServiceVersion;
  holder: string;
  issuedOn: string;
  validUntil: string | null;
  status: LicenceStatus;
  fields: PrintedField[];
  inForce: boolean;
}

// The status column in the codes or in the words a Thai register uses.
const STATUS_WORDS: Record<string, LicenceStatus> = {
  issued: "issued",
  ใช้ได้: "issued",
  มีผล: "issued",
  ออกแล้ว: "issued",
  suspended: "suspended",
  พักใช้: "suspended",
  revoked: "revoked",
  เพิกถอน: "revoked",
  expired: "expired",
  หมดอายุ: "expired",
};
const LIMITS = { number: 100, holder: 300, printed: 500 };

/**
 * PR-3: every row of a sheet checked on its own, each fault reported on the row as the user numbers it:
 * cells cleaned (cleanBackfillCell), dates in CE or BE (parseBackfillDate), valid-until not before
 * issued, a known status, a published service with a licence template, a number not twice in the file
 * (every row carrying it is refused) and not in the agency's register already (so a file run twice
 * imports nothing twice). The planned rows come licences still in force first (PR-3), then the past ones.
 */
export async function checkBackfillRows(
  db: Db,
  input: {
    agencyId: string;
    header: string[];
    rows: { line: number; cells: string[] }[];
    mapping: BackfillMapping;
    today: string;
  },
): Promise<{ planned: PlannedLicence[]; problems: BackfillProblem[] }> {
  const { header, mapping } = input;
  const at = (column: string) => header.indexOf(column);
  const index = Object.fromEntries(
    Object.entries(mapping.columns).map(([fact, column]) => [fact, column ? at(column) : -1]),
  ) as Record<MappedFact, number>;
  const versions = new Map<string, ServiceVersion | undefined>();
  const problems: BackfillProblem[] = [];
  const planned: PlannedLicence[] = [];
  for (const { line, cells } of input.rows) {
    const cell = (i: number) => (i < 0 ? "" : cleanBackfillCell(cells[i] ?? ""));
    const refuse = (code: BackfillProblemCode, params: Record<string, string> = {}) =>
      problems.push({ line, code, params });
    const number = cell(index.number);
    const holder = cell(index.holder);
    const serviceCode = cell(index.serviceCode);
    if (!number) refuse("number");
    else if (number.length > LIMITS.number) refuse("tooLong", { column: mapping.columns.number });
    else if (!holder) refuse("holder");
    else if (holder.length > LIMITS.holder) refuse("tooLong", { column: mapping.columns.holder });
    else {
      const issuedOn = parseBackfillDate(cell(index.issuedOn));
      const untilText = cell(index.validUntil);
      const validUntil = untilText ? parseBackfillDate(untilText) : null;
      const status = STATUS_WORDS[cell(index.status).toLowerCase()];
      const fields = mapping.printed.map((p) => ({
        key: p.key,
        label: { th: p.th, en: p.en || p.th },
        value: cell(at(p.column)),
      }));
      const long = fields.find((f) => f.value.length > LIMITS.printed);
      if (!issuedOn) refuse("issuedOn", { value: cell(index.issuedOn).slice(0, 40) });
      else if (validUntil === undefined) refuse("validUntil", { value: untilText.slice(0, 40) });
      else if (validUntil && validUntil < issuedOn) refuse("validBeforeIssued");
      else if (!status) refuse("status", { value: cell(index.status).slice(0, 40) });
      else if (long) refuse("tooLong", { column: long.label.th });
      else {
        if (!versions.has(serviceCode))
          versions.set(serviceCode, await findCurrentVersion(db, input.agencyId, serviceCode));
        const version = versions.get(serviceCode);
        if (!version?.definition.licence) refuse("service", { value: serviceCode.slice(0, 60) });
        else {
          const inForce =
            (status === "issued" || status === "suspended") && (!validUntil || validUntil >= input.today);
          planned.push({
            line,
            number,
            serviceCode,
            version,
            holder,
            issuedOn,
            validUntil,
            status,
            fields,
            inForce,
          });
        }
      }
    }
  }
  const clean = await withoutDuplicates(db, input.agencyId, input.rows, planned, index.number, problems);
  clean.sort((a, b) => Number(b.inForce) - Number(a.inForce) || a.line - b.line);
  problems.sort((a, b) => a.line - b.line);
  return { planned: clean, problems };
}

/** Numbers twice in the file (every such row refused) or already in the register. */
async function withoutDuplicates(
  db: Db,
  agencyId: string,
  rows: { line: number; cells: string[] }[],
  planned: PlannedLicence[],
  numberIndex: number,
  problems: BackfillProblem[],
): Promise<PlannedLicence[]> {
  const linesOf = new Map<string, number[]>();
  for (const { line, cells } of rows) {
    const number = numberIndex < 0 ? "" : cleanBackfillCell(cells[numberIndex] ?? "");
    if (number) linesOf.set(number, [...(linesOf.get(number) ?? []), line]);
  }
  const taken = new Set<string>();
  const numbers = planned.map((p) => p.number);
  for (let i = 0; i < numbers.length; i += 500) {
    const found = await db
      .selectFrom("licences")
      .select("number_text")
      .where("agency_id", "=", agencyId)
      .where("number_text", "in", numbers.slice(i, i + 500))
      .execute();
    for (const r of found) taken.add(r.number_text);
  }
  return planned.filter((p) => {
    const lines = linesOf.get(p.number) ?? [];
    if (lines.length > 1) {
      problems.push({
        line: p.line,
        code: "twiceInFile",
        params: { number: p.number, lines: lines.join(", ") },
      });
      return false;
    }
    if (taken.has(p.number)) {
      problems.push({ line: p.line, code: "inRegister", params: { number: p.number } });
      return false;
    }
    return true;
  });
}
