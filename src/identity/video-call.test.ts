import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  routeMatter,
  type SubmittedApplication,
  submitTestApplication,
  unitOfficer,
} from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import { makePng } from "../../test/images.js";
import { multipartBody } from "../../test/multipart.js";
import type { OfficeClient } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { startSmtpListener } from "../../test/smtp.js";
import { type NotificationDeps, sweepNotifications } from "../notifications/index.js";
import { fixedClock } from "../platform/clock.js";
import { loadOrCreateSecret } from "../platform/secret.js";
import { type MatterActor, recordAction } from "../register/index.js";
import { matterAssurance } from "./index.js";

// Monday 7 December 2026, 10:00 in Bangkok.
const T0 = "2026-12-07T03:00:00.000Z";

describe.each(testDialects())("ID-3 identity by video call (%s)", (dialect) => {
  const clock = fixedClock(T0);
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  let service: TestService;
  let deps: NotificationDeps;
  let officer: OfficeClient;
  let stranger: OfficeClient;
  let reviewer: MatterActor;
  let app: SubmittedApplication;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    service = await startTestService(dialect, { clock, smtpUrl: smtp.url });
    await publishTestService(service);
    deps = {
      handle: service.handle,
      secret: loadOrCreateSecret(service.dataDir),
      publicUrl: "http://borikan.test",
      env: process.env,
    };
    const unit = await unitOfficer(service, clock, "video.reviewer@demo.go.th", ["reviewer"]);
    officer = unit.client;
    reviewer = { kind: "staff", staffId: unit.staff.id, roles: ["reviewer"] };
    stranger = (await unitOfficer(service, clock, "other.unit@demo.go.th", ["reviewer"], "saraban")).client;
    app = await submitTestApplication(service, { email: "video.applicant@example.com" });
    await routeMatter(service, clock, app.matterId);
    for (const action of ["start-review", "require-identity"] as const)
      await recordAction(service.handle, {
        agencyId: "demo",
        subject: { matterId: app.matterId },
        action,
        payload: {},
        actor: reviewer,
        at: clock.now(),
      });
    await sweepNotifications(deps, clock.now());
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    await smtp?.close();
  });

  const version = async (matterId = app.matterId) =>
    String(
      (
        await service.handle.db
          .selectFrom("matters")
          .select("version")
          .where("id", "=", matterId)
          .executeTakeFirstOrThrow()
      ).version,
    );
  const matterPage = (client = officer) => client.get(`/office/matters/${app.matterId}`);
  const callPage = (a = app, token = a.token) =>
    service.app.inject({
      url: `/requests/${a.beYear}/${a.sequence}/identity/call?t=${encodeURIComponent(token)}`,
    });
  const book = async (startsAt: string, client = officer) =>
    client.post(`/office/matters/${app.matterId}/identity/video/book`, {
      startsAt,
      duration: "30",
      version: await version(),
    });
  const outcome = async (fields: Record<string, string>, still?: Uint8Array, client = officer) => {
    const body = await multipartBody(
      { _csrf: client.csrf, version: await version(), ...fields },
      still ? [{ field: "still", filename: "still.png", bytes: still, type: "image/png" }] : [],
    );
    return service.app.inject({
      method: "POST",
      url: `/office/matters/${app.matterId}/identity/video/outcome`,
      payload: body.payload,
      headers: { ...body.headers, accept: "text/html", cookie: client.cookieHeader },
    });
  };
  const calls = () =>
    service.handle.db
      .selectFrom("video_appointments")
      .selectAll()
      .where("matter_id", "=", app.matterId)
      .execute();

  it("ID-3: without the agency's video link the panel says so and a booking is refused", async () => {
    const page = await matterPage();
    expect(page.body).toContain('data-section="identity-video"');
    expect(page.body).toContain('data-video="not-configured"');
    const res = await book("2026-12-08T10:00");
    expect(res.statusCode).toBe(409);
    expect(await calls()).toHaveLength(0);
    // An admin sets the agency's video tool link on the settings page: https only, audited.
    const admin = (await unitOfficer(service, clock, "video.admin@demo.go.th", ["admin"])).client;
    await admin.get("/office/admin");
    const bad = await admin.post("/office/admin/video-call", { videoCallUrl: "http://meet.example.go.th/x" });
    expect(bad.statusCode).toBe(400);
    const url = "https://meet.example.go.th/borikan-{appointment}";
    expect((await admin.post("/office/admin/video-call", { videoCallUrl: url })).statusCode).toBe(200);
    const agency = await service.handle.db
      .selectFrom("agencies")
      .select("video_call_url")
      .where("id", "=", "demo")
      .executeTakeFirstOrThrow();
    expect(agency.video_call_url).toBe(url);
  });

  it("ID-3: a slot in the past is refused; another unit's officer gets 404", async () => {
    await matterPage();
    expect((await book("2026-12-07T09:59")).statusCode).toBe(422);
    await matterPage(stranger);
    expect((await book("2026-12-08T10:00", stranger)).statusCode).toBe(404);
    expect(await calls()).toHaveLength(0);
  });

  it("ID-3: a booked call tells the applicant the time and where to consent and join, on their channel", async () => {
    await matterPage();
    const res = await book("2026-12-08T10:00");
    expect(res.statusCode).toBe(303);
    const [call] = await calls();
    expect(call).toMatchObject({ status: "booked", starts_at: "2026-12-08T03:00:00.000Z", duration_min: 30 });
    expect(call!.link).toBe(`https://meet.example.go.th/borikan-${call!.id}`);
    expect(await sweepNotifications(deps, clock.now())).toBe(1);
    await service.outbox.drain();
    const mail = smtp.messages.find((m) => m.text?.includes("วิดีโอคอล") && m.text.includes(app.receiptNumber));
    expect(mail?.to).toMatchObject({ text: "video.applicant@example.com" });
    expect(mail?.text).toContain(`/requests/${app.beYear}/${app.sequence}/identity/call?t=${app.token}`);
    expect(mail?.text).toMatch(/8 ธ\.ค\. 2569|10:00/);
    // The tool's link reaches the applicant only through the consent page (PD-7), never in the audit.
    expect(mail?.text).not.toContain(call!.link);
  });

  it("PD-7: the link shows only after the applicant's explicit consent; a still needs that consent", async () => {
    const before = await callPage();
    expect(before.statusCode).toBe(200);
    expect(before.body).not.toContain("data-link=");
    expect(before.body).toContain("/identity/call/consent?");
    await matterPage();
    expect(
      (await outcome({ appointment: (await calls())[0]!.id, outcome: "proven" }, makePng(640, 480)))
        .statusCode,
    ).toBe(409);

    const action = /action="([^"]*consent[^"]*)"/.exec(before.body)![1]!.replaceAll("&amp;", "&");
    const csrf = /name="_csrf" value="([^"]+)"/.exec(before.body)![1]!;
    const post = (form: Record<string, string>) =>
      service.app.inject({
        method: "POST",
        url: action,
        payload: new URLSearchParams(form).toString(),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
    expect((await post({ _csrf: "forged", consent: "yes" })).statusCode).toBe(403);
    expect((await post({ _csrf: csrf })).statusCode).toBe(400);
    expect((await calls())[0]!.consent_at).toBeNull();
    expect((await post({ _csrf: csrf, consent: "yes" })).statusCode).toBe(303);
    expect((await calls())[0]!.consent_at).toBe(clock.now().toISOString());
    const after = await callPage();
    expect(after.body).toContain('data-link="call"');
    expect(after.body).toContain((await calls())[0]!.link);
  });

  it("ID-3: the applicant of another matter, or a wrong token, gets 404", async () => {
    const other = await submitTestApplication(service, { email: "other@example.com" });
    expect((await callPage(app, other.token)).statusCode).toBe(404);
    expect((await callPage(other)).body).toContain('data-call="none"');
  });

  it("ID-3: a still that is not an image is refused 422 and nothing is written", async () => {
    await matterPage();
    const id = (await calls())[0]!.id;
    const res = await outcome(
      { appointment: id, outcome: "proven" },
      new TextEncoder().encode("%PDF-1.4 not an image"),
    );
    expect(res.statusCode).toBe(422);
    expect((await calls())[0]!.status).toBe("booked");
    const proofs = await service.handle.db
      .selectFrom("identity_proofs")
      .select("id")
      .where("matter_id", "=", app.matterId)
      .execute();
    expect(proofs).toHaveLength(0);
  });

  it("ID-3: the outcome with a still proves the identity: proof, assurance, back to review, applicant told", async () => {
    await matterPage();
    const id = (await calls())[0]!.id;
    const png = makePng(640, 480);
    expect(
      (await outcome({ appointment: id, outcome: "proven", note: "ตรงกับบัตร" }, png, stranger)).statusCode,
    ).toBe(404);
    const res = await outcome({ appointment: id, outcome: "proven", note: "ตรงกับบัตร" }, png);
    expect(res.statusCode).toBe(303);
    const [call] = await calls();
    expect(call).toMatchObject({ status: "held", outcome: "proven", note: "ตรงกับบัตร" });
    const proof = await service.handle.db
      .selectFrom("identity_proofs")
      .selectAll()
      .where("id", "=", call!.proof_id!)
      .executeTakeFirstOrThrow();
    expect(proof).toMatchObject({ method: "video", assurance: "IAL2", status: "proven" });
    expect(proof.national_id_hmac).toMatch(/^[0-9a-f]{64}$/);
    expect(await matterAssurance(service.handle.db, app.matterId)).toMatchObject({
      assurance: "IAL2",
      method: "video",
    });
    const matter = await service.handle.db
      .selectFrom("matters")
      .select("status")
      .where("id", "=", app.matterId)
      .executeTakeFirstOrThrow();
    expect(matter.status).toBe("in_review");
    // ID-7: the still is sealed in the file store; officers of the matter see it, others get 404.
    const onDisk = fs.readFileSync(path.join(service.files.root!, call!.still_key!));
    expect(onDisk.includes(Buffer.from(png).subarray(0, 64))).toBe(false);
    const still = await officer.get(`/office/matters/${app.matterId}/identity/video/${id}/still`);
    expect(still.headers["content-type"]).toBe("image/png");
    expect(Buffer.from(still.rawPayload).equals(Buffer.from(png))).toBe(true);
    expect(
      (await stranger.get(`/office/matters/${app.matterId}/identity/video/${id}/still`)).statusCode,
    ).toBe(404);

    smtp.messages.length = 0;
    expect(await sweepNotifications(deps, clock.now())).toBeGreaterThanOrEqual(1);
    await service.outbox.drain();
    expect(
      smtp.messages.some((m) => m.text?.includes("ยืนยันตัวตนได้") && m.text.includes(app.receiptNumber)),
    ).toBe(true);
  });

  it("ID-3: audit rows of the call name people and matters by id only", async () => {
    const rows = await service.handle.db
      .selectFrom("audit_events")
      .select(["action", "data"])
      .where("subject_id", "=", app.matterId)
      .execute();
    const ours = rows.filter((r) => /identity|video/.test(r.action));
    expect(ours.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        "matter.book-identity-call",
        "identity.video-consent",
        "matter.record-identity-call",
      ]),
    );
    for (const r of ours) expect(r.data).not.toMatch(/video\.applicant|สมหญิง|1101700230708|ตรงกับบัตร/);
  });

  it("ID-3: a call that did not prove the identity writes a refused proof and the matter still awaits identity", async () => {
    app = await submitTestApplication(service, { email: "refused@example.com" });
    await routeMatter(service, clock, app.matterId);
    for (const action of ["start-review", "require-identity"] as const)
      await recordAction(service.handle, {
        agencyId: "demo",
        subject: { matterId: app.matterId },
        action,
        payload: {},
        actor: reviewer,
        at: clock.now(),
      });
    await matterPage();
    expect((await book("2026-12-09T14:30")).statusCode).toBe(303);
    await matterPage();
    const id = (await calls())[0]!.id;
    // Proven needs a still; refused without one (no consent given) is recorded.
    expect((await outcome({ appointment: id, outcome: "proven" })).statusCode).toBe(422);
    expect((await outcome({ appointment: id, outcome: "refused", note: "ภาพไม่ตรงบัตร" })).statusCode).toBe(
      303,
    );
    const [call] = await calls();
    expect(call).toMatchObject({ status: "held", outcome: "refused", still_key: null });
    const proof = await service.handle.db
      .selectFrom("identity_proofs")
      .select(["status", "method"])
      .where("id", "=", call!.proof_id!)
      .executeTakeFirstOrThrow();
    expect(proof).toEqual({ status: "refused", method: "video" });
    expect((await matterAssurance(service.handle.db, app.matterId)).assurance).toBe("none");
    const matter = await service.handle.db
      .selectFrom("matters")
      .select("status")
      .where("id", "=", app.matterId)
      .executeTakeFirstOrThrow();
    expect(matter.status).toBe("identity_check_required");
  });
});
