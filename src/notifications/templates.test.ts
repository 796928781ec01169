import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeMatter, submitTestApplication, unitOfficer } from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import { type OfficeClient, signedInChief } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { loadOrCreateSecret } from "../platform/secret.js";
import { findMatter, type MatterActionRecord, recordAction } from "../register/index.js";
import {
  eventOf,
  listNotifications,
  notificationsPanel,
  sweepNotifications,
  templateProblem,
} from "./index.js";

const T0 = Date.parse("2026-12-07T03:00:00.000Z");

describe("which actions notify the applicant (TR-2)", () => {
  const action = (over: Partial<MatterActionRecord>): MatterActionRecord => ({
    id: "a",
    matterId: "m",
    version: 1,
    action: "start-review",
    from: "received",
    to: "in_review",
    actor: "staff:x",
    at: new Date(T0),
    payload: {},
    visibility: "public",
    ...over,
  });
  it("TR-2, RV-5, AP-2, LF-5: status changes, decisions, delay notices and letters to the applicant; nothing else", () => {
    expect(eventOf(action({}))).toBe("status-changed");
    expect(eventOf(action({ action: "approve", from: "awaiting_approval", to: "approved" }))).toBe(
      "approved",
    );
    expect(eventOf(action({ action: "refuse", from: "awaiting_approval", to: "rejected" }))).toBe("rejected");
    expect(eventOf(action({ action: "request-more-info", to: "more_info_requested" }))).toBe(
      "more-info-requested",
    );
    expect(eventOf(action({ action: "notify-delay", from: "in_review", to: "in_review" }))).toBe(
      "delay-notice",
    );
    // A public fact that keeps the status tells the applicant nothing new; officers' facts never.
    expect(
      eventOf(
        action({ action: "acknowledge-deficiency", from: "more_info_requested", to: "more_info_requested" }),
      ),
    ).toBeUndefined();
    expect(
      eventOf(action({ action: "claim", from: "in_review", to: "in_review", visibility: "officers" })),
    ).toBeUndefined();
    expect(
      eventOf(
        action({
          action: "approve-level",
          from: "awaiting_approval",
          to: "awaiting_approval",
          visibility: "officers",
        }),
      ),
    ).toBeUndefined();
    const letter = {
      action: "record-letter",
      from: "in_review",
      to: "in_review",
      visibility: "officers",
    } as const;
    expect(eventOf(action({ ...letter, payload: { letterId: "l1", toApplicant: true } }))).toBe(
      "letter-sent",
    );
    expect(eventOf(action({ ...letter, payload: { letterId: "l1" } }))).toBeUndefined();
  });

  it("TR-2, IF-3: a template naming an unknown placeholder, or missing the officer or phone, is refused", () => {
    expect(templateProblem("เรื่อง {receiptNumber} ติดต่อ {officer} โทร {phone}")).toBeUndefined();
    expect(templateProblem("เรื่อง {receiptNumber} {officer} {phone} {nmae}")).toContain("{nmae}");
    expect(templateProblem("เรื่อง {receiptNumber} ติดต่อ {officer}")).toContain("{phone}");
    expect(templateProblem("{receiptNumber} {phone}")).toContain("{officer}");
  });
});

describe.each(testDialects())("an agency's own notification texts (%s)", (dialect) => {
  const clock = fixedClock(new Date(T0));
  let service: TestService;
  let admin: OfficeClient;
  const path = "/office/notifications/templates";

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    admin = await signedInChief(service, clock, "templates.admin@demo.go.th");
  });
  afterAll(() => service?.stop());

  it("SC-1: only a signed-in admin reaches the page; a POST without the session's CSRF token is refused", async () => {
    const anonymous = await service.app.inject({ url: path, headers: { accept: "text/html" } });
    expect([302, 303]).toContain(anonymous.statusCode);
    const { client: reviewer } = await unitOfficer(service, clock, "tpl.reviewer@demo.go.th", ["reviewer"]);
    expect((await reviewer.get(path)).statusCode).toBe(403);
    expect((await admin.get(path)).statusCode).toBe(200);
    const forged = await admin.post(path, { "status-changed.th": "x" }, { csrf: null });
    expect(forged.statusCode).toBe(403);
  });

  it("TR-2: an unknown placeholder is refused with its name and nothing is saved; a good text is saved and used", async () => {
    await admin.get(path);
    const refused = await admin.post(path, {
      "status-changed.th": "เรื่อง {receiptNumber} ติดต่อ {officer} โทร {phone} {unknownThing}",
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain("{unknownThing}");
    const none = await service.handle.db.selectFrom("notification_templates").selectAll().execute();
    expect(none).toEqual([]);

    const own = "แจ้งจากเทศบาล: เรื่อง {receiptNumber} เป็น {status} ติดต่อ {officer} โทร {phone}";
    const saved = await admin.post(path, { "status-changed.th": own, "status-changed.en": "" });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain("แจ้งจากเทศบาล");

    const a = await submitTestApplication(service, { email: "own.text@example.com" });
    await routeMatter(service, clock, a.matterId);
    const { staff } = await unitOfficer(service, clock, "tpl.reviewer2@demo.go.th", ["reviewer"]);
    await recordAction(service.handle, {
      agencyId: "demo",
      subject: { matterId: a.matterId },
      action: "start-review",
      payload: {},
      actor: { kind: "staff", staffId: staff.id, roles: ["reviewer"] },
      at: clock.now(),
    });
    const deps = {
      handle: service.handle,
      secret: loadOrCreateSecret(service.dataDir),
      publicUrl: "http://borikan.test",
      env: {},
    };
    await sweepNotifications(deps, clock.now());
    const [n] = await listNotifications(service.handle.db, a.matterId);
    expect(n?.text).toContain(`แจ้งจากเทศบาล: เรื่อง ${a.receiptNumber} เป็น อยู่ระหว่างตรวจสอบ`);
    // English keeps the standard text.
    expect(n?.text).toContain(`Your request ${a.receiptNumber}`);

    // TR-2: the officer's panel lists it with its honest status (no mail server: queued, not sent).
    const matter = (await findMatter(service.handle.db, "demo", a.matterId))!;
    const panel = await notificationsPanel({ db: service.handle.db })(
      { lang: "en" } as Parameters<ReturnType<typeof notificationsPanel>>[0],
      matter,
    );
    expect(String(panel)).toContain("Queued to be emailed");
    expect(String(panel)).not.toContain(">Sent<");
  });
});
