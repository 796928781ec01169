import type { Migration } from "kysely";
import * as createSpineTables from "./20261122000000_create-spine-tables.js";

/** Every migration, by name; names sort in the order they apply. */
export const migrations: Record<string, Migration> = {
  "20261122000000_create-spine-tables": createSpineTables,
};
