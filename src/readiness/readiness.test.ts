import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { type OfficeClient, signedInOfficer } from "../../test/office.js";
import { HAVE_PDFTOTEXT, normaliseThai, pdfText } from "../../test/pdf-text.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService, retireSeededServices } from "../../test/service-fixture.js";
import { saveMailbox } from "../intake/mail/index.js";
import { fixedClock } from "../platform/clock.js";
import { t } from "../platform/i18n/index.js";
import { SURVEY_ITEMS } from "./survey.js";

const th = (key: Parameters<typeof t>[1], params = {}) => t("th", key, params);
const allAnswers = (value: string, extra: Record<string, string> = {}) => ({
  ...Object.fromEntries(SURVEY_ITEMS.map((i) => [`answer.${i.id}`, value])),
  ...extra,
});
/** The level shown in a process's row of the levels table. */
const levelOf = (page: string, process: string) =>
  new RegExp(`<tr id="process-${process}">[\\s\\S]*?<td class="level">([^<]*)</td>`).exec(page)?.[1];
const provides = (page: string, capability: string) =>
  new RegExp(`<li data-capability="${capability}">[^<]*<strong>([^<]*)</strong>`).exec(page)?.[1];

describe.each(testDialects())("the readiness self-assessment on %s", (dialect) => {
  const clock = fixedClock("2026-12-15T03:00:00.000Z");
  let service: TestService;
  let admin: OfficeClient;
  let supervisor: OfficeClient;
  let reviewer: OfficeClient;
  const count = async () =>
    (await service.handle.db.selectFrom("readiness_assessments").select("id").execute()).length;

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    // A fresh install: nothing of the demo catalogue published.
    await retireSeededServices(service);
    const sign = (email: string, roles: string[]) =>
      signedInOfficer(service.app, service.handle, clock, "demo", email, roles).then((o) => o.client);
    admin = await sign("admin.ready@demo.go.th", ["admin"]);
    supervisor = await sign("sup.ready@demo.go.th", ["supervisor"]);
    reviewer = await sign("rev.ready@demo.go.th", ["reviewer"]);
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  it("RD-2: a fresh install scores initial, and connecting a mailbox and publishing a service change the ticks and the level", async () => {
    let page = await admin.get("/office/readiness");
    expect(page.statusCode, page.body.slice(0, 300)).toBe(200);
    expect(page.body).toContain(th("readiness.overall", { level: th("readiness.level.initial") }));
    expect(levelOf(page.body, "search")).toBe(th("readiness.level.initial"));
    expect(levelOf(page.body, "apply")).toBe(th("readiness.level.initial"));
    expect(provides(page.body, "mailbox")).toBe(th("readiness.no"));
    expect(provides(page.body, "services")).toBe(th("readiness.no"));
    // Guidance beside each item: the seed's legal basis and cautions.
    expect(page.body).toContain("มาตรา ๑๐ แห่งพระราชบัญญัติการปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. ๒๕๖๕");
    expect(page.body).toContain(th("readiness.cautions"));

    // A mailbox saved but never reached is connected, not healthy: still no tick.
    await saveMailbox(
      service.handle.db,
      {
        agencyId: "demo",
        host: "imap.demo.go.th",
        port: 993,
        tls: true,
        username: "saraban@demo.go.th",
        auth: "password",
        secretEnv: "DEMO_MAILBOX_PASSWORD",
        oauthTokenUrl: null,
        oauthClientId: null,
        oauthClientSecretEnv: null,
        extraFolders: [],
        processedFolder: "Borikan",
        retentionDays: 30,
        pollSeconds: 60,
        trustedServer: null,
        enabled: true,
      },
      clock.now().toISOString(),
    );
    page = await admin.get("/office/readiness");
    expect(provides(page.body, "mailbox")).toBe(th("readiness.no"));
    // The mailbox room's health as its worker records a good pass: connected and healthy.
    await service.handle.db
      .updateTable("mailboxes")
      .set({ last_ok_at: clock.now().toISOString(), failing_since: null })
      .where("agency_id", "=", "demo")
      .execute();
    page = await admin.get("/office/readiness");
    expect(provides(page.body, "mailbox")).toBe(th("readiness.yes"));
    expect(page.body).toMatch(/อีเมล, อีเมลลิงก์, ฟอร์มออนไลน์ <span class="tick">/);
    expect(levelOf(page.body, "search")).toBe(th("readiness.level.initial"));

    await publishTestService(service);
    page = await admin.get("/office/readiness");
    expect(provides(page.body, "services")).toBe(th("readiness.yes"));
    // Appendix ก.3: a website with e-Forms is the standard tool for finding information and applying.
    expect(levelOf(page.body, "search")).toBe(th("readiness.level.standard"));
    expect(levelOf(page.body, "apply")).toBe(th("readiness.level.standard"));
    // Showing licences stays initial until the public register shows one: read live, not assumed.
    expect(provides(page.body, "register")).toBe(th("readiness.no"));
    expect(levelOf(page.body, "display")).toBe(th("readiness.level.initial"));
    expect(page.body).toContain(th("readiness.overall", { level: th("readiness.level.initial") }));
  });

  it("RD-1: answers are saved as dated assessments, history kept, each audited; the PDF shows the level", async () => {
    const first = await supervisor.post("/office/readiness", allAnswers("none", { "note.email": "รอ สพร." }));
    expect(first.statusCode, first.body.slice(0, 300)).toBe(303);
    const firstUrl = String(first.headers.location);
    clock.set("2026-12-15T03:05:00.000Z");
    const second = await supervisor.post("/office/readiness", allAnswers("have"));
    expect(second.statusCode).toBe(303);
    expect(await count()).toBe(2);
    const history = await supervisor.get("/office/readiness/history");
    expect(history.statusCode).toBe(200);
    expect(history.body.match(/<tr><td><a href=/g)).toHaveLength(2);
    // The first is kept as it was: its note and answers.
    const past = await supervisor.get(firstUrl);
    expect(past.statusCode).toBe(200);
    expect(past.body).toContain("รอ สพร.");
    // Answered "have" for the agency's own platform links: advanced where the table allows.
    const now = await supervisor.get(String(second.headers.location));
    expect(levelOf(now.body, "review")).toBe(th("readiness.level.advanced"));
    // ETDA 11-2560 / 24-2563 documents are not made here and no answer can claim them: never advanced.
    expect(levelOf(now.body, "issue")).not.toBe(th("readiness.level.advanced"));
    const audits = await service.handle.db
      .selectFrom("audit_events")
      .select(["subject_id", "data"])
      .where("action", "=", "readiness.assessment_saved")
      .execute();
    expect(audits).toHaveLength(2);
    expect(audits.map((a) => a.data).join()).not.toContain("รอ สพร.");
    const pdf = await supervisor.get(`${String(second.headers.location)}.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toContain("application/pdf");
    if (HAVE_PDFTOTEXT) {
      const text = normaliseThai(pdfText(pdf.rawPayload));
      expect(text).toContain(normaliseThai(th("readiness.title")));
      expect(text).toContain(
        normaliseThai(th("readiness.overall", { level: th("readiness.level.initial") })),
      );
    }
  });

  it("RD-1: a wrong-type answer is refused in the officer's language naming the item, nothing saved", async () => {
    const before = await count();
    const cases: Record<string, string>[] = [
      allAnswers("have", { "answer.email": "maybe" }),
      allAnswers("have", { "note.social": "x".repeat(1001) }),
      allAnswers("have", { "answer.fax": "have" }),
      Object.fromEntries(Object.entries(allAnswers("have")).filter(([k]) => k !== "answer.webboard")),
    ];
    const refusals = await Promise.all(cases.map((form) => supervisor.post("/office/readiness", form)));
    expect(refusals.map((r) => r.statusCode)).toEqual([422, 422, 422, 422]);
    expect(refusals[0]!.body).toContain(
      th("error.READINESS_ANSWER_INVALID", { item: "ไปรษณีย์อิเล็กทรอนิกส์ (อีเมล)" }),
    );
    expect(refusals[2]!.body).toContain("fax");
    expect(await count()).toBe(before);
  });

  it("RD-1: roles and CSRF are checked; another agency's or an unknown assessment is a 404", async () => {
    expect((await reviewer.get("/office/readiness")).statusCode).toBe(403);
    expect((await reviewer.post("/office/readiness", allAnswers("have"))).statusCode).toBe(403);
    const before = await count();
    expect((await admin.post("/office/readiness", allAnswers("have"), { csrf: null })).statusCode).toBe(403);
    expect(await count()).toBe(before);
    expect((await admin.get("/office/readiness/00000000-0000-4000-8000-000000000000")).statusCode).toBe(404);
    expect((await admin.get("/office/readiness/nonsense.pdf")).statusCode).toBe(404);
  });
});
