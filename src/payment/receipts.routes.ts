import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { recordAudit } from "../audit/index.js";
import { fromLocal } from "../calendar/index.js";
import { AppError } from "../platform/errors.js";
import { asForm, formOptional, formString } from "../platform/http/form-fields.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { recordDataReads } from "../privacy/index.js";
import { type Role, requireRecentAuth, staffGuard } from "../staff/index.js";
import { toSatang } from "./money.js";
import type { PaymentDeps } from "./payment-deps.js";
import {
  listReceiptCorrections,
  requestReceiptCorrection,
  takeCorrectionStep,
} from "./receipt-corrections.js";
import { findEReceipt, findMatterApplicant, listReceipts, type ReceiptFilter } from "./receipts.repo.js";
import { receiptDetailView, receiptsListView } from "./receipts.view.js";
import { parseReceiptFile, sendReceiptFile } from "./receipts-download.routes.js";
import { exportRowsOf, writeReceiptsCsv, writeReceiptsXlsx } from "./receipts-export.js";

/** Who reads the receipts: finance officers, and those who decide their voids and refunds. */
const READERS: readonly Role[] = ["finance_officer", "head_of_agency", "supervisor"];
type Query = Record<string, string | undefined>;
type ReceiptRoute = { Params: { id: string; cid?: string } };
type ReceiptRequest = FastifyRequest<ReceiptRoute>;

const UUID = /^[0-9a-f-]{36}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The list's and export's filter from the query; anything malformed is a 400, not a guess. */
function filterOf(query: Query, timeZone: string): ReceiptFilter {
  const filter: ReceiptFilter = {};
  const bad = (field: string) => new AppError("VALIDATION_FAILED", { detail: field }, { field });
  if (query.year) {
    if (!/^25\d{2}$/.test(query.year)) throw bad("year");
    filter.fiscalYear = Number(query.year);
  }
  for (const field of ["from", "to"] as const) {
    const value = query[field];
    if (!value) continue;
    if (!DATE.test(value) || Number.isNaN(Date.parse(value))) throw bad(field);
    filter[field] = fromLocal(value, 0, timeZone).toISOString();
  }
  if (query.status) {
    if (!["pending_signature", "issued", "voided"].includes(query.status)) throw bad("status");
    filter.status = query.status as ReceiptFilter["status"];
  }
  if (query.q) filter.search = query.q.slice(0, 40);
  return filter;
}

/**
 * PY-3, PY-5: the finance pages of e-receipts — `/office/finance/receipts` (list, search, exports
 * for the accounting office), a receipt's page and documents, and its voids and refunds: asked by a
 * finance officer, decided by another person (head of agency or supervisor), each after a fresh
 * step-up and audited (who may take which step is the use cases' and CORRECTION_FLOW's to say, so the
 * guard admits any officer). Another agency's receipt is a 404.
 */
