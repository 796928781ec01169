import { issueLicence, type Licence } from "../src/licensing/index.js";
import { recordPayment } from "../src/payment/index.js";
import type { Clock } from "../src/platform/clock.js";
import { withTransaction } from "../src/platform/db/database.js";
import type { SubmittedApplication } from "./casework.js";
import { matterAwaitingPayment } from "./payment.js";
import type { TestService } from "./service.js";

const SYSTEM = { kind: "system", name: "system:test" } as const;
/** An officer who may issue, suspend and revoke (admin holds every casework role). */
export const LICENSING_OFFICER = { kind: "staff", staffId: "test-licensing", roles: ["admin"] } as const;

/**
 * An application of TEST_SERVICE (publish it first) approved, its fee paid at the counter (recordPayment)
 * and its licence issued by an officer: the matter is `issuing` with one licence, signed by the
 * service's document signer (the demo certificate unless a test sets `service.licensing.documentSigner`).
 */
export async function issuedLicence(
  service: TestService,
  clock: Clock,
  options: { email?: string } = {},
): Promise<{ application: SubmittedApplication; licence: Licence }> {
  const { application, notice } = await matterAwaitingPayment(service, clock, options);
  await paidMatter(service, clock, notice);
  const licence = await issueLicence(service.licensing, {
    agencyId: "demo",
    matterId: application.matterId,
    actor: LICENSING_OFFICER,
    at: clock.now(),
  });
  return { application, licence };
}

/** The notice paid at the counter: the matter moves to `paid`. */
export async function paidMatter(
  service: TestService,
  clock: Clock,
  notice: { ref1: string; amountSatang: number },
): Promise<void> {
  const outcome = await withTransaction(service.handle, (trx) =>
    recordPayment(
      trx,
      {
        agencyId: "demo",
        ref1: notice.ref1,
        amountSatang: notice.amountSatang,
        source: "counter",
        bankReference: null,
        paidAt: clock.now(),
        evidence: `counter:${notice.ref1}`,
      },
      SYSTEM,
      clock.now(),
    ),
  );
  if (outcome.kind !== "recorded") throw new Error(`payment not recorded: ${outcome.kind}`);
}
