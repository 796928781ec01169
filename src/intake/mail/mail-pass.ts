import type { ImapFlow } from "imapflow";
import type { Agency } from "../../agencies/index.js";
import { newId } from "../../platform/ids.js";
import { mayTake } from "./first-connection.js";
import { describeError, foldersOf, type MailIntakeRunDeps } from "./imap-connection.js";
import {
  forgetMoves,
  knownUids,
  markMoved,
  markMovesDeleted,
  movesDue,
  recordMoves,
  setMovedUids,
} from "./mail-moves.repo.js";
import type { MailboxSettings, MailboxStart } from "./mailbox.repo.js";
import { parseMail } from "./parse-mail.js";
import { parseMailOn } from "./parse-mail-pooled.js";
import { preparedInOrder } from "./prepared-in-order.js";
import { kindOfMail, prepareMail, type ReceiveResult } from "./receive-mail.js";

export interface PassSummary {
  registered: number;
  held: number;
  automatic: number;
  duplicates: number;
  /** RG-4: same Message-ID and sender as an earlier mail, other bytes: kept for an officer to decide. */
  possibleDuplicates: number;
  /** 1 when the first connection found a full mailbox and waits for the admin's choice (nothing taken). */
  waitingForStart: number;
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
  possibleDuplicates: 0,
  waitingForStart: 0,
  movedToInbox: 0,
  expunged: 0,
  failed: 0,
});

/** Messages fetched with one FETCH command, and prepared this many at once ahead of the commits. */
const FETCH_BATCH = 25;
const PREPARE_AHEAD = 8;
/** #18 threads: with the parse in a pool, enough ahead that every thread has the next message waiting. */
const prepareAhead = (threads = 0) => Math.max(PREPARE_AHEAD, 4 * threads);

/**
 * One pass over a mailbox. State is the database's, by UIDVALIDITY + UID and Message-ID: the mailbox is
 * shared with people, so `\Seen` proves nothing and is never touched (BODY.PEEK). Each message is taken
 * and committed first, then moved out of the folder; a crash in between leaves it in place, and the next
 * pass only moves it.
 */
export async function passOver(
  client: ImapFlow,
  agency: Agency,
  mailbox: MailboxSettings & { start: MailboxStart },
  deps: MailIntakeRunDeps,
  isStopping: () => boolean = () => false,
): Promise<PassSummary> {
  const summary = emptySummary();
  const db = deps.handle.db;
  const folders = await foldersOf(client, mailbox);
  const allowed = await mayTake(client, agency, mailbox.start, folders, deps);
  if (!allowed.take) {
    summary.waitingForStart = 1;
    return summary;
  }
  // The admin chose to take only mail since a date: older mail stays where it is, untouched.
  const since = allowed.since;
  const moveToProcessed = async (
    folderPath: string,
    uidValidity: string,
    moved: { uid: number; mailMessageId: string; messageId: string | null; recorded: boolean }[],
  ) => {
    const at = deps.clock.now().toISOString();
    // Retention counts from this move and deletes only what is listed here. Listed before the move, so
    // that a crash right after it still leaves the copy findable (by its Message-ID) …
    const moves = moved.map((m) => ({
      id: newId(),
      agency_id: agency.id,
      mail_message_id: m.mailMessageId,
      message_id: m.messageId,
      folder: mailbox.processedFolder,
      uid_validity: null,
      uid: null,
      moved_at: at,
    }));
    await recordMoves(db, moves);
    let result: Awaited<ReturnType<ImapFlow["messageMove"]>>;
    try {
      result = await client.messageMove(moved.map((m) => m.uid).join(","), mailbox.processedFolder, {
        uid: true,
      });
    } catch (error) {
      await forgetMoves(
        db,
        moves.map((m) => m.id),
      ).catch(() => {});
      throw error;
    }
    // … and then by the UID the server gave the copy (UIDPLUS), when it says.
    const uidMap = result ? result.uidMap : undefined;
    const movedTo = result ? result.uidValidity?.toString() : undefined;
    if (uidMap && movedTo !== undefined) {
      const uids = moves.flatMap((move, i) => {
        const uid = uidMap.get(moved[i]!.uid);
        return uid === undefined ? [] : [{ id: move.id, uid, uidValidity: movedTo }];
      });
      await setMovedUids(db, uids);
    }
    const recorded = moved.filter((m) => m.recorded).map((m) => m.uid);
    await markMoved(db, agency.id, folderPath, uidValidity, recorded, at);
  };
  for (const folder of folders) {
    // Stopping: the batch in hand is committed and moved; the rest waits for the next start.
    if (isStopping()) return summary;
    const lock = await client.getMailboxLock(folder.path);
    try {
      const uidValidity = String(client.mailbox ? client.mailbox.uidValidity : 0);
      // IMAP SINCE compares dates only: a day earlier, then the exact receipt time below.
      const query = since ? { since: new Date(since.getTime() - 86_400_000) } : { all: true };
      const uids = ((await client.search(query, { uid: true })) || []).sort((a, b) => a - b);
      const known = await knownUids(db, agency.id, folder.path, uidValidity, uids);
      // Taken before a crash or a failed move: only the move is left to do.
      const leftBehind = uids.filter((uid) => known.has(uid));
      if (leftBehind.length > 0) {
        await moveToProcessed(
          folder.path,
          uidValidity,
          leftBehind.map((uid) => ({
            uid,
            mailMessageId: known.get(uid)!.id,
            messageId: known.get(uid)!.messageId,
            recorded: true,
          })),
        );
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
        let toTake = since ? fetched.filter((m) => m.internalDate >= since) : fetched;
        if (folder.role === "other") {
          // CH-7: non-spam outside the inbox is moved to the inbox (the server keeps its INTERNALDATE).
          const toInbox: typeof fetched = [];
          for (const m of toTake) {
            const mail = deps.threads ? await parseMailOn(deps.threads, m.source) : await parseMail(m.source);
            const kind = kindOfMail(mail, agency, "other", mailbox.trustedServer);
            if (kind.kind !== "held") toInbox.push(m);
          }
          if (toInbox.length > 0) {
            await client.messageMove(toInbox.map((m) => m.uid).join(","), "INBOX", { uid: true });
            summary.movedToInbox += toInbox.length;
          }
          toTake = toTake.filter((m) => !toInbox.includes(m));
        }
        // Parsing, storing and screening run a few at a time; commits go one by one in arrival order,
        // which is the order of the receipt numbers (RG-1).
        const commits = preparedInOrder(toTake, prepareAhead(deps.threads?.threads), (m) =>
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
        const taken: { uid: number; mailMessageId: string; messageId: string | null; recorded: boolean }[] =
          [];
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
          else if (result.outcome === "possible-duplicate") summary.possibleDuplicates++;
          else summary.automatic++;
          taken.push({
            uid,
            mailMessageId: result.mailMessageId,
            messageId: result.messageId ?? null,
            recorded: result.outcome !== "duplicate",
          });
        }
        // Committed first, moved after: a crash in between leaves them in place for the next pass to move.
        if (taken.length > 0) await moveToProcessed(folder.path, uidValidity, taken);
      }
    } finally {
      lock.release();
    }
  }
  if (!isStopping()) summary.expunged = await expireProcessed(client, agency, mailbox, deps);
  return summary;
}

