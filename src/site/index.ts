export { siteRoutes } from "./site.routes.js";
export {
  getSitePage,
  isSiteSlug,
  SITE_SLUGS,
  type SitePage,
  type SiteSlug,
  saveSitePage,
} from "./site-pages.js";
