import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { startTestService, type TestService } from "../../test/service.js";
import { DEMO_FAQ, seedDemoFaq } from "./index.js";

/** IF-4: a fresh demo install (DEMO_FAQ not off, as under `npm start`) answers a demo question. */
describe.each(testDialects())("the demo FAQ on %s", (dialect) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(dialect, { env: { DEMO_FAQ: "on" } });
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  const demoEntries = () =>
    service.handle.db
      .selectFrom("faq_entries")
      .select(["id", "source_id", "service_id", "status"])
      .where("agency_id", "=", "demo")
      .execute();

  it("IF-4: the demo install answers a citizen's demo question with its FAQ entry linked as the source", async () => {
    const entries = await demoEntries();
    expect(entries).toHaveLength(DEMO_FAQ.length);
    expect(entries.every((e) => e.status === "published")).toBe(true);
    // Entries about a demo service are filed under it, so its page shows them too.
    expect(entries.filter((e) => e.service_id !== null).length).toBe(
      DEMO_FAQ.filter((f) => f.service !== null).length,
    );
    const q = "เบี้ยคนแก่ได้เดือนละกี่บาท";
    const res = await service.app.inject({ url: `/assistant.json?q=${encodeURIComponent(q)}` });
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      kind: string;
      text: string;
      sources: { kind: string; id: string; url: string }[];
    };
    expect(body.kind).toBe("answer");
    const wanted = entries.find((e) => e.source_id === "demo:elderly-amount");
    expect(body.sources[0]).toMatchObject({ kind: "faq", id: wanted?.id, url: `/faq/${wanted?.id}` });
    expect(body.text).toContain("600 บาท");
  });

  it("IF-4: seeding again publishes nothing more (a restart finds the entries)", async () => {
    expect(await seedDemoFaq(service.handle, { now: () => new Date() })).toBe(0);
    expect(await demoEntries()).toHaveLength(DEMO_FAQ.length);
  });
});
