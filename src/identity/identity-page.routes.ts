import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { SmsGateway } from "../forms/index.js";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { boundFormToken, sameSecret } from "../platform/form-token.js";
import { errorText, shownLimits } from "../platform/http/form-errors.js";
import { asForm, formString } from "../platform/http/form-fields.js";
import { sendPage } from "../platform/http/layout.js";
import { type MultipartLimits, readMultipart } from "../platform/http/multipart.js";
import { type MessageKey, t } from "../platform/i18n/index.js";
import type { FileStore } from "../platform/storage/file-store.js";
import { findMatter, findTrackedEntry } from "../register/index.js";
import { adoptReusableProof } from "./accept-proof.js";
import { findIdentityNeed } from "./identity-need.js";
import { sendPhoneCode, verifyPhoneCode } from "./phone-codes.js";
import { submitCertificate } from "./submit-certificate.js";
import { submitEvidence } from "./submit-evidence.js";
import { useThaidProof } from "./use-thaid-proof.js";
import { identityPageView } from "./views/identity-page.view.js";

export interface IdentityPageDeps {
  handle: DatabaseHandle;
  clock: Clock;
  files: FileStore;
  secret: string;
  limits: MultipartLimits;
  sms?: SmsGateway;
  /** Whether the agency's ThaiD sign-in is set up (the sign-in part's settings). */
  thaidConfigured: boolean;
}

type TrackedRequest = FastifyRequest<{
  Params: { beYear: string; sequence: string };
  Querystring: { t?: unknown; done?: unknown };
}>;

/** The public forms have no session: a token bound to the matter (HMAC under the install's secret). */
const pageCsrf = (secret: string, matterId: string) => boundFormToken(secret, "identity-page", matterId);

const DONE = ["code-sent", "phone-verified", "evidence", "certificate", "thaid"] as const;

/**
 * ID-1, ID-2, ID-5, ID-6: the applicant's identity page, reached from the tracking page with its token:
 * `GET /requests/:beYear/:sequence/identity?t=` and its forms (ThaiD, phone code, evidence photo, signed
 * PDF). A wrong number or token is a 404 either way; every POST carries the page's token.
 */
