import path from "node:path";
import { sql } from "kysely";
import type { Config } from "./config/index.js";
import type { Clock } from "./platform/clock.js";
import {
  addDataKey,
  emailLookupKey,
  idNumberLookupKey,
  KeyError,
  keyWrappers,
  loadKeyRing,
  masterKeyId,
  masterKeys,
  phoneLookupKey,
  rewrapKeys,
  type SealedColumns,
  type Sealer,
} from "./platform/crypto/index.js";
import { type DatabaseHandle, isPostgres } from "./platform/db/database.js";
import { sealStoredFiles } from "./platform/storage/file-store.js";
import { SEALED_COLUMNS, SEALED_TABLE_KEYS } from "./sealed-columns.js";

export const KEYS_USAGE = `
  borikan keys status                      which master key wraps the data keys; plain values and files left
  borikan keys rotate                      re-wrap every data key under ENCRYPTION_KEY (the new key), opened
                                           with ENCRYPTION_KEY_PREVIOUS (the old one); servers keep running
  borikan keys new-data-key                a new data key for what is sealed from now on (old ones still open)
  borikan keys seal-existing               seal every value and file written before sealing (resumable)
`;

/*
 * ID-7: the keyed-hash columns filled beside sealed ones, for rows written before they existed. Each is
 * computed from the opened value with the same lookup key the write paths use.
 */
type Derive = (sealer: Sealer, row: Record<string, unknown>) => string | undefined;
const text = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const actingId = (v: unknown): string | undefined => {
  try {
    const acting = typeof v === "string" ? JSON.parse(v) : undefined;
    return typeof acting?.idNumber === "string" ? acting.idNumber : undefined;
  } catch {
    return undefined;
  }
};
export const LOOKUP_KEY_COLUMNS: Record<string, Record<string, { from: string; derive: Derive }>> = {
  entries: {
    sender_email_hmac: { from: "sender_email", derive: (s, r) => emailLookupKey(s, text(r.sender_email)) },
    sender_phone_hmac: { from: "sender_phone", derive: (s, r) => phoneLookupKey(s, text(r.sender_phone)) },
  },
  applications: {
    applicant_id_hmac: {
      from: "applicant_id_number",
      derive: (s, r) => idNumberLookupKey(s, text(r.applicant_id_number)),
    },
    acting_id_hmac: {
      from: "acting_person",
      derive: (s, r) => idNumberLookupKey(s, actingId(r.acting_person)),
    },
  },
  outbox: {
    recipient_hmac: {
      from: "recipient",
      derive: (s, r) => {
        const recipient = text(r.recipient);
        return recipient ? (emailLookupKey(s, recipient) ?? s.index("recipient", recipient)) : undefined;
      },
    },
  },
};

const BATCH = 500;
const isPlain = (sealer: Sealer, v: unknown) => typeof v === "string" && !sealer.isSealed(v);

export interface SealExistingResult {
  values: number;
  lookupKeys: number;
  files: number;
  vacuumed: boolean;
}

/**
 * Seals every plain value of every sealed column, fills the keyed hashes beside them, seals every plain
 * file of the store in place, then (SQLite) vacuums and truncates the WAL so no free page keeps the old
 * text. In batches by id, each batch its own statements: interrupted, it resumes where values are plain.
 */
export async function sealExisting(
  handle: DatabaseHandle,
  sealer: Sealer,
  filesRoot: string,
  columns: SealedColumns = SEALED_COLUMNS,
  log: (line: string) => void = () => {},
): Promise<SealExistingResult> {
  // Raw values: the plugin would open them; here what is stored is what counts.
  const raw = handle.db.withoutPlugins() as unknown as import("kysely").Kysely<
    Record<string, Record<string, unknown>>
  >;
  const result: SealExistingResult = { values: 0, lookupKeys: 0, files: 0, vacuumed: false };
  for (const [table, sealed] of Object.entries(columns)) {
    const hashes = Object.entries(LOOKUP_KEY_COLUMNS[table] ?? {});
    const id = SEALED_TABLE_KEYS[table] ?? "id";
    const selected = [...new Set([id, ...sealed, ...hashes.flatMap(([h, d]) => [h, d.from])])];
    let after = "";
    let values = 0;
    for (;;) {
      const rows = await raw
        .selectFrom(table)
        .select(selected)
        .where(id, ">", after)
        .orderBy(id)
        .limit(BATCH)
        .execute();
      for (const row of rows) {
        const set: Record<string, string> = {};
        for (const column of sealed)
          if (isPlain(sealer, row[column])) set[column] = sealer.seal(row[column] as string);
        const opened = Object.fromEntries(
          Object.entries(row).map(([k, v]) => [k, typeof v === "string" ? sealer.open(v) : v]),
        );
        for (const [hash, { derive }] of hashes) {
          const key = row[hash] === null ? derive(sealer, opened) : undefined;
          if (key) {
            set[hash] = key;
            result.lookupKeys++;
          }
        }
        values += Object.keys(set).filter((c) => sealed.includes(c)).length;
        if (Object.keys(set).length > 0)
          await raw
            .updateTable(table)
            .set(set)
            .where(id, "=", row[id] as string)
            .execute();
      }
      if (rows.length < BATCH) break;
      after = String(rows[rows.length - 1]?.[id]);
    }
    if (values > 0) log(`${table}: ${values} value(s) sealed`);
    result.values += values;
  }
  result.files = await sealStoredFiles(filesRoot, sealer);
  if (result.files > 0) log(`files: ${result.files} sealed`);
  if (!isPostgres(handle.db)) {
    // The clear text stays in free pages and in the WAL until they are rewritten.
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(handle.db);
    await sql`vacuum`.execute(handle.db);
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(handle.db);
    result.vacuumed = true;
  }
  return result;
}

