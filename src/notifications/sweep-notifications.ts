import { type Agency, findAgency, findUnit } from "../agencies/index.js";
import { findLetter } from "../correspondence/index.js";
import { pushLineText } from "../intake/line/index.js";
import { enqueueMessage } from "../outbox/index.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { isValidEmailAddress } from "../platform/email-address.js";
import { newId } from "../platform/ids.js";
import {
  type Entry,
  findLineRecipient,
  findMatter,
  listMatterActionsAfter,
  listMatterEntries,
  type MatterActionRecord,
  threadMessageId,
  trackingUrl,
} from "../register/index.js";
import { findStaffName } from "../staff/index.js";
import { closingQuickReplies, closingRatingUrl } from "./closing-rating.js";
import { composeNotification } from "./compose-notification.js";
import { eventOf, type NotificationEvent } from "./notification-events.js";
import { loadOwnTemplates } from "./notification-templates.js";
import {
  findCursor,
  insertNotification,
  listPendingPushes,
  notifiedActions,
  saveCursor,
  updateNotification,
} from "./notifications.repo.js";
import type { NotificationChannel, NotificationStatus } from "./notifications.table.js";

/** What the sweep needs of the service: the database, links (tracking, threads) and LINE's secrets. */
export interface NotificationDeps {
  handle: DatabaseHandle;
  secret: string;
  publicUrl: string;
  env: NodeJS.ProcessEnv;
  log?: (msg: string) => void;
}

/** The outbox kind of a notification email (one per `notify:<id>` subject). */
export const NOTIFICATION_MAIL_KIND = "notification";

/*
 * The timeline is re-read from a little before the cursor on every pass: an action whose transaction
 * committed late (its `at` earlier than one already read) is still seen. Actions already notified are
 * skipped by their unique row, so the overlap costs a read, never a second message.
 */
const LOOKBACK_MS = 10 * 60 * 1000;
const PAGE = 200;
const MAX_PAGES = 20;
const MAX_PUSH_ATTEMPTS = 5;

/**
 * TR-2, RV-5, AP-2, IF-3: follows the matters' timeline and tells the applicant of each action that
 * tells them something new, once, on the channel of the matter's first entry: LINE (a push whose retry
 * key is the notification's id), else email (an outbox message in the acknowledgement's thread), else
 * nothing ("no-channel": the tracking page shows it). Safe to run from several workers at once: one
 * notification per action (unique), the outbox sends each message once, LINE takes each key once.
 * Returns how many notifications this pass wrote.
 */
export async function sweepNotifications(deps: NotificationDeps, now: Date): Promise<number> {
  const db = deps.handle.db;
  const cursor = await findCursor(db);
  let after = cursor && { at: new Date(new Date(cursor.at).getTime() - LOOKBACK_MS).toISOString(), id: "" };
  let written = 0;
  // Only pages past the cursor count towards the bound: the look-back alone never stops a pass short.
  let fresh = 0;
  while (fresh < MAX_PAGES) {
    const actions = await listMatterActionsAfter(db, after, PAGE);
    if (actions.length === 0) break;
    const done = await notifiedActions(
      db,
      actions.map((a) => a.id),
    );
    for (const action of actions) {
      const event = eventOf(action);
      if (!event || done.has(action.id)) continue;
      // One action that cannot be notified (its matter gone, a bug) does not hold back the others; the
      // look-back tries it again on the next passes.
      try {
        if (await notifyAction(deps, action, event, now)) written++;
      } catch (error) {
        deps.log?.(`notification of action ${action.id}: ${String(error)}`);
      }
    }
    const last = actions[actions.length - 1]!;
    after = { at: last.at.toISOString(), id: last.id };
    if (!cursor || after.at > cursor.at || (after.at === cursor.at && after.id > cursor.id)) fresh++;
    await saveCursor(db, after, now.toISOString());
    if (actions.length < PAGE) break;
  }
  await retryPendingPushes(deps, now);
  return written;
}

/** Where the applicant is reached: LINE if they came by LINE, else an email they gave, else nowhere. */
async function channelOf(
  deps: NotificationDeps,
  entry: Entry,
): Promise<{ channel: NotificationChannel; recipient: string | null; address?: string }> {
  const line = await findLineRecipient(deps.handle.db, entry.agencyId, entry.id);
  if (line) return { channel: "line", recipient: line.lineUserId };
  const address = entry.replyTo ?? entry.senderEmail;
  // CH-4: an address the register has not confirmed (acknowledgement withheld) is not written to.
  if (address && isValidEmailAddress(address) && !entry.ackWithheld)
    return { channel: "email", recipient: entry.id, address };
  return { channel: "none", recipient: null };
}

