import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { officerScope } from "../casework/index.js";
import { screenFiles } from "../intake/attachments/index.js";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { html } from "../platform/html.js";
import { asForm, type Form, formString } from "../platform/http/form-fields.js";
import { type MultipartLimits, readMultipart } from "../platform/http/multipart.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import type { FileStore } from "../platform/storage/file-store.js";
import type { ThreadPool } from "../platform/threads/index.js";
import { findMatter } from "../register/index.js";
import { CASEWORK_ROLES, requireRecentAuth, staffGuard } from "../staff/index.js";
import { approvalPanel } from "./approval-panel.js";
import { countPdfPages, renderApprovalSheet } from "./approval-sheet-pdf.js";
import { DECISIONS, type Decision, decideApproval, type Officer } from "./decide-approval.js";
import type { DeficiencyStateReader } from "./deficiency-gate.js";
import { submitForApproval } from "./submit-for-approval.js";

const SCAN_TYPES = ["application/pdf", "image/jpeg", "image/png"];

export interface ApprovalRoutesOptions {
  handle: DatabaseHandle;
  clock: Clock;
  files: FileStore;
  limits: MultipartLimits;
  /** LF-3: the deficiency part's reading of a matter (review's `deficiencyState`). */
  deficiencyState: DeficiencyStateReader;
  /** Where the approval sheet is drawn; none: on this thread. */
  threads?: ThreadPool;
}

type MatterRequest = FastifyRequest<{ Params: { matterId: string } }>;

const officerOf = (req: FastifyRequest): Officer => {
  const staff = req.staffSession!.staff;
  return {
    staffId: staff.id,
    roles: staff.roles,
    unitIds: staff.unitIds,
    scope: officerScope(staff).unitIds,
  };
};

/** The matter's version the form was drawn at: a whole number, else the form is refused. */
function expectedVersion(form: Form): number {
  const text = formString(form.expectedVersion, "expectedVersion", 12);
  if (!/^\d{1,9}$/.test(text))
    throw new AppError("VALIDATION_FAILED", { detail: "expectedVersion" }, { field: "expectedVersion" });
  return Number(text);
}

function decisionOf(form: Form) {
  const decision = formString(form.decision, "decision", 20);
  if (!(DECISIONS as readonly string[]).includes(decision))
    throw new AppError("VALIDATION_FAILED", { detail: "decision" }, { field: "decision" });
  return {
    decision: decision as Decision,
    reasonKind: formString(form.reasonKind, "reasonKind", 20) || undefined,
    reasons: formString(form.reasons, "reasons", 5000),
    remedy: formString(form.remedy, "remedy", 5000),
    expectedVersion: expectedVersion(form),
  };
}

/**
 * AP-1, RG-6: the approval panel's POSTs under `/office/matters/:matterId/approval/…` (each back to the
 * matter page, 303), the approval sheet as PDF, and a page of the panel alone.
 */
