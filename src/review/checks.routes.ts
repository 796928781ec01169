import type { FastifyInstance, FastifyRequest } from "fastify";
import { officerScope } from "../casework/index.js";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { asForm, formString } from "../platform/http/form-fields.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import type { FileStore } from "../platform/storage/file-store.js";
import { findMatter } from "../register/index.js";
import { CASEWORK_ROLES, staffGuard } from "../staff/index.js";
import { CHECK_KINDS, CHECK_OUTCOMES, type CheckKind, type CheckOutcome } from "./checks.table.js";
import { CHECKING_ROLES, renderChecks } from "./checks-panel.js";
import { recordCheck } from "./record-check.js";
import {
  E_STAMP_METHODS,
  ISSUER_METHODS,
  VERIFICATION_RESULTS,
  type VerificationResult,
  verificationOutcome,
} from "./verification.js";
import { verifyDocumentSignatures } from "./verify-document-signatures.js";

export interface ReviewRoutesDeps {
  handle: DatabaseHandle;
  clock: Clock;
  files: FileStore;
}

function oneOf<T extends string>(values: readonly T[], raw: string, field: string): T {
  if (!(values as readonly string[]).includes(raw))
    throw new AppError("VALIDATION_FAILED", { detail: field }, { field });
  return raw as T;
}

function version(raw: unknown): number {
  const text = formString(raw, "version", 12);
  if (!/^\d{1,9}$/.test(text))
    throw new AppError("VALIDATION_FAILED", { detail: "version" }, { field: "version" });
  return Number(text);
}

function actorOf(req: FastifyRequest, clock: Clock) {
  const staff = req.staffSession!.staff;
  return { staffId: staff.id, roles: staff.roles, ...officerScope(staff), at: clock.now(), ip: req.ip };
}

/**
 * RV-1, RV-4: the checks' page of one application (the same section the matter page shows) and the
 * officer's findings: `POST …/review/checks` (an item's outcome, or a verification by method, reference
 * and result) and `POST …/review/signatures` (run the verifier on one submitted PDF). Each carries the
 * matter's version and answers 303 to the matter page.
 */
export async function reviewRoutes(app: FastifyInstance, deps: ReviewRoutesDeps) {
  const guard = staffGuard(deps.handle.db, deps.clock);
  const back = (req: FastifyRequest, matterId: string) =>
    `${req.basePath}/office/matters/${encodeURIComponent(matterId)}`;

  app.get<{ Params: { matterId: string } }>(
    "/office/matters/:matterId/review",
    { schema: { hide: true }, preHandler: guard(CASEWORK_ROLES) },
    async (req, reply) => {
      const section = await renderChecks(deps, req, req.params.matterId);
      const matter = await findMatter(deps.handle.db, req.agency.id, req.params.matterId);
      return sendOfficePage(
        req,
        reply,
        t(req.lang, "review.page", { receipt: matter?.receiptNumber ?? "" }),
        section,
      );
    },
  );

  app.post<{ Params: { matterId: string } }>(
    "/office/matters/:matterId/review/checks",
    { schema: { hide: true }, preHandler: guard(CHECKING_ROLES) },
    async (req, reply) => {
      const form = asForm(req.body);
      const kind = oneOf<CheckKind>(CHECK_KINDS, formString(form.kind, "kind", 40), "kind");
      // A signature's finding is the verifier's, never typed in.
      if (kind === "signature")
        throw new AppError("VALIDATION_FAILED", { detail: "kind" }, { field: "kind" });
      const note = formString(form.note, "note", 2000).trim();
      let outcome: CheckOutcome;
      let verification: Record<string, unknown> | undefined;
      if (kind === "e-stamp" || kind === "issuer-verification") {
        const methods = kind === "e-stamp" ? E_STAMP_METHODS : ISSUER_METHODS;
        const method = oneOf<string>(methods, formString(form.method, "method", 40), "method");
        const reference = formString(form.reference, "reference", 500).trim();
        const result = oneOf<VerificationResult>(
          VERIFICATION_RESULTS,
          formString(form.result, "result", 40),
          "result",
        );
        outcome = verificationOutcome(result, reference);
        verification = { method, reference, result };
      } else
        outcome = oneOf<CheckOutcome>(CHECK_OUTCOMES, formString(form.outcome, "outcome", 40), "outcome");
      await recordCheck(
        deps.handle,
        {
          agencyId: req.agency.id,
          matterId: req.params.matterId,
          expectedVersion: version(form.version),
          kind,
          itemId: formString(form.item, "item", 100),
          outcome,
          note,
          verification,
        },
        actorOf(req, deps.clock),
      );
      return reply.redirect(back(req, req.params.matterId), 303);
    },
  );

  app.post<{ Params: { matterId: string } }>(
    "/office/matters/:matterId/review/signatures",
    { schema: { hide: true }, preHandler: guard(CHECKING_ROLES) },
    async (req, reply) => {
      const form = asForm(req.body);
      await verifyDocumentSignatures(
        deps,
        {
          agencyId: req.agency.id,
          matterId: req.params.matterId,
          expectedVersion: version(form.version),
          itemId: formString(form.item, "item", 100),
          attachmentId: formString(form.attachment, "attachment", 100),
        },
        actorOf(req, deps.clock),
      );
      return reply.redirect(back(req, req.params.matterId), 303);
    },
  );
}
