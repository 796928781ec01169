import { listServices } from "../catalog/index.js";
import { hasPublishedFaq } from "../faq/index.js";
import { lineChannelProblem } from "../intake/line/index.js";
import { findMailbox, mailboxAlerts } from "../intake/mail/index.js";
import { hasRegisterLicence } from "../licensing/index.js";
import { lastOpenDataPush } from "../opendata/index.js";
import { findDefaultAccount } from "../payment/index.js";
import type { Db } from "../platform/db/database.js";
import { hasRatings } from "../satisfaction/index.js";
import { hasPublishedAnswer } from "../webboard/index.js";
import type { LiveState } from "./assess-levels.js";

/** The install's configuration that lives outside the database, as the service was started with it. */
export interface InstallConfig {
  env: NodeJS.ProcessEnv;
  /** An outgoing mail server is configured (sign-in codes and notices by mail can really be sent). */
  mailConfigured: boolean;
  /** An SMS gateway is configured. */
  smsConfigured: boolean;
  /** ThaiD (OpenID Connect) settings were given. */
  thaidConfigured: boolean;
  /** A document signer for licences (LC-2) was loaded. */
  signerConfigured: boolean;
}

/**
 * RD-2: what this install provides right now, each read from the live state of the room that owns it,
 * never assumed: a mailbox counts only when enabled and healthy (no failing or stalled alert, CH-12);
 * LINE only when connected with its token set; open data only when the last push went through.
 */
export async function readLiveState(
  db: Db,
  agencyId: string,
  config: InstallConfig,
  now: Date,
): Promise<LiveState> {
  const mailbox = await findMailbox(db, agencyId);
  const mailboxHealthy =
    mailbox?.enabled === true &&
    !mailboxAlerts(mailbox, now).some((a) => a.problem === "failing" || a.problem === "stalled");
  const [line, services, account, register, push, faq, webboard, satisfaction] = await Promise.all([
    lineChannelProblem(db, agencyId, config.env),
    listServices(db, agencyId),
    findDefaultAccount(db, agencyId),
    hasRegisterLicence(db, agencyId),
    lastOpenDataPush(db, agencyId),
    hasPublishedFaq(db, agencyId),
    hasPublishedAnswer(db, agencyId),
    hasRatings(db, agencyId),
  ]);
  return {
    mailbox: mailboxHealthy,
    line: line === undefined,
    mailServer: config.mailConfigured,
    sms: config.smsConfigured,
    services: services.some((s) => s.state === "published"),
    thaid: config.thaidConfigured,
    payment: account !== undefined,
    signer: config.signerConfigured,
    register,
    openData: push?.outcome === "pushed",
    faq,
    webboard,
    satisfaction,
  };
}
