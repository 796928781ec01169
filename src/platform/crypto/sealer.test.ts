import { describe, expect, it } from "vitest";
import { createTestDatabase, testDialects } from "../../../test/db.js";
import { systemClock } from "../clock.js";
import { KeyError, loadKeyRing, masterKeyId, parseMasterKey, rewrapKeys } from "./key-ring.js";
import { SealedColumnError, sealedColumnsPlugin } from "./sealed-columns-plugin.js";
import { createSealer } from "./sealer.js";

const A = Buffer.alloc(32, 1);
const B = Buffer.alloc(32, 2);

describe.each(testDialects())("sealing personal data (ID-7) on %s", (dialect) => {
  it("ID-7: seals on write, opens on read, refuses comparisons, and survives a master-key rotation", async () => {
    const database = await createTestDatabase(dialect);
    try {
      const { db } = database.handle;
      await db.deleteFrom("data_keys").execute();
      const ring = await loadKeyRing(db, [A], systemClock);
      const sealer = createSealer(ring);
      const plugin = db.withPlugin(sealedColumnsPlugin(sealer, { data_keys: ["created_at"] }));
      await plugin
        .insertInto("data_keys")
        .values({
          id: "p2",
          purpose: "data",
          kek_id: "k",
          wrapped: "w",
          created_at: "1101700207129",
          retired_at: "2020",
        })
        .execute();
      const stored = await db
        .withoutPlugins()
        .selectFrom("data_keys")
        .select("created_at")
        .where("id", "=", "p2")
        .executeTakeFirstOrThrow();
      expect(stored.created_at).not.toContain("1101700207129");
      expect(stored.created_at.startsWith("enc1:")).toBe(true);
      const read = await plugin
        .selectFrom("data_keys")
        .select("created_at as c")
        .where("id", "=", "p2")
        .executeTakeFirstOrThrow();
      expect(read.c).toBe("1101700207129");
      await plugin
        .updateTable("data_keys")
        .set({ created_at: "3100600445635" })
        .where("id", "=", "p2")
        .execute();
      expect(
        (
          await plugin
            .selectFrom("data_keys")
            .select("created_at")
            .where("id", "=", "p2")
            .executeTakeFirstOrThrow()
        ).created_at,
      ).toBe("3100600445635");
      await expect(
        plugin.selectFrom("data_keys").selectAll().where("created_at", "=", "3100600445635").execute(),
      ).rejects.toBeInstanceOf(SealedColumnError);
      // null is never sealed: `is (not) null` still holds in SQL.
      const notNull = await plugin
        .selectFrom("data_keys")
        .select("id")
        .where("created_at", "is not", null)
        .execute();
      expect(notNull.map((r) => r.id)).toContain("p2");
      await db.deleteFrom("data_keys").where("id", "=", "p2").execute();

      // Rotation re-wraps: B opens everything, A alone no longer does.
      expect(await rewrapKeys(db, [A], B)).toBe(2);
      const rotated = createSealer(await loadKeyRing(db, [B], systemClock));
      expect(rotated.open(sealer.seal("สวัสดี"))).toBe("สวัสดี");
      expect(rotated.index("pid", "1101700207129")).toBe(sealer.index("pid", "1101700207129"));
      await expect(loadKeyRing(db, [A], systemClock)).rejects.toBeInstanceOf(KeyError);
      const bytes = Buffer.from("photo 1101700207129");
      const box = sealer.sealBytes(bytes);
      expect(box.includes(Buffer.from("1101700207129"))).toBe(false);
      expect(rotated.openBytes(box).equals(bytes)).toBe(true);
      expect(rotated.openBytes(bytes).equals(bytes)).toBe(true);
      expect(masterKeyId(A)).not.toBe(masterKeyId(B));
      expect(() => parseMasterKey("short")).toThrow(KeyError);
    } finally {
      await database.drop();
    }
  });
});
