import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { listUnits } from "../agencies/index.js";
import { findService, listServices } from "../catalog/index.js";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { type Html, html } from "../platform/html.js";
import { errorText } from "../platform/http/form-errors.js";
import { asForm, type Form, formString } from "../platform/http/form-fields.js";
import { csrfField, sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { staffGuard } from "../staff/index.js";
import { findChain } from "./approval.repo.js";
import { CHAIN_ROLES, type ChainLevel, type ChainRole, MAX_LEVELS } from "./chain.js";
import { setApprovalChain } from "./set-approval-chain.js";

const CODE = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** The levels as the form sent them: rows without a role are left out. */
function levelsOf(form: Form): ChainLevel[] {
  const levels: ChainLevel[] = [];
  for (let i = 1; i <= MAX_LEVELS; i++) {
    const role = formString(form[`level${i}Role`], `level${i}Role`, 40);
    if (!role) continue;
    levels.push({
      role: role as ChainRole,
      unitId: formString(form[`level${i}Unit`], `level${i}Unit`, 100) || null,
      label_th: formString(form[`level${i}LabelTh`], `level${i}LabelTh`, 300),
      label_en: formString(form[`level${i}LabelEn`], `level${i}LabelEn`, 300),
    });
  }
  return levels;
}

/** AP-1: the admins' pages that set each service's approval chain. */
export async function approvalChainRoutes(
  app: FastifyInstance,
  opts: { handle: DatabaseHandle; clock: Clock },
) {
  const { handle, clock } = opts;
  const admins = { preHandler: staffGuard(handle.db, clock)(["admin"]) };
  const base = (req: FastifyRequest) => `${req.basePath}/office/approval-chains`;

  app.get("/office/approval-chains", admins, async (req, reply) => {
    const services = await listServices(handle.db, req.agency.id);
    const rows = await Promise.all(
      services.map(async (s) => {
        const chain = await findChain(handle.db, req.agency.id, s.code);
        const levels = chain.levels.map((l) => (req.lang === "th" ? l.label_th : l.label_en)).join(" → ");
        const name = req.lang === "en" ? (s.name.en ?? s.name.th) : s.name.th;
        return html`<tr><td><a href="${base(req)}/${s.code}">${name}</a> <small>${s.code}</small></td><td>${levels}${chain.isDefault ? html` <small>(${t(req.lang, "approval.chain.default")})</small>` : ""}</td></tr>`;
      }),
    );
    return sendOfficePage(
      req,
      reply,
      t(req.lang, "approval.chain.title"),
      html`<h1>${t(req.lang, "approval.chain.title")}</h1><p class="hint">${t(req.lang, "approval.chain.intro")}</p>
<table><thead><tr><th>${t(req.lang, "approval.chain.service")}</th><th>${t(req.lang, "approval.chain.levels")}</th></tr></thead><tbody>${rows}</tbody></table>`,
    );
  });

  const editPage = async (
    req: FastifyRequest<{ Params: { code: string } }>,
    reply: FastifyReply,
    levels: ChainLevel[],
    notice?: Html,
  ) => {
    const units = await listUnits(handle.db, req.agency.id);
    const l = req.lang;
    const row = (i: number) => {
      const level = levels[i - 1];
      const option = (value: string, label: string, selected: boolean) =>
        html`<option value="${value}"${selected ? " selected" : ""}>${label}</option>`;
      return html`<fieldset><legend>${t(l, "approval.chain.level", { n: i })}</legend>
<label for="level${i}Role">${t(l, "approval.chain.role")}</label><select id="level${i}Role" name="level${i}Role">${option("", "—", !level)}${CHAIN_ROLES.map((r) => option(r, t(l, `role.${r}`), level?.role === r))}</select>
<label for="level${i}Unit">${t(l, "approval.chain.unit")}</label><select id="level${i}Unit" name="level${i}Unit">${option("", t(l, "approval.chain.anyUnit"), !level?.unitId)}${units.map((u) => option(u.id, l === "th" ? u.name_th : u.name_en, level?.unitId === u.id))}</select>
<label for="level${i}LabelTh">${t(l, "approval.chain.labelTh")}</label><input id="level${i}LabelTh" name="level${i}LabelTh" value="${level?.label_th ?? ""}">
<label for="level${i}LabelEn">${t(l, "approval.chain.labelEn")}</label><input id="level${i}LabelEn" name="level${i}LabelEn" value="${level?.label_en ?? ""}"></fieldset>`;
    };
    return sendOfficePage(
      req,
      reply,
      t(l, "approval.chain.title"),
      html`<h1>${t(l, "approval.chain.title")}: ${req.params.code}</h1>${notice ?? ""}
<p class="hint">${t(l, "approval.chain.intro")}</p>
<form method="post" action="${base(req)}/${req.params.code}">${csrfField(req)}
${Array.from({ length: MAX_LEVELS }, (_, i) => row(i + 1))}
<button type="submit">${t(l, "approval.chain.save")}</button></form>
<p><a href="${base(req)}">${t(l, "approval.chain.back")}</a></p>`,
    );
  };

  app.get<{ Params: { code: string } }>("/office/approval-chains/:code", admins, async (req, reply) => {
    const { code } = req.params;
    if (!CODE.test(code) || !(await findService(handle.db, req.agency.id, code)))
      throw new AppError("SERVICE_NOT_FOUND");
    return editPage(req, reply, (await findChain(handle.db, req.agency.id, code)).levels);
  });

  app.post<{ Params: { code: string } }>("/office/approval-chains/:code", admins, async (req, reply) => {
    const { code } = req.params;
    if (!CODE.test(code)) throw new AppError("SERVICE_NOT_FOUND");
    const form = asForm(req.body);
    const levels = levelsOf(form);
    try {
      const saved = await setApprovalChain(
        handle,
        { agencyId: req.agency.id, serviceCode: code, levels },
        { staffId: req.staffSession!.staff.id, at: clock.now(), ip: req.ip },
      );
      return editPage(
        req,
        reply,
        saved,
        html`<div class="ok" role="status"><p>${t(req.lang, "approval.chain.saved")}</p></div>`,
      );
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "VALIDATION_FAILED") throw error;
      reply.code(error.status);
      return editPage(
        req,
        reply,
        levels,
        html`<div class="errors" role="alert"><p>${errorText(req.lang, error)}</p><p>${error.code}</p></div>`,
      );
    }
  });
}
