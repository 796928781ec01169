import type { MatterPanel } from "../casework/index.js";
import { html } from "../platform/html.js";
import { t } from "../platform/i18n/index.js";
import type { PaymentDeps } from "./payment-deps.js";
import { listMatterSlips } from "./slips.repo.js";
import { slipCard } from "./slips.view.js";
import { FINANCE_ROLES, slipViewOf } from "./slips-office.routes.js";

/** PY-2: the matter page's slips; a finance officer decides them here as on the queue. */
export function slipsPanel(deps: PaymentDeps): MatterPanel {
  return async (req, matter) => {
    const slips = await listMatterSlips(deps.handle.db, matter.id);
    if (slips.length === 0) return undefined;
    const canDecide = (req.officeUser?.roles ?? []).some((r) =>
      (FINANCE_ROLES as readonly string[]).includes(r),
    );
    const cards = [];
    for (const slip of slips)
      cards.push(slipCard(req, { ...(await slipViewOf(deps, slip)), back: "matter", canDecide }));
    return html`<section><h2>${t(req.lang, "slips.panel.title")}</h2>${cards}</section>`;
  };
}
