import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ERROR_STATUS, type ErrorCode } from "../platform/errors.js";
import { t } from "../platform/i18n/index.js";
import type { PaymentDeps } from "./payment-deps.js";
import { receiveBankNotification } from "./receive-bank-notification.js";

/** PY-4: a bank notification is small; anything bigger is not one (and costs nothing to refuse). */
export const NOTIFICATION_BODY_LIMIT = 16 * 1024;

/**
 * PY-4: `POST {prefix}/api/v1/payments/bank-notifications`, the bank's bill-payment notification
 * (docs/payment-callback.md). Answers in the shape banks expect (`resCode` "00" = taken, stop sending),
 * with Borikan's usual `error` object beside it when refused.
 */
export async function bankNotificationRoutes(app: FastifyInstance, deps: PaymentDeps): Promise<void> {
  await app.register(async (scope) => {
    // The signature covers the bytes the bank sent: keep them instead of parsed JSON. JSON only: any
    // other body (a form, text) is refused 415 before it is read.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("application/json", { parseAs: "buffer" }, (_req, body, done) =>
      done(null, body),
    );
    scope.post(
      "/api/v1/payments/bank-notifications",
      { schema: { hide: true }, bodyLimit: NOTIFICATION_BODY_LIMIT },
      async (req, reply) => {
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const answer = await receiveBankNotification(
          deps.handle,
          {
            agencyId: req.agency.id,
            body,
            signature: req.headers["x-signature"],
            timestamp: req.headers["x-timestamp"],
          },
          deps.clock.now(),
        );
        switch (answer.kind) {
          case "acknowledged":
            return reply.code(200).send({
              resCode: "00",
              resDesc: "success",
              transactionId: answer.transactionId,
              confirmId: answer.confirmId,
            });
          case "unauthenticated":
            return refuse(
              req,
              reply,
              "01",
              answer.reason === "not-configured"
                ? "PAYMENT_CALLBACK_NOT_CONFIGURED"
                : "PAYMENT_CALLBACK_SIGNATURE_INVALID",
            );
          case "malformed":
            return refuse(req, reply, "02", "PAYMENT_CALLBACK_MALFORMED", { field: answer.field });
        }
      },
    );
  });
}

function refuse(
  req: FastifyRequest,
  reply: FastifyReply,
  resCode: string,
  code: ErrorCode & `PAYMENT_CALLBACK_${string}`,
  details?: { field: string },
) {
  const status = ERROR_STATUS[code];
  const message = t(req.lang ?? "en", `error.${code}`, details ?? {});
  return reply.code(status).send({ resCode, resDesc: code, error: { code, message, details } });
}
