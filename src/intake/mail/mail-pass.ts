import type { ImapFlow } from "imapflow";
import type { Agency } from "../../agencies/index.js";
import { describeError, foldersOf, type MailIntakeRunDeps } from "./imap-connection.js";
import { knownUids, markMoved } from "./mail.repo.js";
import type { MailboxSettings } from "./mailbox.repo.js";
import { parseMail } from "./parse-mail.js";
import { preparedInOrder } from "./prepared-in-order.js";
import { kindOfMail, prepareMail, type ReceiveResult } from "./receive-mail.js";

export interface PassSummary {
  registered: number;
  held: number;
  automatic: number;
  duplicates: number;
  movedToInbox: number;
  expunged: number;
  /** Messages that could not be taken this pass (left in place, tried again next time). */
  failed: number;
}

export const emptySummary = (): PassSummary => ({
  registered: 0,
  held: 0,
  automatic: 0,
  duplicates: 0,
  movedToInbox: 0,
  expunged: 0,
  failed: 0,
});

/** Messages fetched with one FETCH command, and prepared this many at once ahead of the commits. */
const FETCH_BATCH = 25;
const PREPARE_AHEAD = 8;

/**
 * One pass over a mailbox. State is the database's, by UIDVALIDITY + UID and Message-ID: the mailbox is
 * shared with people, so `\Seen` proves nothing and is never touched (BODY.PEEK). Each message is taken
 * and committed first, then moved out of the folder; a crash in between leaves it in place, and the next
 * pass only moves it.
 */
export async function passOver(
  client: ImapFlow,
  agency: Agency,
  mailbox: MailboxSettings,
  deps: MailIntakeRunDeps,
  isStopping: () => boolean = () => false,
): Promise<PassSummary> {
  const summary = emptySummary();
  const db = deps.handle.db;
  for (const folder of await foldersOf(client, mailbox)) {
    // Stopping: the batch in hand is committed and moved; the rest waits for the next start.
    if (isStopping()) return summary;
    const lock = await client.getMailboxLock(folder.path);
    try {
      const uidValidity = String(client.mailbox ? client.mailbox.uidValidity : 0);
      const uids = ((await client.search({ all: true }, { uid: true })) || []).sort((a, b) => a - b);
      const known = await knownUids(db, agency.id, folder.path, uidValidity, uids);
      const now = () => deps.clock.now().toISOString();
      // Taken before a crash or a failed move: only the move is left to do.
      const leftBehind = uids.filter((uid) => known.has(uid));
      if (leftBehind.length > 0) {
        await client.messageMove(leftBehind.join(","), mailbox.processedFolder, { uid: true });
        await markMoved(db, agency.id, folder.path, uidValidity, leftBehind, now());
      }
      const fresh = uids.filter((uid) => !known.has(uid));
      for (let i = 0; i < fresh.length && !isStopping(); i += FETCH_BATCH) {
        const batch = fresh.slice(i, i + FETCH_BATCH);
        // One streamed FETCH for the batch (BODY.PEEK, so \Seen is left alone); commands cannot be sent
        // while it streams, so the batch is read into memory first.
        const fetched: { uid: number; source: Buffer; internalDate: Date }[] = [];
        for await (const message of client.fetch(
          batch.join(","),
          { source: true, internalDate: true },
          { uid: true },
        )) {
          if (!message.source) continue;
          const internalDate = message.internalDate ? new Date(message.internalDate) : deps.clock.now();
          fetched.push({ uid: message.uid, source: message.source, internalDate });
        }
        fetched.sort((a, b) => a.uid - b.uid);
        let toTake = fetched;
        if (folder.role === "other") {
          // CH-7: non-spam outside the inbox is moved to the inbox (the server keeps its INTERNALDATE).
          const toInbox: typeof fetched = [];
          for (const m of fetched) {
            const kind = kindOfMail(await parseMail(m.source), agency, "other", mailbox.trustedServer);
            if (kind.kind !== "held") toInbox.push(m);
          }
          if (toInbox.length > 0) {
            await client.messageMove(toInbox.map((m) => m.uid).join(","), "INBOX", { uid: true });
            summary.movedToInbox += toInbox.length;
          }
          toTake = fetched.filter((m) => !toInbox.includes(m));
        }
        // Parsing, storing and screening run a few at a time; commits go one by one in arrival order,
        // which is the order of the receipt numbers (RG-1).
        const commits = preparedInOrder(toTake, PREPARE_AHEAD, (m) =>
          prepareMail(
            deps,
            agency,
            { trustedServer: mailbox.trustedServer },
            {
              raw: m.source,
              folder: folder.path,
              folderRole: folder.role,
              uidValidity,
              uid: m.uid,
              internalDate: m.internalDate,
            },
          ),
        );
        const taken: number[] = [];
        const recorded: number[] = [];
        for (const [index, pending] of commits.entries()) {
          const uid = toTake[index]!.uid;
          let result: ReceiveResult;
          try {
            result = await (await pending)();
          } catch (error) {
            // One message that cannot be taken must not stop the others: it stays where it is, untouched,
            // and is tried again at the next pass.
            summary.failed++;
            deps.log(
              `mail ${agency.id}: ${folder.path} UID ${uid} not taken, will retry: ${describeError(error)}`,
            );
            continue;
          }
          if (result.outcome === "registered") summary.registered++;
          else if (result.outcome === "held") summary.held++;
          else if (result.outcome === "duplicate") summary.duplicates++;
          else summary.automatic++;
          taken.push(uid);
          if (result.outcome !== "duplicate") recorded.push(uid);
        }
        // Committed first, moved after: a crash in between leaves them in place for the next pass to move.
        if (taken.length > 0) {
          await client.messageMove(taken.join(","), mailbox.processedFolder, { uid: true });
          await markMoved(db, agency.id, folder.path, uidValidity, recorded, now());
        }
      }
    } finally {
      lock.release();
    }
  }
  if (!isStopping()) summary.expunged = await expireProcessed(client, mailbox, deps.clock.now());
  return summary;
}

/** Retention: the processed folder is emptied after `retentionDays`, so the mailbox never fills up. */
async function expireProcessed(client: ImapFlow, mailbox: MailboxSettings, now: Date): Promise<number> {
  if (mailbox.retentionDays <= 0) return 0;
  const lock = await client.getMailboxLock(mailbox.processedFolder);
  try {
    const before = new Date(now.getTime() - mailbox.retentionDays * 86_400_000);
    const old = (await client.search({ before }, { uid: true })) || [];
    if (old.length > 0) await client.messageDelete(old.join(","), { uid: true });
    return old.length;
  } finally {
    lock.release();
  }
}
