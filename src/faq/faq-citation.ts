import { AppError } from "../platform/errors.js";

/** WB-3: what an answer may cite: the regulation, when it took effect, the date it holds as of. */
export interface FaqCitation {
  regulation?: string | null;
  regulationEffectiveOn?: string | null;
  holdsAsOf?: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const isDate = (text: string) => {
  if (!DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
};

/**
 * A citation as stored: all empty (none) or a regulation with both dates as real CE dates (YYYY-MM-DD);
 * a regulation without its dates, or dates without a regulation, is refused (FAQ_ENTRY_INVALID).
 */
export function checkCitation(input: FaqCitation): Required<FaqCitation> {
  const regulation = (input.regulation ?? "").trim();
  const effective = (input.regulationEffectiveOn ?? "").trim();
  const asOf = (input.holdsAsOf ?? "").trim();
  if (!regulation && !effective && !asOf)
    return { regulation: null, regulationEffectiveOn: null, holdsAsOf: null };
  if (!regulation || regulation.length > 500)
    throw new AppError("FAQ_ENTRY_INVALID", { field: "regulation" }, { field: "regulation" });
  if (!isDate(effective))
    throw new AppError(
      "FAQ_ENTRY_INVALID",
      { field: "regulationEffectiveOn" },
      { field: "regulationEffectiveOn" },
    );
  if (!isDate(asOf)) throw new AppError("FAQ_ENTRY_INVALID", { field: "holdsAsOf" }, { field: "holdsAsOf" });
  return { regulation, regulationEffectiveOn: effective, holdsAsOf: asOf };
}
