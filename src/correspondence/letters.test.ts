import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDialects } from "../../test/db.js";
import { HAVE_PDFTOTEXT, normaliseThai, pdfText } from "../../test/pdf-text.js";
import { DEMO_AGENCY, findAgency, initAgency } from "../agencies/index.js";
import { fixedClock } from "../platform/clock.js";
import { withTransaction } from "../platform/db/database.js";
import { issueLetter, letterPdf, type NewLetter, sendableByEmail } from "./index.js";

const external: NewLetter = {
  agencyId: "demo",
  kind: "external",
  purpose: "other",
  toName: "นายสมชาย ใจดี",
  subject: "แจ้งผลการพิจารณาคำขอ",
  salutation: "เรียน นายสมชาย ใจดี",
  reference: "หนังสือของท่าน ลงวันที่ 1 ธันวาคม 2569",
  enclosures: ["สำเนาใบอนุญาต", "แผนที่"],
  body: "ตามที่ท่านได้ยื่นคำขออนุญาต นั้น\nสำนักงานเขตพิจารณาแล้ว อนุญาตตามคำขอ",
  signerName: "นางสาวใจงาม สุขใส",
  signerPosition: "ผู้อำนวยการเขตตัวอย่าง",
  ownerUnit: "งานอนุญาต",
  urgency: "very_urgent",
  secrecy: "confidential",
};

describe.each(testDialects())("letters (%s)", (dialect) => {
  let database: TestDatabase;
  const clock = fixedClock("2026-12-08T03:00:00.000Z");
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await initAgency(database.handle, DEMO_AGENCY, { clock, actor: "test" });
  });
  afterAll(() => database.drop());

  const issue = (letter: NewLetter, at = clock.now()) =>
    withTransaction(database.handle, (trx) => issueLetter(trx, letter, { actor: "test", at }));

  it.skipIf(!HAVE_PDFTOTEXT)(
    "ES-1: an external letter's PDF reads back in the regulation's order, marks first",
    async () => {
      const letter = await issue(external);
      const agency = (await findAgency(database.handle.db, "demo"))!;
      const pdf = await letterPdf(letter, agency);
      const text = normaliseThai(pdfText(pdf));
      const order = [
        "ลับ",
        "ด่วนมาก",
        `ที่${letter.number}`.replace(/\s/g, ""),
        "สำนักงานเขตตัวอย่าง",
        "1ถนนตัวอย่าง",
        "8ธันวาคม2569",
        "เรื่องแจ้งผลการพิจารณาคำขอ",
        "เรียนนายสมชายใจดี",
        "อ้างถึงหนังสือของท่าน",
        "สิ่งที่ส่งมาด้วย1.สำเนาใบอนุญาต",
        "2.แผนที่",
        "ตามที่ท่านได้ยื่นคำขออนุญาตนั้น",
        "อนุญาตตามคำขอ",
        "ขอแสดงความนับถือ",
        "(นางสาวใจงามสุขใส)",
        "ผู้อำนวยการเขตตัวอย่าง",
        "งานอนุญาต",
        "โทร.021234567",
        "saraban@demo.go.th",
      ].map(normaliseThai);
      let at = 0;
      for (const part of order) {
        const found = text.indexOf(part, at);
        expect(found, `${part} after position ${at} in ${text}`).toBeGreaterThanOrEqual(0);
        at = found + part.length;
      }
      if (process.env.LETTER_PDF_OUT)
        (await import("node:fs")).writeFileSync(process.env.LETTER_PDF_OUT, pdf);
      // Deterministic: the same row draws the same text.
      expect(pdfText(await letterPdf(letter, agency))).toBe(pdfText(pdf));
    },
  );

  it.skipIf(!HAVE_PDFTOTEXT)("ES-1: a memo reads back with its heading, ส่วนราชการ, ที่ and วันที่", async () => {
    const memo = await issue({
      ...external,
      kind: "memo",
      purpose: "memo",
      toName: "หัวหน้างานอนุญาต",
      salutation: "เรียน หัวหน้างานอนุญาต",
      subject: "ส่งเรื่องเพื่อพิจารณา",
      body: "ส่งคำขอมาเพื่อโปรดพิจารณา",
      urgency: "normal",
      secrecy: "normal",
    });
    const agency = (await findAgency(database.handle.db, "demo"))!;
    const text = normaliseThai(pdfText(await letterPdf(memo, agency)));
    const order = [
      "บันทึกข้อความ",
      "ส่วนราชการงานอนุญาตสำนักงานเขตตัวอย่าง",
      `ที่${memo.number}`,
      "วันที่8ธันวาคม2569",
      "เรื่องส่งเรื่องเพื่อพิจารณา",
      "เรียนหัวหน้างานอนุญาต",
      "ส่งคำขอมาเพื่อโปรดพิจารณา",
      "(นางสาวใจงามสุขใส)",
    ].map(normaliseThai);
    let at = 0;
    for (const part of order) {
      const found = text.indexOf(part, at);
      expect(found, `${part} in ${text}`).toBeGreaterThanOrEqual(0);
      at = found + part.length;
    }
    // Normal urgency and secrecy print no mark.
    expect(text).not.toContain(normaliseThai("ด่วน"));
    expect(text.startsWith(normaliseThai("บันทึกข้อความ"))).toBe(true);
  });

  it("ES-1: only the most secret class is never sendable by email", () => {
    expect(sendableByEmail({ secrecy: "top_secret" })).toBe(false);
    for (const secrecy of ["normal", "confidential", "secret"])
      expect(sendableByEmail({ secrecy })).toBe(true);
  });

  it("ES-1: 30 concurrent letters, some rolled back, are numbered 1..n without gaps or repeats; a new year starts at 1", async () => {
    const at = new Date("2027-03-01T03:00:00.000Z"); // 2570, a year no other test numbers in
    // On PostgreSQL three pools, as three processes would hold: the counter's lock is the database's.
    // (better-sqlite3 is synchronous: a second handle in this thread would wait on the first forever.)
    const handles =
      dialect === "postgres" ? [database.handle, database.reopen(), database.reopen()] : [database.handle];
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        withTransaction(handles[i % handles.length]!, async (trx) => {
          const letter = await issueLetter(trx, { ...external, subject: `ฉบับ ${i}` }, { actor: "test", at });
          if (i % 4 === 0) throw new Error("rolled back on purpose");
          return letter;
        }),
      ),
    );
    await Promise.all(handles.slice(1).map((h) => h.close()));
    const kept = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    expect(kept).toHaveLength(22);
    const rows = await database.handle.db
      .selectFrom("outgoing_letters")
      .select(["sequence", "number", "be_year"])
      .where("agency_id", "=", "demo")
      .where("be_year", "=", 2570)
      .orderBy("sequence")
      .execute();
    expect(rows.map((r) => r.sequence)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.number)).size).toBe(22);
    expect(rows[0]?.number).toBe("ตย 0001/1");
    const nextYear = await issue(external, new Date("2028-01-05T03:00:00.000Z"));
    expect([nextYear.be_year, nextYear.sequence]).toEqual([2571, 1]);
  });
});
