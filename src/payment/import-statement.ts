import crypto from "node:crypto";
import { findAgency } from "../agencies/index.js";
import { recordAudit } from "../audit/index.js";
import { toLocal } from "../calendar/index.js";
import { type DatabaseHandle, isUniqueViolation, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import type { FileStore } from "../platform/storage/file-store.js";
import { listAccounts } from "./accounts.repo.js";
import { readStatementFile } from "./read-statement-file.js";
import { normaliseRef1, reconcileLine } from "./reconcile-statement.js";
import {
  checkMapping,
  type ParsedLine,
  parseStatementRows,
  type StatementMapping,
} from "./statement-mapping.js";
import {
  existingFingerprints,
  findNoticesByRef1s,
  findStatementBySha256,
  findStatementMapping,
  saveStatementMapping,
} from "./statements.repo.js";
import type { StatementLineState } from "./statements.table.js";

export interface StatementUpload {
  agencyId: string;
  accountId: string;
  filename: string;
  bytes: Uint8Array;
  /** Given at the account's first import (or to change it): checked, then saved for the next ones. */
  mapping?: StatementMapping;
}

export interface ImportedStatement {
  statementId: string;
  lines: number;
  skipped: number;
  states: Record<StatementLineState, number>;
}

/** Lines matched per lookup of their notices and per insert. */
const BATCH = 200;

/** The line's identity across overlapping statements; `occurrence` tells apart equal lines of one file. */
const fingerprintOf = (accountId: string, line: ParsedLine, occurrence: number) =>
  crypto
    .createHash("sha256")
    .update(
      [
        accountId,
        line.postedAt.toISOString(),
        line.amountSatang,
        line.bankReference ?? `ref1:${line.ref1 ?? ""}`,
        occurrence,
      ].join("|"),
    )
    .digest("hex");

/**
 * PY-3: imports an account's bank statement and reconciles its lines, in one transaction: a wrong
 * mapping or a bad file stores nothing. Lines an overlapping statement already brought are skipped and
 * counted. Throws STATEMENT_ACCOUNT_NOT_FOUND, STATEMENT_MAPPING_REQUIRED (first import of the account),
 * STATEMENT_ALREADY_IMPORTED, STATEMENT_UNREADABLE, STATEMENT_MIXED_ENCODING, STATEMENT_MAPPING_INVALID,
 * STATEMENT_MAPPING_WRONG.
 */
export async function importStatement(
  deps: { handle: DatabaseHandle; files: FileStore },
  upload: StatementUpload,
  actor: { staffId: string; ip?: string },
  at: Date,
): Promise<ImportedStatement> {
  const { handle } = deps;
  const { agencyId, accountId } = upload;
  const accounts = await listAccounts(handle.db, agencyId);
  if (!accounts.some((a) => a.id === accountId)) throw new AppError("STATEMENT_ACCOUNT_NOT_FOUND");
  const agency = await findAgency(handle.db, agencyId);
  const timeZone = agency?.timeZone ?? "Asia/Bangkok";
  const sha256 = crypto.createHash("sha256").update(upload.bytes).digest("hex");
  await refuseImportedAgain(handle, agencyId, sha256, timeZone);
  const mapping = upload.mapping
    ? checkMapping(upload.mapping)
    : await findStatementMapping(handle.db, agencyId, accountId);
  if (!mapping) throw new AppError("STATEMENT_MAPPING_REQUIRED");
  const table = await readStatementFile(upload.bytes, mapping.encoding);
  const parsed = parseStatementRows(table.rows, mapping, timeZone);

  const seen = new Map<string, number>();
  const lines = parsed.map((line) => {
    const base = fingerprintOf(accountId, line, 0);
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    return { line, fingerprint: occurrence === 0 ? base : fingerprintOf(accountId, line, occurrence) };
  });
  // SC-2: the file itself is kept, sealed, for backups and for the auditor.
  const { key } = await deps.files.put(upload.bytes);
  const statementId = newId();
  const now = at.toISOString();
  const by = `staff:${actor.staffId}`;
  try {
    return await withTransaction(handle, async (trx) => {
      const known = await existingFingerprints(
        trx,
        agencyId,
        lines.map((l) => l.fingerprint),
      );
      const fresh = lines.filter((l) => !known.has(l.fingerprint));
      await trx
        .insertInto("bank_statements")
        .values({
          id: statementId,
          agency_id: agencyId,
          account_id: accountId,
          file_key: key,
          sha256,
          filename: upload.filename.slice(0, 200),
          format: table.format,
          encoding: table.encoding,
          line_count: fresh.length,
          skipped_count: lines.length - fresh.length,
          matched_count: 0,
          imported_at: now,
          imported_by: by,
        })
        .execute();
      if (upload.mapping) await saveStatementMapping(trx, agencyId, accountId, mapping, by, now);
      const states: Record<StatementLineState, number> = {
        matched: 0,
        unmatched: 0,
        "amount-differs": 0,
        "already-paid": 0,
        ignored: 0,
      };
      // In batches: one lookup of the notices the batch names, one insert of its lines with their outcome.
      for (let i = 0; i < fresh.length; i += BATCH) {
        const rows = fresh.slice(i, i + BATCH).map(({ line, fingerprint }) => ({
          id: newId(),
          agency_id: agencyId,
          statement_id: statementId,
          account_id: accountId,
          line_number: line.lineNumber,
          fingerprint,
          posted_at: line.postedAt.toISOString(),
          amount_satang: line.amountSatang,
          ref1: line.ref1?.slice(0, 40) ?? null,
          ref2: line.ref2?.slice(0, 40) ?? null,
          bank_reference: line.bankReference?.slice(0, 80) ?? null,
          description: line.description?.slice(0, 500) ?? null,
          payer: line.payer?.slice(0, 200) ?? null,
        }));
        const refs = rows.map((r) => normaliseRef1(r.ref1)).filter((r): r is string => r !== null);
        const notices = await findNoticesByRef1s(trx, agencyId, [...new Set(refs)]);
        const stored = [];
        for (const row of rows) {
          const outcome = await reconcileLine(trx, row, at, async (ref1) => notices.get(ref1));
          states[outcome.state]++;
          stored.push({
            ...row,
            state: outcome.state,
            notice_id: outcome.noticeId,
            payment_id: outcome.paymentId,
            resolved_by: null,
            resolved_at: null,
            note: outcome.note,
            version: 1,
          });
        }
        if (stored.length > 0) await trx.insertInto("statement_lines").values(stored).execute();
      }
      await trx
        .updateTable("bank_statements")
        .set({ matched_count: states.matched })
        .where("id", "=", statementId)
        .execute();
      await recordAudit(trx, {
        agencyId,
        actor: by,
        action: "payment.statement-imported",
        subjectType: "bank_statement",
        subjectId: statementId,
        data: { accountId, lines: fresh.length, skipped: lines.length - fresh.length, ...states },
        ip: actor.ip,
        at: now,
      });
      return { statementId, lines: fresh.length, skipped: lines.length - fresh.length, states };
    });
  } catch (error) {
    // Two uploads of one file at once: the second meets the first's digest.
    if (!isUniqueViolation(error)) throw error;
    await refuseImportedAgain(handle, agencyId, sha256, timeZone);
    // An overlapping statement imported at the same moment took a line first: importing again skips it.
    throw new AppError("STATEMENT_IMPORT_BUSY");
  }
}

async function refuseImportedAgain(
  handle: DatabaseHandle,
  agencyId: string,
  sha256: string,
  timeZone: string,
) {
  const before = await findStatementBySha256(handle.db, agencyId, sha256);
  if (!before) return;
  const local = toLocal(new Date(before.imported_at), timeZone);
  const [y, m, d] = local.date.split("-").map(Number);
  throw new AppError("STATEMENT_ALREADY_IMPORTED", {
    date: local.date,
    dateBe: `${d}/${m}/${y! + 543}`,
  });
}