export async function approvalRoutes(app: FastifyInstance, opts: ApprovalRoutesOptions) {
  const { handle, clock } = opts;
  const guard = staffGuard(handle.db, clock);
  const officers = { preHandler: guard(CASEWORK_ROLES) };
  const panel = approvalPanel({ db: handle.db, clock });
  const matterPage = (req: MatterRequest) => `${req.basePath}/office/matters/${req.params.matterId}`;
  // WS-3: a decision needs a fresh password + code on this session (step-up, at most 15 minutes old).
  const steppedUp = requireRecentAuth(clock, (req) => matterPage(req as MatterRequest));
  const deciders = { preHandler: [guard(CASEWORK_ROLES), steppedUp] };
  /** A browser goes back to the matter page (303); an API client is answered with what was done (JSON). */
  const done = (req: MatterRequest, reply: FastifyReply, result: object) =>
    (req.headers.accept ?? "").includes("text/html")
      ? reply.redirect(matterPage(req), 303)
      : reply.send(result);

  /** The matter within the officer's scope, or MATTER_NOT_FOUND (another unit's is not said to exist). */
  const scopedMatter = async (req: MatterRequest) => {
    const matter = await findMatter(handle.db, req.agency.id, req.params.matterId);
    const scope = officerOf(req).scope;
    if (!matter || (scope && !(matter.unitId && scope.includes(matter.unitId))))
      throw new AppError("MATTER_NOT_FOUND");
    return matter;
  };

  app.get<{ Params: { matterId: string } }>(
    "/office/matters/:matterId/approval",
    officers,
    async (req, reply) => {
      const matter = await scopedMatter(req);
      const body = await panel(req, matter);
      if (!body) throw new AppError("MATTER_NOT_FOUND");
      return sendOfficePage(
        req,
        reply,
        `${t(req.lang, "approval.title")} ${matter.receiptNumber}`,
        html`<p><a href="${matterPage(req)}">${matter.receiptNumber}</a> — ${matter.subject}</p>${body}`,
      );
    },
  );

  app.post<{ Params: { matterId: string } }>(
    "/office/matters/:matterId/approval/submit",
    officers,
    async (req, reply) => {
      const form = asForm(req.body);
      const result = await submitForApproval(
        handle,
        { agencyId: req.agency.id, matterId: req.params.matterId, expectedVersion: expectedVersion(form) },
        officerOf(req),
        { at: clock.now(), ip: req.ip },
      );
      return done(req, reply, result);
    },
  );

  app.post<{ Params: { matterId: string } }>(
    "/office/matters/:matterId/approval/decide",
    deciders,
    async (req, reply) => {
      const input = decisionOf(asForm(req.body));
      const result = await decideApproval(
        { handle, deficiencyState: opts.deficiencyState },
        { agencyId: req.agency.id, matterId: req.params.matterId, ...input },
        officerOf(req),
        { at: clock.now(), ip: req.ip },
      );
      return done(req, reply, result);
    },
  );

  app.get<{ Params: { matterId: string } }>(
    "/office/matters/:matterId/approval/sheet.pdf",
    officers,
    async (req, reply) => {
      const matter = await scopedMatter(req);
      if (matter.kind !== "application") throw new AppError("MATTER_NOT_FOUND");
      const pdf = await renderApprovalSheet(handle.db, matter, opts.threads);
      return reply
        .type("application/pdf")
        .header("content-disposition", `inline; filename="approval-sheet-v${matter.version}.pdf"`)
        .header("x-content-type-options", "nosniff")
        .send(pdf);
    },
  );

  // RG-6: a decision signed on the printed sheet, scanned back; the officer names who signed it.
  app.post<{ Params: { matterId: string } }>(
    "/office/matters/:matterId/approval/paper",
    { preHandler: [guard(CASEWORK_ROLES, { multipart: true }), steppedUp] },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError("UNSUPPORTED_MEDIA_TYPE");
      const { fields, files } = await readMultipart(req, opts.limits);
      const input = decisionOf(fields);
      const decider = formString(fields.decider, "decider", 100);
      const scanDevice = formString(fields.scanDevice, "scanDevice", 200).trim();
      if (!decider) throw new AppError("VALIDATION_FAILED", { detail: "decider" }, { field: "decider" });
      if (!scanDevice)
        throw new AppError("VALIDATION_FAILED", { detail: "scanDevice" }, { field: "scanDevice" });
      // RG-6: checked before (the officer compared the scan with the paper) and after (pages counted).
      if (formString(fields.completenessChecked, "completenessChecked", 10) !== "yes")
        throw new AppError(
          "VALIDATION_FAILED",
          { detail: "completenessChecked" },
          { field: "completenessChecked" },
        );
      if (files.length !== 1) throw new AppError("VALIDATION_FAILED", { detail: "scan" }, { field: "scan" });
      const matter = await scopedMatter(req);
      if (matter.kind !== "application") throw new AppError("MATTER_NOT_FOUND");
      const [screened] = await screenFiles(opts.files, files, opts.limits.maxFileBytes);
      if (!screened?.storageKey || !screened.mediaType || !SCAN_TYPES.includes(screened.mediaType))
        throw new AppError("VALIDATION_FAILED", { detail: "scan" }, { field: "scan" });
      const scanPages = screened.mediaType === "application/pdf" ? await countPdfPages(files[0]!.bytes) : 1;
      const sheetPages = await countPdfPages(await renderApprovalSheet(handle.db, matter, opts.threads));
      if (scanPages < sheetPages)
        throw new AppError("APPROVAL_SCAN_INCOMPLETE", { pages: scanPages, sheetPages });
      const result = await decideApproval(
        { handle, deficiencyState: opts.deficiencyState },
        { agencyId: req.agency.id, matterId: req.params.matterId, ...input },
        officerOf(req),
        {
          at: clock.now(),
          ip: req.ip,
          paper: {
            deciderStaffId: decider,
            storageKey: screened.storageKey,
            sha256: screened.sha256 ?? "",
            mediaType: screened.mediaType,
            scanDevice,
            sheetPages,
            scanPages,
          },
        },
      );
      return done(req, reply, result);
    },
  );
}
