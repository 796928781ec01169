import { sql } from "kysely";
import { findAgency } from "../agencies/index.js";
import { recordAudit } from "../audit/index.js";
import { buddhistYear, toLocal } from "../calendar/index.js";
import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import type { OutgoingLetterRow, Secrecy, Urgency } from "./correspondence.table.js";

/** A letter to number and keep: the saraban regulation's fields (ES-1), in the form's order. */
export interface NewLetter {
  /** #12 deficiency: set by a caller that records the action naming the letter first (the matter locked before the counter). */
  id?: string;
  agencyId: string;
  kind: "external" | "memo";
  /** deficiency-record, refusal, decision, delay-notice, delay-notice-copy, memo, announcement, other. */
  purpose: string;
  matterId?: string | null;
  /** RG-7: the incoming entry this letter answers. */
  repliesToEntryId?: string | null;
  /** Defaults to the agency's names (Thai). */
  fromName?: string;
  toName: string;
  subject: string;
  salutation: string;
  reference?: string | null;
  enclosures?: readonly string[];
  body: string;
  closing?: string;
  signerName: string;
  signerPosition: string;
  ownerUnit: string;
  urgency?: Urgency;
  secrecy?: Secrecy;
  /** The compose form's one-time key, when an officer wrote it (a double click gives one letter). */
  formKey?: string;
}

/**
 * ES-1, RG-7: numbers a letter in the outgoing register and keeps it, inside the caller's transaction
 * (so the number exists exactly when what caused the letter does). The counter row of the agency's
 * Buddhist year stays locked until commit: numbers are gapless and never reused, across processes.
 * The ที่ is the agency's letter code, "/", the number (e.g. `นร 0106/123`).
 * Throws LETTER_CODE_NOT_SET when the agency has no letter code yet (an admin sets it).
 */
export async function issueLetter(
  trx: Db,
  letter: NewLetter,
  ctx: { actor: string; at: Date },
): Promise<OutgoingLetterRow> {
  const agency = await findAgency(trx, letter.agencyId);
  if (!agency) throw new AppError("AGENCY_NOT_FOUND");
  if (!agency.letterCode) throw new AppError("LETTER_CODE_NOT_SET");
  const beYear = buddhistYear(ctx.at, agency.timeZone);
  const counter = await trx
    .insertInto("outgoing_counters")
    .values({ agency_id: agency.id, be_year: beYear, last_number: 1 })
    .onConflict((oc) =>
      oc
        .columns(["agency_id", "be_year"])
        .doUpdateSet({ last_number: sql`outgoing_counters.last_number + 1` }),
    )
    .returning("last_number")
    .executeTakeFirstOrThrow();
  const sequence = Number(counter.last_number);
  const now = ctx.at.toISOString();
  const row: OutgoingLetterRow = {
    id: letter.id ?? newId(),
    agency_id: agency.id,
    be_year: beYear,
    sequence,
    number: `${agency.letterCode}/${sequence}`,
    kind: letter.kind,
    purpose: letter.purpose,
    matter_id: letter.matterId ?? null,
    replies_to_entry_id: letter.repliesToEntryId ?? null,
    letter_date: toLocal(ctx.at, agency.timeZone).date,
    from_name: letter.fromName ?? agency.nameTh,
    to_name: letter.toName,
    subject: letter.subject,
    salutation: letter.salutation,
    reference: letter.reference ?? null,
    enclosures: JSON.stringify(letter.enclosures ?? []),
    body: letter.body,
    closing: letter.closing ?? "ขอแสดงความนับถือ",
    signer_name: letter.signerName,
    signer_position: letter.signerPosition,
    owner_unit: letter.ownerUnit,
    urgency: letter.urgency ?? "normal",
    secrecy: letter.secrecy ?? "normal",
    created_by: ctx.actor,
    created_at: now,
    form_key: letter.formKey ?? null,
  };
  await trx.insertInto("outgoing_letters").values(row).execute();
  await recordAudit(trx, {
    agencyId: agency.id,
    actor: ctx.actor,
    action: "letter.issue",
    subjectType: "letter",
    subjectId: row.id,
    data: { number: row.number, purpose: row.purpose, matterId: row.matter_id, secrecy: row.secrecy },
    at: now,
  });
  return row;
}

/** ES-1: the most secret class (ลับที่สุด) is never sent by email (Saraban regulation amendment No. 4). */
export const sendableByEmail = (letter: Pick<OutgoingLetterRow, "secrecy">): boolean =>
  letter.secrecy !== "top_secret";
