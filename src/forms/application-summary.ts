import type { ServiceDefinition } from "../catalog/index.js";
import type { DraftApplicant } from "./draft.js";

/**
 * The register entry's body: a readable summary of the application in Thai (the register's language),
 * so that an officer reading the register without opening the application sees what was asked.
 */
export function applicationSummary(
  def: ServiceDefinition,
  applicant: DraftApplicant,
  answers: Record<string, unknown>,
  documents: { documentId: string; filename: string }[],
): string {
  const lines = [`ผู้ยื่นคำขอ: ${applicant.name}${applicant.type === "juristic" ? " (นิติบุคคล)" : ""}`];
  if (applicant.actingPerson) lines.push(`ผู้ดำเนินการแทน: ${applicant.actingPerson.name}`);
  for (const page of def.form.ui.pages)
    for (const field of page.fields) {
      if (!(field in answers)) continue;
      const ui = def.form.ui.fields[field];
      const value = answers[field];
      const shown = ui?.options && typeof value === "string" ? (ui.options[value]?.th ?? value) : value;
      lines.push(`${ui?.label.th ?? field}: ${typeof shown === "string" ? shown : JSON.stringify(shown)}`);
    }
  for (const d of documents) {
    const item = def.documents.find((i) => i.id === d.documentId);
    lines.push(`เอกสาร: ${item?.name.th ?? d.documentId} — ${d.filename}`);
  }
  return lines.join("\n");
}
