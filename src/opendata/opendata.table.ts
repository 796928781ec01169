/** #16 opendata (PR-4, OD-1): one agency's licence for open data and its CKAN catalogue. */
export interface OpenDataSettingsTable {
  agency_id: string;
  license_id: string;
  license_title: string;
  license_url: string;
  ckan_enabled: number;
  ckan_url: string | null;
  ckan_owner_org: string | null;
  ckan_dataset: string | null;
  /** Sealed at rest (OPENDATA_SEALED_COLUMNS). */
  ckan_token: string | null;
  updated_at: string;
  updated_by: string;
}

/** One push of the licence register to a CKAN catalogue, as it went. */
export interface OpenDataPushesTable {
  id: string;
  agency_id: string;
  seq: number;
  started_at: string;
  finished_at: string;
  outcome: "pushed" | "failed";
  ckan_url: string;
  dataset: string;
  package_id: string | null;
  dataset_action: "created" | "updated" | null;
  resources: number;
  error: string | null;
  /** `staff:<id>` for "push now", `system:open-data-sweep` for the daily push. */
  actor: string;
}
