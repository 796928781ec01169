import type { Entry } from "./entry.js";

/** CH-4: ways an officer may record an acknowledgement given outside Borikan. */
export const OTHER_ACKNOWLEDGEMENT_WAYS = ["phone", "paper", "in-person"] as const;
export type OtherAcknowledgementWay = (typeof OTHER_ACKNOWLEDGEMENT_WAYS)[number];

/**
 * Where an entry's acknowledgement stands, as pages and the API tell it: `acknowledged` (by `via`, at
 * `at`), `queued` to be emailed by a configured mail server, `not_sent` because no mail server is
 * configured, `failed` after every attempt, `uncertain` after a crash mid-send, or `none` (nothing queued).
 */
export interface AcknowledgementState {
  status: "acknowledged" | "queued" | "not_sent" | "failed" | "uncertain" | "none";
  via: string | null;
  at: Date | null;
  /**
   * For `failed`: why, as the outbox recorded it (`refused: <the server's answer>`, …). For `uncertain`:
   * `line` when it is the LINE acknowledgement (#18 line-ack), not an email.
   */
  detail?: string | null;
}

/**
 * Never says emailed unless a mail server took it (CH-4, CH-12): a message still waiting counts as
 * queued only when a mail server is configured. `message` is the status of the entry's acknowledgement
 * in the outbox, if it has one.
 */
export function acknowledgementState(
  entry: Pick<Entry, "acknowledgedAt" | "acknowledgedVia">,
  message: string | undefined,
  mailConfigured: boolean,
  failure?: string,
): AcknowledgementState {
  if (entry.acknowledgedAt)
    return { status: "acknowledged", via: entry.acknowledgedVia, at: entry.acknowledgedAt };
  const state = (status: AcknowledgementState["status"]) => ({ status, via: null, at: null });
  switch (message) {
    case "not_configured":
      return state("not_sent");
    case "pending":
    case "sending":
      return state(mailConfigured ? "queued" : "not_sent");
    case "failed":
      return { ...state("failed"), detail: failure ?? null };
    case "uncertain":
      return state("uncertain");
    // #18 line-ack: the LINE acknowledgement was cut off after LINE may have taken it.
    case "line-uncertain":
      return { ...state("uncertain"), detail: "line" };
    default:
      return state("none");
  }
}
