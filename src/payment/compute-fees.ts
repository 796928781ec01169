import type { ServiceDefinition } from "../catalog/index.js";
import type { NoticeLine } from "./notice.js";

/**
 * PY-1: the fee lines a service version asks for once the application is approved, from its structured
 * fees and the application's answers. Fixed amounts in baht; a percentage needs a base the fee names.
 */
export function computeFees(definition: ServiceDefinition, _answers: Record<string, unknown>): NoticeLine[] {
  if (definition.noFee) return [];
  return definition.fees
    .filter((fee) => fee.unit === "baht" && fee.amount > 0)
    .map((fee) => ({ detail: fee.detail, amountSatang: Math.round(fee.amount * 100) }));
}
