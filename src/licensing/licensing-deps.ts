import type { Clock } from "../platform/clock.js";
import type { Sealer } from "../platform/crypto/index.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import type { MultipartLimits } from "../platform/http/multipart.js";
import type { DocumentSigner } from "../platform/pdf/index.js";
import type { FileStore } from "../platform/storage/file-store.js";
import type { ThreadPool } from "../platform/threads/index.js";
import type { OpenDataLicence } from "./licence-register-metadata.js";

/** What the licensing room's routes, panels and sweeps are given. */
export interface LicensingDeps {
  handle: DatabaseHandle;
  clock: Clock;
  files: FileStore;
  limits: MultipartLimits;
  /** The install's secret (tracking links, signed download links). */
  secret: string;
  publicUrl: string;
  sealer: Sealer;
  /** LC-2: the agency's document signer; none: no electronic licence is issued (pages say so). */
  documentSigner?: DocumentSigner;
  /** Whether a mail server is configured (else nothing is "sent" by mail). */
  mailConfigured: boolean;
  env: NodeJS.ProcessEnv;
  log: (msg: string) => void;
  // #16 opendata
  /** PR-4: the agency's open-data licence, named in the dataset description and on the register page. */
  openDataLicence?: (agencyId: string) => Promise<OpenDataLicence>;
  // #18 pdfpool
  /** The process's thread pool, where licence PDFs are drawn; absent: drawn on this thread. */
  threads?: ThreadPool;
}