/**
 * Retention: what Borikan moved to the processed folder is deleted there `retentionDays` after the move
 * (the raw copy stays in Borikan, RG-4), so the mailbox never fills up. It counts from the move, never
 * from INTERNALDATE (old mail taken today stays its full time), and deletes only copies Borikan moved:
 * by the UID the server gave the copy, or by its Message-ID when the server did not say (no UIDPLUS) or
 * the folder was recreated since. What a person put in the folder is never deleted.
 */
async function expireProcessed(
  client: ImapFlow,
  agency: Agency,
  mailbox: MailboxSettings,
  deps: MailIntakeRunDeps,
): Promise<number> {
  if (mailbox.retentionDays <= 0) return 0;
  const db = deps.handle.db;
  const now = deps.clock.now();
  const cutoff = new Date(now.getTime() - mailbox.retentionDays * 86_400_000).toISOString();
  const due = await movesDue(db, agency.id, mailbox.processedFolder, cutoff);
  if (due.length === 0) return 0;
  const lock = await client.getMailboxLock(mailbox.processedFolder);
  try {
    const uidValidity = String(client.mailbox ? client.mailbox.uidValidity : "");
    const present = new Set(((await client.search({ all: true }, { uid: true })) || []) as number[]);
    const toDelete = new Set<number>();
    const settled: string[] = [];
    for (const move of due) {
      if (move.uid !== null && move.uid_validity === uidValidity) {
        if (present.has(Number(move.uid))) toDelete.add(Number(move.uid));
        // Gone already (a person deleted or moved it): nothing left to do.
        settled.push(move.id);
      } else if (move.message_id && move.size !== null) {
        const found =
          (await client.search({ header: { "message-id": move.message_id } }, { uid: true })) || [];
        // One copy per move, of the very size Borikan moved: a person's other mail under the same
        // Message-ID is left alone.
        const candidates = found.filter((uid) => !toDelete.has(uid)).sort((a, b) => a - b);
        const match = await firstOfSize(client, candidates, Number(move.size));
        if (match !== undefined) toDelete.add(match);
        settled.push(move.id);
      }
      // Neither a UID nor a Message-ID: it cannot be told from a person's mail, so it is left alone.
    }
    if (toDelete.size > 0) await client.messageDelete([...toDelete].join(","), { uid: true });
    await markMovesDeleted(db, settled, now.toISOString());
    return toDelete.size;
  } finally {
    lock.release();
  }
}

/** The first of these UIDs whose message has exactly this many bytes (RFC822.SIZE). */
async function firstOfSize(client: ImapFlow, uids: number[], size: number): Promise<number | undefined> {
  if (uids.length === 0) return undefined;
  const sizes = new Map<number, number>();
  for await (const m of client.fetch(uids.join(","), { size: true }, { uid: true }))
    sizes.set(m.uid, m.size ?? -1);
  return uids.find((uid) => sizes.get(uid) === size);
}
