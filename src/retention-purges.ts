import path from "node:path";
import { purgeExpiredDrafts } from "./forms/index.js";
import { purgeCitizenSessions } from "./identity/index.js";
import { purgeDeletedMail } from "./intake/mail/index.js";
import { purgeSentPayloads } from "./outbox/index.js";
import { purgeTrafficLogs } from "./platform/http/traffic-log.js";
import type { RetentionPurges } from "./privacy/index.js";
import { purgeStaffSessions } from "./staff/index.js";

/**
 * PD-4: each data class's purge, from the capability owning its table (each runs SQL on its own tables
 * only). Classes of parts not yet here (sign-in codes, OIDC requests, evidence photos, video stills, data
 * reads) are added by those parts, one line each.
 */
export function retentionPurges(options: { dataDir: string }): RetentionPurges {
  const trafficDir = path.join(options.dataDir, "traffic");
  return {
    // #13 officers-retention
    "expired-drafts": purgeExpiredDrafts,
    "citizen-sessions": purgeCitizenSessions,
    "staff-sessions": purgeStaffSessions,
    "held-mail": purgeDeletedMail,
    "outbox-payloads": purgeSentPayloads,
    // One folder for the install: the first agency's run deletes the old days, the others find none.
    "traffic-logs": (_db, _agencyId, before) => purgeTrafficLogs(trafficDir, before),
  };
}
