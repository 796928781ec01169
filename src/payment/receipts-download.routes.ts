import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../platform/errors.js";
import { findTrackedEntry } from "../register/index.js";
import type { PaymentDeps } from "./payment-deps.js";
import { type EReceipt, findEReceipt } from "./receipts.repo.js";

type FileRequest = FastifyRequest<{
  Params: { beYear: string; sequence: string; file: string };
  Querystring: { t?: string };
}>;

/** `<id>.pdf` or `<id>.xml`: the receipt id and which document. */
export function parseReceiptFile(file: string): { id: string; ext: "pdf" | "xml" } {
  const found = /^([0-9a-f-]{36})\.(pdf|xml)$/.exec(file);
  if (!found) throw new AppError("RECEIPT_NOT_FOUND");
  return { id: found[1]!, ext: found[2] as "pdf" | "xml" };
}

/** Sends a receipt's stored document: the signed PDF or the XML; a receipt not yet signed has neither. */
export async function sendReceiptFile(
  deps: PaymentDeps,
  reply: FastifyReply,
  receipt: EReceipt,
  ext: "pdf" | "xml",
) {
  const key = ext === "pdf" ? receipt.pdfKey : receipt.xmlKey;
  if (!key) throw new AppError("RECEIPT_NOT_SIGNED");
  const bytes = await deps.files.read(key);
  return reply
    .header("content-type", ext === "pdf" ? "application/pdf" : "application/xml; charset=utf-8")
    .header("content-disposition", `attachment; filename="e-receipt-${receipt.receiptNumber}.${ext}"`)
    .header("cache-control", "private, no-store")
    .header("x-content-type-options", "nosniff")
    .send(bytes);
}

/**
 * PY-5: the applicant downloads a receipt of their matter from the payment page:
 * `GET /requests/:beYear/:sequence/payment/receipts/:id.pdf?t=` (and `.xml`). The tracking token
 * proves them; another matter's receipt, a wrong token or an unknown id: 404 alike.
 */
export async function receiptDownloadRoutes(app: FastifyInstance, deps: PaymentDeps): Promise<void> {
  app.get("/requests/:beYear/:sequence/payment/receipts/:file", async (req: FileRequest, reply) => {
    const { id, ext } = parseReceiptFile(req.params.file);
    const entry = await findTrackedEntry(deps.handle.db, deps.secret, req.agency.id, req.params, req.query.t);
    const receipt = await findEReceipt(deps.handle.db, req.agency.id, id);
    if (!receipt || receipt.matterId !== entry.matterId) throw new AppError("RECEIPT_NOT_FOUND");
    return sendReceiptFile(deps, reply, receipt, ext);
  });
}
