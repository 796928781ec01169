import type { FastifyInstance } from "fastify";
// #14 callback
import { accountsRoutes } from "./accounts.routes.js";
import { bankNotificationRoutes } from "./bank-notifications.routes.js";
import type { PaymentDeps } from "./payment-deps.js";
import { receiptsRoutes } from "./receipts.routes.js";
// #14 receipts
import { receiptDownloadRoutes } from "./receipts-download.routes.js";
// #14 statements
import { reconciliationRoutes } from "./reconciliation.routes.js";
// #14 slips
import { slipsRoutes } from "./slips.routes.js";
import { statementsRoutes } from "./statements.routes.js";

/**
 * The payment room's routes: the applicant's payment page under the tracking link, the finance
 * officers' pages (/office/finance/…), the bank's callback and the exports. Each part registers its own.
 */
export async function paymentRoutes(app: FastifyInstance, deps: PaymentDeps): Promise<void> {
  void app;
  void deps;
  // #14 parts: one line each, in this order
  // #14 callback
  await bankNotificationRoutes(app, deps);
  await accountsRoutes(app, deps);
  // #14 statements
  await statementsRoutes(app, deps);
  await reconciliationRoutes(app, deps);
  // #14 receipts
  await receiptDownloadRoutes(app, deps);
  await receiptsRoutes(app, deps);
  // #14 slips
  await slipsRoutes(app, deps);
}
