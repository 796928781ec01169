import type { ServicePageSection } from "../catalog/index.js";
import { html } from "../platform/html.js";
import { t } from "../platform/i18n/index.js";

/**
 * #16 faqbench (WB-1): the service page's way into the webboard: the topics about that service
 * (reading needs no account) and "ask a question" with the service already chosen (posting asks the
 * citizen to sign in, WB-2). Links only: the topics list itself is the webboard's page.
 */
export function webboardServiceSection(): ServicePageSection {
  return async (req, service) => {
    const base = req.basePath;
    const code = encodeURIComponent(service.code);
    return html`<section class="webboard" data-testid="service-webboard"><h2>${t(req.lang, "faqbench.service.webboard")}</h2>
<ul><li><a href="${base}/webboard?service=${code}">${t(req.lang, "faqbench.service.topics")}</a></li>
<li><a href="${base}/webboard/new?service=${code}">${t(req.lang, "faqbench.service.ask")}</a></li></ul></section>`;
  };
}