async function notifyAction(
  deps: NotificationDeps,
  action: MatterActionRecord,
  event: NotificationEvent,
  now: Date,
): Promise<boolean> {
  const db = deps.handle.db;
  const [entry] = await listMatterEntries(db, action.matterId);
  const agency = entry && (await findAgency(db, entry.agencyId));
  const matter = agency && (await findMatter(db, agency.id, action.matterId));
  if (!entry || !agency || !matter) return false;
  const unit = matter.unitId ? await findUnit(db, agency.id, matter.unitId) : undefined;
  const letterId = typeof action.payload.letterId === "string" ? action.payload.letterId : undefined;
  const letter = letterId ? await findLetter(db, agency.id, letterId) : undefined;
  const own = (await loadOwnTemplates(db, agency.id))[event] ?? {};
  const message = composeNotification(event, {
    agency,
    matter,
    action,
    subject: entry.subject,
    language: entry.language,
    officerName: await findStaffName(db, matter.assignedTo),
    unit: unit && { nameTh: unit.name_th, nameEn: unit.name_en, phone: unit.phone },
    trackingUrl: trackingUrl(deps, agency.id, entry),
    letterNumber: letter?.number,
    own,
    // #16 satisfaction (TR-3)
    ratingUrl: closingRatingUrl(deps, event, matter, action.at),
  });
  const to = await channelOf(deps, entry);
  const id = newId();
  const at = now.toISOString();
  const status: NotificationStatus =
    to.channel === "email" ? "queued" : to.channel === "line" ? "pending" : "no-channel";
  const wrote = await withTransaction(deps.handle, async (trx) => {
    const inserted = await insertNotification(trx, {
      id,
      agency_id: agency.id,
      matter_id: matter.id,
      matter_action_id: action.id,
      action_version: action.version,
      event,
      channel: to.channel,
      recipient: to.recipient,
      language: entry.language,
      text: message.text,
      status,
      attempts: 0,
      sent_at: null,
      error: null,
      created_at: at,
      updated_at: at,
    });
    if (inserted && to.channel === "email" && to.address)
      await enqueueMessage(trx, emailOf(deps, agency, entry, id, to.address, message), at);
    return inserted;
  });
  if (wrote && to.channel === "line" && to.recipient)
    await push(
      deps,
      {
        id,
        agency_id: agency.id,
        recipient: to.recipient,
        text: message.text,
        attempts: 0,
        // #16 satisfaction
        event,
        matter_id: matter.id,
        created_at: at,
      },
      now,
    );
  return wrote;
}

/** The email of a notification, from the central address, in the thread of the entry's acknowledgement. */
function emailOf(
  deps: NotificationDeps,
  agency: Agency,
  entry: Entry,
  notificationId: string,
  address: string,
  message: { subject: string; text: string },
) {
  const ack = threadMessageId(deps.secret, "ack", entry.id, agency.domain);
  const earlier = entry.sourceMessageId ? [...entry.sourceReferences, entry.sourceMessageId] : [];
  return {
    agencyId: agency.id,
    entryId: null,
    subjectKey: `notify:${notificationId}`,
    kind: NOTIFICATION_MAIL_KIND,
    channel: "email" as const,
    recipient: address,
    mail: { ...message, inReplyTo: ack, references: [...earlier, ack].slice(-20) },
  };
}

async function push(
  deps: NotificationDeps,
  n: {
    id: string;
    agency_id: string;
    recipient: string;
    text: string;
    attempts: number;
    event: string;
    matter_id: string;
    created_at: string;
  },
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  try {
    const result = await pushLineText(
      { db: deps.handle.db, env: deps.env },
      n.agency_id,
      n.recipient,
      n.text,
      n.id,
      // #16 satisfaction (TR-3): a closing message's ratings 1..5
      await closingQuickReplies({ db: deps.handle.db, secret: deps.secret }, n),
    );
    await updateNotification(deps.handle.db, n.id, {
      status: result,
      attempts: n.attempts + 1,
      sent_at: result === "sent" ? at : null,
      error: null,
      updated_at: at,
    });
  } catch (error) {
    const attempts = n.attempts + 1;
    deps.log?.(`notification ${n.id}: LINE push failed: ${String(error)}`);
    await updateNotification(deps.handle.db, n.id, {
      status: attempts >= MAX_PUSH_ATTEMPTS ? "failed" : "pending",
      attempts,
      error: String((error as Error).message ?? error).slice(0, 500),
      updated_at: at,
    });
  }
}

/** Pushes left pending by a crash or a failure are tried again with the same retry key. */
async function retryPendingPushes(deps: NotificationDeps, now: Date): Promise<void> {
  for (const n of await listPendingPushes(deps.handle.db, 50)) {
    if (n.recipient) await push(deps, { ...n, recipient: n.recipient }, now);
  }
}
