import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Agency } from "../../agencies/index.js";
import { recordAudit } from "../../audit/index.js";
import { withTransaction } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors.js";
import { asForm, formString } from "../../platform/http/form-fields.js";
import { newId } from "../../platform/ids.js";
import { findLineRecipient } from "../../register/index.js";
import { REGISTER_ROLES, staffGuard } from "../../staff/index.js";
import { findLineChannel, insertLineReply, markLineReplyFailed, markLineReplySent } from "./line.repo.js";
import { createLineApi } from "./line-api.js";
import type { LineIntakeDeps } from "./line-deps.js";

/**
 * An officer answers a LINE request from its entry (CH-10): the answer is recorded first, with the
 * officer, then pushed to the user; its id is the push's retry key, so a repeat never sends it twice.
 * Throws ENTRY_NOT_FOUND for an entry that did not come by LINE, VALIDATION_FAILED for an empty text,
 * LINE_NOT_CONNECTED / LINE_NOT_CONFIGURED when there is no channel or its access token is not set.
 */
export async function answerOnLine(
  deps: LineIntakeDeps,
  agency: Agency,
  entryId: string,
  text: string,
  officer: { staffId: string; ip?: string },
): Promise<{ replyId: string }> {
  const body = text.trim();
  if (body.length === 0 || body.length > 4000) {
    throw new AppError("VALIDATION_FAILED", { detail: "text" }, { field: "text" });
  }
  const db = deps.handle.db;
  const entry = await findLineRecipient(db, agency.id, entryId);
  if (!entry) throw new AppError("ENTRY_NOT_FOUND");
  const channel = await findLineChannel(db, agency.id);
  if (!channel) throw new AppError("LINE_NOT_CONNECTED");
  // #9: without the channel's token nothing can go out; say so rather than record an answer as given.
  if (!deps.env[channel.token_env]) throw new AppError("LINE_NOT_CONFIGURED");
  const replyId = newId();
  const at = deps.clock.now().toISOString();
  await withTransaction(deps.handle, async (trx) => {
    await insertLineReply(trx, {
      id: replyId,
      agency_id: agency.id,
      entry_id: entry.entryId,
      staff_id: officer.staffId,
      line_user_id: entry.lineUserId,
      text: body,
      created_at: at,
      sent_at: null,
      last_error: null,
    });
    await recordAudit(trx, {
      agencyId: agency.id,
      actor: `staff:${officer.staffId}`,
      action: "entry.line-answer",
      subjectType: "entry",
      subjectId: entry.entryId,
      data: { replyId, length: body.length },
      ip: officer.ip,
      at,
    });
  });
  try {
    const prefix = `[${entry.receiptNumber}] `;
    await createLineApi(channel, deps.env).push(entry.lineUserId, [{ text: prefix + body }], replyId);
    await markLineReplySent(db, replyId, deps.clock.now().toISOString());
  } catch (error) {
    await markLineReplyFailed(db, replyId, String((error as Error).message ?? error));
    throw error;
  }
  return { replyId };
}

export async function lineAnswerRoutes(app: FastifyInstance, opts: { deps: LineIntakeDeps }) {
  const guard = staffGuard(opts.deps.handle.db, opts.deps.clock);
  app.post<{ Params: { id: string } }>(
    "/office/entries/:id/line-answer",
    { preHandler: guard(REGISTER_ROLES) },
    async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
      const text = formString(asForm(req.body).text, "text", 5000);
      await answerOnLine(opts.deps, req.agency, req.params.id, text, {
        staffId: req.staffSession!.staff.id,
        ip: req.ip,
      });
      return reply.redirect(`${req.basePath}/office/entries/${req.params.id}`, 303);
    },
  );
}
