import type { Db } from "../../platform/db/database.js";
import { findLineChannel } from "./line.repo.js";

/**
 * What keeps the agency's LINE channel from answering, if anything: none connected, or connected with
 * its access token's environment variable unset (then nothing can be sent, and nothing may say sent).
 */
export async function lineChannelProblem(
  db: Db,
  agencyId: string,
  env: NodeJS.ProcessEnv,
): Promise<{ problem: "not_connected" } | { problem: "token_missing"; tokenEnv: string } | undefined> {
  const channel = await findLineChannel(db, agencyId);
  if (!channel || Number(channel.enabled) !== 1) return { problem: "not_connected" };
  if (!env[channel.token_env]) return { problem: "token_missing", tokenEnv: channel.token_env };
  return undefined;
}
