/**
 * E-receipts signed per second (issue #14, PY-5): the receipt's Thai PDF made and signed with the
 * test document signer (a test CA's PKCS#12, no time-stamp), beside a bare baseline making the same
 * PDF unsigned, and the XML alone. In-process, no database: it measures the documents, not the sweep.
 *
 *   npx tsx bench/payments-receipts.ts [--receipts 200]
 */
import { parseArgs } from "node:util";
import type { Agency } from "../src/agencies/index.js";
import { DEMO_AGENCY } from "../src/agencies/index.js";
import { receiptPdf } from "../src/payment/receipt-pdf.js";
import { receiptXml } from "../src/payment/receipt-xml.js";
import type { EReceipt } from "../src/payment/receipts.repo.js";
import { testDocumentSigner } from "../test/document-signer.js";

export interface ReceiptBenchOptions {
  receipts: number;
}

function sampleReceipt(i: number): EReceipt {
  const at = new Date("2026-12-07T03:00:00Z");
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    agencyId: "demo",
    matterId: "m",
    noticeId: "n",
    paymentId: "p",
    fiscalYear: 2570,
    sequence: i + 1,
    receiptNumber: `2570-${String(i + 1).padStart(6, "0")}`,
    amountSatang: 200_000,
    status: "pending_signature",
    issuedAt: at,
    signedAt: null,
    pdfKey: null,
    xmlKey: null,
    voidedAt: null,
    voidReason: null,
    bankPayerName: null,
    notice: {
      kind: "licence_fee",
      ref1: "70000000018",
      ref2: null,
      lines: [
        {
          detail: { th: "ค่าธรรมเนียมใบอนุญาตจัดตั้งสถานที่จำหน่ายอาหาร", en: "Food shop licence fee" },
          amountSatang: 200_000,
        },
      ],
      payTo: null,
    },
    payment: { source: "callback", bankReference: `BANK-${i}`, paidAt: at },
    matterReceiptNumber: `2569/${i + 1}`,
  };
}

const agency = {
  ...DEMO_AGENCY,
  timeZone: "Asia/Bangkok",
  postalAddress: DEMO_AGENCY.postalAddress ?? null,
} as unknown as Agency;

async function rate(
  n: number,
  one: (i: number) => Promise<unknown>,
): Promise<{ perSecond: number; ms: number }> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await one(i);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { perSecond: (n * 1000) / ms, ms };
}

/** Runs the three measures and returns a markdown table. */
export async function benchReceipts(opts: ReceiptBenchOptions): Promise<string> {
  const signer = testDocumentSigner();
  const facts = (i: number) => ({
    receipt: sampleReceipt(i),
    agency,
    payerName: "สมหญิง รักดี",
    verifyAt: "https://borikan.example/a/demo",
    demoSigner: true,
  });
  await receiptPdf(facts(0)); // warm the fonts
  const bare = await rate(opts.receipts, (i) => receiptPdf(facts(i)));
  const signed = await rate(opts.receipts, async (i) =>
    signer.signPdf(await receiptPdf(facts(i)), { reason: "e-receipt", signingTime: new Date() }),
  );
  const xml = await rate(opts.receipts, async (i) => receiptXml(sampleReceipt(i), agency, "สมหญิง รักดี"));
  const row = (label: string, r: { perSecond: number; ms: number }) =>
    `| ${label} | ${r.perSecond.toFixed(1)} /s | ${(r.ms / opts.receipts).toFixed(1)} ms |`;
  return [
    `N = ${opts.receipts} receipts, one after another, one process.`,
    "",
    "| Measure | Rate | Per receipt |",
    "| --- | --- | --- |",
    row("PDF made, not signed (bare baseline)", bare),
    row("PDF made and signed (test signer, B-B)", signed),
    row("XML made", xml),
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { receipts: { type: "string", default: "200" } } });
  console.log(await benchReceipts({ receipts: Number(values.receipts) }));
}
