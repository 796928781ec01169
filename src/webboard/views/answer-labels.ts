import type { FastifyRequest } from "fastify";
import { type MessageKey, t } from "../../platform/i18n/index.js";

const STATUS_KEYS: Record<string, MessageKey> = {
  draft: "answers.status.draft",
  submitted: "answers.status.submitted",
  published: "answers.status.published",
  returned: "answers.status.returned",
  withdrawn: "answers.status.withdrawn",
};

const ACTION_KEYS: Record<string, MessageKey> = {
  draft: "answers.action.draft",
  edit: "answers.action.edit",
  submit: "answers.action.submit",
  approve: "answers.action.approve",
  return: "answers.action.return",
  withdraw: "answers.action.withdraw",
  promote: "answers.action.promote",
};

/** An answer's status as a word on the officers' pages. */
export const answerStatusLabel = (req: FastifyRequest, status: string) =>
  STATUS_KEYS[status] ? t(req.lang, STATUS_KEYS[status]) : status;

/** An event's act as a word. */
export const answerActionLabel = (req: FastifyRequest, action: string) =>
  ACTION_KEYS[action] ? t(req.lang, ACTION_KEYS[action]) : action;

const NOTICE_KEYS: Record<string, MessageKey> = {
  none: "answers.notice.none",
  sent: "answers.notice.sent",
  pending: "answers.notice.pending",
  sending: "answers.notice.pending",
  uncertain: "answers.notice.pending",
  failed: "answers.notice.failed",
  not_configured: "answers.notice.notConfigured",
};

/** Honest: "notified" only for a notice the outbox sent; queued, failed and unconfigured say so. */
export const noticeLabel = (req: FastifyRequest, state: string) =>
  t(req.lang, NOTICE_KEYS[state] ?? "answers.notice.pending");
