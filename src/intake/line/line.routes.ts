import { validateSignature, type webhook } from "@line/bot-sdk";
import type { FastifyInstance } from "fastify";
import { withTransaction } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { findEnabledLineChannel, insertLineDelivery, insertLineEventOnce } from "./line.repo.js";
import type { LineEventsTable } from "./line.table.js";
import { secretOf } from "./line-api.js";
import type { LineIntakeDeps } from "./line-deps.js";
import type { LineProcessor } from "./line-events.js";
import { type CheckedEvent, readDelivery } from "./line-webhook.schema.js";

/** #18 line: the chat whose events are handled in order: the user of a one-to-one chat, or the group or room. */
function chatOf(source: webhook.Event["source"]): string | null {
  if (source?.type === "user") return source.userId ?? null;
  if (source?.type === "group") return source.groupId ?? null;
  if (source?.type === "room") return source.roomId ?? null;
  return null;
}

/** The stored row of one event: pending when it passed the schema, else `invalid` with the reason. */
function eventRow(
  checked: CheckedEvent,
  deliveryId: string,
  index: number,
  receivedAt: string,
): Omit<LineEventsTable, "id" | "agency_id"> {
  const common = {
    delivery_id: deliveryId,
    payload: checked.payload,
    attempts: 0,
    lease_until: null,
    last_error: null,
    processed_at: null,
  };
  if (!checked.valid) {
    return {
      ...common,
      // Its own id may be missing or anything: this one is unique and says where the event is.
      webhook_event_id: `invalid:${deliveryId}:${index}`,
      type: checked.type,
      source_type: null,
      user_id: null,
      chat_id: null,
      event_at: receivedAt,
      status: "invalid",
      invalid_reason: checked.reason,
    };
  }
  const { event } = checked;
  const source = event.source;
  return {
    ...common,
    webhook_event_id: event.webhookEventId,
    type: event.type,
    source_type: source?.type ?? null,
    user_id: source && "userId" in source ? (source.userId ?? null) : null,
    chat_id: chatOf(source),
    event_at: new Date(event.timestamp).toISOString(),
    status: "pending",
    invalid_reason: null,
  };
}

/**
 * The LINE webhook (CH-10). The signature is checked over the raw body (forged → 401, nothing stored);
 * the body is stored exactly as received, with one row per event, before LINE gets its 200 (RG-4). Each
 * event is checked against the webhook schema: one that fails is stored `invalid` with the reason and
 * never handled; a body that is no webhook at all is stored with its reason. A redelivered event (same
 * webhookEventId) is answered 200 and changes nothing. Events are handled after the answer, in the order
 * LINE stamped them.
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
      const channel = await findEnabledLineChannel(deps.handle.db, req.agency.id);
      if (!channel) throw new AppError("LINE_NOT_CONNECTED");
      const raw = req.body as Buffer;
      const signature = req.headers["x-line-signature"];
      let secret: string;
      try {
        secret = secretOf(deps.env, channel.secret_env);
      } catch (error) {
        // Set up without its secret: nothing can be verified, so the channel is not connected.
        deps.log(`line: ${String(error)}`);
        throw new AppError("LINE_NOT_CONNECTED");
      }
      if (
        typeof signature !== "string" ||
        !Buffer.isBuffer(raw) ||
        !validateSignature(raw, secret, signature)
      ) {
        throw new AppError("LINE_SIGNATURE_INVALID");
      }
      // Signed, so it came from LINE: kept first, whatever it holds (RG-4). What cannot be handled is
      // recorded with its reason and answered 200 all the same: LINE resends a delivery answered with
      // anything but 2xx, and the same bytes would fail the same way every time; a 4xx would only bring the
      // resends and hide the rest of the delivery. The events that pass the schema are handled.
      const delivery = readDelivery(raw);
      const now = deps.clock.now().toISOString();
      const deliveryId = newId();
      await withTransaction(deps.handle, async (trx) => {
        await insertLineDelivery(trx, {
          id: deliveryId,
          agency_id: req.agency.id,
          received_at: now,
          body_encoding: delivery.bodyEncoding,
          body: delivery.body,
          invalid_reason: delivery.invalidReason,
        });
        for (const [index, checked] of delivery.events.entries()) {
          const row = eventRow(checked, deliveryId, index, now);
          await insertLineEventOnce(trx, { ...row, id: newId(), agency_id: req.agency.id });
        }
      });
      const invalid = delivery.events.filter((e) => !e.valid).length;
      if (delivery.invalidReason || invalid > 0) {
        deps.log(`line: delivery ${deliveryId}: ${delivery.invalidReason ?? `${invalid} invalid event(s)`}`);
      }
      setImmediate(() => {
        processor.drain().catch((error) => deps.log(`line: ${String(error)}`));
      });
      return reply.code(200).send({});
    });
  });
}
