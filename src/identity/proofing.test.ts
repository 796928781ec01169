import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unitOfficer } from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import { makePng } from "../../test/images.js";
import { multipartBody } from "../../test/multipart.js";
import type { OfficeClient } from "../../test/office.js";
import { stepUp } from "../../test/office.js";
import { MEDIUM_SERVICE, postJson, submitAs, thaiId, toApproval } from "../../test/proofing.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService, TEST_SERVICE } from "../../test/service-fixture.js";
import { startSmsGateway } from "../../test/sms-gateway.js";
import { eventOf } from "../notifications/index.js";
import { fixedClock } from "../platform/clock.js";
import { findMatter, listMatterActions } from "../register/index.js";
import { matterAssurance } from "./index.js";

// Monday 23 November 2026, 10:00 Bangkok.
const clock = fixedClock("2026-11-23T03:00:00.000Z");

describe.each(testDialects())("identity proofing on %s", (dialect) => {
  let service: TestService;
  let sms: Awaited<ReturnType<typeof startSmsGateway>>;
  let reviewer: { client: OfficeClient; staff: { id: string } };
  let other: { client: OfficeClient };
  const id1 = "1101700230708";

  beforeAll(async () => {
    sms = await startSmsGateway();
    service = await startTestService(dialect, {
      clock,
      env: { SMS_GATEWAY_URL: sms.url, SMS_GATEWAY_TOKEN: sms.token },
    });
    await publishTestService(service, MEDIUM_SERVICE);
    reviewer = await unitOfficer(service, clock, "reviewer@demo.go.th", ["reviewer", "approver"]);
    other = await unitOfficer(service, clock, "other@demo.go.th", ["reviewer", "approver"], "saraban");
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    await sms?.close();
  });

  const page = (url: string) => service.app.inject({ url, headers: { accept: "text/html" } });
  const csrfOf = (body: string) => /name="_csrf" value="([^"]*)"/.exec(body)?.[1] ?? "";
  const postForm = (url: string, form: Record<string, string>) =>
    service.app.inject({
      method: "POST",
      url,
      payload: new URLSearchParams(form).toString(),
      headers: { accept: "text/html", "content-type": "application/x-www-form-urlencoded" },
    });
  const postFile = async (url: string, csrf: string, field: string, bytes: Uint8Array, filename: string) => {
    const { payload, headers } = await multipartBody({ _csrf: csrf }, [{ field, filename, bytes }]);
    return service.app.inject({ method: "POST", url, payload, headers: { ...headers, accept: "text/html" } });
  };
  const decide = async (
    client: OfficeClient,
    matterId: string,
    decision: string,
    extra: Record<string, string> = {},
  ) => {
    // WS-3: a decision follows a fresh password + code (step-up), as in the office.
    await stepUp(client, clock);
    const matter = await findMatter(service.handle.db, "demo", matterId);
    return postJson(client, `/office/matters/${matterId}/approval/decide`, {
      decision,
      expectedVersion: String(matter?.version),
      ...extra,
    });
  };
  const proofsOf = (matterId: string) =>
    service.handle.db.selectFrom("identity_proofs").selectAll().where("matter_id", "=", matterId).execute();

  it("ID-1, ID-2, ID-6: a medium-risk application cannot be approved before its identity is proven; after an officer-checked evidence proof, it can", async () => {
    const a = await submitAs(service, id1);
    await toApproval(service, clock, a.matterId, reviewer.staff.id);
    await reviewer.client.get(`/office/matters/${a.matterId}`);
    const refused = await decide(reviewer.client, a.matterId, "approve");
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain("IDENTITY_NOT_PROVEN");
    expect((await findMatter(service.handle.db, "demo", a.matterId))?.status).toBe("awaiting_approval");
    // Back to review, then the officer asks for identity (public: the applicant is told).
    expect(
      (await decide(reviewer.client, a.matterId, "send-back", { reasons: "ยังไม่ได้ยืนยันตัวตน" })).statusCode,
    ).toBe(200);
    const matterPage = await reviewer.client.get(`/office/matters/${a.matterId}`);
    expect(matterPage.body).toContain('data-testid="identity-panel"');
    expect(matterPage.body).toContain("/identity/require");
    const required = await postJson(reviewer.client, `/office/matters/${a.matterId}/identity/require`, {
      expectedVersion: String((await findMatter(service.handle.db, "demo", a.matterId))?.version),
    });
    expect(required.statusCode).toBe(200);
    expect((await findMatter(service.handle.db, "demo", a.matterId))?.status).toBe("identity_check_required");
    const tracking = await page(`${a.path}?t=${a.token}`);
    expect(tracking.body).toContain('data-testid="identity-link"');

    // The applicant's page: another token is a 404; the right one shows the ways.
    expect((await page(a.page.replace(/t=[^&]+/, "t=wrong"))).statusCode).toBe(404);
    const shown = await page(a.page);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('data-testid="thaid-unavailable"');
    const csrf = csrfOf(shown.body);
    const base = a.page.split("?")[0];
    const q = a.page.slice(a.page.indexOf("?"));
    // Evidence before the phone is verified, and evidence that is not an image: 422, nothing written.
    const notImage = await postFile(
      `${base}/evidence${q}`,
      csrf,
      "photo",
      Buffer.from("%PDF-1.4 not a photo"),
      "me.jpg",
    );
    expect(notImage.statusCode).toBe(422);
    expect(await proofsOf(a.matterId)).toHaveLength(0);
    expect((await postForm(`${base}/phone${q}`, { _csrf: "wrong", phone: "0812345678" })).statusCode).toBe(
      403,
    );
    expect((await postForm(`${base}/phone${q}`, { _csrf: csrf, phone: "0812345678" })).statusCode).toBe(303);
    const code = /(\d{6})/.exec(sms.messages.at(-1)?.text ?? "")?.[1] ?? "";
    expect(code).toMatch(/^\d{6}$/);
    const wrong = code === "000000" ? "111111" : "000000";
    expect((await postForm(`${base}/phone/verify${q}`, { _csrf: csrf, code: wrong })).statusCode).toBe(422);
    expect((await postForm(`${base}/phone/verify${q}`, { _csrf: csrf, code })).statusCode).toBe(303);
    const stillNotImage = await postFile(
      `${base}/evidence${q}`,
      csrf,
      "photo",
      Buffer.from("GIF89a....."),
      "me.png",
    );
    expect(stillNotImage.statusCode).toBe(422);
    expect(stillNotImage.body).toContain("JPEG");
    expect(await proofsOf(a.matterId)).toHaveLength(0);
    const photo = makePng(800, 600);
    expect((await postFile(`${base}/evidence${q}`, csrf, "photo", photo, "me.png")).statusCode).toBe(303);
    const [proof] = await proofsOf(a.matterId);
    expect(proof).toMatchObject({ method: "evidence", status: "pending", assurance: "IAL2" });
    const key = (JSON.parse(proof!.evidence) as { photoKey: string }).photoKey;
    // ID-7: the file store holds the photo sealed on disk, never the image itself; it reads back whole.
    const onDisk = fs.readFileSync(path.join(service.files.root!, key));
    expect(onDisk.includes(Buffer.from(photo).subarray(0, 64))).toBe(false);
    expect((await service.files.read(key)).equals(Buffer.from(photo))).toBe(true);

    // The officer's check: another unit's officer is told nothing (404); the photo is served to the unit.
    const photoUrl = `/office/matters/${a.matterId}/identity/proofs/${proof!.id}/photo`;
    expect((await other.client.get(photoUrl)).statusCode).toBe(404);
    await other.client.get("/office/register");
    const checkUrl = `/office/matters/${a.matterId}/identity/proofs/${proof!.id}/check`;
    expect((await postJson(other.client, checkUrl, { outcome: "proven" })).statusCode).toBe(404);
    const served = await reviewer.client.get(photoUrl);
    expect(served.statusCode).toBe(200);
    expect(served.headers["content-type"]).toBe("image/png");
    expect(Buffer.compare(served.rawPayload, Buffer.from(photo))).toBe(0);
    const withPhoto = await reviewer.client.get(`/office/matters/${a.matterId}`);
    expect(withPhoto.body).toContain(photoUrl);
    expect(withPhoto.body).toContain('data-testid="id-checksum"');
    const incomplete = await postJson(reviewer.client, checkUrl, {
      outcome: "proven",
      checks: ["nameConsistent"],
    });
    expect(incomplete.statusCode).toBe(422);
    const all = ["nameConsistent", "photoMatchesCard", "addressConsistent", "noTampering"];
    expect(
      (await postJson(reviewer.client, checkUrl, { outcome: "proven", checks: all, note: "" })).statusCode,
    ).toBe(200);
    expect((await postJson(reviewer.client, checkUrl, { outcome: "proven", checks: all })).statusCode).toBe(
      409,
    );
    expect((await findMatter(service.handle.db, "demo", a.matterId))?.status).toBe("in_review");
    expect((await matterAssurance(service.handle.db, a.matterId)).assurance).toBe("IAL2");
    // Audit rows name the proof and matter by id only.
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .select(["action", "data"])
      .where("action", "like", "identity.%")
      .execute();
    expect(audit.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        "identity.evidence-submitted",
        "identity.evidence-proven",
        "identity.evidence-read",
      ]),
    );
    expect(JSON.stringify(audit)).not.toContain(id1);
    expect(JSON.stringify(audit)).not.toContain("0812345678");

    await toApproval(service, clock, a.matterId, reviewer.staff.id, "in_review");
    const approved = await decide(reviewer.client, a.matterId, "approve");
    expect(approved.statusCode).toBe(200);
    expect((await findMatter(service.handle.db, "demo", a.matterId))?.status).toBe("awaiting_payment");
  });

  it("ID-2: a second application of the same national ID reuses the proven identity", async () => {
    const b = await submitAs(service, id1);
    await toApproval(service, clock, b.matterId, reviewer.staff.id);
    const approved = await decide(reviewer.client, b.matterId, "approve");
    expect(approved.body).not.toContain("IDENTITY");
    expect(approved.statusCode).toBe(200);
    expect(await matterAssurance(service.handle.db, b.matterId)).toMatchObject({
      assurance: "IAL2",
      method: "evidence",
    });
    expect((await page(b.page)).body).toContain('data-testid="identity-met"');
  });

  it("ID-6: a refused evidence proof is told to the applicant (a public action) and they may send again", async () => {
    const d = await submitAs(service, thaiId("310170023079"));
    await toApproval(service, clock, d.matterId, reviewer.staff.id);
    await decide(reviewer.client, d.matterId, "send-back", { reasons: "ตรวจตัวตน" });
    const shown = await page(d.page);
    const csrf = csrfOf(shown.body);
    const base = d.page.split("?")[0];
    const q = d.page.slice(d.page.indexOf("?"));
    await postForm(`${base}/phone${q}`, { _csrf: csrf, phone: "0898765432" });
    const code = /(\d{6})/.exec(sms.messages.at(-1)?.text ?? "")?.[1] ?? "";
    expect((await postForm(`${base}/phone/verify${q}`, { _csrf: csrf, code })).statusCode).toBe(303);
    expect(
      (await postFile(`${base}/evidence${q}`, csrf, "photo", makePng(640, 480), "me.png")).statusCode,
    ).toBe(303);
    // A second photo while one waits for the officer: refused, nothing more written.
    expect(
      (await postFile(`${base}/evidence${q}`, csrf, "photo", makePng(640, 480), "me.png")).statusCode,
    ).toBe(422);
    const [proof] = await proofsOf(d.matterId);
    await reviewer.client.get(`/office/matters/${d.matterId}`);
    const checkUrl = `/office/matters/${d.matterId}/identity/proofs/${proof!.id}/check`;
    expect((await postJson(reviewer.client, checkUrl, { outcome: "refused", note: "" })).statusCode).toBe(
      400,
    );
    expect(
      (await postJson(reviewer.client, checkUrl, { outcome: "refused", note: "รูปไม่ชัด" })).statusCode,
    ).toBe(200);
    const actions = await listMatterActions(service.handle.db, d.matterId);
    const told = actions.find((a) => a.action === "refuse-identity-proof");
    expect(told).toMatchObject({ visibility: "public" });
    expect(told && eventOf(told)).toBe("identity-proof-refused");
    expect((await matterAssurance(service.handle.db, d.matterId)).assurance).toBe("none");
    const again = await page(d.page);
    expect(again.body).not.toContain('data-testid="evidence-pending"');
    expect((await page(`${d.path}?t=${d.token}`)).body).toContain("refuse-identity-proof");
    // A tracking link is no way to send SMS at will: at most 5 codes a matter an hour.
    const sends = [];
    for (let i = 0; i < 5; i++)
      sends.push((await postForm(`${base}/phone${q}`, { _csrf: csrf, phone: "0898765432" })).statusCode);
    expect(sends).toEqual([303, 303, 303, 303, 429]);
  });

  it("ID-1: a low-risk service is approved as before, without any proof", async () => {
    await publishTestService(service, TEST_SERVICE);
    const c = await submitAs(service, thaiId("310170023070"));
    await toApproval(service, clock, c.matterId, reviewer.staff.id);
    expect((await decide(reviewer.client, c.matterId, "approve")).statusCode).toBe(200);
    await publishTestService(service, MEDIUM_SERVICE);
  });
});
