import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import type { Lang } from "../platform/i18n/index.js";
import { renderBlankFormPdf } from "./blank-form-pdf.js";
import { renderManualPdf } from "./manual-pdf.js";
import { findCurrentVersion, type ServiceVersion } from "./service-versions.repo.js";

const CODE = /^[a-z0-9-]{1,64}$/;
const CACHED = 64;
type Render = (version: ServiceVersion, agency: FastifyRequest["agency"], lang: Lang) => Promise<Buffer>;

/**
 * CM-1 and FM-1: the current version's citizen manual and its blank form as PDF, under every public
 * prefix. A published version never changes, so each PDF is made once per version and language and kept
 * (a few dozen at most): a crowd asking for the same manual costs one rendering.
 */
export async function serviceDocumentRoutes(app: FastifyInstance, opts: { db: Db }) {
  const cache = new Map<string, Promise<Buffer>>();
  const cached = (key: string, make: () => Promise<Buffer>) => {
    let pdf = cache.get(key);
    if (!pdf) {
      pdf = make();
      pdf.catch(() => cache.delete(key));
      cache.set(key, pdf);
      if (cache.size > CACHED) cache.delete(cache.keys().next().value as string);
    }
    return pdf;
  };

  const send = (kind: string, render: Render) => async (req: FastifyRequest, reply: FastifyReply) => {
    const { code } = req.params as { code: string };
    const version = CODE.test(code) ? await findCurrentVersion(opts.db, req.agency.id, code) : undefined;
    if (!version) throw new AppError("SERVICE_NOT_FOUND");
    // #18 shared: the PDF prints the agency's settings too (names, address, phones): a change to them,
    // made through any process, reaches this one's agency list and so makes a new key here.
    const settings = createHash("sha256").update(JSON.stringify(req.agency)).digest("base64url");
    const pdf = await cached(`${version.id}|${req.lang}|${kind}|${settings}`, () =>
      render(version, req.agency, req.lang),
    );
    return reply
      .type("application/pdf")
      .header("content-disposition", `inline; filename="${code}-${kind}-v${version.version}.pdf"`)
      .header("x-content-type-options", "nosniff")
      .send(pdf);
  };

  app.get("/services/:code/manual.pdf", { schema: { hide: true } }, send("manual", renderManualPdf));
  app.get("/services/:code/form.pdf", { schema: { hide: true } }, send("form", renderBlankFormPdf));
}
