import { readFileSync } from "node:fs";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { publishService } from "./publish-service.js";
import type { ServiceDefinition } from "./service-definition.js";

/**
 * #11 item 10: the demo agency's three services, drawn from the seeds (the SSO's section 39 case study)
 * and from common local-government services. They are demonstration content, said so in their remarks,
 * and double as the examples of the format documented in `docs/service-format.md`.
 */
export const DEMO_SERVICE_FILES = [
  "social-security-s39.json",
  "food-shop-licence.json",
  "elderly-allowance.json",
] as const;

export function loadDemoServices(): ServiceDefinition[] {
  return DEMO_SERVICE_FILES.map(
    (file) =>
      JSON.parse(readFileSync(new URL(`./demo/${file}`, import.meta.url), "utf8")) as ServiceDefinition,
  );
}

/**
 * Publishes the demo services for `agencyId` when its catalogue is empty (a first start, or an install
 * seeded before the catalogue existed), in one transaction; a second process racing it loses on the
 * services' unique code and retries (see `seedOnce`). Returns how many were published.
 */
export async function seedDemoServices(
  handle: DatabaseHandle,
  agencyId: string,
  clock: Clock,
): Promise<number> {
  const definitions = loadDemoServices();
  // Checked inside the transaction: a process that waited for another's seed then finds it there.
  return withTransaction(handle, async (trx) => {
    const any = await trx
      .selectFrom("services")
      .select("id")
      .where("agency_id", "=", agencyId)
      .limit(1)
      .executeTakeFirst();
    if (any) return 0;
    for (const definition of definitions)
      await publishService(trx, agencyId, definition, { id: "system:seed" }, clock);
    return definitions.length;
  });
}
