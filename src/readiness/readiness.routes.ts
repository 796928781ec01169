import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { html } from "../platform/html.js";
import { asForm } from "../platform/http/form-fields.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { formatDateTime } from "../platform/i18n/format.js";
import { t } from "../platform/i18n/index.js";
import { staffGuard } from "../staff/index.js";
import { assessLevels, overallLevel } from "./assess-levels.js";
import { findAssessment, listAssessments } from "./assessments.repo.js";
import { levelsTable, levelText, providesList } from "./levels.view.js";
import { type InstallConfig, readLiveState } from "./read-live-state.js";
import { readinessPdf } from "./readiness-pdf.js";
import { parseAnswers, saveAssessment } from "./save-assessment.js";
import { surveyView } from "./survey.view.js";

export interface ReadinessDeps {
  handle: DatabaseHandle;
  clock: Clock;
  config: InstallConfig;
}

/** RD-1: who assesses the agency's readiness. Other roles get 403. */
export const READINESS_ROLES = ["admin", "head_of_agency", "supervisor"] as const;

const ID = /^[0-9a-f-]{36}$/;

/**
 * #17 readiness: `GET /office/readiness` (the survey with its guidance, levels and tools ticked from the
 * live configuration), `POST /office/readiness` (saves a dated assessment), `GET /office/readiness/history`,
 * `GET /office/readiness/:id` (a past assessment as it was) and `GET /office/readiness/:id.pdf` (its report).
 */
export async function readinessRoutes(app: FastifyInstance, deps: ReadinessDeps): Promise<void> {
  const { handle, clock, config } = deps;
  const guard = staffGuard(handle.db, clock)(READINESS_ROLES);
  const base = (req: FastifyRequest) => `${req.basePath}/office/readiness`;

  app.get("/office/readiness", { schema: { hide: true }, preHandler: guard }, async (req, reply) => {
    const [latest] = await listAssessments(handle.db, req.agency.id, 1);
    const live = await readLiveState(handle.db, req.agency.id, config, clock.now());
    const answers = latest?.answers ?? {};
    const levels = assessLevels(live, answers);
    const body = html`<h1>${t(req.lang, "readiness.title")}</h1>
<p>${t(req.lang, "readiness.intro")}</p>
<p><a href="${base(req)}/history">${t(req.lang, "readiness.history")}</a></p>
<h2 id="overall">${t(req.lang, "readiness.overall", { level: levelText(req.lang, overallLevel(levels)) })}</h2>
<p>${t(req.lang, "readiness.current")}</p>
${levelsTable(req.lang, levels)}
${providesList(req.lang, live)}
${surveyView(req, { answers: latest?.answers, live, action: base(req) })}`;
    return sendOfficePage(req, reply, t(req.lang, "readiness.title"), body, { wide: true });
  });

  app.post("/office/readiness", { schema: { hide: true }, preHandler: guard }, async (req, reply) => {
    const answers = parseAnswers(asForm(req.body), req.lang);
    const now = clock.now();
    const live = await readLiveState(handle.db, req.agency.id, config, now);
    const saved = await saveAssessment(
      handle,
      { agencyId: req.agency.id, answers, live, at: now },
      { staffId: req.staffSession!.staff.id, ip: req.ip },
    );
    return reply.redirect(`${base(req)}/${saved.id}`, 303);
  });

  app.get("/office/readiness/history", { schema: { hide: true }, preHandler: guard }, async (req, reply) => {
    const list = await listAssessments(handle.db, req.agency.id);
    const when = (d: Date) => formatDateTime(req.lang, d, req.agency.timeZone);
    const table = list.length
      ? html`<div class="table-wrap" tabindex="0"><table id="readiness-history"><caption>${t(req.lang, "readiness.history")}</caption>
<thead><tr><th scope="col">${t(req.lang, "readiness.assessedAt")}</th><th scope="col">${t(req.lang, "readiness.level")}</th><th scope="col">PDF</th></tr></thead>
<tbody>${list.map((a) => html`<tr><td><a href="${base(req)}/${a.id}">${when(a.assessedAt)}</a></td><td>${levelText(req.lang, a.overallLevel)}</td><td><a href="${base(req)}/${a.id}.pdf">${t(req.lang, "readiness.pdf")}</a></td></tr>`)}</tbody></table></div>`
      : html`<p>${t(req.lang, "readiness.historyEmpty")}</p>`;
    const body = html`<h1>${t(req.lang, "readiness.history")}</h1>${table}`;
    return sendOfficePage(req, reply, t(req.lang, "readiness.history"), body);
  });

  app.get<{ Params: { id: string } }>(
    "/office/readiness/:id",
    { schema: { hide: true }, preHandler: guard },
    async (req, reply) => {
      const pdf = req.params.id.endsWith(".pdf");
      const id = pdf ? req.params.id.slice(0, -4) : req.params.id;
      const assessment = ID.test(id) ? await findAssessment(handle.db, req.agency.id, id) : undefined;
      if (!assessment) throw new AppError("READINESS_ASSESSMENT_NOT_FOUND");
      if (pdf)
        return reply
          .type("application/pdf")
          .header("content-disposition", `inline; filename="readiness-${id}.pdf"`)
          .header("cache-control", "no-store")
          .send(await readinessPdf(req.agency, assessment));
      const levels = assessLevels(assessment.live, assessment.answers);
      const date = formatDateTime(req.lang, assessment.assessedAt, req.agency.timeZone);
      const body = html`<h1>${t(req.lang, "readiness.title")}</h1>
<p>${t(req.lang, "readiness.saved", { date })}</p>
<p><a href="${base(req)}/${id}.pdf">${t(req.lang, "readiness.pdf")}</a> · <a href="${base(req)}/history">${t(req.lang, "readiness.history")}</a></p>
<h2 id="overall">${t(req.lang, "readiness.overall", { level: levelText(req.lang, assessment.overallLevel) })}</h2>
${levelsTable(req.lang, levels)}
${providesList(req.lang, assessment.live)}
${surveyView(req, { answers: assessment.answers, live: assessment.live })}`;
      return sendOfficePage(req, reply, t(req.lang, "readiness.title"), body, { wide: true });
    },
  );
}
