import { type Migration, Migrator } from "kysely";
import type { Db } from "./database.js";

/**
 * Applies every pending migration of `migrations` (the project's list, `migrations/index.ts`: the
 * platform knows no table); throws with the failing migration's name.
 */
export async function migrateToLatest(db: Db, migrations: Record<string, Migration>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error) {
    throw new Error(`Migration ${failed?.migrationName ?? "(unknown)"} failed: ${String(error)}`, {
      cause: error,
    });
  }
}
