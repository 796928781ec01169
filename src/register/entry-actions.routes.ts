import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../platform/errors.js";
import { errorText } from "../platform/http/form-errors.js";
import { asForm, type Form, formOptional, formString } from "../platform/http/form-fields.js";
import { t } from "../platform/i18n/index.js";
import { confirmSenderAddress } from "./confirm-sender-address.js";
import type { ShowEntry } from "./entry.routes.js";
import { markMisdirected } from "./misdirected.js";
import { assignUnit, cancelEntry, linkToMatter } from "./officer-actions.js";
import { recordAcknowledgement } from "./record-acknowledgement.js";
import type { RegisterRouteContext } from "./register-routes.context.js";
import { ENTRY_LABELS } from "./views/entry.view.js";

/** The officers' acts on an entry: each answers with the entry's page, saying what was done or why not. */
export function entryActionRoutes(app: FastifyInstance, ctx: RegisterRouteContext, showEntry: ShowEntry) {
  const { handle, readers, officer } = ctx;
  const act = (
    name: string,
    run: (req: FastifyRequest<{ Params: { id: string } }>, body: Form) => Promise<void>,
  ) =>
    app.post<{ Params: { id: string } }>(`/office/entries/:id/${name}`, readers, async (req, reply) => {
      try {
        await run(req, asForm(req.body));
        return showEntry(req, reply, { kind: "ok", text: t(req.lang, "entry.saved") });
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        if (error.code === "ENTRY_NOT_FOUND") throw error;
        reply.code(error.status);
        return showEntry(req, reply, { kind: "error", text: errorText(req.lang, error, ENTRY_LABELS) });
      }
    });
  act("unit", (req, body) =>
    assignUnit(
      handle,
      req.agency.id,
      req.params.id,
      formString(body.unitId, "unitId", 100) || null,
      officer(req),
    ),
  );
  act("matter", (req, body) =>
    linkToMatter(
      handle,
      req.agency.id,
      req.params.id,
      formString(body.receiptNumber, "receiptNumber", 40),
      officer(req),
    ),
  );
  act("misdirected", (req, body) =>
    markMisdirected(
      handle,
      req.agency,
      req.params.id,
      {
        referralId: formOptional(body.referralId, "referralId", 100),
        note: formOptional(body.note, "note", 1000),
      },
      officer(req),
      ctx.queueMessage,
    ),
  );
  // CH-4: an acknowledgement given by phone, on paper or in person, with who, when and how.
  act("acknowledgement", (req, body) =>
    recordAcknowledgement(
      handle,
      req.agency,
      req.params.id,
      {
        way: formString(body.way, "way", 40),
        atLocal: formString(body.at, "at", 40),
        note: formString(body.note, "note", 1000),
      },
      officer(req),
    ),
  );
  // #10, CH-4: the officer confirms the address of a mail whose acknowledgement was withheld; it is queued.
  act("sender-address", (req, body) =>
    confirmSenderAddress(
      handle,
      req.agency,
      req.params.id,
      { address: formString(body.address, "address", 320) },
      officer(req),
      ctx.queueMessage,
    ).then(() => undefined),
  );
  act("cancel", (req, body) =>
    cancelEntry(handle, req.agency.id, req.params.id, formString(body.reason, "reason", 2000), officer(req)),
  );
}
