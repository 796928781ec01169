import type { Clock } from "../platform/clock.js";
import type { Sealer } from "../platform/crypto/index.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import type { MultipartLimits } from "../platform/http/multipart.js";
import type { DocumentSigner } from "../platform/pdf/index.js";
import type { FileStore } from "../platform/storage/file-store.js";
import type { ThreadPool } from "../platform/threads/index.js";

/** What the payment room's routes, panels and sweeps are given. */
export interface PaymentDeps {
  handle: DatabaseHandle;
  clock: Clock;
  files: FileStore;
  limits: MultipartLimits;
  /** The install's secret (tracking links, form tokens). */
  secret: string;
  publicUrl: string;
  sealer: Sealer;
  /** LC-2, PY-5: the agency's document signer; none: e-receipts wait, and pages say signing is not set up. */
  documentSigner?: DocumentSigner;
  /** Whether a mail server is configured (else nothing is "sent" by mail). */
  mailConfigured: boolean;
  log: (msg: string) => void;
  // #18 pdfpool
  /** The process's thread pool, where e-receipt PDFs are drawn; absent: drawn on this thread. */
  threads?: ThreadPool;
}
