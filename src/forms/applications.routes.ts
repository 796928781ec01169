import type { FastifyInstance } from "fastify";
import type { WebIntakeDeps } from "../intake/web/index.js";
import type { MultipartLimits } from "../platform/http/multipart.js";
import { applicantRoutes } from "./applicant.routes.js";
import { applicationOfficeRoutes } from "./application-office.routes.js";
import { applicationsApiRoutes } from "./applications-api.routes.js";
import { documentsRoutes } from "./documents.routes.js";
import { type CodeSenders, signRoutes } from "./sign.routes.js";

export interface ApplicationsRoutesOptions {
  intake: WebIntakeDeps;
  limits: MultipartLimits;
  /** How one-time codes are sent (FM-6); a channel left out is not configured and said so. */
  senders: CodeSenders;
}

/** #11 applications: the applicant, documents and signature steps, the API, and the officer's act. */
export async function applicationsRoutes(app: FastifyInstance, opts: ApplicationsRoutesOptions) {
  const { handle, clock, files, secret } = opts.intake;
  applicantRoutes(app, { handle, clock, secret });
  documentsRoutes(app, { handle, clock, files, secret, limits: opts.limits });
  signRoutes(app, { intake: opts.intake, senders: opts.senders });
  applicationsApiRoutes(app, { intake: opts.intake, limits: opts.limits });
  applicationOfficeRoutes(app, { handle, clock, files });
}
