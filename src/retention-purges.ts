import path from "node:path";
import { purgeExpiredDrafts } from "./forms/index.js";
import {
  purgeCitizenSessions,
  purgeEvidencePhotos,
  purgeOidcRequests,
  purgeSignInCodes,
  purgeVideoStills,
} from "./identity/index.js";
import { purgeDeletedMail } from "./intake/mail/index.js";
import { purgeSentPayloads } from "./outbox/index.js";
import { purgeTrafficLogs } from "./platform/http/traffic-log.js";
import type { FileStore } from "./platform/storage/file-store.js";
import { purgeDataReads, type RetentionPurges } from "./privacy/index.js";
import { purgeStaffSessions } from "./staff/index.js";

/**
 * PD-4: each data class's purge, from the capability owning its table (each runs SQL on its own tables
 * only).
 */
export function retentionPurges(options: { dataDir: string; files: FileStore }): RetentionPurges {
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
    // #13 identity and data reads
    "sign-in-codes": purgeSignInCodes,
    "oidc-requests": purgeOidcRequests,
    "evidence-photos": purgeEvidencePhotos(options.files),
    "video-stills": purgeVideoStills(options.files),
    "data-reads": purgeDataReads,
  };
}
