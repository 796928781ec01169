import type { MatterPanel } from "../casework/index.js";
import type { LicensingDeps } from "./licensing-deps.js";

/** The matter page's licensing panels (officers), in order; each part adds its own, one line each. */
export function licensingPanels(deps: LicensingDeps): MatterPanel[] {
  void deps;
  return [];
}
