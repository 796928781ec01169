import type { FastifyRequest } from "fastify";
import { findServiceVersion, type ServiceVersion } from "../../catalog/index.js";
import type { Clock } from "../../platform/clock.js";
import type { DatabaseHandle } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors.js";
import type { Draft } from "../draft.js";
import { findDraftByToken } from "../drafts.repo.js";
import { draftCsrfToken } from "./apply-guard.js";

export interface ApplyDeps {
  handle: DatabaseHandle;
  clock: Clock;
  /** The install's secret: the forms' CSRF tokens are keyed with it. */
  secret: string;
  /** Where the service is reached from outside, for the resume link in emails. */
  publicUrl: string;
}

/** A draft being filled, with the service version it keeps until it is submitted. */
export interface ApplyContext {
  draft: Draft;
  version: ServiceVersion;
  /** `/apply/<token>` under the agency's base path. */
  base: string;
  token: string;
  csrf: string;
  serviceName: string;
}

/**
 * The draft of a resume link, or NOT_FOUND: another agency's, expired, submitted or forged links all
 * look the same, so a link says nothing about whether a draft exists. The draft stays on its own service
 * version even if the service was published again meanwhile (the submission decides what to do).
 */
export async function loadDraft(deps: ApplyDeps, req: FastifyRequest, token: string): Promise<ApplyContext> {
  const draft = await findDraftByToken(deps.handle.db, req.agency.id, token, deps.clock.now());
  if (!draft || draft.submittedEntryId !== null) throw new AppError("NOT_FOUND");
  // A resume link opened on another device (no language chosen there) speaks the draft's language.
  const query = req.query as { lang?: unknown } | undefined;
  if (query?.lang === undefined && req.cookies.lang === undefined) req.lang = draft.language;
  const version = await findServiceVersion(deps.handle.db, draft.serviceVersionId);
  if (!version || version.agencyId !== draft.agencyId) throw new AppError("NOT_FOUND");
  const name = version.definition.name;
  return {
    draft,
    version,
    base: `${req.basePath}/apply/${token}`,
    token,
    csrf: draftCsrfToken(deps.secret, draft.id),
    serviceName: req.lang === "en" ? name.en || name.th : name.th,
  };
}
