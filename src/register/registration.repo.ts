import { type Insertable, type RawBuilder, sql } from "kysely";
import { sealingPluginOf } from "../platform/crypto/index.js";
import { type Db, isPostgres } from "../platform/db/database.js";
import { allocateReceiptNumber } from "./receipt-number.js";
import type { AttachmentsTable, EntriesTable, EntryRow, MattersTable } from "./register.table.js";

/**
 * The rows of one registration, complete but for the receipt number, which is taken on insert. Its audit
 * row is the audit capability's, written by the caller before (`registerEntry`).
 */
export interface RegistrationRows {
  matter?: Omit<Insertable<MattersTable>, "receipt_number">;
  entry: Omit<Insertable<EntriesTable>, "sequence" | "receipt_number">;
  attachments: Insertable<AttachmentsTable>[];
}

/**
 * Writes a registration and takes its receipt number (RG-1) inside the caller's transaction.
 *
 * On PostgreSQL it is one statement: the counter row is locked from that statement until commit, and
 * every other writer of the agency's year waits on it, so no further round trip may happen while it is
 * held. On SQLite the transaction already holds the database's write lock, so plain statements do.
 */
export async function insertRegistration(trx: Db, rows: RegistrationRows): Promise<EntryRow> {
  const { agency_id: agencyId, be_year: beYear } = rows.entry;
  if (isPostgres(trx)) return insertInOneStatement(trx, rows);
  const { sequence, receiptNumber } = await allocateReceiptNumber(trx, agencyId, beYear);
  if (rows.matter)
    await trx
      .insertInto("matters")
      .values({ ...rows.matter, receipt_number: receiptNumber })
      .execute();
  const entry = await trx
    .insertInto("entries")
    .values({ ...rows.entry, sequence, receipt_number: receiptNumber })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (rows.attachments.length > 0) await trx.insertInto("attachments").values(rows.attachments).execute();
  return entry;
}

// Parameters selected FROM a CTE have no column to take their type from: integers are cast.
const value = (v: unknown): RawBuilder<unknown> => (typeof v === "number" ? sql`${v}::integer` : sql`${v}`);

function insertSelect(table: string, row: Record<string, unknown>, numbered: { sequence?: true }) {
  const columns = Object.keys(row);
  const values = columns.map((c) => value(row[c]));
  if (numbered.sequence) {
    columns.push("sequence");
    values.push(sql`counter.last_number`);
  }
  columns.push("receipt_number");
  values.push(sql`counter.last_number || '/' || counter.be_year`);
  return sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) select ${sql.join(values)} from counter`;
}

function insertValues(table: string, rows: Record<string, unknown>[]) {
  const columns = Object.keys(rows[0] ?? {});
  const tuples = rows.map((r) => sql`(${sql.join(columns.map((c) => sql`${r[c]}`))})`);
  return sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) values ${sql.join(tuples)}`;
}

async function insertInOneStatement(trx: Db, plain: RegistrationRows): Promise<EntryRow> {
  // ID-7: raw SQL passes the sealing plugin by; its values are sealed here (its result is still opened).
  const sealing = sealingPluginOf(trx);
  const rows: RegistrationRows = sealing
    ? {
        matter: plain.matter && sealing.sealRow("matters", plain.matter),
        entry: sealing.sealRow("entries", plain.entry),
        attachments: plain.attachments.map((a) => sealing.sealRow("attachments", a)),
      }
    : plain;
  // Foreign keys are checked at the end of the statement, so the CTEs may insert in any order.
  const parts = [
    sql`counter as (insert into receipt_counters (agency_id, be_year, last_number) values (${rows.entry.agency_id}, ${rows.entry.be_year}, 1)
      on conflict (agency_id, be_year) do update set last_number = receipt_counters.last_number + 1 returning last_number, be_year)`,
  ];
  if (rows.matter) parts.push(sql`matter as (${insertSelect("matters", rows.matter, {})})`);
  if (rows.attachments.length > 0)
    parts.push(sql`files as (${insertValues("attachments", rows.attachments)})`);
  const result =
    await sql<EntryRow>`with ${sql.join(parts)} ${insertSelect("entries", rows.entry, { sequence: true })} returning *`.execute(
      trx,
    );
  const entry = result.rows[0];
  if (!entry) throw new Error("registration inserted no entry");
  return entry;
}
