import { hasMessage, type Lang, type MessageKey, t } from "../../platform/i18n/index.js";
import type { AcknowledgementState } from "../acknowledgement-state.js";

/** How an acknowledgement went, in words ("telephone", "email"); an unknown way as it is stored. */
export function ackViaLabel(lang: Lang, via: string | null): string {
  const key = `ackVia.${via}`;
  return hasMessage(key) ? t(lang, key) : (via ?? "");
}

/**
 * The register's and the entry's word on an acknowledgement: by which way it was given, or why it has
 * not been — never "emailed" unless a mail server took it (CH-4).
 */
export function ackStatusText(lang: Lang, state: AcknowledgementState): string {
  if (state.status === "acknowledged")
    return `${t(lang, "register.acknowledged")} (${ackViaLabel(lang, state.via)})`;
  const not = t(lang, "register.unacknowledged");
  // CH-12: a refusal for good says so, with the server's own words.
  const detail = state.status === "failed" ? state.detail : undefined;
  if (detail?.startsWith("refused: "))
    return `${not} — ${t(lang, "ackState.refused", { reason: detail.slice("refused: ".length) })}`;
  if (detail?.startsWith("invalid-recipient")) return `${not} — ${t(lang, "ackState.invalidRecipient")}`;
  // #18 line-ack: not an email that may have gone out, but a LINE message.
  if (state.status === "uncertain" && state.detail === "line")
    return `${not} — ${t(lang, "ackState.lineUncertain")}`;
  return state.status === "none" ? not : `${not} — ${t(lang, `ackState.${state.status}` as MessageKey)}`;
}
