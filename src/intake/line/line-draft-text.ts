import type { LineApi, LineText } from "./line-api.js";
import type { LineDraftExtra, LineIntakeDeps } from "./line-deps.js";

/** The open draft a text was just saved in, and what is needed to answer the event. */
export interface DraftText {
  agencyId: string;
  userId: string;
  draftId: string;
  eventId: string;
  text: string;
  replyToken: string | undefined;
}

/** The first handler's extra answer; a handler that fails is logged and passed over, never fatal. */
async function extraFor(deps: LineIntakeDeps, text: DraftText): Promise<LineDraftExtra | undefined> {
  for (const handler of deps.draftTextHandlers ?? []) {
    try {
      const extra = await handler(text);
      if (extra) return extra;
    } catch (error) {
      deps.log(`LINE draft text handler: ${String((error as Error).message ?? error)}`);
    }
  }
  return undefined;
}

async function settle(
  deps: LineIntakeDeps,
  extra: LineDraftExtra,
  outcome: Parameters<LineDraftExtra["settle"]>[0],
) {
  try {
    await extra.settle(outcome);
  } catch (error) {
    deps.log(`LINE draft text handler: ${String((error as Error).message ?? error)}`);
  }
}

/**
 * #17 assistline: answers a text saved in an open draft with what the intake says anyway (`said`) and,
 * after it, a handler's extra (IF-4), in the one reply the token allows. The intake's part is never
 * changed by the extra (s.10, RG-1): when LINE refuses the reply together, the extra is pushed alone
 * with its retry key and the intake's messages are replied as they would be without it.
 */
export async function replyToDraftText(
  deps: LineIntakeDeps,
  api: LineApi,
  text: DraftText,
  said: LineText[],
): Promise<void> {
  const extra = await extraFor(deps, text);
  const token = text.replyToken;
  if (!extra) {
    if (token && said.length > 0) await api.reply(token, said.slice(0, 5));
    return;
  }
  if (token && said.length + extra.messages.length <= 5) {
    try {
      await api.reply(token, [...said, ...extra.messages]);
      return settle(deps, extra, { via: "line-reply" });
    } catch {
      // Spent or expired token, or the extra refused: the extra goes by push, the intake's part as always.
    }
  }
  try {
    await api.push(text.userId, extra.messages, extra.retryKey);
    await settle(deps, extra, { via: "line-push" });
  } catch (error) {
    await settle(deps, extra, { via: "line-push", error: String((error as Error).message ?? error) });
  }
  if (token && said.length > 0) await api.reply(token, said.slice(0, 5));
}
