import { recordAudit } from "../audit/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, type Db, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { type AgencyFacts, defaultPage } from "./default-pages.js";

/** WS-2: the pages the footer links to, in the footer's order. */
export const SITE_SLUGS = ["contact", "terms", "privacy-policy", "privacy-notice", "security"] as const;
export type SiteSlug = (typeof SITE_SLUGS)[number];

export const isSiteSlug = (slug: string): slug is SiteSlug =>
  (SITE_SLUGS as readonly string[]).includes(slug);

export interface SitePage {
  slug: SiteSlug;
  titleTh: string;
  titleEn: string;
  bodyTh: string;
  bodyEn: string;
  /** Undefined while the shipped default is shown. */
  updatedAt?: Date;
}

export type SitePageText = Pick<SitePage, "titleTh" | "titleEn" | "bodyTh" | "bodyEn">;

/** The agency's text of a footer page, else the default. Throws SITE_PAGE_NOT_FOUND for another slug. */
export async function getSitePage(
  db: Db,
  agencyId: string,
  slug: string,
  facts: AgencyFacts,
): Promise<SitePage> {
  if (!isSiteSlug(slug)) throw new AppError("SITE_PAGE_NOT_FOUND");
  const row = await db
    .selectFrom("site_pages")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (!row) return { slug, ...defaultPage(slug, facts) };
  return {
    slug,
    titleTh: row.title_th,
    titleEn: row.title_en,
    bodyTh: row.body_th,
    bodyEn: row.body_en,
    updatedAt: new Date(row.updated_at),
  };
}

/**
 * WS-2: saves an agency's own text of a footer page, audited as `site.page-saved`. An empty field keeps
 * the default's text for it. Throws SITE_PAGE_NOT_FOUND.
 */
export async function saveSitePage(
  handle: DatabaseHandle,
  agencyId: string,
  slug: string,
  text: SitePageText,
  facts: AgencyFacts,
  ctx: { clock: Clock; actor: string; ip?: string },
): Promise<SitePage> {
  if (!isSiteSlug(slug)) throw new AppError("SITE_PAGE_NOT_FOUND");
  const fallback = defaultPage(slug, facts);
  const pick = (key: keyof SitePageText) => text[key].trim() || fallback[key];
  const now = ctx.clock.now().toISOString();
  const values = {
    title_th: pick("titleTh"),
    title_en: pick("titleEn"),
    body_th: pick("bodyTh"),
    body_en: pick("bodyEn"),
    updated_at: now,
    updated_by: ctx.actor,
  };
  await withTransaction(handle, async (trx) => {
    await trx
      .insertInto("site_pages")
      .values({ agency_id: agencyId, slug, ...values })
      .onConflict((oc) => oc.columns(["agency_id", "slug"]).doUpdateSet(values))
      .execute();
    await recordAudit(trx, {
      agencyId,
      actor: ctx.actor,
      action: "site.page-saved",
      subjectType: "site_page",
      subjectId: slug,
      data: { slug, titleTh: values.title_th, titleEn: values.title_en },
      ip: ctx.ip,
      at: now,
    });
  });
  return getSitePage(handle.db, agencyId, slug, facts);
}
