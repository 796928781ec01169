import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { testDocumentSigner } from "../../test/document-signer.js";
import { issuedLicence, LICENSING_OFFICER } from "../../test/licensing.js";
import { normaliseThai, pdfText } from "../../test/pdf-text.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { verifyPdfSignatures } from "../platform/pdf/index.js";
import type { Actor } from "../workflow/index.js";
import { amendLicence } from "./amend-licence.js";
import { changeLicenceStatus } from "./change-licence-status.js";
import type { LicenceActorRole } from "./licence-statuses.js";
import { findLicence, findLicenceByCode } from "./licences.repo.js";
import { renewLicence } from "./renew-licence.js";

// Monday 7 December 2026, 10:00 Bangkok: Buddhist-era year 2569.
const clock = fixedClock("2026-12-07T03:00:00.000Z");
const REVIEWER = { kind: "staff", staffId: "test-reviewer", roles: ["reviewer"] } as const;

describe.each(testDialects())("a licence's lifecycle on %s", (dialect) => {
  let service: TestService;
  const signer = testDocumentSigner();
  const rowCounts = async () => ({
    licences: (await service.handle.db.selectFrom("licences").select("id").execute()).length,
    events: (await service.handle.db.selectFrom("licence_events").select("id").execute()).length,
    audit: (await service.handle.db.selectFrom("audit_events").select("id").execute()).length,
  });
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    service.licensing.documentSigner = signer;
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  it("LC-1, LC-3: an amendment is a new signed edition of the same number; the old code then verifies as superseded, pointing to it", async () => {
    const { licence } = await issuedLicence(service, clock);
    const shopName = licence.fields.find((f) => f.key === "shop-name")!;
    const amended = await amendLicence(service.licensing, {
      agencyId: "demo",
      licenceId: licence.id,
      actor: LICENSING_OFFICER,
      at: clock.now(),
      reason: "ผู้ได้รับอนุญาตเปลี่ยนชื่อร้าน",
      fields: { "shop-name": "ร้านข้าวแกงป้าน้ำ" },
      expectedVersion: licence.version,
    });
    expect(amended).toMatchObject({
      number: licence.number,
      edition: 2,
      status: "issued",
      previousId: licence.id,
      matterId: licence.matterId,
      validUntil: licence.validUntil,
    });
    expect(amended.verificationCode).not.toBe(licence.verificationCode);
    expect(amended.fields.find((f) => f.key === "shop-name")?.value).toBe("ร้านข้าวแกงป้าน้ำ");
    expect(shopName.value).not.toBe("ร้านข้าวแกงป้าน้ำ");
    const old = await findLicenceByCode(service.handle.db, "demo", licence.number, licence.verificationCode);
    expect(old).toMatchObject({
      status: "superseded",
      supersededBy: amended.id,
      statusReason: "ผู้ได้รับอนุญาตเปลี่ยนชื่อร้าน",
    });
    const pdf = await service.files.read(amended.pdfKey);
    const report = await verifyPdfSignatures(pdf, { trustedRoots: [signer.root.pem] });
    if (report.verifier === "unavailable") throw new Error(report.reason);
    expect(report.outcome === "signed" && report.signatures[0]?.integrity).toBe("valid");
    const text = normaliseThai(pdfText(pdf));
    expect(text).toContain(normaliseThai("ร้านข้าวแกงป้าน้ำ"));
    expect(text).toContain(normaliseThai("แก้ไขครั้งที่ 1"));
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .select(["action", "subject_id", "actor"])
      .where("subject_id", "in", [licence.id, amended.id])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["licence.amend", "licence.issue", "licence.issue"]);
    expect(audit.every((a) => a.actor === "staff:test-licensing")).toBe(true);
  });

  it("LC-1: amending a revoked or superseded licence is refused with a clear code, and nothing is written", async () => {
    const { licence } = await issuedLicence(service, clock);
    const revoked = await changeLicenceStatus(service.licensing, {
      agencyId: "demo",
      licenceId: licence.id,
      action: "revoke",
      reason: "ฝ่าฝืนเงื่อนไขข้อ 1",
      actor: LICENSING_OFFICER,
      at: clock.now(),
    });
    expect(revoked.status).toBe("revoked");
    const before = await rowCounts();
    const amend = (licenceId: string) =>
      amendLicence(service.licensing, {
        agencyId: "demo",
        licenceId,
        actor: LICENSING_OFFICER,
        at: clock.now(),
        reason: "แก้ชื่อร้าน",
        fields: { "shop-name": "ร้านใหม่" },
      });
    await expect(amend(licence.id)).rejects.toMatchObject({
      code: "LICENCE_ACTION_NOT_ALLOWED",
      params: { status: "revoked", action: "amend" },
    });
    const other = (await issuedLicence(service, clock)).licence;
    const next = await amend(other.id);
    const counted = await rowCounts();
    await expect(amend(other.id)).rejects.toMatchObject({ code: "LICENCE_ACTION_NOT_ALLOWED" });
    expect(await rowCounts()).toEqual(counted);
    expect(counted.licences).toBeGreaterThan(before.licences);
    expect((await findLicence(service.handle.db, "demo", next.id))?.status).toBe("issued");
    // A field the licence does not print, an empty value or no change at all: refused, nothing written.
    const bad: Record<string, string>[] = [{ nope: "x" }, { "shop-name": "  " }, {}];
    for (const fields of bad)
      await expect(
        amendLicence(service.licensing, {
          agencyId: "demo",
          licenceId: next.id,
          actor: LICENSING_OFFICER,
          at: clock.now(),
          reason: "ทดสอบ",
          fields,
        }),
      ).rejects.toMatchObject({ code: "LICENCE_AMENDMENT_INVALID" });
    await expect(
      amendLicence(service.licensing, {
        agencyId: "demo",
        licenceId: next.id,
        actor: LICENSING_OFFICER,
        at: clock.now(),
        reason: " ",
        fields: { "shop-name": "ร้านใหม่กว่า" },
      }),
    ).rejects.toMatchObject({ code: "LICENCE_REASON_REQUIRED" });
    expect(await rowCounts()).toEqual(counted);
  });

  it("LC-3: suspension, reinstatement and revocation take effect at once, each with its reason; revocation is final", async () => {
    const { licence } = await issuedLicence(service, clock);
    const byCode = () =>
      findLicenceByCode(service.handle.db, "demo", licence.number, licence.verificationCode);
    const act = (
      action: "suspend" | "reinstate" | "revoke",
      reason: string,
      actor: Actor<LicenceActorRole> = LICENSING_OFFICER,
    ) =>
      changeLicenceStatus(service.licensing, {
        agencyId: "demo",
        licenceId: licence.id,
        action,
        reason,
        actor,
        at: clock.now(),
      });
    await expect(act("suspend", "")).rejects.toMatchObject({ code: "LICENCE_REASON_REQUIRED" });
    await expect(act("suspend", "ก".repeat(501))).rejects.toMatchObject({ code: "FIELD_TOO_LONG" });
    // A reviewer issues and amends but does not decide on suspension.
    await expect(act("suspend", "สุขลักษณะไม่ผ่าน", REVIEWER)).rejects.toMatchObject({
      code: "ACTION_FORBIDDEN",
    });
    await act("suspend", "สุขลักษณะไม่ผ่านการตรวจ");
    expect(await byCode()).toMatchObject({ status: "suspended", statusReason: "สุขลักษณะไม่ผ่านการตรวจ" });
    await act("reinstate", "แก้ไขสุขลักษณะแล้ว");
    expect((await byCode())?.status).toBe("issued");
    await act("revoke", "ฝ่าฝืนซ้ำ");
    expect(await byCode()).toMatchObject({ status: "revoked", statusReason: "ฝ่าฝืนซ้ำ" });
    await expect(act("reinstate", "ขอคืน")).rejects.toMatchObject({ code: "LICENCE_ACTION_NOT_ALLOWED" });
    const events = await service.handle.db
      .selectFrom("licence_events")
      .select(["action", "reason"])
      .where("licence_id", "=", licence.id)
      .orderBy("at")
      .execute();
    expect(events.map((e) => e.action)).toEqual(["issue", "suspend", "reinstate", "revoke"]);
  });

  it("LC-1: a renewal takes a new number of this year, valid from the day after the old one ends; the old one is superseded", async () => {
    const { licence } = await issuedLicence(service, clock);
    const renewed = await renewLicence(service.licensing, {
      agencyId: "demo",
      licenceId: licence.id,
      actor: LICENSING_OFFICER,
      at: clock.now(),
    });
    expect(renewed.number).not.toBe(licence.number);
    expect(renewed.number).toMatch(/^ทส\. \d+\/2569$/);
    expect(renewed).toMatchObject({
      edition: 1,
      matterId: null,
      previousId: licence.id,
      validFrom: "2027-12-07",
      validUntil: "2028-12-06",
      status: "issued",
    });
    expect(await findLicence(service.handle.db, "demo", licence.id)).toMatchObject({
      status: "superseded",
      supersededBy: renewed.id,
    });
    await expect(
      renewLicence(service.licensing, {
        agencyId: "demo",
        licenceId: licence.id,
        actor: LICENSING_OFFICER,
        at: clock.now(),
      }),
    ).rejects.toMatchObject({ code: "LICENCE_ACTION_NOT_ALLOWED" });
    await expect(
      renewLicence(service.licensing, {
        agencyId: "other",
        licenceId: renewed.id,
        actor: LICENSING_OFFICER,
        at: clock.now(),
      }),
    ).rejects.toMatchObject({ code: "LICENCE_NOT_FOUND" });
  });
});