/** How many values of sealed columns, and files in the store, are still plain. */
export async function plainRemaining(
  handle: DatabaseHandle,
  sealer: Sealer,
  filesRoot: string,
  columns: SealedColumns = SEALED_COLUMNS,
): Promise<{ values: number; files: number }> {
  const raw = handle.db.withoutPlugins() as unknown as import("kysely").Kysely<
    Record<string, Record<string, unknown>>
  >;
  let values = 0;
  for (const [table, sealed] of Object.entries(columns))
    for (const column of sealed) {
      const row = await raw
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where(column, "is not", null)
        .where(sql<boolean>`substr(${sql.ref(column)}, 1, 5) <> 'enc1:'`)
        .executeTakeFirstOrThrow();
      values += Number(row.n);
    }
  return { values, files: await sealStoredFiles(filesRoot, sealer, true) };
}

/** `borikan keys …` on an open (migrated, not yet sealed) database. */
export async function keysCommand(
  command: string | undefined,
  handle: DatabaseHandle,
  config: Config,
  clock: Clock,
  openRing: () => Promise<Sealer>,
): Promise<number> {
  const settings = {
    encryptionKey: config.encryptionKey,
    previousKeys: config.encryptionKeyPrevious,
    dataDir: config.dataDir,
  };
  // #18 storage: the directory STORAGE_URL names (a bucket's objects are written sealed from the start)
  const filesRoot = config.storage.kind === "file" ? config.storage.dir : path.join(config.dataDir, "files");
  if (command === "rotate") {
    if (!config.encryptionKey || config.encryptionKeyPrevious.length === 0)
      throw new KeyError(
        "borikan keys rotate needs ENCRYPTION_KEY set to the NEW master key and ENCRYPTION_KEY_PREVIOUS to the old one",
      );
    const [current, ...previous] = masterKeys(settings, true);
    if (!current) throw new KeyError("no master key given");
    // Every key must open before any is re-wrapped: a wrong old key changes nothing.
    await loadKeyRing(handle.db, [current, ...previous], clock);
    const count = await rewrapKeys(handle.db, previous, current);
    console.log(
      `${count} key(s) re-wrapped under master key ${masterKeyId(current)}; from now on start every process with this ENCRYPTION_KEY only (ENCRYPTION_KEY_PREVIOUS can go)`,
    );
    return 0;
  }
  if (command === "new-data-key") {
    const [current] = masterKeys(settings, true);
    if (!current) throw new KeyError("no master key given");
    await loadKeyRing(handle.db, masterKeys(settings, true), clock);
    await addDataKey(handle.db, current, clock);
    console.log("a new data key seals from now on (running processes pick it up when restarted)");
    return 0;
  }
  const sealer = await openRing();
  if (command === "seal-existing") {
    const result = await sealExisting(handle, sealer, filesRoot, SEALED_COLUMNS, (line) => console.log(line));
    console.log(
      `sealed ${result.values} value(s) and ${result.files} file(s); ${result.lookupKeys} lookup key(s) filled` +
        (result.vacuumed ? "; database vacuumed" : ""),
    );
    return 0;
  }
  if (command === "status") {
    const wrappers = await keyWrappers(handle.db);
    for (const w of wrappers) console.log(`master key ${w.kekId} wraps ${w.count} ${w.purpose} key(s)`);
    const left = await plainRemaining(handle, sealer, filesRoot);
    console.log(`plain values left: ${left.values}; plain files left: ${left.files}`);
    return 0;
  }
  process.stderr.write(KEYS_USAGE);
  return 2;
}
