import type { FormDefinition } from "./form-definition.js";

/**
 * The fields shown for these answers: a field with `showIf` is shown only when its controlling field is
 * itself shown and holds one of the listed values (for a list of choices, any of them). A hidden field
 * is neither asked, nor required, nor kept.
 */
export function visibleFields(form: FormDefinition, answers: Record<string, unknown>): Set<string> {
  const fields = form.ui?.fields ?? {};
  const shown = new Map<string, boolean>();
  const isShown = (name: string, depth: number): boolean => {
    const known = shown.get(name);
    if (known !== undefined) return known;
    const showIf = fields[name]?.showIf;
    let result = true;
    if (showIf) {
      // A loop of showIf (refused at import) hides the field rather than recursing forever.
      const value = Object.hasOwn(answers, showIf.field) ? answers[showIf.field] : undefined;
      const values = Array.isArray(value) ? value : [value];
      result =
        depth < 32 &&
        isShown(showIf.field, depth + 1) &&
        values.some((v) => showIf.in.some((wanted) => wanted === v));
    }
    shown.set(name, result);
    return result;
  };
  const properties = (form.schema.properties ?? {}) as Record<string, unknown>;
  return new Set(Object.keys(properties).filter((name) => isShown(name, 0)));
}
