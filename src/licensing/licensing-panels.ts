import type { MatterPanel } from "../casework/index.js";
import { licencePanel } from "./licence-panel.js";
import type { LicensingDeps } from "./licensing-deps.js";

/** The matter page's licensing panels (officers), in order; each part adds its own, one line each. */
export function licensingPanels(deps: LicensingDeps): MatterPanel[] {
  return [
    // #15 issuance
    licencePanel(deps),
  ];
}