export async function identityPageRoutes(app: FastifyInstance, deps: IdentityPageDeps) {
  const { handle, clock } = deps;
  const shown = shownLimits(deps.limits);

  async function tracked(req: TrackedRequest) {
    const { beYear, sequence } = req.params;
    const token = typeof req.query.t === "string" ? req.query.t : "";
    const entry = await findTrackedEntry(handle.db, deps.secret, req.agency.id, req.params, token);
    const matter = await findMatter(handle.db, req.agency.id, entry.matterId);
    const need = matter && (await findIdentityNeed(handle.db, handle.sealer, matter.id));
    if (!matter || !need) throw new AppError("ENTRY_NOT_FOUND");
    const base = `${req.basePath}/requests/${beYear}/${sequence}`;
    const page = `${base}/identity?t=${encodeURIComponent(token)}`;
    return { entry, matter, need, token, base, page };
  }

  async function show(req: TrackedRequest, reply: FastifyReply, error?: AppError) {
    const { matter, need, token, base, page } = await tracked(req);
    const at = clock.now();
    // ID-2: a proof from an earlier application of the same person counts at once.
    const state = await adoptReusableProof(handle.db, handle.sealer, {
      agencyId: req.agency.id,
      matterId: matter.id,
      at,
      need,
    });
    const q = `?t=${encodeURIComponent(token)}`;
    const codes = await handle.db
      .selectFrom("phone_proof_codes")
      .select(["verified_at", "used_at"])
      .where("matter_id", "=", matter.id)
      .where("used_at", "is", null)
      .execute();
    const pending = await handle.db
      .selectFrom("identity_proofs")
      .select("id")
      .where("matter_id", "=", matter.id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    const done = typeof req.query.done === "string" && (DONE as readonly string[]).includes(req.query.done);
    if (error) reply.code(error.status);
    return sendPage(req, reply, {
      title: t(req.lang, "identity.page.title", { receiptNumber: matter.receiptNumber }),
      body: identityPageView({
        lang: req.lang,
        receiptNumber: matter.receiptNumber,
        required: state?.required ?? "none",
        reached: state?.reached.assurance ?? "none",
        trackingHref: `${base}${q}`,
        actions: {
          thaidStart: `${req.basePath}/account/thaid/start?return=${encodeURIComponent(page)}`,
          thaidUse: `${base}/identity/thaid${q}`,
          phone: `${base}/identity/phone${q}`,
          verify: `${base}/identity/phone/verify${q}`,
          evidence: `${base}/identity/evidence${q}`,
          certificate: `${base}/identity/certificate${q}`,
        },
        csrf: pageCsrf(deps.secret, matter.id),
        thaidConfigured: deps.thaidConfigured,
        thaidSignedIn: req.citizen?.provider === "thaid",
        smsConfigured: !!deps.sms,
        phoneCodeSent: codes.length > 0,
        phoneVerified: codes.some((c) => c.verified_at !== null),
        evidencePending: !!pending,
        limits: shown,
        notice: done ? t(req.lang, `identity.done.${req.query.done}` as MessageKey) : undefined,
        error: error && errorText(req.lang, error),
      }),
    });
  }

  /** Checks the page's token (first part of a multipart body), then does the work and goes back (303). */
  async function act(
    req: TrackedRequest,
    reply: FastifyReply,
    work: (
      ctx: Awaited<ReturnType<typeof tracked>>,
      fields: Record<string, unknown>,
      files: Awaited<ReturnType<typeof readMultipart>>["files"],
    ) => Promise<(typeof DONE)[number]>,
  ) {
    if (req.headers["sec-fetch-site"] === "cross-site") throw new AppError("CSRF_FAILED");
    const ctx = await tracked(req);
    const expected = pageCsrf(deps.secret, ctx.matter.id);
    let fields: Record<string, unknown>;
    let files: Awaited<ReturnType<typeof readMultipart>>["files"] = [];
    if (req.isMultipart()) {
      req.pendingCsrfToken = expected;
      ({ fields, files } = await readMultipart(req, deps.limits));
    } else {
      fields = asForm(req.body);
      if (!sameSecret(fields._csrf, expected)) throw new AppError("CSRF_FAILED");
    }
    try {
      if (ctx.need.required === "none") throw new AppError("IDENTITY_NOT_REQUIRED");
      const done = await work(ctx, fields, files);
      return reply.redirect(`${ctx.page}&done=${done}`, 303);
    } catch (error) {
      // A refusal the applicant can act on is shown on the page itself, with its status.
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 404) throw error;
      return show(req, reply, error);
    }
  }

  const hide = { schema: { hide: true } };
  app.get("/requests/:beYear/:sequence/identity", hide, (req: TrackedRequest, reply) => show(req, reply));

  app.post("/requests/:beYear/:sequence/identity/phone", hide, (req: TrackedRequest, reply) =>
    act(req, reply, async ({ matter }, fields) => {
      const phone = formString(fields.phone, "phone", 20);
      await sendPhoneCode(
        handle.db,
        { sealer: handle.sealer!, sms: deps.sms },
        {
          agencyId: req.agency.id,
          matterId: matter.id,
          phone,
          receiptNumber: matter.receiptNumber,
          at: clock.now(),
        },
      );
      return "code-sent";
    }),
  );

  app.post("/requests/:beYear/:sequence/identity/phone/verify", hide, (req: TrackedRequest, reply) =>
    act(req, reply, async ({ matter }, fields) => {
      const code = formString(fields.code, "code", 10);
      await verifyPhoneCode(handle.db, { matterId: matter.id, code, at: clock.now() });
      return "phone-verified";
    }),
  );

  app.post("/requests/:beYear/:sequence/identity/evidence", hide, (req: TrackedRequest, reply) =>
    act(req, reply, async ({ matter }, _fields, files) => {
      const photo = files.find((f) => f.size > 0) ?? files[0];
      await submitEvidence(
        { handle, files: deps.files },
        { agencyId: req.agency.id, matterId: matter.id, photo, at: clock.now(), ip: req.ip },
      );
      return "evidence";
    }),
  );

  app.post("/requests/:beYear/:sequence/identity/certificate", hide, (req: TrackedRequest, reply) =>
    act(req, reply, async ({ matter }, _fields, files) => {
      const file = files.find((f) => f.size > 0);
      if (!file || file.refusal) throw new AppError("IDENTITY_CERTIFICATE_REFUSED", { reason: "unreadable" });
      await submitCertificate(
        { handle },
        { agencyId: req.agency.id, matterId: matter.id, pdf: file.bytes, at: clock.now(), ip: req.ip },
      );
      return "certificate";
    }),
  );

  app.post("/requests/:beYear/:sequence/identity/thaid", hide, (req: TrackedRequest, reply) =>
    act(req, reply, async ({ matter }) => {
      if (req.citizen?.provider !== "thaid") throw new AppError("IDENTITY_PROOF_NOT_FOUND");
      await useThaidProof(handle, {
        agencyId: req.agency.id,
        matterId: matter.id,
        accountId: req.citizen.accountId,
        at: clock.now(),
        ip: req.ip,
      });
      return "thaid";
    }),
  );
}
