import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { findServiceVersion } from "../catalog/index.js";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { html } from "../platform/html.js";
import { sendPage } from "../platform/http/layout.js";
import { t } from "../platform/i18n/index.js";
import { trackingToken } from "../register/index.js";
import type { CitizenSession } from "./citizen-sessions.js";
import { type Citizen, listMyDrafts, listMyRequests } from "./my-requests.js";
import { draftsList, type MyRequestLine, readsTable, requestsTable } from "./my-requests.view.js";
import { listMyDataReads } from "./my-requests-reads.js";
import type { AccountSection } from "./sign-in.routes.js";

export interface MyDataDeps {
  handle: DatabaseHandle;
  clock: Clock;
  /** The install's secret the tracking tokens are derived from. */
  secret: string;
}

/** A section of the account page (the sign-in part's seam): nothing when it has nothing to say. */

/** Items in the account page's sections; the pages list all. */
const SECTION_ROWS = 5;

/**
 * The signed-in citizen, or: a page asked for is sent to sign in and back here; anything else is 401.
 */
export function signedInCitizen(req: FastifyRequest, reply: FastifyReply): CitizenSession | undefined {
  if (req.citizen) return req.citizen;
  if (req.method === "GET") {
    void reply.redirect(`${req.basePath}/account/sign-in?return=${encodeURIComponent(req.url)}`, 303);
    return undefined;
  }
  throw new AppError("UNAUTHENTICATED");
}

const citizenOf = (s: CitizenSession): Citizen => ({ agencyId: s.agencyId, accountId: s.accountId });

async function requestLines(deps: MyDataDeps, req: FastifyRequest, session: CitizenSession) {
  const matters = await listMyRequests(deps.handle.db, citizenOf(session));
  return matters.map(
    (matter): MyRequestLine => ({
      matter,
      trackingHref: `${req.basePath}/requests/${matter.firstEntry.beYear}/${matter.firstEntry.sequence}?t=${trackingToken(deps.secret, matter.firstEntry.id)}`,
    }),
  );
}

async function draftLines(deps: MyDataDeps, req: FastifyRequest, session: CitizenSession) {
  const drafts = await listMyDrafts(deps.handle.db, citizenOf(session), deps.clock.now());
  return Promise.all(
    drafts.map(async (draft) => {
      const name = (await findServiceVersion(deps.handle.db, draft.serviceVersionId))?.definition.name;
      return { draft, service: (req.lang === "en" ? name?.en : undefined) ?? name?.th ?? "" };
    }),
  );
}

/** PD-6: the account page's "my requests": the newest few, the drafts, and a link to all. */
export function myRequestsSection(deps: MyDataDeps): AccountSection {
  return async (req) => {
    if (!req.citizen) return undefined;
    const lines = await requestLines(deps, req, req.citizen);
    return html`<section aria-labelledby="my-requests"><h2 id="my-requests">${t(req.lang, "myData.requestsTitle")}</h2>
${requestsTable(req, lines.slice(0, SECTION_ROWS))}
${lines.length > SECTION_ROWS ? html`<p><a href="${req.basePath}/account/requests">${t(req.lang, "myData.all")}</a></p>` : ""}
${draftsList(req, await draftLines(deps, req, req.citizen))}</section>`;
  };
}

/** PD-6: the account page's "who read my data": the latest reads and a link to all. */
export function whoReadSection(deps: MyDataDeps): AccountSection {
  return async (req) => {
    if (!req.citizen) return undefined;
    const reads = await listMyDataReads(deps.handle.db, citizenOf(req.citizen), 0, SECTION_ROWS);
    return html`<section aria-labelledby="who-read"><h2 id="who-read">${t(req.lang, "myData.readsTitle")}</h2>
${readsTable(req, reads.rows)}
${reads.more ? html`<p><a href="${req.basePath}/account/reads">${t(req.lang, "myData.allReads")}</a></p>` : ""}</section>`;
  };
}

/** PD-6: "my requests" and "who read my data" as pages of their own (the account page shows a few). */
export async function myDataRoutes(app: FastifyInstance, deps: MyDataDeps) {
  app.get<{ Querystring: { linked?: string } }>("/account/requests", async (req, reply) => {
    const session = signedInCitizen(req, reply);
    if (!session) return reply;
    const lines = await requestLines(deps, req, session);
    const linked = req.query.linked === "1";
    const body = html`<h1>${t(req.lang, "myData.requestsTitle")}</h1>
${linked ? html`<p class="notice ok" role="status">${t(req.lang, "myData.lineLinked")}</p>` : ""}
<p>${t(req.lang, "myData.requestsHow")}</p>
${requestsTable(req, lines)}
${draftsList(req, await draftLines(deps, req, session))}
<p>${t(req.lang, "myData.lineHint")}</p>`;
    return sendPage(req, reply, { title: t(req.lang, "myData.requestsTitle"), body, wide: true });
  });

  app.get<{ Querystring: { page?: string } }>("/account/reads", async (req, reply) => {
    const session = signedInCitizen(req, reply);
    if (!session) return reply;
    const given = req.query.page ?? "0";
    if (typeof given !== "string" || !/^\d{1,4}$/.test(given))
      throw new AppError("VALIDATION_FAILED", { detail: "page" });
    const page = Number(given);
    const reads = await listMyDataReads(deps.handle.db, citizenOf(session), page);
    const href = (p: number) => `${req.basePath}/account/reads?page=${p}`;
    const body = html`<h1>${t(req.lang, "myData.readsTitle")}</h1>
<p>${t(req.lang, "myData.readsHow")}</p>
${readsTable(req, reads.rows)}
<nav class="pages">${page > 0 ? html`<a href="${href(page - 1)}">${t(req.lang, "myData.newer")}</a> ` : ""}${reads.more ? html`<a href="${href(page + 1)}">${t(req.lang, "myData.older")}</a>` : ""}</nav>`;
    return sendPage(req, reply, { title: t(req.lang, "myData.readsTitle"), body, wide: true });
  });
}
