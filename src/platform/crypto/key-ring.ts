import crypto from "node:crypto";
import type { Clock } from "../clock.js";
import type { Db } from "../db/database.js";
import { isUniqueViolation } from "../db/database.js";

/**
 * Envelope keys (ID-7, SC-1): data is sealed with data keys; each data key is kept in `data_keys` only
 * wrapped (AES-256-GCM) by the master key from configuration. Rotating the master key re-wraps the few
 * data keys, never the data, so it needs no downtime. One index key makes the keyed hashes (HMAC) that
 * find a national ID or an address without keeping it in clear; it is never replaced, only re-wrapped.
 */
export interface KeyRing {
  /** The data key new values are sealed with. */
  currentId: string;
  /** Every data key, by id (older ones still open what they sealed). */
  dataKeys: ReadonlyMap<string, Buffer>;
  indexKey: Buffer;
}

export class KeyError extends Error {}

const WRAP = "aes-256-gcm";

/** A short name of a master key, stored beside what it wrapped: says which key is needed, reveals none. */
export const masterKeyId = (master: Buffer): string =>
  crypto.createHmac("sha256", master).update("borikan master key id").digest("hex").slice(0, 16);

/** 32 bytes from base64, base64url or hex; anything else is refused with the fix. */
export function parseMasterKey(raw: string, name = "ENCRYPTION_KEY"): Buffer {
  const text = raw.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(text)
    ? Buffer.from(text, "hex")
    : /^[A-Za-z0-9+/_-]{43}=?$/.test(text)
      ? Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64")
      : undefined;
  if (bytes?.length !== 32)
    throw new KeyError(
      `${name} must be 32 random bytes in base64 or hex (e.g. from \`openssl rand -base64 32\`); the value given is not.`,
    );
  return bytes;
}

export const newMasterKey = (): string => crypto.randomBytes(32).toString("base64");

export function wrapKey(master: Buffer, key: Buffer): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv(WRAP, master, iv);
  const body = Buffer.concat([cipher.update(key), cipher.final()]);
  return [iv, body, cipher.getAuthTag()].map((b) => b.toString("base64url")).join(".");
}

export function unwrapKey(master: Buffer, wrapped: string): Buffer {
  const [iv = "", body = "", tag = ""] = wrapped.split(".");
  const decipher = crypto.createDecipheriv(WRAP, master, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]);
  } catch {
    throw new KeyError(
      "the master key does not open a data key it claims to have wrapped: wrong key or altered row",
    );
  }
}

type Purpose = "data" | "index";

async function insertKey(db: Db, master: Buffer, purpose: Purpose, at: string): Promise<void> {
  await db
    .insertInto("data_keys")
    .values({
      id: crypto.randomBytes(6).toString("hex"),
      purpose,
      kek_id: masterKeyId(master),
      wrapped: wrapKey(master, crypto.randomBytes(32)),
      created_at: at,
    })
    .execute();
}

/** True when the database already holds wrapped keys (so a key must be given, never made up). */
export async function hasDataKeys(db: Db): Promise<boolean> {
  return (await db.selectFrom("data_keys").select("id").limit(1).executeTakeFirst()) !== undefined;
}

/**
 * Loads the key ring, creating the first data and index keys on an empty database. `masters[0]` is the
 * current master key; others are earlier ones still accepted during a rotation. Fails loudly when a
 * stored key was wrapped by a master key not given, or does not open.
 */
export async function loadKeyRing(db: Db, masters: Buffer[], clock: Clock): Promise<KeyRing> {
  const [current] = masters;
  if (!current) throw new KeyError("no master key given");
  let rows = await db.selectFrom("data_keys").selectAll().orderBy("created_at").orderBy("id").execute();
  if (!rows.some((r) => r.purpose === "index") || !rows.some((r) => r.purpose === "data")) {
    const at = clock.now().toISOString();
    for (const purpose of ["index", "data"] as const) {
      if (rows.some((r) => r.purpose === purpose)) continue;
      // Two processes starting together: the index key is unique; the loser reads the winner's.
      await insertKey(db, current, purpose, at).catch((error) => {
        if (!isUniqueViolation(error)) throw error;
      });
    }
    rows = await db.selectFrom("data_keys").selectAll().orderBy("created_at").orderBy("id").execute();
  }
  const byId = new Map(masters.map((m) => [masterKeyId(m), m]));
  const dataKeys = new Map<string, Buffer>();
  let indexKey: Buffer | undefined;
  let currentId = "";
  for (const row of rows) {
    const master = byId.get(row.kek_id);
    if (!master)
      throw new KeyError(
        `data key ${row.id} was wrapped by master key ${row.kek_id}, which is not configured: set ENCRYPTION_KEY to that key (or ENCRYPTION_KEY_PREVIOUS during a rotation)`,
      );
    const key = unwrapKey(master, row.wrapped);
    if (row.purpose === "index") indexKey ??= key;
    else {
      dataKeys.set(row.id, key);
      if (row.retired_at === null) currentId = row.id;
    }
  }
  if (!indexKey || !currentId) throw new KeyError("the key table has no index key or no current data key");
  return { currentId, dataKeys, indexKey };
}

/**
 * Re-wraps every stored key under `to` (the master keys in `from` open them). Running processes keep the
 * keys they unwrapped at start, so nothing stops. Returns how many keys were re-wrapped.
 */
export async function rewrapKeys(db: Db, from: Buffer[], to: Buffer): Promise<number> {
  const byId = new Map([...from, to].map((m) => [masterKeyId(m), m]));
  const toId = masterKeyId(to);
  const rows = await db.selectFrom("data_keys").selectAll().execute();
  let count = 0;
  for (const row of rows) {
    if (row.kek_id === toId) continue;
    const master = byId.get(row.kek_id);
    if (!master) throw new KeyError(`data key ${row.id} was wrapped by master key ${row.kek_id}, not given`);
    await db
      .updateTable("data_keys")
      .set({ kek_id: toId, wrapped: wrapKey(to, unwrapKey(master, row.wrapped)) })
      .where("id", "=", row.id)
      .where("kek_id", "=", row.kek_id)
      .execute();
    count++;
  }
  return count;
}

/** A new current data key (older ones stay to open what they sealed); the index key is kept. */
export async function addDataKey(db: Db, master: Buffer, clock: Clock): Promise<void> {
  const at = clock.now().toISOString();
  await db
    .updateTable("data_keys")
    .set({ retired_at: at })
    .where("purpose", "=", "data")
    .where("retired_at", "is", null)
    .execute();
  await insertKey(db, master, "data", at);
}

/** Which master key (by id) wraps how many keys of each purpose: `borikan keys status`. */
export async function keyWrappers(db: Db): Promise<{ kekId: string; purpose: string; count: number }[]> {
  const rows = await db
    .selectFrom("data_keys")
    .select(["kek_id", "purpose"])
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .groupBy(["kek_id", "purpose"])
    .execute();
  return rows.map((r) => ({ kekId: r.kek_id, purpose: r.purpose, count: Number(r.n) }));
}
