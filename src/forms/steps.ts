import type { DraftApplicant } from "./draft.js";
import type { FormDefinition } from "./form-definition.js";
import { visibleFields } from "./visibility.js";

export type StepKind = "privacy" | "applicant" | "page" | "documents" | "check" | "sign";

/** One step of applying on the web; `path` follows `/apply/:token/`. */
export interface Step {
  kind: StepKind;
  path: string;
  pageId?: string;
}

/** What of a service the steps depend on (a ServiceDefinition fits). */
export interface StepsDefinition {
  form: FormDefinition;
  documents: readonly { appliesTo: "all" | "person" | "juristic" }[];
}

export interface StepsDraft {
  answers: Record<string, unknown>;
  applicant: DraftApplicant | null;
}

/** Every step in order, each marked whether it is taken for this draft. */
function allSteps(definition: StepsDefinition, draft: StepsDraft): (Step & { taken: boolean })[] {
  const shown = visibleFields(definition.form, draft.answers);
  const type = draft.applicant?.type;
  const hasDocuments = definition.documents.some(
    (d) => d.appliesTo === "all" || !type || d.appliesTo === type,
  );
  return [
    // PD-1: the privacy notice comes before anything is collected.
    { kind: "privacy", path: "privacy", taken: true },
    { kind: "applicant", path: "applicant", taken: true },
    ...definition.form.ui.pages.map((page) => ({
      kind: "page" as const,
      path: `q/${page.id}`,
      pageId: page.id,
      taken: page.fields.some((f) => shown.has(f)),
    })),
    { kind: "documents", path: "documents", taken: hasDocuments },
    { kind: "check", path: "check", taken: true },
    { kind: "sign", path: "sign", taken: true },
  ];
}

/**
 * The steps of applying for a service, in order: privacy notice → applicant → each form page not wholly
 * hidden by showIf → documents (when the checklist asks any of this applicant) → check your answers → sign.
 */
export function stepsOf(definition: StepsDefinition, draft: StepsDraft): Step[] {
  return allSteps(definition, draft)
    .filter((s) => s.taken)
    .map(({ taken: _taken, ...step }) => step);
}

/** The step after `current` (a path such as `q/shop`, even of a page now hidden); undefined after the last. */
export function nextStep(definition: StepsDefinition, draft: StepsDraft, current: string): Step | undefined {
  const all = allSteps(definition, draft);
  const at = all.findIndex((s) => s.path === current);
  const next = all.slice(at + 1).find((s) => s.taken);
  return next && { kind: next.kind, path: next.path, ...(next.pageId && { pageId: next.pageId }) };
}

/** The step before `current`; undefined before the first. */
export function previousStep(
  definition: StepsDefinition,
  draft: StepsDraft,
  current: string,
): Step | undefined {
  const all = allSteps(definition, draft);
  const at = all.findIndex((s) => s.path === current);
  if (at <= 0) return undefined;
  const previous = all
    .slice(0, at)
    .reverse()
    .find((s) => s.taken);
  return (
    previous && {
      kind: previous.kind,
      path: previous.path,
      ...(previous.pageId && { pageId: previous.pageId }),
    }
  );
}

/** The URL of a step of the draft whose resume token is `token`, under the agency's `basePath`. */
export const stepUrl = (basePath: string, token: string, step: Pick<Step, "path">): string =>
  `${basePath}/apply/${token}/${step.path}`;
