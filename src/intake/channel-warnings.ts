import { listAgencies } from "../agencies/index.js";
import { countNotConfigured } from "../outbox/index.js";
import type { Db } from "../platform/db/database.js";
import { bilingual, type MessageKey } from "../platform/i18n/index.js";
import { lineChannelProblem } from "./line/index.js";
import { findMailbox } from "./mail/index.js";

export interface ChannelWarning {
  key: MessageKey;
  params: Record<string, string | number>;
}

/**
 * CH-12: every channel in or out that is not configured, so that the admin page and the start-up log
 * say so instead of letting the office believe mail went out: no mail server (acknowledgements kept, not
 * sent), no central mailbox connected (mail to saraban@ not registered), a LINE channel without its token.
 */
export async function channelWarnings(
  db: Db,
  agency: { id: string; centralEmail: string },
  opts: { mailConfigured: boolean; env: NodeJS.ProcessEnv },
): Promise<ChannelWarning[]> {
  const warnings: ChannelWarning[] = [];
  if (!opts.mailConfigured) {
    warnings.push({
      key: "warning.MAIL_NOT_CONFIGURED",
      params: { count: await countNotConfigured(db, agency.id) },
    });
  }
  const mailbox = await findMailbox(db, agency.id);
  if (!mailbox?.enabled)
    warnings.push({ key: "warning.MAILBOX_NOT_CONNECTED", params: { email: agency.centralEmail } });
  const line = await lineChannelProblem(db, agency.id, opts.env);
  if (line?.problem === "token_missing")
    warnings.push({ key: "warning.LINE_TOKEN_MISSING", params: { name: line.tokenEnv } });
  if (line?.problem === "not_connected") warnings.push({ key: "warning.LINE_NOT_CONNECTED", params: {} });
  return warnings;
}

/** At start-up: each agency's unconfigured channels, in the log, Thai then English. */
export async function logChannelWarnings(
  db: Db,
  opts: { mailConfigured: boolean; env: NodeJS.ProcessEnv },
  log: (msg: string) => void,
): Promise<void> {
  for (const agency of await listAgencies(db)) {
    for (const w of await channelWarnings(db, agency, opts)) {
      log(`warning (${agency.id}): ${bilingual(w.key, w.params).replace("\n", " / ")}`);
    }
  }
}
