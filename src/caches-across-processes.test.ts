import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../test/db.js";
import { type OfficeClient, signedInOfficer } from "../test/office.js";
import { startSecondService, startTestService, type TestService } from "../test/service.js";
import type { Service } from "./service.js";

/*
 * #18 shared: two web processes of one install on one database. What an admin changes through one is
 * served by the other within about a second (the versions are checked once a second), well before the
 * five-second TTL the caches had alone.
 */
const SEEN_WITHIN_MS = 2_500;

/** How long until `probe` holds, polling every 50 ms; fails after five seconds. */
async function millisUntil(probe: () => Promise<boolean>): Promise<number> {
  const start = performance.now();
  while (!(await probe())) {
    if (performance.now() - start > 5_000) throw new Error("not seen within five seconds");
    await new Promise((r) => setTimeout(r, 50));
  }
  return performance.now() - start;
}

describe.each(testDialects())("caches across two web processes on %s", (dialect) => {
  let a: TestService;
  let b: Service & { stop(): Promise<void> };
  let admin: OfficeClient;
  beforeAll(async () => {
    a = await startTestService(dialect);
    b = await startSecondService(a);
    admin = (await signedInOfficer(a.app, a.handle, a.clock, "demo", "admin1@demo.go.th", ["admin"])).client;
  }, 120_000);
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it("WS-4: a status notice posted through one process shows on the other within a second or two", async () => {
    const status = async () => (await b.app.inject({ url: "/status.json" })).json().status as string;
    expect(await status()).toBe("ok"); // B now holds the agency's notices in memory
    const posted = await admin.post("/office/service-status", {
      kind: "degraded",
      textTh: "ระบบชำระเงินช้า",
      textEn: "Payments are slow",
    });
    expect(posted.statusCode).toBeLessThan(400);
    expect(await millisUntil(async () => (await status()) === "degraded")).toBeLessThan(SEEN_WITHIN_MS);
  });

  it("an agency's new name saved through one process is served by the other within a second or two", async () => {
    const page = async () =>
      (await b.app.inject({ url: "/?lang=en", headers: { accept: "text/html" } })).body as string;
    expect(await page()).toContain("Demo District Office"); // B now holds the agency list in memory
    const saved = await admin.post("/office/admin/agency", {
      nameTh: "สำนักงานเขตทดลอง",
      nameEn: "Trial District Office",
      centralEmail: "saraban@demo.go.th",
      phones: "02 123 4567",
      weekdays: ["1", "2", "3", "4", "5"],
      opening: "08:30",
      closing: "16:30",
      acknowledgeByNextDay: "10:00",
    });
    expect(saved.statusCode).toBeLessThan(400);
    expect(await millisUntil(async () => (await page()).includes("Trial District Office"))).toBeLessThan(
      SEEN_WITHIN_MS,
    );
  });
});
