import { findReferralAgency, findUnit } from "../agencies/index.js";
import { emailLookupKey, sealerOf } from "../platform/crypto/index.js";
import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import type { OtherAcknowledgementWay } from "./acknowledgement-state.js";
import type { Entry } from "./entry.js";
import { parseReceiptNumber } from "./receipt-number.js";
import type { EntryAction } from "./statuses.js";

/** ID-7: the keyed hash the sender's (sealed) email address is found by. */
const lookupKeyOf = (trx: Db, address: string): string | null => {
  const sealer = sealerOf(trx);
  return (sealer && emailLookupKey(sealer, address)) ?? null;
};

/** What each entry action carries: the facts it records beside the status. */
export interface EntryActionPayloads {
  /** `via`: email, line-reply, line-push…; `at`: when it went out; `detail`: for the audit row. */
  acknowledge: { via: string; at: Date; detail?: Record<string, string | number | null> };
  "acknowledge-other-way": { way: OtherAcknowledgementWay; at: Date; note: string | null };
  "assign-unit": { unitId: string | null };
  "link-matter": { receiptNumber: string };
  misdirected: { referralId: string | null; note: string | null };
  /** An address already checked valid (never guessed from a From that did not read cleanly). */
  "confirm-sender-address": { address: string };
  cancel: { reason: string };
}

export interface EffectContext {
  agencyId: string;
  /** The officer acting, or null for a part of Borikan. */
  staffId: string | null;
  /** When the action is recorded (ISO). */
  now: string;
}

/**
 * Writes an action's own columns in the caller's transaction and returns the audit row's data, or
 * undefined when there is nothing to record (an acknowledgement recorded before: a resend, a retry).
 */
type Effect<P> = (trx: Db, entry: Entry, payload: P, ctx: EffectContext) => Promise<object | undefined>;

/** Sets the acknowledgement once: the condition, re-checked at the write, finds one committed first. */
async function setAcknowledged(trx: Db, entryId: string, values: Record<string, string | null>) {
  const result = await trx
    .updateTable("entries")
    .set(values)
    .where("id", "=", entryId)
    .where("acknowledged_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The columns each entry action writes (the status itself is written by `recordAction`). */
export const ENTRY_EFFECTS: { [A in EntryAction]: Effect<EntryActionPayloads[A]> } = {
  // CH-4: the entry counts as acknowledged when its acknowledgement has actually left.
  async acknowledge(trx, entry, { via, at, detail }) {
    const done = await setAcknowledged(trx, entry.id, {
      acknowledged_at: at.toISOString(),
      acknowledged_via: via,
    });
    return done ? { via, at: at.toISOString(), ...detail } : undefined;
  },

  async "acknowledge-other-way"(trx, entry, { way, at, note }, ctx) {
    if (entry.acknowledgedAt) throw new AppError("ENTRY_ALREADY_ACKNOWLEDGED");
    // The form gives minutes: an answer in the minute the item arrived is not before it.
    const received = Math.floor(entry.receivedAt.getTime() / 60_000) * 60_000;
    if (at.getTime() > Date.parse(ctx.now) || at.getTime() < received)
      throw new AppError("ACKNOWLEDGEMENT_TIME_INVALID", {}, { field: "at" });
    const done = await setAcknowledged(trx, entry.id, {
      acknowledged_at: at.toISOString(),
      acknowledged_via: way,
      acknowledged_by: ctx.staffId,
      acknowledgement_note: note,
    });
    if (!done) throw new AppError("ENTRY_ALREADY_ACKNOWLEDGED");
    // #13: the note is on the entry; the audit row says only that there was one (no free text in the chain).
    return {
      way,
      at: at.toISOString(),
      hasNote: Boolean(note),
      inTime: at.getTime() <= entry.acknowledgeBy.getTime(),
    };
  },

  async "assign-unit"(trx, entry, { unitId }, ctx) {
    if (unitId && !(await findUnit(trx, ctx.agencyId, unitId)))
      throw new AppError("VALIDATION_FAILED", { detail: "unit" }, { field: "unit" });
    await trx.updateTable("entries").set({ unit_id: unitId }).where("id", "=", entry.id).execute();
    return { from: entry.unitId, to: unitId };
  },

  // A follow-up that came in as a new matter joins the other's; its own matter, left empty, is removed.
  async "link-matter"(trx, entry, { receiptNumber }, ctx) {
    const parsed = parseReceiptNumber(receiptNumber);
    if (!parsed) throw new AppError("MATTER_NOT_FOUND");
    const target = await trx
      .selectFrom("entries")
      .select("matter_id")
      .where("agency_id", "=", ctx.agencyId)
      .where("be_year", "=", parsed.beYear)
      .where("sequence", "=", parsed.sequence)
      .executeTakeFirst();
    if (!target || target.matter_id === entry.matterId) throw new AppError("MATTER_NOT_FOUND");
    await trx
      .updateTable("entries")
      .set({ matter_id: target.matter_id })
      .where("id", "=", entry.id)
      .execute();
    const left = await trx
      .selectFrom("entries")
      .select("id")
      .where("matter_id", "=", entry.matterId)
      .executeTakeFirst();
    if (!left) await trx.deleteFrom("matters").where("id", "=", entry.matterId).execute();
    return { from: entry.matterId, to: target.matter_id, receiptNumber };
  },

  async misdirected(trx, entry, { referralId, note }, ctx) {
    if (entry.misdirectedAt) throw new AppError("ENTRY_ALREADY_MISDIRECTED");
    if (referralId && !(await findReferralAgency(trx, ctx.agencyId, referralId)))
      throw new AppError("VALIDATION_FAILED", { detail: "referral" }, { field: "referral" });
    await trx
      .updateTable("entries")
      .set({
        misdirected_at: ctx.now,
        misdirected_by: ctx.staffId,
        referred_agency_id: referralId,
        misdirected_note: note,
      })
      .where("id", "=", entry.id)
      .execute();
    // #13: the note and the address answered are on the entry; the audit row names neither.
    return {
      referralId,
      hasNote: Boolean(note),
      hadReplyAddress: Boolean(entry.replyTo ?? entry.senderEmail),
    };
  },

  // CH-4: compare-and-set on the flag: of two officers confirming at once, one queues the acknowledgement.
  async "confirm-sender-address"(trx, entry, { address }) {
    if (entry.channel !== "email" || !entry.ackWithheld || entry.acknowledgedAt)
      throw new AppError("ACK_NOT_WITHHELD");
    const updated = await trx
      .updateTable("entries")
      .set({
        reply_to: address,
        sender_email: entry.senderEmail ?? address,
        ...(entry.senderEmail === null && { sender_email_hmac: lookupKeyOf(trx, address) }),
        ack_withheld: null,
      })
      .where("id", "=", entry.id)
      .where("ack_withheld", "=", entry.ackWithheld)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError("ACK_NOT_WITHHELD");
    return { withheld: entry.ackWithheld, hadSenderAddress: entry.senderEmail !== null };
  },

  // RG-1: the number stays used; the line says when, by whom and why.
  async cancel(trx, entry, { reason }, ctx) {
    await trx
      .updateTable("entries")
      .set({ cancelled_at: ctx.now, cancelled_by: ctx.staffId, cancel_reason: reason })
      .where("id", "=", entry.id)
      .execute();
    // #13: the reason is on the entry (cancel_reason); the audit row keeps no free text.
    return { reasonLength: reason.length };
  },
};
