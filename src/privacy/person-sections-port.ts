import type { Db } from "../platform/db/database.js";

/** Whose rows a room may return: the matters the export already tied to the person, and their account. */
export interface PersonScope {
  agencyId: string;
  matterIds: readonly string[];
  /** The person's own entries (another sender's entry on their matter is not among them). */
  entryIds: readonly string[];
  accountId: string | null;
}

/** A file of the person's that goes into the ZIP beside `data.json`. */
export interface PersonFile {
  path: string;
  sha256: string | null;
  storageKey: string;
}

/** One room's part of the export: its data under `data.json`'s `name` (no storage keys), and its files. */
export interface PersonSection {
  name: string;
  data: unknown;
  files: PersonFile[];
}

/**
 * PD-3: one room's person read, passed in by the app (payment reads privacy's data-read log, so privacy
 * may not import those rooms back). Each reader returns only rows keyed by the scope it is given.
 */
export type PersonSectionReader = (db: Db, person: PersonScope) => Promise<PersonSection>;
