import { SaxesParser } from "saxes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { testDocumentSigner } from "../../test/document-signer.js";
import { matterAwaitingPayment } from "../../test/payment.js";
import { HAVE_PDFTOTEXT, normaliseThai, pdfText } from "../../test/pdf-text.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { tamper } from "../../test/signed-pdf.js";
import { startSmtpListener } from "../../test/smtp.js";
import { fixedClock } from "../platform/clock.js";
import { withTransaction } from "../platform/db/database.js";
import type { DocumentSigner } from "../platform/pdf/index.js";
import { verifyPdfSignatures } from "../platform/pdf/index.js";
import type { ThreadPool } from "../platform/threads/index.js";
import { issueEReceipts } from "./issue-e-receipts.js";
import type { PaymentDeps } from "./payment-deps.js";
import { type ReceiptDocumentFacts, receiptPdf } from "./receipt-pdf.js";
import { findEReceipt } from "./receipts.repo.js";
import { recordPayment } from "./record-payment.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");
const SYSTEM = { kind: "system", name: "system:test" } as const;
const signer = testDocumentSigner();

/** XML 1.0 well-formedness, by a conforming parser: throws on the first error. */
function parseXml(xml: string): Map<string, string> {
  const parser = new SaxesParser({ xmlns: true });
  const texts = new Map<string, string>();
  let current = "";
  parser.on("opentag", (tag) => {
    current = tag.name;
  });
  parser.on("text", (t) => {
    if (t.trim()) texts.set(current, (texts.get(current) ?? "") + t);
  });
  parser.on("error", (e) => {
    throw e;
  });
  parser.write(xml).close();
  return texts;
}

