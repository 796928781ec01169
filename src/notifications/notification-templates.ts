import { recordAudit } from "../audit/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, type Db, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import type { Lang } from "../platform/i18n/index.js";
import {
  NOTIFICATION_EVENTS,
  NOTIFICATION_PLACEHOLDERS,
  type NotificationEvent,
  REQUIRED_PLACEHOLDERS,
} from "./notification-events.js";

export type OwnTemplates = Partial<Record<NotificationEvent, Partial<Record<Lang, string>>>>;

const MAX_LENGTH = 5000;

/**
 * Why an agency's template cannot be used, or undefined: it must name the receipt number, the officer
 * and a phone (IF-3) and nothing else than the known placeholders (a typo would reach the applicant).
 */
export function templateProblem(text: string): string | undefined {
  if (text.length > MAX_LENGTH) return `longer than ${MAX_LENGTH} characters`;
  const used = [...text.matchAll(/\{(\w*)\}/g)].map((m) => m[1] ?? "");
  const unknown = used.filter((p) => !(NOTIFICATION_PLACEHOLDERS as readonly string[]).includes(p));
  if (unknown.length > 0) return `unknown placeholder ${unknown.map((p) => `{${p}}`).join(" ")}`;
  const missing = REQUIRED_PLACEHOLDERS.filter((p) => !used.includes(p));
  if (missing.length > 0) return `missing ${missing.map((p) => `{${p}}`).join(" ")}`;
  return undefined;
}

/** The agency's own templates, by event and language. */
export async function loadOwnTemplates(db: Db, agencyId: string): Promise<OwnTemplates> {
  const rows = await db
    .selectFrom("notification_templates")
    .select(["event", "language", "text"])
    .where("agency_id", "=", agencyId)
    .execute();
  const own: OwnTemplates = {};
  for (const r of rows) {
    const event = r.event as NotificationEvent;
    own[event] = { ...own[event], [r.language]: r.text };
  }
  return own;
}

/**
 * Saves an admin's templates: an empty text goes back to the catalogue's default. All are checked
 * first; one that fails refuses the lot with NOTIFICATION_TEMPLATE_INVALID (422). Audited.
 */
export async function setNotificationTemplates(
  handle: DatabaseHandle,
  agencyId: string,
  texts: { event: NotificationEvent; language: Lang; text: string }[],
  ctx: { clock: Clock; actor: string; ip?: string },
): Promise<void> {
  for (const { event, language, text } of texts) {
    if (!NOTIFICATION_EVENTS.includes(event)) throw new AppError("VALIDATION_FAILED", { detail: "event" });
    const problem = text.trim() ? templateProblem(text.trim()) : undefined;
    if (problem)
      throw new AppError(
        "NOTIFICATION_TEMPLATE_INVALID",
        { event, language, problem },
        { field: `${event}.${language}` },
      );
  }
  const at = ctx.clock.now().toISOString();
  await withTransaction(handle, async (trx) => {
    for (const { event, language, text } of texts) {
      await trx
        .deleteFrom("notification_templates")
        .where("agency_id", "=", agencyId)
        .where("event", "=", event)
        .where("language", "=", language)
        .execute();
      if (text.trim())
        await trx
          .insertInto("notification_templates")
          .values({
            agency_id: agencyId,
            event,
            language,
            text: text.trim(),
            updated_by: ctx.actor,
            updated_at: at,
          })
          .execute();
    }
    await recordAudit(trx, {
      agencyId,
      actor: ctx.actor,
      action: "notifications.set-templates",
      subjectType: "agency",
      subjectId: agencyId,
      data: { changed: texts.map((x) => `${x.event}.${x.language}`).join(",") },
      ip: ctx.ip,
      at,
    });
  });
}
