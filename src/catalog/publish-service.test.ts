import { describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { startTestService } from "../../test/service.js";
import { publishTestService, TEST_SERVICE } from "../../test/service-fixture.js";
import { findCurrentVersion, findVersionInForce } from "./index.js";

describe.each(testDialects())("publishing a service (%s)", (dialect) => {
  it("CM-1: each publication is a new version; the earlier one stays as it was", async () => {
    const service = await startTestService(dialect);
    try {
      const first = await publishTestService(service);
      const renamed = { ...TEST_SERVICE, name: { th: "ชื่อใหม่", en: "New name" } };
      const second = await publishTestService(service, renamed);
      expect([first.version, second.version]).toEqual([1, 2]);
      const current = await findCurrentVersion(service.handle.db, "demo", TEST_SERVICE.code);
      expect(current?.definition.name.th).toBe("ชื่อใหม่");
      const before = await findVersionInForce(service.handle.db, first.serviceId, first.publishedAt);
      expect(before?.version).toBeGreaterThanOrEqual(1);
      const old = await findVersionInForce(service.handle.db, first.serviceId, new Date(0));
      expect(old).toBeUndefined();
    } finally {
      await service.stop();
    }
  });
});

describe.each(testDialects())("refusing to publish (%s)", (dialect) => {
  it("CM-1: publishService refuses a service without fees or noFee, and writes nothing", async () => {
    const service = await startTestService(dialect);
    try {
      const broken = { ...TEST_SERVICE, fees: [] };
      await expect(publishTestService(service, broken)).rejects.toMatchObject({
        code: "SERVICE_DEFINITION_INVALID",
        params: { rule: "fees-unstated", path: "/fees" },
      });
      expect(await findCurrentVersion(service.handle.db, "demo", TEST_SERVICE.code)).toBeUndefined();
      const rows = await service.handle.db.selectFrom("services").select("code").execute();
      expect(rows.map((r) => r.code)).not.toContain(TEST_SERVICE.code);
    } finally {
      await service.stop();
    }
  });
});
