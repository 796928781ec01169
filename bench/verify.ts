import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { openDatabase } from "../src/platform/db/database.js";
import { countBareSubmissions } from "./bare-app.js";

export interface Verification {
  ok: boolean;
  text: string;
}

function countFiles(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let n = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && !entry.name.endsWith(".tmp")) n++;
  }
  return n;
}

/**
 * After a Borikan run: the register holds exactly `expected` entries (the successful submissions), their
 * receipt numbers are 1..N in each register year with no gap or repeat, every one has its accepted PDF,
 * and the file store holds one file per entry.
 */
export async function verifyRegister(url: string, dataDir: string, expected: number): Promise<Verification> {
  const handle = openDatabase(url);
  try {
    const years = await handle.db
      .selectFrom("entries")
      .select([
        "be_year",
        sql<number>`count(*)`.as("n"),
        sql<number>`count(distinct sequence)`.as("distinct_n"),
        sql<number>`min(sequence)`.as("first"),
        sql<number>`max(sequence)`.as("last"),
      ])
      .groupBy("be_year")
      .execute();
    const attachments = await handle.db
      .selectFrom("attachments")
      .select([
        sql<number>`count(*)`.as("n"),
        sql<number>`count(distinct sha256)`.as("distinct_n"),
        sql<number>`sum(case when refusal_code is null and media_type = 'application/pdf' then 1 else 0 end)`.as(
          "accepted",
        ),
      ])
      .executeTakeFirstOrThrow();
    const outbox = await handle.db
      .selectFrom("outbox")
      .select(sql<number>`count(*)`.as("n"))
      .executeTakeFirstOrThrow();
    const total = years.reduce((sum, y) => sum + Number(y.n), 0);
    const gapless = years.every(
      (y) => Number(y.first) === 1 && Number(y.last) === Number(y.n) && Number(y.distinct_n) === Number(y.n),
    );
    const files = countFiles(path.join(dataDir, "files"));
    const ok =
      total === expected &&
      gapless &&
      Number(attachments.accepted) === expected &&
      Number(attachments.distinct_n) === expected &&
      Number(outbox.n) === expected &&
      files === expected;
    const numbering =
      years.map((y) => `${y.first}..${y.last}/${y.be_year} (${y.n} entries)`).join(", ") || "none";
    return {
      ok,
      text:
        `register ${ok ? "OK" : "MISMATCH"}: ${total} entries for ${expected} successful submissions, numbers ${numbering}` +
        `${gapless ? " gapless" : " WITH GAPS OR REPEATS"}; ${attachments.accepted} accepted PDFs ` +
        `(${attachments.distinct_n} distinct), ${files} stored files, ${outbox.n} acknowledgements in the outbox`,
    };
  } finally {
    await handle.close();
  }
}

/** After a bare run: one row and one file per successful submission. */
export async function verifyBare(url: string, dataDir: string, expected: number): Promise<Verification> {
  const handle = openDatabase(url);
  try {
    const rows = await countBareSubmissions(handle);
    const files = countFiles(path.join(dataDir, "files"));
    const ok = rows === expected && files === expected;
    return {
      ok,
      text: `bare ${ok ? "OK" : "MISMATCH"}: ${rows} rows and ${files} files for ${expected} successful submissions`,
    };
  } finally {
    await handle.close();
  }
}
