import { findAgency } from "../agencies/index.js";
import { recordAudit } from "../audit/index.js";
import type { LineDraftTextHandler } from "../intake/line/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { newId } from "../platform/ids.js";
import { answerQuestion } from "./answer-question.js";
import { assistantLineText } from "./line-message.js";
import { readsAsQuestion } from "./line-question.js";
import {
  eventAnswered,
  insertAssistantReply,
  settleAssistantReply,
  takeReplyTurn,
} from "./line-replies.repo.js";
import { absoluteSourceUrl, agencySiteBase } from "./source-links.js";

export interface LineAssistantDeps {
  handle: DatabaseHandle;
  clock: Clock;
  /** The install's public address: sources are linked on it unless the agency has its own origin. */
  publicUrl: string;
  /** At most one assistant reply per draft in this many seconds (a flood of questions is answered once). */
  paceSeconds?: number;
}

export const DEFAULT_PACE_SECONDS = 30;
/** The longest question asked of the material; the rest of a long text adds nothing to the search. */
const QUESTION_MAX = 500;

/**
 * IF-4 on LINE: the handler of a text saved in an open draft (wired as a `draftTextHandlers` entry of
 * the LINE intake). When the text reads as a question, the draft's turn is free and the event was not
 * answered before, it asks `answerQuestion`, records what it will say (kind, sources, text) beside the
 * draft with an audit row, and hands the message back to the intake to send after its own (RG-1: the
 * text is registered whatever happens here). The intake tells it how LINE took the message.
 */
export function lineQuestionHandler(deps: LineAssistantDeps): LineDraftTextHandler {
  const paceMs = (deps.paceSeconds ?? DEFAULT_PACE_SECONDS) * 1000;
  return async ({ agencyId, draftId, eventId, text }) => {
    if (!readsAsQuestion(text)) return undefined;
    const db = deps.handle.db;
    if (await eventAnswered(db, eventId)) return undefined;
    const now = deps.clock.now();
    const cutoff = new Date(now.getTime() - paceMs).toISOString();
    if (!(await takeReplyTurn(db, draftId, now.toISOString(), cutoff))) return undefined;
    const question = Array.from(text.trim()).slice(0, QUESTION_MAX).join("");
    const lang = /[\u0e01-\u0e5b]/.test(question) ? "th" : "en";
    const answer = await answerQuestion(db, { agencyId, question, lang });
    const siteBase = agencySiteBase(await findAgency(db, agencyId), agencyId, deps.publicUrl);
    const sources = answer.sources.map((s) => ({ ...s, url: absoluteSourceUrl(siteBase, s.url) }));
    const said = assistantLineText(answer, sources);
    const id = newId();
    const at = now.toISOString();
    await withTransaction(deps.handle, async (trx) => {
      await insertAssistantReply(trx, {
        id,
        agency_id: agencyId,
        draft_id: draftId,
        event_id: eventId,
        kind: answer.kind,
        said,
        sources: JSON.stringify(sources.map(({ kind, id, title, url }) => ({ kind, id, title, url }))),
        created_at: at,
        via: null,
        sent_at: null,
        last_error: null,
      });
      await recordAudit(trx, {
        agencyId,
        actor: "system:assistant",
        action: "assistant.line-reply",
        subjectType: "line-draft",
        subjectId: draftId,
        data: { replyId: id, eventId, kind: answer.kind, sources: sources.map((s) => `${s.kind}:${s.id}`) },
        at,
      });
    });
    return {
      messages: [{ text: said }],
      retryKey: id,
      settle: (outcome) => settleAssistantReply(db, id, { ...outcome, at: deps.clock.now().toISOString() }),
    };
  };
}
