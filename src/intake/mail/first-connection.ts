import type { ImapFlow } from "imapflow";
import type { Agency } from "../../agencies/index.js";
import { recordAudit } from "../../audit/index.js";
import { withTransaction } from "../../platform/db/database.js";
import type { FolderRole } from "./classify-mail.js";
import type { MailIntakeRunDeps } from "./imap-connection.js";
import { hasAnyMail } from "./mail.repo.js";
import {
  type FirstConnectionPreview,
  type FolderPreview,
  type MailboxStart,
  markMailboxPending,
  markMailboxStarted,
} from "./mailbox.repo.js";

/**
 * A first connection to a mailbox asks before it takes when the mailbox already holds more than this
 * many messages (in the folders Borikan looks through) …
 */
export const FIRST_CONNECTION_MAX_MESSAGES = 20;
/** … or any message the server accepted more than a day before the connection. */
export const FIRST_CONNECTION_MAX_AGE_MS = 86_400_000;

/** Counts and oldest/newest receipt time (INTERNALDATE) of each folder, reading nothing else. */
async function previewFolders(client: ImapFlow, folders: { path: string }[]): Promise<FolderPreview[]> {
  const previews: FolderPreview[] = [];
  for (const folder of folders) {
    const lock = await client.getMailboxLock(folder.path);
    try {
      let oldest: number | null = null;
      let newest: number | null = null;
      let count = 0;
      if (client.mailbox && client.mailbox.exists > 0) {
        for await (const m of client.fetch("1:*", { internalDate: true })) {
          if (!m.internalDate) continue;
          const t = new Date(m.internalDate).getTime();
          count++;
          oldest = oldest === null ? t : Math.min(oldest, t);
          newest = newest === null ? t : Math.max(newest, t);
        }
      }
      const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
      previews.push({ folder: folder.path, count, oldest: iso(oldest), newest: iso(newest) });
    } finally {
      lock.release();
    }
  }
  return previews;
}

/**
 * Whether this pass may take mail, and from when. A mailbox connected for the first time (no mail
 * recorded for it) that is empty or holds only a little recent mail is started at once; one that holds
 * older or much mail is not emptied silently: the pass stops before taking anything, the mailbox waits
 * as `pending` with what it holds, and the admin chooses to take everything or only mail since a date.
 */
export async function mayTake(
  client: ImapFlow,
  agency: Agency,
  start: MailboxStart,
  folders: { path: string; role: FolderRole }[],
  deps: MailIntakeRunDeps,
): Promise<{ take: false } | { take: true; since: Date | null }> {
  if (start.state === "started") return { take: true, since: start.takeSince };
  if (start.state === "pending") return { take: false };
  const db = deps.handle.db;
  const at = deps.clock.now();
  if (await hasAnyMail(db, agency.id)) {
    await markMailboxStarted(db, agency.id, { since: null, by: "system:mail", at: at.toISOString() });
    return { take: true, since: null };
  }
  const folderPreviews = await previewFolders(client, folders);
  const total = folderPreviews.reduce((n, f) => n + f.count, 0);
  const oldest = Math.min(...folderPreviews.map((f) => (f.oldest ? Date.parse(f.oldest) : Infinity)));
  const full = total > FIRST_CONNECTION_MAX_MESSAGES || at.getTime() - oldest > FIRST_CONNECTION_MAX_AGE_MS;
  if (!full) {
    await markMailboxStarted(db, agency.id, { since: null, by: "system:mail", at: at.toISOString() });
    return { take: true, since: null };
  }
  const preview: FirstConnectionPreview = { at: at.toISOString(), folders: folderPreviews };
  await withTransaction(deps.handle, async (trx) => {
    if (!(await markMailboxPending(trx, agency.id, preview))) return;
    await recordAudit(trx, {
      agencyId: agency.id,
      actor: "system:mail",
      action: "mailbox.first-connection",
      subjectType: "mailbox",
      subjectId: agency.id,
      data: { ...preview },
      at: preview.at,
    });
  });
  deps.log(
    `mail ${agency.id}: first connection to a mailbox holding ${total} message(s); waiting for the admin`,
  );
  return { take: false };
}
