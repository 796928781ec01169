import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { testDocumentSigner } from "../../test/document-signer.js";
import { issuedLicence, LICENSING_OFFICER } from "../../test/licensing.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { amendLicence } from "./amend-licence.js";
import { changeLicenceStatus } from "./change-licence-status.js";
import { EXPIRY_ACTOR } from "./expire-licences.js";
import { recordLicenceAction } from "./record-licence-action.js";
import { renewLicence } from "./renew-licence.js";

const SCALE = Number(process.env.FUZZ_RUNS ?? "1");
const ACTIONS = ["amend", "renew", "suspend", "reinstate", "revoke", "expire"] as const;
type Step = { action: (typeof ACTIONS)[number]; target: number };

describe.each(testDialects())("random lifecycles of a licence on %s", (dialect) => {
  const clock = fixedClock("2026-12-07T03:00:00.000Z");
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    service.licensing.documentSigner = testDocumentSigner();
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  /** Applies one step to one edition of the chain; a refusal by the status table is part of the game. */
  async function apply(step: Step, licenceId: string, n: number): Promise<void> {
    const common = { agencyId: "demo", licenceId, actor: LICENSING_OFFICER, at: clock.now() };
    try {
      if (step.action === "amend")
        await amendLicence(service.licensing, {
          ...common,
          reason: "แก้ไข",
          fields: { "shop-name": `ร้าน ${n}` },
        });
      else if (step.action === "renew") await renewLicence(service.licensing, common);
      else if (step.action === "expire")
        await withTransaction(service.handle, (trx) =>
          recordLicenceAction(trx, { ...common, action: "expire", reason: null, actor: EXPIRY_ACTOR }),
        );
      else await changeLicenceStatus(service.licensing, { ...common, action: step.action, reason: "เหตุผล" });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "LICENCE_ACTION_NOT_ALLOWED") throw error;
    }
  }

  it("LC-1, LC-3: no sequence of acts leaves two current editions of a chain, or un-revokes a licence", async () => {
    const steps = fc.array(fc.record({ action: fc.constantFrom(...ACTIONS), target: fc.nat({ max: 5 }) }), {
      minLength: 3,
      maxLength: 7,
    });
    const samples = fc.sample(steps, { seed: 1533, numRuns: Math.max(1, Math.round(4 * SCALE)) });
    for (const sequence of samples) {
      const { licence } = await issuedLicence(service, clock);
      const chain = [licence.id];
      const revoked = new Set<string>();
      let n = 0;
      for (const step of sequence) {
        await apply(step, chain[step.target % chain.length]!, n++);
        // The chain: every edition reached from the first by superseded_by (amendments and renewals).
        const rows = await service.handle.db
          .selectFrom("licences")
          .select(["id", "status", "previous_id", "superseded_by", "number_text"])
          .where("agency_id", "=", "demo")
          .execute();
        const byPrevious = new Map(rows.filter((r) => r.previous_id).map((r) => [r.previous_id!, r]));
        chain.length = 0;
        let row = rows.find((r) => r.id === licence.id);
        while (row) {
          chain.push(row.id);
          row = byPrevious.get(row.id);
        }
        const editions = chain.map((id) => rows.find((r) => r.id === id)!);
        expect(
          editions.filter((e) => e.status !== "superseded"),
          JSON.stringify(sequence),
        ).toHaveLength(1);
        for (const e of editions.slice(0, -1))
          expect(e).toMatchObject({ status: "superseded", superseded_by: byPrevious.get(e.id)?.id });
        for (const id of revoked) expect(editions.find((e) => e.id === id)?.status).toBe("revoked");
        for (const e of editions) if (e.status === "revoked") revoked.add(e.id);
      }
    }
  });
});
