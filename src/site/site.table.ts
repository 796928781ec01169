import type { Selectable } from "kysely";

/** WS-2: an agency's own text of one footer page; absent means the shipped default. */
export interface SitePagesTable {
  agency_id: string;
  slug: string;
  title_th: string;
  title_en: string;
  body_th: string;
  body_en: string;
  updated_at: string;
  updated_by: string;
}

export type SitePageRow = Selectable<SitePagesTable>;
