import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { findAgency } from "../agencies/index.js";
import { listPublishedVersions } from "../catalog/index.js";
import { AppError } from "../platform/errors.js";
import { sendPage } from "../platform/http/layout.js";
import { t } from "../platform/i18n/index.js";
import { type Licence, verificationUrl } from "./licence.js";
import { licenceQrPng } from "./licence-pdf.js";
import { registerCsv, registerJson, registerRecords, registerXlsx } from "./licence-register-export.js";
import { registerMetadata } from "./licence-register-metadata.js";
import type { LicensingDeps } from "./licensing-deps.js";
import { parseRegisterParams, registerHref, registerQuery } from "./public-register.query.js";
import {
  displayedLicenceAt,
  findCurrentEdition,
  findRegisterLicence,
  listRegisterLicences,
  MAX_DISPLAY_INDEX,
} from "./public-register.repo.js";
import { publicLicenceReader } from "./register-public-fields.js";
import { DISPLAY_CSS, displayPage } from "./views/licence-display.view.js";
import { registerLicenceView, registerListView } from "./views/public-register.view.js";

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DEFAULT_SECONDS = 10;

/** A whole number within [min, max] from a query parameter; absent: `fallback`; else LICENCE_REGISTER_QUERY_INVALID. */
function boundedInt(raw: unknown, name: string, min: number, max: number, fallback: number): number {
  if (raw === undefined || raw === "") return fallback;
  const value = typeof raw === "string" && /^\d{1,7}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= max)) throw new AppError("LICENCE_REGISTER_QUERY_INVALID", { param: name });
  return value;
}

/**
 * #15 register (PR-1, PR-2, PR-4, LC-3, s.13): the public register of licences, read-only and without
 * sign-in: the list with Thai search, each licence as printed, a display mode for a screen at the
 * premises, and the open-data exports with their data.go.th description.
 */
export async function publicRegisterRoutes(app: FastifyInstance, deps: LicensingDeps) {
  const db = deps.handle.db;
  const agencyOf = async (req: FastifyRequest) => {
    const agency = await findAgency(db, req.agency.id);
    if (!agency) throw new AppError("AGENCY_NOT_FOUND");
    return agency;
  };
  const registerServices = async (agencyId: string) =>
    (await listPublishedVersions(db, agencyId))
      .filter((v) => v.definition.displaysLicence && v.definition.licence)
      .map((v) => ({ code: v.definition.code, name: v.definition.name }));
  // PR-1, PR-2: the pages show what the exports publish, no line more (a reader per request, so a
  // service version edited since is read afresh).
  const published = (licence: Licence) => publicLicenceReader(db)(licence);

  app.get("/licences", { schema: { hide: true } }, async (req, reply) => {
    const params = parseRegisterParams(req.query);
    const [page, services, licence] = await Promise.all([
      listRegisterLicences(db, req.agency.id, registerQuery(params)),
      registerServices(req.agency.id),
      deps.openDataLicence?.(req.agency.id),
    ]);
    const licences = await Promise.all(page.licences.map(publicLicenceReader(db)));
    const body = registerListView({
      lang: req.lang,
      base: req.basePath,
      params,
      services,
      licence,
      licences,
      next: page.next,
    });
    return sendPage(req, reply, { title: t(req.lang, "licenceRegister.title"), body, wide: true });
  });

  app.get("/licences/display.css", { schema: { hide: true } }, async (_req, reply) =>
    reply.type("text/css; charset=utf-8").header("cache-control", "public, max-age=3600").send(DISPLAY_CSS),
  );

  // LC-3 (s.13): one licence at a time for a screen at the premises; the page itself moves on, no script.
  app.get("/licences/display", { schema: { hide: true } }, async (req, reply) => {
    const raw = (req.query ?? {}) as Record<string, unknown>;
    const { service } = parseRegisterParams({ service: raw.service });
    const index = boundedInt(raw.i, "i", 0, MAX_DISPLAY_INDEX, 0);
    const seconds = boundedInt(raw.seconds, "seconds", 5, 120, DEFAULT_SECONDS);
    const agency = await agencyOf(req);
    const shown = await displayedLicenceAt(db, agency.id, service || undefined, index);
    const path = `${req.basePath}/licences/display`;
    const nextIndex = shown && shown.index + 1 <= MAX_DISPLAY_INDEX ? shown.index + 1 : 0;
    const link = {
      service,
      seconds: raw.seconds === undefined ? undefined : String(seconds),
      lang: req.lang,
    };
    const qrPng =
      shown && agency.licenceOrigin
        ? await licenceQrPng(verificationUrl(agency.licenceOrigin, shown.licence))
        : undefined;
    return reply
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-store")
      .send(
        displayPage({
          lang: req.lang,
          agencyName: req.lang === "th" ? agency.nameTh : agency.nameEn,
          title: t(req.lang, "licenceRegister.title"),
          seconds,
          nextHref: registerHref(path, { ...link, i: String(nextIndex) }),
          cssHref: `${req.basePath}/licences/display.css`,
          licence: shown && (await published(shown.licence)),
          qrPng,
        }),
      );
  });

  app.get<{ Params: { id: string } }>("/licences/:id", { schema: { hide: true } }, async (req, reply) => {
    const licence = ID.test(req.params.id)
      ? await findRegisterLicence(db, req.agency.id, req.params.id)
      : undefined;
    if (!licence) throw new AppError("LICENCE_NOT_FOUND");
    const agency = await agencyOf(req);
    const current = licence.supersededBy ? await findCurrentEdition(db, agency.id, licence) : undefined;
    const verifyUrl = agency.licenceOrigin ? verificationUrl(agency.licenceOrigin, licence) : null;
    const body = registerLicenceView({
      lang: req.lang,
      base: req.basePath,
      licence: await published(licence),
      verifyUrl,
      current,
    });
    return sendPage(req, reply, {
      title: `${licence.number} — ${t(req.lang, "licenceRegister.title")}`,
      body,
    });
  });

  const exportRoute = (ext: string, type: string, write: typeof registerCsv) =>
    app.get(`/licences.${ext}`, { schema: { hide: true } }, async (req, reply: FastifyReply) => {
      const agency = await agencyOf(req);
      return reply
        .type(type)
        .header("content-disposition", `attachment; filename="licences-${agency.id}.${ext}"`)
        .header("cache-control", "no-cache")
        .send(write(registerRecords(db, agency.id, agency.licenceOrigin)));
    });
  exportRoute("csv", "text/csv; charset=utf-8", registerCsv);
  exportRoute("json", "application/json; charset=utf-8", registerJson);
  exportRoute("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", registerXlsx);

  app.get("/licences/metadata.json", { schema: { hide: true } }, async (req, reply) => {
    const agency = await agencyOf(req);
    const site = agency.licenceOrigin ?? `${deps.publicUrl.replace(/\/+$/, "")}${req.basePath}`;
    return reply
      .type("application/json; charset=utf-8")
      .header("cache-control", "no-cache")
      .send(
        registerMetadata(
          agency,
          `${site}/licences`,
          deps.clock.now(),
          await deps.openDataLicence?.(agency.id),
        ),
      );
  });
}
