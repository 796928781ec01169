import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { type OfficeClient, signedInOfficer } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService, TEST_SERVICE } from "../../test/service-fixture.js";
import type { ServiceDefinition } from "../catalog/index.js";
import { fixedClock } from "../platform/clock.js";
import { buildProcessingRecord } from "./processing-record.js";

/** A second service whose form holds a sensitive item on consent: the record must show it as such. */
const HEALTH: ServiceDefinition = {
  ...TEST_SERVICE,
  code: "health-card",
  name: { th: "ขอบัตรสุขภาพผู้สัมผัสอาหาร", en: "Food handler health card" },
  keywords: [],
  licence: undefined,
  displaysLicence: false,
  privacy: { purpose: { th: "เพื่อออกบัตรสุขภาพ" }, retention: { th: "5 ปี" }, contact: { th: "dpo@demo.go.th" } },
  form: {
    schema: {
      type: "object",
      additionalProperties: false,
      required: [],
      properties: { illness: { type: "string", maxLength: 200 } },
    },
    ui: {
      pages: [{ id: "health", title: { th: "สุขภาพ" }, fields: ["illness"] }],
      fields: {
        illness: {
          label: { th: "โรคประจำตัว", en: "Chronic illness" },
          lawfulBasis: "consent",
          dataClass: "sensitive",
        },
      },
    },
  },
};

describe.each(testDialects())("the record of processing on %s", (dialect) => {
  const clock = fixedClock("2026-12-15T03:00:00.000Z");
  let service: TestService;
  let admin: OfficeClient;
  let supervisor: OfficeClient;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    admin = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "dpo.admin@demo.go.th", ["admin"])
    ).client;
    supervisor = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "dpo.sup@demo.go.th", ["supervisor"])
    ).client;
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  const record = (lang: "th" | "en" = "en") =>
    buildProcessingRecord(service.handle.db, {
      agencyId: "demo",
      controller: "Demo",
      lang,
      now: clock.now(),
    });

  it("PD-2: a published service's fields are listed with their lawful basis, class and retention", async () => {
    const shop = (await record()).activities.find((a) => a.id === "service:shop-permit");
    expect(shop?.purpose).toBe("เพื่อพิจารณาคำขอ");
    expect(shop?.items.map((i) => [i.label, i.basis, i.dataClass])).toContainEqual([
      "Shop name",
      "public-task",
      "general",
    ]);
    expect(shop?.items[0]).toMatchObject({ basis: "public-task", dataClass: "personal" });
    expect(shop?.retention[0]).toBe("10 ปี");
    expect(shop?.retention[1]).toMatch(/Applications never submitted: 7 days/);
    const traffic = (await record()).activities.find((a) => a.id === "platform:traffic");
    expect(traffic?.retention.join()).toMatch(/Traffic logs: 90 days/);
  });

  it("PD-2: publishing a new service adds its activity, with a sensitive item on consent", async () => {
    expect((await record()).activities.some((a) => a.id === "service:health-card")).toBe(false);
    await publishTestService(service, HEALTH);
    const health = (await record()).activities.find((a) => a.id === "service:health-card");
    expect(health?.items).toContainEqual(
      expect.objectContaining({ label: "Chronic illness", basis: "consent", dataClass: "sensitive" }),
    );
    const page = await supervisor.get("/office/privacy/processing?lang=en");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Chronic illness");
    expect(page.body).toContain("Sensitive personal data (s.26)");
  });

  it("PD-2: the CSV has a BOM, both languages' headers and escapes formulas; the PDF is a PDF", async () => {
    await service.handle.db
      .insertInto("privacy_officers")
      .values({
        agency_id: "demo",
        name: "=HYPERLINK(1)",
        contact: "x",
        updated_by: "test",
        updated_at: "2026-12-15T03:00:00.000Z",
      })
      .execute();
    const csv = await supervisor.get("/office/privacy/processing.csv?lang=th");
    expect(csv.statusCode).toBe(200);
    expect(csv.body.startsWith("\uFEFFกิจกรรม / Activity,")).toBe(true);
    expect(csv.body).toContain("โรคประจำตัว");
    expect(csv.body).toContain(",'=HYPERLINK(1) (x)");
    expect(csv.body).not.toContain(",=HYPERLINK");
    const pdf = await supervisor.get("/office/privacy/processing.pdf");
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("PD-2: only an admin names the data protection officer, and it is audited", async () => {
    const refused = await supervisor.post("/office/privacy/officer", { name: "X", contact: "x@demo.go.th" });
    expect(refused.statusCode).toBe(403);
    const empty = await admin.post("/office/privacy/officer", { name: "", contact: "dpo@demo.go.th" });
    expect(empty.statusCode).toBe(422);
    await admin.get("/office/privacy/processing");
    const saved = await admin.post("/office/privacy/officer", {
      name: "คุณคุ้มครอง ข้อมูล",
      contact: "dpo@demo.go.th",
    });
    expect(saved.statusCode).toBe(303);
    expect((await record()).officer).toMatchObject({ name: "คุณคุ้มครอง ข้อมูล", contact: "dpo@demo.go.th" });
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .select(["data"])
      .where("action", "=", "privacy.officer.set")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).not.toContain("คุ้มครอง");
  });

  it("PD-2: an officer of another role cannot read the record", async () => {
    const clerk = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "dpo.clerk@demo.go.th", [
        "saraban_officer",
      ])
    ).client;
    expect((await clerk.get("/office/privacy/processing")).statusCode).toBe(403);
  });
});
