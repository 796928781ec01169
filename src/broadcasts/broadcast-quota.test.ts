import { describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { signedInOfficer } from "../../test/office.js";
import { broadcastActs, useBroadcastSuite, versionIn } from "./broadcasts.test-kit.js";

describe.each(testDialects())("LINE broadcasts' quota and channel on %s", (dialect) => {
  const suite = useBroadcastSuite(dialect);
  const { clock } = suite;
  const { act, statusOf, approved } = broadcastActs(suite);
  it("CH-10: the quota and the reach come from LINE (cached), Borikan's own count from its database; too big is refused", async () => {
    const first = await approved();
    expect((await act(suite.writer, first, "send")).statusCode).toBe(303);
    expect(await statusOf(first)).toBe("sent");
    clock.set(new Date(clock.now().getTime() + 120_000));
    suite.line.quota.limit = 1000;
    suite.line.quota.used = 40;
    suite.line.quota.followers = 25;
    const calls = suite.line.quotaCalls;
    const list = await suite.writer.get("/office/broadcasts");
    expect(list.statusCode).toBe(200);
    expect(list.body).toMatch(/data-testid="broadcast-quota">[\s\S]*1,000[\s\S]*40[\s\S]*960/);
    expect(list.body).toMatch(/data-testid="broadcast-reach">25</);
    await suite.writer.get("/office/broadcasts");
    expect(suite.line.quotaCalls).toBe(calls + 1);
    const ours = /data-testid="broadcast-ours">([^<]*)</.exec(list.body)?.[1];
    expect(ours).toMatch(/^1 ครั้ง/);
    const id = await approved();
    suite.line.quota.used = 990;
    clock.set(new Date(clock.now().getTime() + 120_000));
    const page = await suite.writer.get(`/office/broadcasts/${id}`);
    expect(page.body).not.toContain(`/office/broadcasts/${id}/send"`);
    const before = suite.line.broadcasts.length;
    const res = await suite.writer.post(`/office/broadcasts/${id}/send`, {
      expectedVersion: versionIn(page.body),
    });
    expect(res.statusCode).toBe(409);
    expect(suite.line.broadcasts.length).toBe(before);
    expect(await statusOf(id)).toBe("approved");
  });

  it("CH-10: an unconfigured LINE channel says so and offers no send button; sending is refused", async () => {
    suite.line.quota.used = 0;
    const id = await approved();
    await suite.service.handle.db
      .updateTable("line_channels")
      .set({ enabled: 0 })
      .where("agency_id", "=", "demo")
      .execute();
    clock.set(new Date(clock.now().getTime() + 120_000));
    const page = await suite.writer.get(`/office/broadcasts/${id}`);
    expect(page.body).toContain("ยังไม่ได้เชื่อมต่อช่องทาง LINE");
    expect(page.body).not.toContain(`/office/broadcasts/${id}/send"`);
    expect(
      (await suite.writer.post(`/office/broadcasts/${id}/send`, { expectedVersion: versionIn(page.body) }))
        .statusCode,
    ).toBe(409);
    expect(await statusOf(id)).toBe("approved");
    await suite.service.handle.db
      .updateTable("line_channels")
      .set({ enabled: 1 })
      .where("agency_id", "=", "demo")
      .execute();
  });

  it("CH-10: bad input is refused with a reason and writes nothing; other roles see nothing", async () => {
    const count = async () =>
      (await suite.service.handle.db.selectFrom("broadcasts").select("id").execute()).length;
    const before = await count();
    await suite.writer.get("/office/broadcasts/new");
    for (const form of [
      { title: "", textTh: "x", textEn: "" },
      { title: "t", textTh: "", textEn: "" },
      { title: "t", textTh: "ก".repeat(5001), textEn: "" },
    ]) {
      const res = await suite.writer.post("/office/broadcasts", form);
      expect(res.statusCode).toBe(400);
    }
    expect(await count()).toBe(before);
    const finance = (
      await signedInOfficer(suite.service.app, suite.service.handle, clock, "demo", "f@demo.go.th", [
        "finance_officer",
      ])
    ).client;
    expect((await finance.get("/office/broadcasts")).statusCode).toBe(403);
  });
});
