import { type Lang, t } from "../platform/i18n/index.js";
import type { BackfillProblem } from "./backfill-check-rows.js";

/** A refused row's reason in the reader's language. */
export const backfillProblemText = (lang: Lang, problem: BackfillProblem): string =>
  t(lang, `backfill.problem.${problem.code}`, problem.params);
