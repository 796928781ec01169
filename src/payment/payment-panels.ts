import type { MatterPanel } from "../casework/index.js";
import { noticesPanel } from "./notices-panel.js";
import type { PaymentDeps } from "./payment-deps.js";
import { receiptsPanel } from "./receipts-section.js";
import { slipsPanel } from "./slips-panel.js";

/** The matter page's payment panels (officers): notices, slips, receipts, in this order. */
export function paymentPanels(deps: PaymentDeps): MatterPanel[] {
  return [noticesPanel(deps), slipsPanel(deps), receiptsPanel(deps)];
}
