import { validateSignature, type webhook } from "@line/bot-sdk";
import type { FastifyInstance } from "fastify";
import { isUniqueViolation, withTransaction } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { secretOf } from "./line-api.js";
import type { LineIntakeDeps, LineProcessor } from "./line-events.js";

/**
 * The LINE webhook (CH-10). The signature is checked over the raw body (forged → 401, nothing stored);
 * the body is stored exactly as received, with one row per event, before LINE gets its 200 (RG-4). A
 * redelivered event (same webhookEventId) is answered 200 and changes nothing. Events are handled after
 * the answer, in the order LINE stamped them.
 */
export async function lineRoutes(
  app: FastifyInstance,
  opts: { deps: LineIntakeDeps; processor: LineProcessor },
) {
  const { deps, processor } = opts;
  await app.register(async (scope) => {
    // The signature covers the bytes LINE sent: keep them instead of parsed JSON.
    scope.addContentTypeParser("application/json", { parseAs: "buffer" }, (_req, body, done) =>
      done(null, body),
    );
    scope.post("/line/webhook", { schema: { hide: true } }, async (req, reply) => {
      const channel = await deps.handle.db
        .selectFrom("line_channels")
        .selectAll()
        .where("agency_id", "=", req.agency.id)
        .where("enabled", "=", 1)
        .executeTakeFirst();
      if (!channel) throw new AppError("LINE_NOT_CONNECTED");
      const raw = req.body as Buffer;
      const signature = req.headers["x-line-signature"];
      if (
        typeof signature !== "string" ||
        !Buffer.isBuffer(raw) ||
        !validateSignature(raw, secretOf(deps.env, channel.secret_env), signature)
      ) {
        throw new AppError("LINE_SIGNATURE_INVALID");
      }
      let body: webhook.CallbackRequest;
      try {
        body = JSON.parse(raw.toString("utf8")) as webhook.CallbackRequest;
        if (!Array.isArray(body.events)) throw new Error("no events");
      } catch {
        throw new AppError("VALIDATION_FAILED", { detail: "body" });
      }
      const now = deps.clock.now().toISOString();
      const deliveryId = newId();
      await withTransaction(deps.handle, async (trx) => {
        await trx
          .insertInto("line_deliveries")
          .values({ id: deliveryId, agency_id: req.agency.id, received_at: now, body: raw.toString("utf8") })
          .execute();
        for (const event of body.events) {
          const source = event.source;
          await trx
            .insertInto("line_events")
            .values({
              id: newId(),
              agency_id: req.agency.id,
              webhook_event_id: event.webhookEventId,
              delivery_id: deliveryId,
              type: event.type,
              source_type: source?.type ?? null,
              user_id: source && "userId" in source ? (source.userId ?? null) : null,
              event_at: new Date(event.timestamp).toISOString(),
              payload: JSON.stringify(event),
              status: "pending",
              lease_until: null,
              attempts: 0,
              last_error: null,
              processed_at: null,
            })
            .onConflict((oc) => oc.columns(["agency_id", "webhook_event_id"]).doNothing())
            .execute()
            .catch((error: unknown) => {
              if (!isUniqueViolation(error)) throw error;
            });
        }
      });
      setImmediate(() => {
        processor.drain().catch((error) => deps.log(`line: ${String(error)}`));
      });
      return reply.code(200).send({});
    });
  });
}
