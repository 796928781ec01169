import { findLetter, issueLetter } from "../correspondence/index.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import { findMatter, listMatterEntries, recordAction } from "../register/index.js";
import { findStaffName } from "../staff/index.js";
import { loadDeficiencyFacts } from "./deficiency-facts.js";
import { returnLetter } from "./deficiency-letter.js";
import {
  closeDeficiencyRecord,
  type DeficiencyRecord,
  listOpenDeficiencyRecords,
} from "./deficiency-records.repo.js";

export interface SweepDeps {
  handle: DatabaseHandle;
  log?: (msg: string) => void;
}

/** An entry that joined the matter after the record was issued and by its deadline: the applicant's answer. */
async function answerOf(deps: SweepDeps, record: DeficiencyRecord) {
  const entries = await listMatterEntries(deps.handle.db, record.matterId);
  return entries.find(
    (e) =>
      e.receivedAt.getTime() > record.createdAt.getTime() &&
      e.receivedAt.getTime() <= record.deadline.getTime(),
  );
}

/** Runs `work` per record, a failure of one logged and the rest carried on; counts those it changed. */
async function eachRecord(
  deps: SweepDeps,
  name: string,
  records: DeficiencyRecord[],
  work: (record: DeficiencyRecord) => Promise<boolean>,
): Promise<number> {
  let changed = 0;
  for (const record of records) {
    try {
      if (await work(record)) changed++;
    } catch (error) {
      // Another action moved the matter first (an officer, a parallel sweep): nothing to do.
      if (!(error instanceof AppError)) deps.log?.(`${name}: ${String(error)}`);
    }
  }
  return changed;
}

const SYSTEM = (name: string) => ({ kind: "system" as const, name: `system:${name}` });

/**
 * RV-2: answers by email reply or LINE join the matter as new entries (their intakes do that); this
 * records `resubmit` (system, with the entry) for each open record so answered, and fulfils the record,
 * once (the record and the status change guard it). Returns how many it recorded.
 */
export async function sweepDeficiencyAnswers(deps: SweepDeps, now: Date): Promise<number> {
  const records = await listOpenDeficiencyRecords(deps.handle.db);
  return eachRecord(deps, "deficiency answers", records, async (record) => {
    const matter = await findMatter(deps.handle.db, record.agencyId, record.matterId);
    if (matter?.status !== "more_info_requested") return false;
    const entry = await answerOf(deps, record);
    if (!entry) return false;
    return withTransaction(deps.handle, async (trx) => {
      await recordAction(trx, {
        agencyId: record.agencyId,
        subject: { matterId: record.matterId },
        action: "resubmit",
        payload: { recordId: record.id, entryId: entry.id, channel: entry.channel },
        actor: SYSTEM("deficiency-answers"),
        at: now,
        expectedVersion: matter.version,
      });
      if (
        !(await closeDeficiencyRecord(trx, record.id, {
          fulfilled_at: now.toISOString(),
          fulfilled_entry_id: entry.id,
        }))
      )
        throw new AppError("DEFICIENCY_NOT_AWAITED");
      return true;
    });
  });
}

/**
 * LF-4 (Act s.8): a record past its deadline and not answered by then returns the application with its
 * reasons: `return` (system) with a numbered "returned with reasons" letter, and the record lapses, in
 * one transaction and once (the status change and the record guard it). Returns how many it returned.
 */
export async function sweepLapsedDeficiencies(deps: SweepDeps, now: Date): Promise<number> {
  const records = (await listOpenDeficiencyRecords(deps.handle.db)).filter(
    (r) => r.deadline.getTime() < now.getTime(),
  );
  return eachRecord(deps, "lapsed deficiencies", records, async (record) => {
    const matter = await findMatter(deps.handle.db, record.agencyId, record.matterId);
    if (matter?.status !== "more_info_requested" || (await answerOf(deps, record))) return false;
    return withTransaction(deps.handle, async (trx) => {
      const facts = await loadDeficiencyFacts(trx, record.agencyId, record.matterId);
      const first = await findLetter(trx, record.agencyId, record.letterId);
      // Signed as the record was: by the officer who issued it.
      const signer = (await findStaffName(trx, record.officerAcknowledgedBy)) ?? facts.agency.nameTh;
      const letterId = newId();
      // The action first: it locks the matter; the letter's counter is taken last and held until COMMIT.
      await recordAction(trx, {
        agencyId: record.agencyId,
        subject: { matterId: record.matterId },
        action: "return",
        payload: { recordId: record.id, letterId, reasonKind: "incomplete" },
        actor: SYSTEM("lapsed-deficiencies"),
        at: now,
        expectedVersion: matter.version,
      });
      const letter = await issueLetter(
        trx,
        {
          id: letterId,
          ...returnLetter(
            {
              ...facts,
              matterId: record.matterId,
              receiptNumber: facts.matter.receiptNumber,
              signerName: signer,
            },
            { items: record.items, deadline: record.deadline, letterNumber: first?.number ?? "-" },
            facts.checklist,
          ),
        },
        { actor: "system:lapsed-deficiencies", at: now },
      );
      if (
        !(await closeDeficiencyRecord(trx, record.id, {
          lapsed_at: now.toISOString(),
          return_letter_id: letter.id,
        }))
      )
        throw new AppError("DEFICIENCY_NOT_AWAITED");
      return true;
    });
  });
}
