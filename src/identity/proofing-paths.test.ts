import { X509Certificate } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unitOfficer } from "../../test/casework.js";
import { signedInCitizen } from "../../test/citizen.js";
import { testDialects } from "../../test/db.js";
import { fuzzBody, fuzzQuery } from "../../test/fuzz-inputs.js";
import { multipartBody } from "../../test/multipart.js";
import type { OfficeClient } from "../../test/office.js";
import { MEDIUM_SERVICE, submitAs, thaiId } from "../../test/proofing.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { makeRootCa, makeSignedPdf, makeSigner } from "../../test/signed-pdf.js";
import { fixedClock } from "../platform/clock.js";
import { idNumberLookupKey } from "../platform/crypto/index.js";
import { newId } from "../platform/ids.js";
import { insertProof, matterAssurance } from "./index.js";

const clock = fixedClock("2026-11-23T03:00:00.000Z");
const SCALE = Number(process.env.FUZZ_RUNS ?? "1");
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

describe.each(testDialects())(
  "identity proofing by certificate and ThaiD, and the routes' input, on %s",
  (dialect) => {
    let service: TestService;
    let reviewer: { client: OfficeClient; staff: { id: string } };
    const trusted = makeRootCa("Trusted Test CA");
    const stranger = makeRootCa("Unknown CA");

    beforeAll(async () => {
      service = await startTestService(dialect, {
        clock,
        env: { THAID_ISSUER: "http://127.0.0.1:9", THAID_CLIENT_ID: "rp", THAID_CLIENT_SECRET: "rp-secret" },
      });
      await publishTestService(service, MEDIUM_SERVICE);
      reviewer = await unitOfficer(service, clock, "reviewer@demo.go.th", ["reviewer", "approver"]);
      const cert = new X509Certificate(trusted.pem);
      await service.handle.db
        .insertInto("signature_trust_roots")
        .values({
          id: newId(),
          agency_id: "demo",
          name: "Trusted Test CA",
          pem: trusted.pem,
          sha256: cert.fingerprint256,
          subject: cert.subject,
          valid_to: new Date(cert.validTo).toISOString(),
          added_by: "test",
          added_at: clock.now().toISOString(),
          removed_by: null,
          removed_at: null,
        })
        .execute();
    }, 120_000);
    afterAll(async () => {
      await service?.stop();
    });

    const page = (url: string) => service.app.inject({ url, headers: { accept: "text/html" } });
    const csrfOf = (body: string) => /name="_csrf" value="([^"]*)"/.exec(body)?.[1] ?? "";
    const upload = async (pageUrl: string, pdf: Uint8Array) => {
      const csrf = csrfOf((await page(pageUrl)).body);
      const [base, q] = pageUrl.split("?");
      const { payload, headers } = await multipartBody({ _csrf: csrf }, [
        { field: "document", filename: "signed.pdf", bytes: pdf, type: "application/pdf" },
      ]);
      return service.app.inject({
        method: "POST",
        url: `${base}/certificate?${q}`,
        payload,
        headers: { ...headers, accept: "text/html" },
      });
    };

    it("ID-5: a PDF signed under a root the agency does not trust is refused with the verifier's result; a trusted one proves IAL2", async () => {
      const a = await submitAs(service, thaiId("310170023071"));
      const untrusted = await upload(a.page, await makeSignedPdf(makeSigner(stranger), [stranger]));
      expect(untrusted.statusCode).toBe(422);
      expect(untrusted.body).toContain("untrusted");
      expect((await matterAssurance(service.handle.db, a.matterId)).assurance).toBe("none");
      const refused = await service.handle.db
        .selectFrom("identity_proofs")
        .select(["status", "method"])
        .where("matter_id", "=", a.matterId)
        .execute();
      expect(refused).toEqual([{ status: "refused", method: "certificate" }]);
      // Signed by someone else under the trusted root: not the applicant.
      const otherSigner = await upload(
        a.page,
        await makeSignedPdf(makeSigner(trusted, "สมชาย ใจดี"), [trusted]),
      );
      expect(otherSigner.statusCode).toBe(422);
      expect(otherSigner.body).toContain("signer-mismatch");
      const ok = await upload(a.page, await makeSignedPdf(makeSigner(trusted), [trusted]));
      expect(ok.statusCode).toBe(303);
      expect(await matterAssurance(service.handle.db, a.matterId)).toMatchObject({
        assurance: "IAL2",
        method: "certificate",
      });
    });

    it("ID-1, ID-4: a ThaiD sign-in of another person is refused (409); the applicant's own proves the matter", async () => {
      const id = thaiId("310170023072");
      const a = await submitAs(service, id);
      const citizen = async (nationalId: string) => {
        const c = await signedInCitizen(service.app, service.handle, service.sealer, {
          agencyId: "demo",
          at: clock.now(),
          nationalId,
          provider: "thaid",
        });
        await insertProof(service.handle.db, {
          agencyId: "demo",
          accountId: c.accountId,
          nationalIdHmac: idNumberLookupKey(service.sealer, nationalId),
          method: "thaid",
          assurance: "IAL2",
          status: "proven",
          evidence: { ial: "2.3" },
          at: clock.now().toISOString(),
        });
        return c.client;
      };
      const [base, q] = a.page.split("?");
      const stranger = await citizen(thaiId("310170023073"));
      const shown = await stranger.get(a.page);
      expect(shown.body).toContain(`${base}/thaid?${q}`);
      const mismatch = await stranger.post(`${base}/thaid?${q}`);
      expect(mismatch.statusCode).toBe(409);
      expect(mismatch.body).toContain("ThaiD");
      expect((await matterAssurance(service.handle.db, a.matterId)).assurance).toBe("none");
      const own = await citizen(id);
      // The page's token (bound to the matter) from before: the proof is used by the applicant's own act
      // (a GET of the page would already count it: a proven ThaiD proof of the same national ID, ID-2).
      const used = await own.post(`${base}/thaid?${q}`, {}, { csrf: csrfOf(shown.body) });
      expect(used.statusCode).toBe(303);
      const recorded = await service.handle.db
        .selectFrom("matter_assurance")
        .select("recorded_by")
        .where("matter_id", "=", a.matterId)
        .executeTakeFirstOrThrow();
      expect(recorded.recorded_by).toMatch(/^citizen:/);
      expect((await own.get(a.page)).body).toContain('data-testid="identity-met"');
      expect(await matterAssurance(service.handle.db, a.matterId)).toMatchObject({
        assurance: "IAL2",
        method: "thaid",
      });
    });

    it("ID-1, ID-6: fuzzed input to every proofing route is a 4xx with a stable code, never a 5xx, nothing half-written", async () => {
      const a = await submitAs(service, thaiId("310170023074"));
      const csrf = csrfOf((await page(a.page)).body);
      const [base, q] = a.page.split("?");
      await reviewer.client.get(`/office/matters/${a.matterId}`);
      const applicantRoutes = ["/phone", "/phone/verify", "/evidence", "/certificate", "/thaid"].map(
        (r) => `${base}${r}?${q}`,
      );
      const officeRoutes = [
        `/office/matters/${a.matterId}/identity/require`,
        `/office/matters/${a.matterId}/identity/proofs/${newId()}/check`,
      ];
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...applicantRoutes, ...officeRoutes),
          fuzzBody([["_csrf", csrf]]),
          async (url, body) => {
            const office = url.startsWith("/office");
            const res = await service.app.inject({
              method: "POST",
              url,
              payload: office ? fuzzBodyWithCsrf(body, csrf, reviewer.client.csrf) : body.body,
              headers: {
                "content-type": body.contentType,
                accept: "text/html",
                ...(office && { cookie: reviewer.client.cookieHeader }),
              },
            });
            expect(res.statusCode, `${url} ${body.kind}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
            expect(res.statusCode === 303 || res.statusCode >= 400).toBe(true);
          },
        ),
        { numRuns: runs(60), seed: 1313 },
      );
      await fc.assert(
        fc.asyncProperty(fuzzQuery, async (query) => {
          const res = await page(`${base}?${query}`);
          expect(res.statusCode).toBeLessThan(500);
        }),
        { numRuns: runs(20), seed: 1314 },
      );
      // Nothing half-written: every proof on the matter is whole (a refused certificate at most), no evidence.
      const proofs = await service.handle.db
        .selectFrom("identity_proofs")
        .select(["method", "status", "decided_at"])
        .where("matter_id", "=", a.matterId)
        .execute();
      for (const p of proofs) expect(p).toMatchObject({ method: "certificate", status: "refused" });
      expect((await matterAssurance(service.handle.db, a.matterId)).assurance).toBe("none");
    }, 120_000);
  },
);

/** The fuzzed body, its leading page token swapped for the officer's session token. */
function fuzzBodyWithCsrf(body: { body: Buffer }, pageCsrf: string, officeCsrf: string): Buffer {
  return Buffer.from(body.body.toString("latin1").split(pageCsrf).join(officeCsrf), "latin1");
}
