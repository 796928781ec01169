import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unitOfficer } from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import { multipartBody } from "../../test/multipart.js";
import type { OfficeClient } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { makeRootCa, makeSigner } from "../../test/signed-pdf.js";
import { fixedClock } from "../platform/clock.js";
import { listTrustRoots } from "./index.js";

const NOW = "2026-12-08T03:00:00.000Z";
const WIDE = { notBefore: new Date("2020-01-01T00:00:00Z"), notAfter: new Date("2040-01-01T00:00:00Z") };
const PAGE = "/office/review/trust-roots";

describe.each(testDialects())("the agency's trusted roots for PDF signatures on %s", (dialect) => {
  const clock = fixedClock(NOW);
  let service: TestService;
  let admin: OfficeClient;
  const root = makeRootCa("Thai Test Root CA", WIDE);

  const roots = () => listTrustRoots(service.handle.db, "demo");
  const audits = (action: string) =>
    service.handle.db
      .selectFrom("audit_events")
      .select(["subject_id", "data"])
      .where("action", "=", action)
      .execute();
  const upload = async (
    file: { filename: string; bytes: Uint8Array },
    fields: Record<string, string> = {},
  ) => {
    const body = await multipartBody({ _csrf: admin.csrf, ...fields }, [{ field: "file", ...file }]);
    return service.app.inject({
      method: "POST",
      url: PAGE,
      payload: body.payload,
      headers: { ...body.headers, accept: "text/html", cookie: admin.cookieHeader },
    });
  };

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    admin = (await unitOfficer(service, clock, "roots@demo.go.th", ["admin"], "saraban")).client;
  }, 60_000);
  afterAll(async () => service?.stop());

  it("RV-4: an admin adds a root by pasting its PEM; it is listed, audited, and a second copy is refused", async () => {
    const page = await admin.get(PAGE);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-roots="none"');
    const added = await admin.post(PAGE, { pem: root.pem, name: "" });
    expect(added.statusCode).toBe(200);
    expect(added.body).toContain("Thai Test Root CA");
    const [row, ...more] = await roots();
    expect(more).toEqual([]);
    expect(row).toMatchObject({ name: "Thai Test Root CA", added_at: NOW, removed_at: null });
    expect(row?.sha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const [audit] = await audits("review.trust-root.add");
    expect(audit?.subject_id).toBe(row?.id);
    expect(JSON.parse(audit?.data ?? "{}").sha256).toBe(row?.sha256);
    const again = await admin.post(PAGE, { pem: root.pem });
    expect(again.statusCode).toBe(409);
    expect((await roots()).length).toBe(1);
  });

  it("RV-4: a DER .cer upload is taken too; a non-CA, an expired CA and garbage are refused, saying why", async () => {
    const other = makeRootCa("Second Root CA", WIDE);
    const res = await upload({ filename: "second.cer", bytes: other.der }, { name: "ราก 2" });
    expect(res.statusCode).toBe(200);
    expect((await roots()).map((r) => r.name).sort()).toEqual(["Thai Test Root CA", "ราก 2"]);

    const leaf = makeSigner(root, "ไม่ใช่ CA", WIDE);
    const notCa = await admin.post(PAGE, { pem: leaf.pem });
    expect(notCa.statusCode).toBe(400);
    expect(notCa.body).toContain("(CA)");
    const expired = makeRootCa("Old Root CA", {
      notBefore: new Date("2010-01-01T00:00:00Z"),
      notAfter: new Date("2020-01-01T00:00:00Z"),
    });
    const old = await upload({ filename: "old.pem", bytes: Buffer.from(expired.pem) });
    expect(old.statusCode).toBe(400);
    expect(old.body).toContain("2020-01-01");
    for (const pem of ["not a certificate", `${root.pem}${other.pem}`, ""]) {
      const bad = await admin.post(PAGE, { pem });
      expect(bad.statusCode, pem.slice(0, 20)).toBe(400);
    }
    expect((await roots()).length).toBe(2);
  });

  it("RV-4: removing a root stops trusting it (dated, audited); removing it twice is 404", async () => {
    const first = (await roots()).find((r) => r.name === "Thai Test Root CA");
    await admin.get(PAGE);
    const removed = await admin.post(`${PAGE}/${first!.id}/remove`);
    expect(removed.statusCode).toBe(200);
    expect((await roots()).map((r) => r.name)).toEqual(["ราก 2"]);
    const kept = await service.handle.db
      .selectFrom("signature_trust_roots")
      .selectAll()
      .where("id", "=", first!.id)
      .executeTakeFirstOrThrow();
    expect(kept.removed_at).toBe(NOW);
    expect((await audits("review.trust-root.remove")).map((a) => a.subject_id)).toEqual([first!.id]);
    expect((await admin.post(`${PAGE}/${first!.id}/remove`)).statusCode).toBe(404);
    // Once removed, the same root may be added again.
    expect((await admin.post(PAGE, { pem: root.pem })).statusCode).toBe(200);
  });

  it("RV-4: only admins: a reviewer is refused, an anonymous visitor sent to sign in; no CSRF token, 403", async () => {
    const reviewer = (
      await unitOfficer(service, clock, "rv@demo.go.th", ["reviewer", "supervisor"], "permits")
    ).client;
    expect((await reviewer.get(PAGE)).statusCode).toBe(403);
    expect((await reviewer.post(PAGE, { pem: root.pem })).statusCode).toBe(403);
    const anonymous = await service.app.inject({ url: PAGE, headers: { accept: "text/html" } });
    expect(anonymous.statusCode).toBe(303);
    const before = (await roots()).length;
    expect((await admin.post(PAGE, { pem: makeRootCa("X", WIDE).pem }, { csrf: null })).statusCode).toBe(403);
    expect((await roots()).length).toBe(before);
  });
});