export async function receiptsRoutes(app: FastifyInstance, deps: PaymentDeps): Promise<void> {
  const { handle, clock } = deps;
  const guard = staffGuard(handle.db, clock);
  const base = (req: FastifyRequest) => `${req.basePath}/office/finance/receipts`;
  const stepUp = requireRecentAuth(clock, (req) => `${base(req)}/${(req.params as { id: string }).id}`);
  const officerOf = (req: FastifyRequest) => {
    const staff = req.staffSession!.staff;
    return { staffId: staff.id, roles: staff.roles, at: clock.now(), ip: req.ip };
  };
  const done = (req: ReceiptRequest, reply: FastifyReply, result: object) =>
    (req.headers.accept ?? "").includes("text/html")
      ? reply.redirect(`${base(req)}/${req.params.id}`, 303)
      : reply.send(result);

  app.get("/office/finance/receipts", { preHandler: guard(READERS) }, async (req, reply) => {
    const filter = filterOf(req.query as Query, req.agency.timeZone);
    const receipts = await listReceipts(handle.db, req.agency.id, filter, 200);
    const body = receiptsListView(req, receipts, filter, deps.documentSigner !== undefined);
    return sendOfficePage(req, reply, t(req.lang, "receipts.title"), body, { wide: true });
  });

  for (const format of ["csv", "xlsx"] as const)
    app.get(
      `/office/finance/receipts/export.${format}`,
      { preHandler: guard(["finance_officer"]) },
      async (req, reply) => {
        const filter = filterOf(req.query as Query, req.agency.timeZone);
        const receipts = await listReceipts(handle.db, req.agency.id, filter, 50_000);
        const rows = await exportRowsOf(handle.db, receipts);
        const tz = req.agency.timeZone;
        const title = `${req.agency.nameTh} ใบเสร็จรับเงินอิเล็กทรอนิกส์ ${filter.fiscalYear ? `ปีงบประมาณ ${filter.fiscalYear}` : ""}`;
        const bytes =
          format === "csv" ? writeReceiptsCsv(rows, tz) : await writeReceiptsXlsx(rows, title, tz);
        const officer = officerOf(req);
        // PD-6: an export reads payers' names; it is recorded against each matter and audited.
        await recordDataReads(handle.db, {
          agencyId: req.agency.id,
          reader: `staff:${officer.staffId}`,
          what: "export",
          matterIds: receipts.map((r) => r.matterId),
          at: officer.at,
        });
        await recordAudit(handle.db, {
          agencyId: req.agency.id,
          actor: `staff:${officer.staffId}`,
          action: "e-receipt.export",
          subjectType: "agency",
          subjectId: req.agency.id,
          data: { format, count: receipts.length, ...filter, search: undefined },
          ip: req.ip,
          at: officer.at.toISOString(),
        });
        return reply
          .header(
            "content-type",
            format === "csv"
              ? "text/csv; charset=utf-8"
              : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          )
          .header("content-disposition", `attachment; filename="e-receipts.${format}"`)
          .header("cache-control", "private, no-store")
          .send(bytes);
      },
    );

  app.get<ReceiptRoute>(
    "/office/finance/receipts/:id",
    { preHandler: guard(READERS) },
    async (req, reply) => {
      const file = /\.(pdf|xml)$/.test(req.params.id) ? parseReceiptFile(req.params.id) : undefined;
      const id = file?.id ?? req.params.id;
      if (!UUID.test(id)) throw new AppError("RECEIPT_NOT_FOUND");
      const receipt = await findEReceipt(handle.db, req.agency.id, id);
      if (!receipt) throw new AppError("RECEIPT_NOT_FOUND");
      const officer = officerOf(req);
      await recordDataReads(handle.db, {
        agencyId: req.agency.id,
        reader: `staff:${officer.staffId}`,
        what: "matter",
        matterIds: [receipt.matterId],
        at: officer.at,
      });
      if (file) return sendReceiptFile(deps, reply, receipt, file.ext);
      const payer =
        (await findMatterApplicant(handle.db, receipt.matterId))?.name ?? receipt.bankPayerName ?? "-";
      const corrections = await listReceiptCorrections(handle.db, receipt.id);
      const body = receiptDetailView(req, receipt, payer, corrections, deps.documentSigner !== undefined);
      return sendOfficePage(req, reply, `${t(req.lang, "receipts.title")} ${receipt.receiptNumber}`, body);
    },
  );

  app.post<ReceiptRoute>(
    "/office/finance/receipts/:id/corrections",
    { preHandler: [guard(), stepUp] },
    async (req, reply) => {
      if (!UUID.test(req.params.id)) throw new AppError("RECEIPT_NOT_FOUND");
      const form = asForm(req.body);
      const kind = formString(form.kind, "kind", 10);
      if (kind !== "void" && kind !== "refund")
        throw new AppError("VALIDATION_FAILED", { detail: "kind" }, { field: "kind" });
      const amountText = formOptional(form.amount, "amount", 20);
      const amountSatang = kind === "refund" ? toSatang(amountText ?? "") : undefined;
      if (kind === "refund" && amountSatang === undefined)
        throw new AppError("REFUND_TOO_LARGE", {}, { field: "amount" });
      const id = await requestReceiptCorrection(
        handle,
        {
          agencyId: req.agency.id,
          receiptId: req.params.id,
          kind,
          amountSatang,
          reason: formString(form.reason, "reason", 2000),
        },
        officerOf(req),
      );
      return done(req, reply, { correctionId: id, status: "requested" });
    },
  );

  app.post<ReceiptRoute>(
    "/office/finance/receipts/:id/corrections/:cid",
    { preHandler: [guard(), stepUp] },
    async (req, reply) => {
      const form = asForm(req.body);
      const action = formString(form.action, "action", 20);
      if (action !== "approve" && action !== "refuse" && action !== "record-paid-out")
        throw new AppError("VALIDATION_FAILED", { detail: "action" }, { field: "action" });
      const versionText = formOptional(form.expectedVersion, "expectedVersion", 12);
      if (versionText !== undefined && !/^\d{1,9}$/.test(versionText))
        throw new AppError("VALIDATION_FAILED", { detail: "expectedVersion" }, { field: "expectedVersion" });
      const cid = req.params.cid ?? "";
      if (!UUID.test(cid)) throw new AppError("CORRECTION_NOT_FOUND");
      const receipt =
        UUID.test(req.params.id) && (await findEReceipt(handle.db, req.agency.id, req.params.id));
      const correction =
        receipt && (await listReceiptCorrections(handle.db, receipt.id)).find((c) => c.id === cid);
      if (!correction) throw new AppError("CORRECTION_NOT_FOUND");
      const status = await takeCorrectionStep(
        handle,
        {
          agencyId: req.agency.id,
          correctionId: cid,
          action,
          expectedVersion: versionText === undefined ? undefined : Number(versionText),
          note: formOptional(form.note, "note", 2000),
          bankReference: formOptional(form.bankReference, "bankReference", 100),
        },
        officerOf(req),
      );
      return done(req, reply, { correctionId: cid, status });
    },
  );
}
