import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { recordAudit } from "../audit/index.js";
import { officerScope } from "../casework/index.js";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { asForm, type Form, formList, formString } from "../platform/http/form-fields.js";
import type { FileStore } from "../platform/storage/file-store.js";
import { recordDataReads } from "../privacy/index.js";
import { findMatter } from "../register/index.js";
import { CASEWORK_ROLES, staffGuard } from "../staff/index.js";
import { meetsAssurance } from "./assurance.js";
import { checkEvidence, EVIDENCE_CHECKS, type EvidenceCheck, requireIdentity } from "./check-evidence.js";
import { findIdentityNeed } from "./identity-need.js";
import { matterAssurance } from "./proofs.repo.js";

type MatterRequest = FastifyRequest<{ Params: { matterId: string } }>;
type ProofRequest = FastifyRequest<{ Params: { matterId: string; proofId: string } }>;

function expectedVersion(form: Form): number {
  const text = formString(form.expectedVersion, "expectedVersion", 12);
  if (!/^\d{1,9}$/.test(text))
    throw new AppError("VALIDATION_FAILED", { detail: "expectedVersion" }, { field: "expectedVersion" });
  return Number(text);
}

/**
 * ID-1, ID-6: the identity panel's POSTs under `/office/matters/:matterId/identity/…` (each back to the
 * matter page, 303; JSON to an API client) and the evidence photo, within the officer's units.
 */
export async function identityOfficeRoutes(
  app: FastifyInstance,
  deps: { handle: DatabaseHandle; clock: Clock; files: FileStore },
) {
  const { handle, clock } = deps;
  const guard = staffGuard(handle.db, clock);
  const officers = { preHandler: guard(CASEWORK_ROLES) };
  const officerOf = (req: FastifyRequest) => {
    const staff = req.staffSession!.staff;
    return {
      staffId: staff.id,
      roles: staff.roles,
      scope: officerScope(staff).unitIds,
      at: clock.now(),
      ip: req.ip,
    };
  };
  const done = (req: MatterRequest, reply: FastifyReply, result: object) =>
    (req.headers.accept ?? "").includes("text/html")
      ? reply.redirect(`${req.basePath}/office/matters/${req.params.matterId}`, 303)
      : reply.send(result);
  /** The matter within the officer's scope, or MATTER_NOT_FOUND (another unit's is not said to exist). */
  const scopedMatter = async (req: MatterRequest) => {
    const matter = await findMatter(handle.db, req.agency.id, req.params.matterId);
    const scope = officerScope(req.staffSession!.staff).unitIds;
    if (!matter || (scope && !(matter.unitId && scope.includes(matter.unitId))))
      throw new AppError("MATTER_NOT_FOUND");
    return matter;
  };

  app.post("/office/matters/:matterId/identity/require", officers, async (req: MatterRequest, reply) => {
    const form = asForm(req.body);
    const version = expectedVersion(form);
    const matter = await scopedMatter(req);
    const need = await findIdentityNeed(handle.db, handle.sealer, matter.id);
    if (!need || need.required === "none") throw new AppError("IDENTITY_NOT_REQUIRED");
    if (meetsAssurance((await matterAssurance(handle.db, matter.id)).assurance, need.required))
      throw new AppError("IDENTITY_NOT_REQUIRED");
    await requireIdentity(
      handle,
      { agencyId: req.agency.id, matterId: matter.id, required: need.required, expectedVersion: version },
      officerOf(req),
    );
    return done(req, reply, { required: need.required });
  });

  app.post(
    "/office/matters/:matterId/identity/proofs/:proofId/check",
    officers,
    async (req: ProofRequest, reply) => {
      const form = asForm(req.body);
      const outcome = formString(form.outcome, "outcome", 10);
      if (outcome !== "proven" && outcome !== "refused")
        throw new AppError("VALIDATION_FAILED", { detail: "outcome" }, { field: "outcome" });
      const checks = formList(form.checks, "checks", 40, 10);
      if (!checks.every((c) => (EVIDENCE_CHECKS as readonly string[]).includes(c)))
        throw new AppError("VALIDATION_FAILED", { detail: "checks" }, { field: "checks" });
      const note = formString(form.note, "note", 2000);
      const officer = officerOf(req);
      if (!officer.roles.some((r) => ["reviewer", "supervisor", "head_of_agency", "admin"].includes(r)))
        throw new AppError("FORBIDDEN");
      await checkEvidence(
        handle,
        {
          agencyId: req.agency.id,
          matterId: req.params.matterId,
          proofId: req.params.proofId,
          outcome,
          checks: checks as EvidenceCheck[],
          note,
        },
        officer,
      );
      return done(req, reply, { outcome });
    },
  );

  app.get(
    "/office/matters/:matterId/identity/proofs/:proofId/photo",
    officers,
    async (req: ProofRequest, reply) => {
      const matter = await scopedMatter(req);
      const proof = await handle.db
        .selectFrom("identity_proofs")
        .select(["id", "evidence"])
        .where("agency_id", "=", req.agency.id)
        .where("matter_id", "=", matter.id)
        .where("id", "=", req.params.proofId)
        .where("method", "=", "evidence")
        .executeTakeFirst();
      const evidence = proof && (JSON.parse(proof.evidence) as { photoKey?: string; mediaType?: string });
      if (!proof || !evidence?.photoKey) throw new AppError("IDENTITY_PROOF_NOT_FOUND");
      // The store opens what it sealed (ID-7).
      const bytes = await deps.files.read(evidence.photoKey);
      // PD-6: an officer's look at the evidence is a read of the person's data, shown on their account.
      await recordDataReads(handle.db, {
        agencyId: req.agency.id,
        reader: `staff:${req.staffSession!.staff.id}`,
        what: "evidence",
        matterIds: [matter.id],
        at: clock.now().toISOString(),
      });
      await recordAudit(handle.db, {
        agencyId: req.agency.id,
        actor: `staff:${req.staffSession!.staff.id}`,
        action: "identity.evidence-read",
        subjectType: "identity_proof",
        subjectId: proof.id,
        data: { matterId: matter.id },
        ip: req.ip,
        at: clock.now().toISOString(),
      });
      return reply
        .type(
          evidence.mediaType === "image/png"
            ? "image/png"
            : (evidence.mediaType ?? "application/octet-stream"),
        )
        .header("cache-control", "no-store")
        .header("x-content-type-options", "nosniff")
        .header("content-disposition", "inline")
        .send(bytes);
    },
  );
}
