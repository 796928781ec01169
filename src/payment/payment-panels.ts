import type { MatterPanel } from "../casework/index.js";
import { noticesPanel } from "./notices-panel.js";
import type { PaymentDeps } from "./payment-deps.js";

/** The matter page's payment panels (officers): notices, slips, receipts, in this order. */
export function paymentPanels(deps: PaymentDeps): MatterPanel[] {
  void deps;
  return [
    // #14 parts: one line each
    // #14 notice
    noticesPanel(deps),
  ];
}
