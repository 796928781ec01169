import { type PaymentNotice, requestFeesAfterApproval } from "../src/payment/index.js";
import type { Clock } from "../src/platform/clock.js";
import type { Dialect } from "../src/platform/db/database.js";
import { withTransaction } from "../src/platform/db/database.js";
import { findMatter, recordAction } from "../src/register/index.js";
import { routeMatter, type SubmittedApplication, submitTestApplication } from "./casework.js";
import { type OfficeClient, signedInOfficer } from "./office.js";
import { startTestService, type TestService } from "./service.js";
import { publishTestService } from "./service-fixture.js";

/** An officer who may do every casework step, for driving a matter to where a payment test starts. */
const CASEWORKER = { kind: "staff", staffId: "test-caseworker", roles: ["admin"] } as const;

/**
 * An application of TEST_SERVICE (publish it first) taken through review and approval by recorded
 * actions, then asked for its fee as an approval does (`requestFeesAfterApproval`): the matter is
 * awaiting_payment with one open notice of 100.00 baht.
 */
export async function matterAwaitingPayment(
  service: TestService,
  clock: Clock,
  options: { email?: string } = {},
): Promise<{ application: SubmittedApplication; notice: PaymentNotice }> {
  const application = await submitTestApplication(service, { email: options.email });
  const { matterId } = application;
  await routeMatter(service, clock, matterId);
  for (const action of ["start-review", "submit-for-approval"] as const)
    await recordAction(service.handle, {
      agencyId: "demo",
      subject: { matterId },
      action,
      payload: {},
      actor: CASEWORKER,
      at: clock.now(),
    });
  const notice = await withTransaction(service.handle, async (trx) => {
    const approved = await recordAction(trx, {
      agencyId: "demo",
      subject: { matterId },
      action: "approve",
      payload: {},
      actor: CASEWORKER,
      at: clock.now(),
    });
    return requestFeesAfterApproval(trx, approved.matter, clock.now());
  });
  if (!notice) throw new Error("the test service asked for no fee");
  const matter = await findMatter(service.handle.db, "demo", matterId);
  if (matter?.status !== "awaiting_payment") throw new Error(`matter is ${matter?.status}`);
  return { application, notice };
}

/** A fresh service of `dialect` with TEST_SERVICE published, and a finance officer signed in (TOTP enrolled). */
export async function startPaymentService(
  dialect: Dialect,
  clock: Clock,
  financeEmail = "fin@demo.go.th",
): Promise<{ service: TestService; finance: OfficeClient }> {
  const service = await startTestService(dialect, { clock });
  await publishTestService(service);
  const { client } = await signedInOfficer(service.app, service.handle, clock, "demo", financeEmail, [
    "finance_officer",
  ]);
  return { service, finance: client };
}
