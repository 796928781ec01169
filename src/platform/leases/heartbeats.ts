import os from "node:os";
import type { Db } from "../db/database.js";
import { newId } from "../ids.js";

/** Who this process is, for leases and heartbeats: unique per start, readable in a list. */
export interface ProcessIdentity {
  processId: string;
  role: string;
  host: string;
  pid: number;
  startedAt: string;
}

export function newProcessIdentity(role: string, now: Date): ProcessIdentity {
  const host = os.hostname();
  return {
    processId: `${host}:${process.pid}:${newId().slice(-8)}`,
    role,
    host,
    pid: process.pid,
    startedAt: now.toISOString(),
  };
}

/** Says the process is alive (insert or update of its own row), with what it reports about itself. */
export async function recordHeartbeat(
  db: Db,
  who: ProcessIdentity,
  now: Date,
  detail: Record<string, unknown> = {},
): Promise<void> {
  const beat = now.toISOString();
  const json = JSON.stringify(detail);
  await db
    .insertInto("worker_heartbeats")
    .values({
      process_id: who.processId,
      role: who.role,
      host: who.host,
      pid: who.pid,
      started_at: who.startedAt,
      beat_at: beat,
      detail: json,
    })
    .onConflict((oc) => oc.column("process_id").doUpdateSet({ beat_at: beat, detail: json }))
    .execute();
}

/** A clean stop removes the row, so a stopped process is not mistaken for a dead one. */
export async function removeHeartbeat(db: Db, who: ProcessIdentity): Promise<void> {
  await db.deleteFrom("worker_heartbeats").where("process_id", "=", who.processId).execute();
}

export interface Heartbeat {
  processId: string;
  role: string;
  host: string;
  pid: number;
  startedAt: string;
  beatAt: string;
  detail: Record<string, unknown>;
}

/** Every process's last heartbeat, newest first; rows older than `forgetBefore` are deleted on the way. */
export async function listHeartbeats(db: Db, forgetBefore?: Date): Promise<Heartbeat[]> {
  if (forgetBefore)
    await db.deleteFrom("worker_heartbeats").where("beat_at", "<", forgetBefore.toISOString()).execute();
  const rows = await db.selectFrom("worker_heartbeats").selectAll().orderBy("beat_at", "desc").execute();
  return rows.map((r) => ({
    processId: r.process_id,
    role: r.role,
    host: r.host,
    pid: Number(r.pid),
    startedAt: r.started_at,
    beatAt: r.beat_at,
    detail: safeJson(r.detail),
  }));
}

const safeJson = (text: string): Record<string, unknown> => {
  try {
    const value = JSON.parse(text);
    return value && typeof value === "object" ? value : {};
  } catch {
    return {};
  }
};
