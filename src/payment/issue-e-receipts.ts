import { findAgency } from "../agencies/index.js";
import { recordAudit } from "../audit/index.js";
import { withTransaction } from "../platform/db/database.js";
import type { PaymentDeps } from "./payment-deps.js";
import { receiptPdfOn } from "./receipt-pdf-pooled.js";
import { receiptXml } from "./receipt-xml.js";
import { findEReceipt, findMatterApplicant } from "./receipts.repo.js";
import { queueEReceiptMail } from "./send-e-receipt.js";

/** How long a worker holds a receipt it is making; a worker that died lets it go after this. */
const LEASE_MS = 2 * 60_000;
/** After a failure (the TSA down): 1, 2, 4 … minutes, at most an hour. */
const retryDelayMs = (attempts: number) => Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
const SYSTEM_ACTOR = "system:e-receipts";

export interface IssueResult {
  issued: string[];
  failed: string[];
  /** Pending receipts left waiting because no signer is set up. */
  unsigned: number;
}

/**
 * PY-5, LC-2: makes each pending e-receipt's PDF (signed by the agency's document signer) and XML,
 * stores both, marks it issued and queues it to the applicant, in that order: a receipt is never marked
 * issued unsigned. Each is claimed first, so two workers never make one twice. No signer: all stay
 * pending (pages say signing is not set up). A signing failure: pending, logged, tried again later.
 */
export async function issueEReceipts(deps: PaymentDeps, now: Date, limit = 20): Promise<IssueResult> {
  const result: IssueResult = { issued: [], failed: [], unsigned: 0 };
  const at = now.toISOString();
  const candidates = await deps.handle.db
    .selectFrom("e_receipts as r")
    .leftJoin("e_receipt_attempts as a", "a.receipt_id", "r.id")
    .select(["r.id", "r.agency_id"])
    .where("r.status", "=", "pending_signature")
    .where((eb) =>
      eb.or([
        eb("a.receipt_id", "is", null),
        eb.and([eb("a.lease_until", "<=", at), eb("a.next_attempt_at", "<=", at)]),
      ]),
    )
    .orderBy("r.issued_at")
    .limit(limit)
    .execute();
  if (!deps.documentSigner) {
    result.unsigned = candidates.length;
    return result;
  }
  for (const { id, agency_id } of candidates) {
    if (!(await claim(deps, id, agency_id, now))) continue;
    try {
      await issueOne(deps, agency_id, id, now);
      result.issued.push(id);
    } catch (error) {
      result.failed.push(id);
      deps.log(`e-receipt ${id}: not issued, will try again: ${String(error)}`);
      await release(deps, id, now, String(error).slice(0, 500));
    }
  }
  return result;
}

/** Takes the receipt for this worker: true when no other holds it (an upsert that only wins on an expired lease). */
async function claim(deps: PaymentDeps, receiptId: string, agencyId: string, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const lease = new Date(now.getTime() + LEASE_MS).toISOString();
  const row = await deps.handle.db
    .insertInto("e_receipt_attempts")
    .values({
      receipt_id: receiptId,
      agency_id: agencyId,
      attempts: 1,
      lease_until: lease,
      next_attempt_at: at,
    })
    .onConflict((oc) =>
      oc
        .column("receipt_id")
        .doUpdateSet((eb) => ({ attempts: eb("e_receipt_attempts.attempts", "+", 1), lease_until: lease }))
        .where("e_receipt_attempts.lease_until", "<=", at)
        .where("e_receipt_attempts.next_attempt_at", "<=", at),
    )
    .returning("receipt_id")
    .executeTakeFirst();
  return row !== undefined;
}

async function release(deps: PaymentDeps, receiptId: string, now: Date, error: string): Promise<void> {
  const row = await deps.handle.db
    .selectFrom("e_receipt_attempts")
    .select("attempts")
    .where("receipt_id", "=", receiptId)
    .executeTakeFirst();
  await deps.handle.db
    .updateTable("e_receipt_attempts")
    .set({
      lease_until: now.toISOString(),
      next_attempt_at: new Date(now.getTime() + retryDelayMs(Number(row?.attempts ?? 1))).toISOString(),
      last_error: error,
    })
    .where("receipt_id", "=", receiptId)
    .execute();
}

async function issueOne(deps: PaymentDeps, agencyId: string, receiptId: string, now: Date): Promise<void> {
  const signer = deps.documentSigner!;
  const db = deps.handle.db;
  const receipt = await findEReceipt(db, agencyId, receiptId);
  const agency = await findAgency(db, agencyId);
  if (!receipt || !agency) throw new Error("receipt or agency not found");
  const applicant = await findMatterApplicant(db, receipt.matterId);
  const payerName = applicant?.name ?? receipt.bankPayerName ?? "-";
  const unsigned = await receiptPdfOn(deps.threads, {
    receipt,
    agency,
    payerName,
    verifyAt: `${deps.publicUrl}/a/${agency.id}`,
    demoSigner: signer.description.demo,
  });
  // Drawn in the pool, signed here: the signing key never goes to a thread (docs/threads.md), and a
  // signature is one private-key operation and the TSA's round trip (I/O), not CPU work.
  const pdf = await signer.signPdf(unsigned, {
    reason: `ใบเสร็จรับเงินอิเล็กทรอนิกส์ ${receipt.receiptNumber}`,
    name: agency.nameTh,
    location: agency.nameTh,
    contactInfo: agency.centralEmail,
    signingTime: now,
  });
  const xml = Buffer.from(receiptXml(receipt, agency, payerName), "utf8");
  const [pdfFile, xmlFile] = [await deps.files.put(pdf), await deps.files.put(xml)];
  const at = now.toISOString();
  await withTransaction(deps.handle, async (trx) => {
    const done = await trx
      .updateTable("e_receipts")
      .set({ status: "issued", pdf_key: pdfFile.key, xml_key: xmlFile.key, signed_at: at })
      .where("id", "=", receipt.id)
      .where("status", "=", "pending_signature")
      .executeTakeFirst();
    // Voided while it was being made: nothing issued, nothing sent.
    if (Number(done.numUpdatedRows) !== 1) return;
    await trx.deleteFrom("e_receipt_attempts").where("receipt_id", "=", receipt.id).execute();
    const queued =
      applicant !== undefined &&
      (await queueEReceiptMail(trx, {
        agency,
        receipt,
        to: applicant,
        pdf,
        links: { secret: deps.secret, publicUrl: deps.publicUrl },
        at: now,
      }));
    await recordAudit(trx, {
      agencyId,
      actor: SYSTEM_ACTOR,
      action: "e-receipt.issued",
      subjectType: "e_receipt",
      subjectId: receipt.id,
      data: {
        receiptNumber: receipt.receiptNumber,
        matterId: receipt.matterId,
        signerLevel: signer.description.level,
        mailQueued: queued,
      },
      at,
    });
  });
}