describe.each(testDialects())("making e-receipts on %s", (dialect) => {
  let service: TestService;
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  let deps: PaymentDeps;
  beforeAll(async () => {
    smtp = await startSmtpListener();
    service = await startTestService(dialect, { clock, smtpUrl: smtp.url });
    await publishTestService(service);
    deps = { ...service.payment, documentSigner: signer };
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    await smtp?.close();
  });

  /** A matter paid by the callback path: its e-receipt is pending signature. */
  async function paidMatter(email?: string) {
    const { notice, application } = await matterAwaitingPayment(service, clock, { email });
    const outcome = await withTransaction(service.handle, (trx) =>
      recordPayment(
        trx,
        {
          agencyId: "demo",
          ref1: notice.ref1,
          amountSatang: notice.amountSatang,
          source: "callback",
          bankReference: `BANK-${notice.ref1}`,
          paidAt: clock.now(),
          evidence: "callback:test",
        },
        SYSTEM,
        clock.now(),
      ),
    );
    if (outcome.kind !== "recorded") throw new Error(outcome.kind);
    return {
      notice,
      application,
      receiptId: outcome.receipt.id,
      receiptNumber: outcome.receipt.receiptNumber,
    };
  }

  it("PY-5: with no signer set up the receipt stays pending, unsigned and unsent", async () => {
    const { receiptId } = await paidMatter("nosigner@example.test");
    const result = await issueEReceipts({ ...deps, documentSigner: undefined }, clock.now());
    expect(result.unsigned).toBeGreaterThan(0);
    expect(result.issued).toEqual([]);
    const receipt = await findEReceipt(service.handle.db, "demo", receiptId);
    expect(receipt?.status).toBe("pending_signature");
    expect(receipt?.pdfKey).toBeNull();
    const queued = await service.handle.db
      .selectFrom("outbox")
      .select("id")
      .where("subject_key", "=", `e-receipt:${receiptId}`)
      .execute();
    expect(queued).toEqual([]);
  });

  it("PY-5, LC-2: a signing failure leaves the receipt pending and it is tried again later, never issued unsigned", async () => {
    const { receiptId } = await paidMatter();
    const broken: DocumentSigner = {
      description: signer.description,
      signPdf: async () => {
        throw new Error("time-stamp authority unreachable");
      },
    };
    const failed = await issueEReceipts({ ...deps, documentSigner: broken }, clock.now());
    expect(failed.failed).toContain(receiptId);
    expect((await findEReceipt(service.handle.db, "demo", receiptId))?.status).toBe("pending_signature");
    const attempt = await service.handle.db
      .selectFrom("e_receipt_attempts")
      .selectAll()
      .where("receipt_id", "=", receiptId)
      .executeTakeFirstOrThrow();
    expect(attempt.last_error).toContain("unreachable");
    // Not tried again at once…
    const soon = await issueEReceipts(deps, clock.now());
    expect(soon.issued).not.toContain(receiptId);
    // …but after its delay.
    const later = await issueEReceipts(deps, new Date(clock.now().getTime() + 5 * 60_000));
    expect(later.issued).toContain(receiptId);
    expect((await findEReceipt(service.handle.db, "demo", receiptId))?.status).toBe("issued");
  });

  it("PY-5: two workers at once make each receipt once, signed; pdfsig validates it and a tampered copy fails", async () => {
    const { receiptId, receiptNumber } = await paidMatter("payer@example.test");
    const [a, b] = await Promise.all([issueEReceipts(deps, clock.now()), issueEReceipts(deps, clock.now())]);
    expect([...a.issued, ...b.issued].filter((id) => id === receiptId)).toHaveLength(1);
    const receipt = await findEReceipt(service.handle.db, "demo", receiptId);
    expect(receipt?.status).toBe("issued");
    expect(receipt?.signedAt?.toISOString()).toBe(clock.now().toISOString());
    const pdf = await service.files.read(receipt!.pdfKey!);
    const report = await verifyPdfSignatures(pdf, { trustedRoots: [signer.root.pem] });
    if (report.verifier === "unavailable") throw new Error(report.reason);
    expect(report.outcome).toBe("signed");
    const [signature] = report.outcome === "signed" ? report.signatures : [];
    expect(signature?.integrity).toBe("valid");
    expect(signature?.unchanged).toBe(true);
    const tampered = await verifyPdfSignatures(tamper(pdf), { trustedRoots: [signer.root.pem] });
    const bad =
      tampered.verifier === "pdfsig" && tampered.outcome === "signed" ? tampered.signatures[0] : undefined;
    expect(bad?.integrity).not.toBe("valid");
    if (HAVE_PDFTOTEXT) {
      const text = normaliseThai(pdfText(pdf));
      expect(text).toContain(receiptNumber);
      expect(text).toContain(normaliseThai("หนึ่งร้อยบาทถ้วน"));
      expect(text).toContain(normaliseThai("ใบเสร็จรับเงินอิเล็กทรอนิกส์"));
    }
    const xml = (await service.files.read(receipt!.xmlKey!)).toString("utf8");
    const fields = parseXml(xml);
    expect(xml).toContain('xmlns:rsm="urn:etda:unece:uncefact:data:standard:GovernmentReceipt:1"');
    expect(fields.get("ram:GrandTotalAmount")).toBe("100.00");
    expect(fields.get("ram:GrandTotalAmountText")).toBe("หนึ่งร้อยบาทถ้วน");
    expect(fields.get("ram:PaymentReference")).toBe(receipt?.notice.ref1);
  });

  it("PY-5, TR-2: the issued receipt is mailed to the applicant once, with the signed PDF", async () => {
    const { receiptId, receiptNumber } = await paidMatter("once@example.test");
    await issueEReceipts(deps, clock.now());
    await issueEReceipts(deps, clock.now());
    await service.outbox.drain();
    await service.outbox.drain();
    const mails = smtp.messages.filter((m) => m.subject?.includes(receiptNumber));
    expect(mails).toHaveLength(1);
    expect(JSON.stringify(mails[0]?.to)).toContain("once@example.test");
    expect(mails[0]?.attachments.map((a) => a.contentType)).toEqual(["application/pdf"]);
    expect(mails[0]?.text).toContain("/payment?t=");
    const row = await service.handle.db
      .selectFrom("outbox")
      .select("status")
      .where("subject_key", "=", `e-receipt:${receiptId}`)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("sent");
  });

  // #18 pdfpool
  it("PY-5: the receipt is drawn in the service's thread pool and signed here, the bytes the inline drawing gives", async () => {
    const { receiptId } = await paidMatter("pooled@example.test");
    const pool = service.payment.threads!;
    expect(pool.threads).toBeGreaterThan(0);
    const handed: { task: string; facts: ReceiptDocumentFacts }[] = [];
    const watched: ThreadPool = {
      threads: pool.threads,
      run: (task, input, options) => {
        handed.push({ task: task.name, facts: input as ReceiptDocumentFacts });
        return pool.run(task, input, options);
      },
      close: () => pool.close(),
    };
    const unsigned: Buffer[] = [];
    const watchedSigner: DocumentSigner = {
      description: signer.description,
      signPdf: (pdf, request) => {
        unsigned.push(pdf);
        return signer.signPdf(pdf, request);
      },
    };
    const result = await issueEReceipts(
      { ...deps, threads: watched, documentSigner: watchedSigner },
      clock.now(),
    );
    expect(result.issued).toContain(receiptId);
    expect(handed.map((h) => h.task)).toEqual(result.issued.map(() => "receiptPdfTask"));
    const mine = handed.findIndex((h) => h.facts.receipt.id === receiptId);
    // What the thread drew is what the same facts draw inline, and that is what the signer was given.
    expect(unsigned[mine]?.equals(await receiptPdf(handed[mine]!.facts))).toBe(true);
    expect((await findEReceipt(service.handle.db, "demo", receiptId))?.status).toBe("issued");
  });
});
