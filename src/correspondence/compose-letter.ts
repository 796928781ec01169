import type { Agency } from "../agencies/index.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { findEntry, recordAction } from "../register/index.js";
import type { Role } from "../staff/index.js";
import type { OutgoingLetterRow } from "./correspondence.table.js";
import { SECRECIES, type Secrecy, URGENCIES, type Urgency } from "./correspondence.table.js";
import { issueLetter } from "./issue-letter.js";
import { findLetterByFormKey } from "./letters.repo.js";

/** What an officer writes on the compose form (ES-1: the regulation's fields). */
export interface LetterDraft {
  kind: "external" | "memo";
  toName: string;
  subject: string;
  salutation: string;
  reference?: string;
  enclosures: string[];
  body: string;
  closing?: string;
  signerName: string;
  signerPosition: string;
  ownerUnit: string;
  urgency: Urgency;
  secrecy: Secrecy;
  matterId?: string;
  /** The matter's version the form showed (stale → MATTER_CHANGED). */
  expectedVersion?: number;
  /** RG-7: the incoming entry this letter answers. */
  replyToEntryId?: string;
  /** TR-2: a matter's letter addressed to its applicant: they are told of it and read it when tracking. */
  toApplicant?: boolean;
  /** One key per drawn form: the same form sent twice gives the first letter (a double click). */
  formKey: string;
}

export interface LetterAuthor {
  staffId: string;
  roles: readonly Role[];
  /** officerScope's units: an officer bound to units writes only on their units' matters. */
  unitIds?: readonly string[];
  ip?: string;
  at: Date;
}

/** Checks the choices of a draft that a form can get wrong; VALIDATION_FAILED names the field. */
export function checkDraft(draft: LetterDraft): LetterDraft {
  const required = ["toName", "subject", "salutation", "body", "signerName", "ownerUnit"] as const;
  for (const field of required)
    if (!draft[field].trim()) throw new AppError("VALIDATION_FAILED", { detail: field }, { field });
  if (draft.kind !== "external" && draft.kind !== "memo")
    throw new AppError("VALIDATION_FAILED", { detail: "kind" }, { field: "kind" });
  if (!URGENCIES.includes(draft.urgency))
    throw new AppError("VALIDATION_FAILED", { detail: "urgency" }, { field: "urgency" });
  if (!SECRECIES.includes(draft.secrecy))
    throw new AppError("VALIDATION_FAILED", { detail: "secrecy" }, { field: "secrecy" });
  return draft;
}

/**
 * ES-1, RG-7: an officer's letter, numbered in the outgoing register; when it belongs to a matter, the
 * matter's `record-letter` action (payload `letterId`) is written in the same transaction, so the number
 * exists exactly when the timeline says so. A reply names the incoming entry it answers (of this agency).
 * Throws VALIDATION_FAILED, ENTRY_NOT_FOUND, LETTER_CODE_NOT_SET, and recordAction's MATTER_NOT_FOUND,
 * MATTER_CHANGED, ACTION_NOT_ALLOWED, ACTION_FORBIDDEN.
 */
export async function composeLetter(
  handle: DatabaseHandle,
  agency: Agency,
  draft: LetterDraft,
  author: LetterAuthor,
): Promise<OutgoingLetterRow> {
  checkDraft(draft);
  return withTransaction(handle, async (trx) => {
    const earlier = await findLetterByFormKey(trx, agency.id, draft.formKey);
    if (earlier) return earlier;
    let matterId = draft.matterId;
    if (draft.replyToEntryId) {
      const entry = await findEntry(trx, draft.replyToEntryId);
      if (!entry || entry.agencyId !== agency.id) throw new AppError("ENTRY_NOT_FOUND");
      matterId ??= entry.matterId;
    }
    const letter = await issueLetter(
      trx,
      {
        agencyId: agency.id,
        kind: draft.kind,
        purpose: draft.kind === "memo" ? "memo" : "other",
        matterId: matterId ?? null,
        repliesToEntryId: draft.replyToEntryId ?? null,
        toName: draft.toName,
        subject: draft.subject,
        salutation: draft.salutation,
        reference: draft.reference || null,
        enclosures: draft.enclosures,
        body: draft.body,
        closing: draft.kind === "memo" ? "" : draft.closing || undefined,
        signerName: draft.signerName,
        signerPosition: draft.signerPosition,
        ownerUnit: draft.ownerUnit,
        urgency: draft.urgency,
        secrecy: draft.secrecy,
        formKey: draft.formKey,
      },
      { actor: `staff:${author.staffId}`, at: author.at },
    );
    if (matterId)
      await recordAction(trx, {
        agencyId: agency.id,
        subject: { matterId },
        action: "record-letter",
        // ES-1: a top secret letter is never shown online, so never announced to the applicant either.
        payload: {
          letterId: letter.id,
          number: letter.number,
          toApplicant:
            draft.toApplicant === true && letter.kind === "external" && letter.secrecy !== "top_secret",
        },
        actor: { kind: "staff", staffId: author.staffId, roles: author.roles },
        at: author.at,
        ip: author.ip,
        expectedVersion: draft.matterId ? draft.expectedVersion : undefined,
        unitIds: author.unitIds,
      });
    return letter;
  });
}
