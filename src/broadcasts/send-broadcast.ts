import { broadcastLineTexts } from "../intake/line/index.js";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { type Broadcast, broadcastTexts } from "./broadcast.js";
import { fitsQuota, readBroadcastQuota } from "./broadcast-quota.js";
import { findBroadcast } from "./broadcasts.repo.js";
import { recordBroadcastAction } from "./record-broadcast-action.js";
import type { BroadcastOfficer } from "./write-broadcast.js";

export interface SendDeps {
  handle: DatabaseHandle;
  clock: Clock;
  env: NodeJS.ProcessEnv;
}

const SYSTEM = { kind: "system" as const, name: "system:broadcasts" };

const reasonOf = (error: unknown) => {
  const e = error as { status?: number; message?: string };
  return `${e.status ?? "-"} ${String(e.message ?? error)}`.slice(0, 500);
};

/**
 * #17 broadcasts (CH-10): the one function that sends a broadcast — every route, command and worker
 * goes through it. `recordBroadcastAction("send")` admits only an approved broadcast whose content hash
 * is the approved one; the quota is read from LINE and a broadcast it cannot pay for is refused before
 * anything goes out. The broadcast's id is LINE's retry key, so a retry never sends twice. `sent` is
 * recorded only when LINE answered 200 (or 409: this key was accepted before); any other answer is
 * recorded as `failed` with LINE's reason, and may be sent again.
 */
export async function sendBroadcast(
  deps: SendDeps,
  input: {
    agencyId: string;
    broadcastId: string;
    actor: BroadcastOfficer;
    expectedVersion?: number;
    ip?: string;
  },
): Promise<Broadcast> {
  const before = await findBroadcast(deps.handle.db, input.agencyId, input.broadcastId);
  if (!before) throw new AppError("BROADCAST_NOT_FOUND");
  if (before.status !== "approved" && before.status !== "failed")
    throw new AppError("BROADCAST_NOT_APPROVED");
  const quota = await readBroadcastQuota(
    { db: deps.handle.db, env: deps.env },
    input.agencyId,
    deps.clock.now(),
  );
  if (quota.state === "not_configured") throw new AppError("BROADCAST_LINE_NOT_CONFIGURED");
  if (!fitsQuota(quota))
    throw new AppError("BROADCAST_QUOTA_EXCEEDED", {
      reach: quota.state === "ok" ? (quota.reach ?? 0) : 0,
      remaining: quota.state === "ok" ? (quota.remaining ?? 0) : 0,
    });
  const sending = await withTransaction(deps.handle, (trx) =>
    recordBroadcastAction(trx, {
      ...input,
      action: "send",
      at: deps.clock.now(),
      estimatedRecipients: quota.state === "ok" ? quota.reach : null,
    }),
  );
  let outcome: { action: "sent" } | { action: "fail"; reason: string };
  try {
    const result = await broadcastLineTexts(
      { db: deps.handle.db, env: deps.env },
      input.agencyId,
      broadcastTexts(sending),
      sending.id,
    );
    outcome = result === "sent" ? { action: "sent" } : { action: "fail", reason: "LINE not configured" };
  } catch (error) {
    outcome = { action: "fail", reason: reasonOf(error) };
  }
  return withTransaction(deps.handle, (trx) =>
    recordBroadcastAction(trx, {
      agencyId: input.agencyId,
      broadcastId: sending.id,
      actor: SYSTEM,
      at: deps.clock.now(),
      ...outcome,
    }),
  );
}
