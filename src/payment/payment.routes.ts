import type { FastifyInstance } from "fastify";
import { applicantPaymentRoutes } from "./applicant-payment.routes.js";
import { officeNoticesRoutes } from "./office-notices.routes.js";
import type { PaymentDeps } from "./payment-deps.js";

/**
 * The payment room's routes: the applicant's payment page under the tracking link, the finance
 * officers' pages (/office/finance/…), the bank's callback and the exports. Each part registers its own.
 */
export async function paymentRoutes(app: FastifyInstance, deps: PaymentDeps): Promise<void> {
  void app;
  void deps;
  // #14 parts: one line each, in this order
  // #14 notice
  await applicantPaymentRoutes(app, deps);
  await officeNoticesRoutes(app, deps);
}
