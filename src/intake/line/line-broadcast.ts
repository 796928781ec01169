import { insight, messagingApi } from "@line/bot-sdk";
import type { Db } from "../../platform/db/database.js";
import { findLineChannel } from "./line.repo.js";
import { secretOf } from "./line-api.js";

/** What LINE says of this month's push quota: `limit` null when the plan has none. */
export interface LineQuota {
  limit: number | null;
  used: number;
  /** The friends a broadcast reaches (LINE's `targetedReaches`), or null when LINE does not say. */
  reach: number | null;
}

type Deps = { db: Db; env: NodeJS.ProcessEnv };

async function clients(deps: Deps, agencyId: string) {
  const channel = await findLineChannel(deps.db, agencyId);
  if (!channel || Number(channel.enabled) !== 1 || !deps.env[channel.token_env]) return undefined;
  const channelAccessToken = secretOf(deps.env, channel.token_env);
  return {
    api: new messagingApi.MessagingApiClient({ channelAccessToken, baseURL: channel.api_base_url }),
    insight: new insight.InsightClient({ channelAccessToken, baseURL: channel.api_base_url }),
  };
}

/** Yesterday in Bangkok as LINE's insight wants it (yyyyMMdd): today's count is not ready yet. */
const insightDay = (now: Date) =>
  new Date(now.getTime() + 7 * 3600_000 - 86_400_000).toISOString().slice(0, 10).replaceAll("-", "");

/**
 * #17 broadcasts (CH-10): one message to every friend of the agency's Official Account, as texts (Thai
 * first). `retryKey` (a UUID) makes LINE send it at most once however often it is retried: a 409 means
 * LINE accepted this key before, so it went out. `not_configured` when no channel or token: nothing sent.
 * Throws what LINE answered otherwise.
 */
export async function broadcastLineTexts(
  deps: Deps,
  agencyId: string,
  texts: string[],
  retryKey: string,
): Promise<"sent" | "not_configured"> {
  const line = await clients(deps, agencyId);
  if (!line) return "not_configured";
  const messages = texts.map((text) => ({ type: "text" as const, text: text.slice(0, 5000) }));
  try {
    await line.api.broadcast({ messages }, retryKey);
  } catch (error) {
    if ((error as { status?: number }).status !== 409) throw error;
  }
  return "sent";
}

/**
 * #17 broadcasts: this month's quota and consumption, and how many friends a broadcast reaches (its
 * cost), read from LINE. `not_configured` when the channel cannot be called. Throws when LINE fails.
 */
export async function readLineQuota(
  deps: Deps,
  agencyId: string,
  now: Date,
): Promise<LineQuota | "not_configured"> {
  const line = await clients(deps, agencyId);
  if (!line) return "not_configured";
  const [quota, consumption] = await Promise.all([
    line.api.getMessageQuota(),
    line.api.getMessageQuotaConsumption(),
  ]);
  let reach: number | null = null;
  try {
    const followers = await line.insight.getNumberOfFollowers(insightDay(now));
    if (followers.status === "ready" && typeof followers.targetedReaches === "number")
      reach = followers.targetedReaches;
  } catch {
    // The count is an estimate only: without it the page says "unknown", as it is.
  }
  return {
    limit: quota.type === "limited" && typeof quota.value === "number" ? quota.value : null,
    used: consumption.totalUsage,
    reach,
  };
}
