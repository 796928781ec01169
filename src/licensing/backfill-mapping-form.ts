import { type Form, formString } from "../platform/http/form-fields.js";
import { type BackfillMapping, MAPPED_FACTS, type MappedFact } from "./backfill-mapping.js";

/**
 * The mapping as the import page's form sends it: `col.<fact>` names a header column (its index), and for
 * each column `i` a ticked `print.<i>` with `key.<i>`, `th.<i>`, `en.<i>` makes it a printed line. Indexes
 * outside the header map to nothing (checkMapping then names the fact). Throws FIELD_TOO_LONG.
 */
export function mappingFromForm(form: Form, header: readonly string[]): BackfillMapping {
  const column = (name: string) => {
    const text = formString(form[name], name, 4);
    return /^\d{1,2}$/.test(text) ? (header[Number(text)] ?? "\u0000") : "";
  };
  const columns = Object.fromEntries(MAPPED_FACTS.map((f) => [f, column(`col.${f}`)])) as Record<
    MappedFact,
    string
  >;
  const printed = header.flatMap((h, i) =>
    formString(form[`print.${i}`], `print.${i}`, 3) === "on"
      ? [
          {
            column: h,
            key: formString(form[`key.${i}`], `key.${i}`, 60).trim(),
            th: formString(form[`th.${i}`], `th.${i}`, 100).trim(),
            en: formString(form[`en.${i}`], `en.${i}`, 100).trim(),
          },
        ]
      : [],
  );
  return { columns, printed };
}
