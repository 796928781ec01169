import type { FastifyInstance } from "fastify";
import { accountsRoutes } from "./accounts.routes.js";
import { applicantPaymentRoutes } from "./applicant-payment.routes.js";
import { bankNotificationRoutes } from "./bank-notifications.routes.js";
import { officeNoticesRoutes } from "./office-notices.routes.js";
import type { PaymentDeps } from "./payment-deps.js";
import { receiptsRoutes } from "./receipts.routes.js";
import { receiptDownloadRoutes } from "./receipts-download.routes.js";
import { reconciliationRoutes } from "./reconciliation.routes.js";
import { slipsRoutes } from "./slips.routes.js";
import { statementsRoutes } from "./statements.routes.js";

/**
 * The payment room's routes: the applicant's payment page under the tracking link, the finance
 * officers' pages (/office/finance/…), the bank's callback and the exports. Each part registers its own.
 */
export async function paymentRoutes(app: FastifyInstance, deps: PaymentDeps): Promise<void> {
  await bankNotificationRoutes(app, deps);
  await accountsRoutes(app, deps);
  await statementsRoutes(app, deps);
  await reconciliationRoutes(app, deps);
  await receiptDownloadRoutes(app, deps);
  await receiptsRoutes(app, deps);
  await slipsRoutes(app, deps);
  await applicantPaymentRoutes(app, deps);
  await officeNoticesRoutes(app, deps);
}
