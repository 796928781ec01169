import { calculateFees, type ServiceDefinition } from "../catalog/index.js";
import { AppError } from "../platform/errors.js";
import type { NoticeLine } from "./notice.js";

/**
 * PY-1: the fee lines a service version asks for once the application is approved, from its structured
 * fees (fixed, per unit, tiered, formula, percentage) and the application's answers, in exact satang.
 * @throws AppError FEE_NOT_COMPUTABLE (422) naming the first fee that cannot be computed and why: the
 *   officer sees it, and the approval it runs in does not happen, rather than a notice for a wrong amount.
 */
export function computeFees(definition: ServiceDefinition, answers: Record<string, unknown>): NoticeLine[] {
  const result = calculateFees(definition, answers);
  if (!result.ok) {
    const [first] = result.failures;
    throw new AppError(
      "FEE_NOT_COMPUTABLE",
      { fee: first?.detail.th ?? "", reason: first?.reason ?? "", about: first?.about ?? "" },
      { failures: result.failures },
    );
  }
  return result.lines.map((line) => ({
    detail: line.detail,
    amountSatang: line.amountSatang,
    ...(line.basis ? { basis: line.basis } : {}),
  }));
}
