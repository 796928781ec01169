import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { errorText } from "../platform/http/form-errors.js";
import { asForm, type Form, formString } from "../platform/http/form-fields.js";
import { type MultipartLimits, readMultipart } from "../platform/http/multipart.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { isPdfSignatureVerifierAvailable } from "../platform/pdf/index.js";
import { findStaffName, staffGuard } from "../staff/index.js";
import { addTrustRoot, listTrustRoots, removeTrustRoot } from "./trust-roots.js";
import { type Notice, trustRootsView } from "./views/trust-roots.view.js";

export interface TrustRootsRoutesDeps {
  handle: DatabaseHandle;
  clock: Clock;
  limits: MultipartLimits;
}

/**
 * RV-4: `/office/review/trust-roots`, admins only: the CA certificates the agency trusts for signatures
 * in submitted PDFs; add one by pasting PEM or uploading a .pem/.crt/.cer (PEM or DER), remove one.
 * Every change is audited; a refused certificate is said why (not a CA, expired, unreadable).
 */
export async function trustRootsRoutes(app: FastifyInstance, deps: TrustRootsRoutesDeps) {
  const { handle, clock } = deps;
  const guard = staffGuard(handle.db, clock);
  const admins = { schema: { hide: true }, preHandler: guard(["admin"]) };
  const uploads = { schema: { hide: true }, preHandler: guard(["admin"], { multipart: true }) };
  const ctx = (req: FastifyRequest) => ({ clock, actor: `staff:${req.staffSession!.staff.id}`, ip: req.ip });

  async function show(req: FastifyRequest, reply: FastifyReply, notices: Notice[] = []) {
    const roots = await listTrustRoots(handle.db, req.agency.id);
    const addedBy = new Map<string, string>();
    for (const by of new Set(roots.map((r) => r.added_by)))
      addedBy.set(by, (await findStaffName(handle.db, by.replace(/^staff:/, ""))) ?? by);
    const verifierAvailable = await isPdfSignatureVerifierAvailable();
    return sendOfficePage(
      req,
      reply,
      t(req.lang, "review.roots.title"),
      trustRootsView(req, roots, { notices, verifierAvailable, addedBy }),
    );
  }

  async function failed(req: FastifyRequest, reply: FastifyReply, error: unknown) {
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    // A client that does not read pages (the API, a script) gets the error's code, as everywhere.
    if (!(req.headers.accept ?? "").includes("text/html")) throw error;
    reply.code(error.status);
    return show(req, reply, [{ kind: "error", text: errorText(req.lang, error) }]);
  }

  app.get("/office/review/trust-roots", admins, (req, reply) => show(req, reply));

  app.post("/office/review/trust-roots", uploads, async (req, reply) => {
    let fields: Form;
    let file: Uint8Array | undefined;
    if (req.isMultipart()) {
      const body = await readMultipart(req, deps.limits);
      fields = body.fields;
      const upload = body.files[0];
      if (upload?.refusal)
        return failed(req, reply, new AppError("TRUST_ROOT_INVALID", { detail: upload.refusal }));
      file = upload?.bytes;
    } else fields = asForm(req.body);
    try {
      const pem = formString(fields.pem, "pem", 20_000).trim();
      const certificate = pem || file;
      if (!certificate) throw new AppError("TRUST_ROOT_INVALID", { detail: "empty" });
      const root = await addTrustRoot(
        handle,
        req.agency.id,
        { name: formString(fields.name, "name", 200), certificate },
        ctx(req),
      );
      return show(req, reply, [{ kind: "ok", text: t(req.lang, "review.roots.added", { name: root.name }) }]);
    } catch (error) {
      return failed(req, reply, error);
    }
  });

  app.post<{ Params: { rootId: string } }>(
    "/office/review/trust-roots/:rootId/remove",
    admins,
    async (req, reply) => {
      const root = (await listTrustRoots(handle.db, req.agency.id)).find((r) => r.id === req.params.rootId);
      try {
        await removeTrustRoot(handle, req.agency.id, req.params.rootId, ctx(req));
        return show(req, reply, [
          { kind: "ok", text: t(req.lang, "review.roots.removed", { name: root?.name ?? "" }) },
        ]);
      } catch (error) {
        return failed(req, reply, error);
      }
    },
  );
}
