import type { FastifyInstance, FastifyRequest } from "fastify";
import { recordAudit } from "../audit/index.js";
import { matterScope, officerScope } from "../casework/index.js";
import { AppError } from "../platform/errors.js";
import { formString } from "../platform/http/form-fields.js";
import { readMultipart } from "../platform/http/multipart.js";
import { findMatter } from "../register/index.js";
import { CASEWORK_ROLES, type Role, requireRecentAuth, staffGuard } from "../staff/index.js";
import { auditActor } from "../workflow/index.js";
import { issueLicence } from "./issue-licence.js";
import { findLicence } from "./licences.repo.js";
import type { LicensingDeps } from "./licensing-deps.js";
import { recordLicenceScan } from "./record-licence-scan.js";

/** Who issues a licence, as the matter's status table allows `issue-licence`. */
export const ISSUING_ROLES: readonly Role[] = [
  "reviewer",
  "approver",
  "supervisor",
  "head_of_agency",
  "admin",
];
/** Who records a paper licence's signed scan (`record-licence-scan`). */
export const SCAN_ROLES: readonly Role[] = [...ISSUING_ROLES, "saraban_officer"];

type MatterRequest = FastifyRequest<{ Params: { matterId: string } }>;
type LicenceRequest = FastifyRequest<{ Params: { licenceId: string } }>;

const staffActor = (req: FastifyRequest) => {
  const staff = req.staffSession!.staff;
  return { kind: "staff", staffId: staff.id, roles: staff.roles } as const;
};

/**
 * LC-1, LC-2, RG-6: an officer's acts on a matter's licence, from its panel: `POST
 * /office/matters/:matterId/licence/issue` (CSRF, a fresh step-up), `GET /office/licences/:licenceId/pdf`
 * (audited as a read) and `POST /office/licences/:licenceId/scan` (multipart, CSRF first, a fresh
 * step-up). Another agency's or another unit's matter or licence is 404.
 */
export async function licenceOfficeRoutes(app: FastifyInstance, deps: LicensingDeps): Promise<void> {
  const guard = staffGuard(deps.handle.db, deps.clock);
  const matterPage = (req: FastifyRequest, matterId: string) =>
    `${req.basePath}/office/matters/${encodeURIComponent(matterId)}`;

  /** The licence, when the officer may see it: their units' matter's, or any for agency-wide roles. */
  async function visibleLicence(req: LicenceRequest) {
    const licence = await findLicence(deps.handle.db, req.agency.id, req.params.licenceId);
    if (!licence) throw new AppError("LICENCE_NOT_FOUND");
    const staff = req.staffSession!.staff;
    const matter = licence.matterId
      ? await findMatter(deps.handle.db, req.agency.id, licence.matterId)
      : undefined;
    const seen = matter
      ? matterScope(staff, matter) !== undefined
      : officerScope(staff).unitIds === undefined;
    if (!seen) throw new AppError("LICENCE_NOT_FOUND");
    return licence;
  }

  app.post(
    "/office/matters/:matterId/licence/issue",
    {
      schema: { hide: true },
      preHandler: [
        guard(ISSUING_ROLES),
        requireRecentAuth(deps.clock, (r) => matterPage(r, (r as MatterRequest).params.matterId)),
      ],
    },
    async (req: MatterRequest, reply) => {
      const staff = req.staffSession!.staff;
      const matter = await findMatter(deps.handle.db, req.agency.id, req.params.matterId);
      const scope = matter && matterScope(staff, matter);
      if (!matter || !scope) throw new AppError("MATTER_NOT_FOUND");
      await issueLicence(deps, {
        agencyId: req.agency.id,
        matterId: matter.id,
        actor: staffActor(req),
        at: deps.clock.now(),
        ip: req.ip,
        unitIds: scope.unitIds,
      });
      return reply.redirect(matterPage(req, matter.id), 303);
    },
  );

  app.get(
    "/office/licences/:licenceId/pdf",
    { schema: { hide: true }, preHandler: guard(CASEWORK_ROLES) },
    async (req: LicenceRequest, reply) => {
      const licence = await visibleLicence(req);
      const pdf = await deps.files.read(licence.pdfKey);
      await recordAudit(deps.handle.db, {
        agencyId: req.agency.id,
        actor: auditActor(staffActor(req)),
        action: "licence.read-pdf",
        subjectType: "licence",
        subjectId: licence.id,
        data: { edition: licence.edition, sha256: licence.pdfSha256 },
        ip: req.ip,
        at: deps.clock.now().toISOString(),
      });
      const name = `licence-${licence.id}-${licence.edition}.pdf`;
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", `inline; filename="${name}"`)
        .header("cache-control", "no-store")
        .send(pdf);
    },
  );

  app.post(
    "/office/licences/:licenceId/scan",
    {
      schema: { hide: true },
      preHandler: [guard(SCAN_ROLES, { multipart: true }), requireRecentAuth(deps.clock)],
    },
    async (req: LicenceRequest, reply) => {
      if (!req.isMultipart()) throw new AppError("UNSUPPORTED_MEDIA_TYPE");
      const { fields, files } = await readMultipart(req, { ...deps.limits, maxFiles: 1 });
      const licence = await visibleLicence(req);
      const file = files[0];
      if (!file) throw new AppError("LICENCE_SCAN_INVALID", { detail: "FILE_EMPTY" }, { field: "scan" });
      if (file.refusal)
        throw new AppError("LICENCE_SCAN_INVALID", { detail: file.refusal }, { field: "scan" });
      const pages = formString(fields.printedPages, "printedPages", 3);
      if (!/^[1-9]\d{0,2}$/.test(pages))
        throw new AppError("LICENCE_SCAN_INVALID", { detail: "printedPages" }, { field: "printedPages" });
      await recordLicenceScan(deps, {
        agencyId: req.agency.id,
        licenceId: licence.id,
        actor: staffActor(req),
        at: deps.clock.now(),
        scan: file,
        device: formString(fields.device, "device", 200),
        printedPages: Number(pages),
        ip: req.ip,
      });
      return reply.redirect(
        licence.matterId ? matterPage(req, licence.matterId) : `${req.basePath}/office/work`,
        303,
      );
    },
  );
}
