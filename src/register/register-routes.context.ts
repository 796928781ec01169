import type { FastifyRequest } from "fastify";
import { listUnits } from "../agencies/index.js";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import type { Html } from "../platform/html.js";
import { shownLimits } from "../platform/http/form-errors.js";
import type { MultipartLimits } from "../platform/http/multipart.js";
import type { FileStore } from "../platform/storage/file-store.js";
import { REGISTER_ROLES, staffGuard } from "../staff/index.js";
import { type AcknowledgementState, acknowledgementState } from "./acknowledgement-state.js";
import type { Entry } from "./entry.js";
import type { QueueMessage } from "./queue-message.js";

export type Query = Record<string, string | undefined>;

export interface RegisterRoutesOptions {
  handle: DatabaseHandle;
  /** The outbox's enqueue, for the acts that answer the sender (misdirected, a confirmed address). */
  queueMessage: QueueMessage;
  clock: Clock;
  files: FileStore;
  /** What other capabilities want officers to see at each check (CH-5), e.g. held mail. */
  notices?: (req: FastifyRequest) => Promise<Html>;
  /**
   * Where each entry's emailed acknowledgement stands (the outbox's status) and whether a mail server
   * is configured, so that no page says emailed when it was not (CH-4). Without it: nothing queued.
   */
  acknowledgements?: {
    mailConfigured: boolean;
    statuses: (entryIds: string[]) => Promise<Map<string, string>>;
    /** #10: why each failed one failed (e.g. refused for good by the recipient's server). */
    failures?: (entryIds: string[]) => Promise<Map<string, string>>;
    /** #18 line-ack: `line-uncertain` for each LINE acknowledgement a crash left uncertain. */
    lineStatuses?: (entryIds: string[]) => Promise<Map<string, string>>;
  };
  limits: MultipartLimits;
  /** #11: what other capabilities show on an entry's page (its application), rendered by them. */
  entryPanels?: (req: FastifyRequest, entry: Entry) => Promise<Html>;
  // #17 assistline: more panels on an entry's page, each rendered by its own room, after `entryPanels`.
  moreEntryPanels?: readonly ((req: FastifyRequest, entry: Entry) => Promise<Html>)[];
}

/** What the register's route files share: the guard for officers, links, the officer of a request, lookups. */
export function registerRouteContext(opts: RegisterRoutesOptions) {
  const { handle, clock } = opts;
  const limits = shownLimits(opts.limits);
  const guard = staffGuard(handle.db, clock);
  const readers = { preHandler: guard(REGISTER_ROLES) };
  const base = (req: FastifyRequest) => `${req.basePath}/office`;
  const officer = (req: FastifyRequest) => ({
    clock,
    staffId: req.staffSession!.staff.id,
    roles: req.staffSession!.staff.roles,
    ip: req.ip,
  });
  const ackStates = async (entries: Pick<Entry, "id" | "acknowledgedAt" | "acknowledgedVia">[]) => {
    const statuses = opts.acknowledgements
      ? await opts.acknowledgements.statuses(entries.map((e) => e.id))
      : new Map<string, string>();
    // #18 line-ack: an uncertain LINE acknowledgement is the one an officer must look at.
    for (const [id, status] of (await opts.acknowledgements?.lineStatuses?.(entries.map((e) => e.id))) ?? [])
      statuses.set(id, status);
    const configured = opts.acknowledgements?.mailConfigured ?? false;
    const failed = entries.filter((e) => statuses.get(e.id) === "failed").map((e) => e.id);
    const failures =
      failed.length && opts.acknowledgements?.failures
        ? await opts.acknowledgements.failures(failed)
        : new Map<string, string>();
    return new Map<string, AcknowledgementState>(
      entries.map((e) => [e.id, acknowledgementState(e, statuses.get(e.id), configured, failures.get(e.id))]),
    );
  };
  const unitsOf = async (req: FastifyRequest) =>
    (await listUnits(handle.db, req.agency.id)).map((u) => ({
      id: u.id,
      name: req.lang === "th" ? u.name_th : u.name_en,
    }));

  // `limits` as the forms show them (the upload limits in words).
  return { ...opts, handle, clock, limits, readers, base, officer, ackStates, unitsOf };
}

export type RegisterRouteContext = ReturnType<typeof registerRouteContext>;
