import { formatDateTime } from "../platform/i18n/format.js";
import { t } from "../platform/i18n/index.js";
import { createThaiPdf } from "../platform/pdf/index.js";
import { assessLevels } from "./assess-levels.js";
import type { Assessment } from "./assessments.repo.js";
import { capabilityText, levelText, tickText } from "./levels.view.js";
import { CAPABILITIES, PROCESSES } from "./processes.js";
import { SURVEY_ITEMS } from "./survey.js";
import { LEVELS } from "./survey-types.js";

/**
 * RD-1, RD-2: the printable report of one saved assessment, in Thai: the agency's level, each process's
 * level with its tools ticked as they were that day, the survey's answers and notes, and what the
 * install provided. It reads the saved row only, so the report of a past day never changes.
 */
export async function readinessPdf(
  agency: { nameTh: string; timeZone: string },
  assessment: Assessment,
): Promise<Buffer> {
  const lang = "th";
  const levels = assessLevels(assessment.live, assessment.answers);
  const pdf = createThaiPdf({
    title: t(lang, "readiness.title"),
    lang,
    author: agency.nameTh,
    subject: "Readiness self-assessment",
    createdAt: assessment.assessedAt,
  });
  pdf.paragraph(agency.nameTh, { bold: true, size: 18, center: true });
  pdf.paragraph(t(lang, "readiness.title"), { bold: true, size: 20, center: true });
  pdf.paragraph(
    `${t(lang, "readiness.assessedAt")} ${formatDateTime(lang, assessment.assessedAt, agency.timeZone)}`,
    { center: true },
  );
  pdf.space(0.5);
  pdf.paragraph(t(lang, "readiness.overall", { level: levelText(lang, assessment.overallLevel) }), {
    bold: true,
    size: 16,
  });
  pdf.heading(t(lang, "readiness.levels"), 2);
  for (const p of levels) {
    const process = PROCESSES.find((one) => one.id === p.processId)!;
    pdf.paragraph(`${process.name.th}: ${levelText(lang, p.level)}`, { bold: true });
    pdf.list(
      LEVELS.flatMap((level) =>
        p.tools[level].map((s) => `${levelText(lang, level)} — ${s.tool.name.th}: ${tickText(lang, s)}`),
      ),
    );
  }
  pdf.paragraph(t(lang, "readiness.rule"), { size: 11 });
  pdf.heading(t(lang, "readiness.survey"), 2);
  pdf.rows(
    SURVEY_ITEMS.map((item) => {
      const answer = assessment.answers[item.id];
      const value = answer ? t(lang, `readiness.answer.${answer.value}`) : "–";
      return { label: item.title.th, value: answer?.note ? `${value} — ${answer.note}` : value };
    }),
  );
  pdf.heading(t(lang, "readiness.provides"), 2);
  pdf.rows(
    CAPABILITIES.map((c) => ({
      label: capabilityText(lang, c),
      value: assessment.live[c] ? t(lang, "readiness.yes") : t(lang, "readiness.no"),
    })),
  );
  return pdf.toBuffer();
}
