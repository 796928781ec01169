import { compileExpression } from "filtrex";

/** PY-1: the only functions a fee formula may call; filtrex's others (log, sqrt, exists…) are refused. */
export const FORMULA_FUNCTIONS = ["min", "max", "ceil", "floor", "round"] as const;

const KEYWORDS = new Set(["and", "or", "not", "if", "then", "else", "mod", "in", "of"]);
// Names, with filtrex's dotted paths, and whether a call follows.
const NAME = /(?<![0-9A-Za-z_$.])([A-Za-z_$][A-Za-z0-9_$.]*)(\s*\()?/g;

export type FormulaProblem =
  | { reason: "syntax"; detail: string }
  | { reason: "function"; detail: string }
  | { reason: "quoted"; detail: string };

export interface CompiledFormula {
  /** The form fields the formula reads. */
  fields: string[];
  /** The value for these answers: a number, or undefined when it is not one (a field missing, a comparison). */
  evaluate: (answers: Record<string, number>) => number | undefined;
}

/**
 * A fee formula compiled by filtrex, with only `FORMULA_FUNCTIONS` and no strings or quoted names (a fee
 * is arithmetic over number fields), or the reason it cannot be.
 */
export function compileFormula(expression: string): CompiledFormula | FormulaProblem {
  if (/["'`]/.test(expression)) return { reason: "quoted", detail: expression };
  const fields = new Set<string>();
  for (const [, name = "", call] of expression.matchAll(NAME)) {
    if (call) {
      if (!(FORMULA_FUNCTIONS as readonly string[]).includes(name))
        return { reason: "function", detail: name };
    } else if (!KEYWORDS.has(name)) fields.add(name);
  }
  let run: (data: unknown) => unknown;
  try {
    run = compileExpression(expression);
  } catch (error) {
    return { reason: "syntax", detail: error instanceof Error ? (error.message.split("\n")[0] ?? "") : "" };
  }
  return {
    fields: [...fields],
    evaluate: (answers) => {
      // filtrex returns (does not throw) its runtime errors, e.g. a field with no answer.
      const value = run(answers);
      return typeof value === "number" ? value : undefined;
    },
  };
}

export const isFormulaProblem = (c: CompiledFormula | FormulaProblem): c is FormulaProblem => "reason" in c;
