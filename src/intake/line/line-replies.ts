import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Agency } from "../../agencies/index.js";
import { recordAudit } from "../../audit/index.js";
import { withTransaction } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors.js";
import { asForm, formString } from "../../platform/http/form-fields.js";
import { newId } from "../../platform/ids.js";
import { REGISTER_ROLES, staffGuard } from "../../staff/index.js";
import { createLineApi } from "./line-api.js";
import type { LineIntakeDeps } from "./line-events.js";

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
  const entry = await db
    .selectFrom("entries")
    .select(["id", "line_user_id", "receipt_number"])
    .where("agency_id", "=", agency.id)
    .where("id", "=", entryId)
    .executeTakeFirst();
  if (!entry?.line_user_id) throw new AppError("ENTRY_NOT_FOUND");
  const channel = await db
    .selectFrom("line_channels")
    .selectAll()
    .where("agency_id", "=", agency.id)
    .executeTakeFirst();
  if (!channel) throw new AppError("LINE_NOT_CONNECTED");
  // #9: without the channel's token nothing can go out; say so rather than record an answer as given.
  if (!deps.env[channel.token_env]) throw new AppError("LINE_NOT_CONFIGURED");
  const replyId = newId();
  const at = deps.clock.now().toISOString();
  await withTransaction(deps.handle, async (trx) => {
    await trx
      .insertInto("line_replies")
      .values({
        id: replyId,
        agency_id: agency.id,
        entry_id: entry.id,
        staff_id: officer.staffId,
        line_user_id: entry.line_user_id!,
        text: body,
        created_at: at,
        sent_at: null,
        last_error: null,
      })
      .execute();
    await recordAudit(trx, {
      agencyId: agency.id,
      actor: `staff:${officer.staffId}`,
      action: "entry.line-answer",
      subjectType: "entry",
      subjectId: entry.id,
      data: { replyId, length: body.length },
      ip: officer.ip,
      at,
    });
  });
  try {
    const prefix = `[${entry.receipt_number}] `;
    await createLineApi(channel, deps.env).push(entry.line_user_id, [{ text: prefix + body }], replyId);
    await db
      .updateTable("line_replies")
      .set({ sent_at: deps.clock.now().toISOString() })
      .where("id", "=", replyId)
      .execute();
  } catch (error) {
    await db
      .updateTable("line_replies")
      .set({ last_error: String((error as Error).message ?? error).slice(0, 500) })
      .where("id", "=", replyId)
      .execute();
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
