import type { MatterPanel } from "../casework/index.js";
import type { PaymentDeps } from "./payment-deps.js";
// #14 receipts
import { receiptsPanel } from "./receipts-section.js";
// #14 slips
import { slipsPanel } from "./slips-panel.js";

/** The matter page's payment panels (officers): notices, slips, receipts, in this order. */
export function paymentPanels(deps: PaymentDeps): MatterPanel[] {
  void deps;
  return [
    // #14 parts: one line each
    // #14 receipts
    receiptsPanel(deps),
    // #14 slips
    slipsPanel(deps),
  ];
}
