import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDialects } from "../../../test/db.js";
import { type DatabaseHandle, withTransaction } from "../db/database.js";
import { bumpCacheVersion, createCacheVersions, readCacheVersions } from "./cache-versions.js";

const AT = "2026-12-14T03:00:00.000Z";

describe.each(testDialects())("cache versions on %s", (dialect) => {
  let database: TestDatabase;
  let other: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    other = database.reopen();
  });
  afterAll(async () => {
    await other.close();
    await database.drop();
  });

  it("counts every bump from two handles at once, and none of a rolled-back transaction", async () => {
    const bumps = Array.from({ length: 20 }, (_, i) =>
      bumpCacheVersion(i % 2 ? other.db : database.handle.db, "counted", AT),
    );
    await Promise.all(bumps);
    await expect(
      withTransaction(database.handle, async (trx) => {
        await bumpCacheVersion(trx, "counted", AT);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect((await readCacheVersions(other.db)).get("counted")).toBe(20);
  });

  it("answers from memory between checks and sees another handle's bump at the next check", async () => {
    const slow = createCacheVersions(database.handle.db, 60_000);
    const eager = createCacheVersions(database.handle.db, 0);
    expect(await slow.current("watched")).toBe(0);
    await bumpCacheVersion(other.db, "watched", AT);
    expect(await slow.current("watched")).toBe(0); // within its interval: no query
    expect(await eager.current("watched")).toBe(1);
    expect(await eager.current("never-bumped")).toBe(0);
  });

  it("gives the callers that arrive during one check its answer", async () => {
    const versions = createCacheVersions(database.handle.db, 0);
    await bumpCacheVersion(other.db, "shared", AT);
    const seen = await Promise.all(Array.from({ length: 10 }, () => versions.current("shared")));
    expect(seen).toEqual(Array(10).fill(1));
  });
});
