import type { Selectable } from "kysely";

export interface ServicesTable {
  id: string;
  agency_id: string;
  code: string;
  /** `draft` until first published; `retired` takes no new applications but keeps its versions. */
  state: "draft" | "published" | "retired";
  /** JSON of the ServiceDefinition being edited; null when nothing differs from the current version. */
  draft: string | null;
  current_version: number | null;
  created_at: string;
  updated_at: string;
  retired_at: string | null;
}

export interface ServiceVersionsTable {
  id: string;
  service_id: string;
  agency_id: string;
  version: number;
  /** JSON of the ServiceDefinition as published; never updated (CM-1). */
  definition: string;
  definition_sha256: string;
  published_at: string;
  published_by: string;
}

export type ServiceRow = Selectable<ServicesTable>;
export type ServiceVersionRow = Selectable<ServiceVersionsTable>;
