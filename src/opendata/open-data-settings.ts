import type { OpenDataLicence } from "../licensing/index.js";
import type { Db } from "../platform/db/database.js";
import type { OpenDataPushesTable } from "./opendata.table.js";

/** PR-4 (THAI-PROCESS-LAW §5): the default licence, the one data.go.th publishes under. */
export const DGA_OPEN_GOVERNMENT_LICENSE: OpenDataLicence = {
  id: "dga-ogl",
  title: "ข้อกำหนดและเงื่อนไขการอนุญาตให้ใช้ข้อมูลภาครัฐแบบเปิดของ สพร. (DGA Open Government License)",
  url: "https://data.go.th/pages/dga-open-government-license",
};

/** Where the register is pushed; the token opened (the sealing plugin), for the push only. */
export interface CkanTarget {
  enabled: boolean;
  url: string;
  ownerOrg: string;
  dataset: string;
  token: string;
}

/** An agency's open-data settings as pages show them: the token only as its last four characters. */
export interface OpenDataSettings {
  licence: OpenDataLicence;
  /** true: never saved; the defaults. */
  defaults: boolean;
  ckan: { enabled: boolean; url: string; ownerOrg: string; dataset: string; tokenHint: string | null };
}

/** The agency's licence for open data; the DGA licence until an admin sets another. */
export async function openDataLicenceOf(db: Db, agencyId: string): Promise<OpenDataLicence> {
  const row = await db
    .selectFrom("open_data_settings")
    .select(["license_id", "license_title", "license_url"])
    .where("agency_id", "=", agencyId)
    .executeTakeFirst();
  return row
    ? { id: row.license_id, title: row.license_title, url: row.license_url }
    : DGA_OPEN_GOVERNMENT_LICENSE;
}

export async function findOpenDataSettings(db: Db, agencyId: string): Promise<OpenDataSettings> {
  const row = await db
    .selectFrom("open_data_settings")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .executeTakeFirst();
  if (!row)
    return {
      licence: DGA_OPEN_GOVERNMENT_LICENSE,
      defaults: true,
      ckan: { enabled: false, url: "", ownerOrg: "", dataset: "", tokenHint: null },
    };
  return {
    licence: { id: row.license_id, title: row.license_title, url: row.license_url },
    defaults: false,
    ckan: {
      enabled: Number(row.ckan_enabled) === 1,
      url: row.ckan_url ?? "",
      ownerOrg: row.ckan_owner_org ?? "",
      dataset: row.ckan_dataset ?? "",
      tokenHint: row.ckan_token ? `…${row.ckan_token.slice(-4)}` : null,
    },
  };
}

/** The CKAN catalogue to push to; undefined when not configured (any of its settings missing). */
export async function findCkanTarget(db: Db, agencyId: string): Promise<CkanTarget | undefined> {
  const row = await db
    .selectFrom("open_data_settings")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .executeTakeFirst();
  if (!row?.ckan_url || !row.ckan_owner_org || !row.ckan_dataset || !row.ckan_token) return undefined;
  return {
    enabled: Number(row.ckan_enabled) === 1,
    url: row.ckan_url,
    ownerOrg: row.ckan_owner_org,
    dataset: row.ckan_dataset,
    token: row.ckan_token,
  };
}

/** The agencies whose daily push is switched on. */
export async function listPushingAgencies(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom("open_data_settings")
    .select("agency_id")
    .where("ckan_enabled", "=", 1)
    .execute();
  return rows.map((r) => r.agency_id);
}

/** The agency's last push, as it went; undefined: never pushed. */
export async function lastOpenDataPush(db: Db, agencyId: string): Promise<OpenDataPushesTable | undefined> {
  return db
    .selectFrom("open_data_pushes")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
}
