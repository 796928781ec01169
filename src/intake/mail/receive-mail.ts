import type { Agency } from "../../agencies/index.js";
import { type Db, isUniqueViolation, withTransaction } from "../../platform/db/database.js";
import { failpoint } from "../../platform/failpoint.js";
import { newId, sha256Hex } from "../../platform/ids.js";
import { hasDeliveryStatusPart } from "./automatic-mail.js";
import { classifyMail, type FolderRole, type MailKind } from "./classify-mail.js";
import { findMailByDedupeKey, insertMailMessage } from "./mail.repo.js";
import type { MailOutcome } from "./mail.table.js";
import type { MailIntakeDeps } from "./mail-intake-deps.js";
import { prepareRequest, registerPrepared } from "./mail-request.js";
import { type IncomingMail, parseMail } from "./parse-mail.js";
import { parseMailOn } from "./parse-mail-pooled.js";
import { recordAutomaticMail } from "./record-automatic-mail.js";

export type { MailIntakeDeps } from "./mail-intake-deps.js";

/** A message as the IMAP server holds it. */
export interface ArrivedMail {
  raw: Buffer;
  folder: string;
  folderRole: FolderRole;
  uidValidity: string;
  uid: number;
  /** CH-3: when the agency's mail server accepted it (INTERNALDATE). */
  internalDate: Date;
}

/**
 * Whether this mail was taken before. Only the very same bytes are a duplicate (RG-4: nothing different
 * is dropped). Under the Message-ID and sender of an earlier mail, other bytes get the Message-ID key
 * with their digest, and `earlier` names the first row.
 */
async function seenBefore(db: Db, agencyId: string, mail: IncomingMail, raw: Buffer) {
  const key = dedupeKeyOf(mail, raw);
  const first = await findMailByDedupeKey(db, agencyId, key);
  if (!first) return { dedupeKey: key, earlier: undefined, duplicate: undefined };
  const sha = sha256Hex(raw);
  if (first.raw_sha256 === sha) return { duplicate: first };
  const variantKey = `${key}:raw:${sha}`;
  const copy = await findMailByDedupeKey(db, agencyId, variantKey);
  if (copy) return { duplicate: copy };
  return { dedupeKey: variantKey, earlier: first, duplicate: undefined };
}

export interface ReceiveResult {
  outcome: MailOutcome | "duplicate";
  mailMessageId: string;
  /** The mail's Message-ID, to find its copy in the processed folder again (retention). */
  messageId?: string;
  entryId?: string;
  reason?: string;
}

/**
 * One message is one row however often it is seen. Its Message-ID identifies it only together with
 * its sender (anyone can reuse another's Message-ID); without a Message-ID, its bytes do.
 */
export function dedupeKeyOf(mail: IncomingMail, raw: Buffer): string {
  return mail.messageId
    ? `mid:${sha256Hex(`${mail.messageId.toLowerCase()}\n${mail.from?.address ?? ""}`)}`
    : `raw:${sha256Hex(raw)}`;
}

/** What a parsed mail is, for the agency's mailbox (see classify-mail.ts). */
export function kindOfMail(
  mail: IncomingMail,
  agency: Pick<Agency, "domain">,
  folderRole: FolderRole,
  trustedServer: string | null,
  raw?: Buffer,
): MailKind {
  return classifyMail({
    headers: mail.headers,
    fromAddress: mail.from?.address,
    subject: mail.subject,
    contentType: mail.contentType,
    deliveryStatusPart: raw ? hasDeliveryStatusPart(raw) : false,
    folderRole,
    trustedServer,
    agencyDomain: agency.domain,
  });
}

/**
 * Takes one message from the mailbox: keeps the raw message as the record (RG-4), decides what it is,
 * and in one transaction registers it with its acknowledgement queued (RG-1, CH-4) — or holds it as
 * suspected spam (CH-6), or records an automatic reply or a bounce. A message already taken (the same
 * bytes) is a `duplicate` and changes nothing; another under an earlier one's Message-ID and sender is
 * kept as a `possible-duplicate` for an officer (RG-4).
 */
export async function receiveMail(
  deps: MailIntakeDeps,
  agency: Agency,
  settings: { trustedServer: string | null },
  arrived: ArrivedMail,
): Promise<ReceiveResult> {
  const commit = await prepareMail(deps, agency, settings, arrived);
  return commit();
}

/**
 * `receiveMail` in two steps, so that a pass can prepare several messages at once (parsing, storing and
 * screening files: the slow part) while committing them one by one in the order they arrived, which is
 * the order of their receipt numbers (RG-1). Returns the commit.
 */
export async function prepareMail(
  deps: MailIntakeDeps,
  agency: Agency,
  settings: { trustedServer: string | null },
  arrived: ArrivedMail,
): Promise<() => Promise<ReceiveResult>> {
  const mail = deps.threads ? await parseMailOn(deps.threads, arrived.raw) : await parseMail(arrived.raw);
  const commit = await prepareParsed(deps, agency, settings, arrived, mail);
  return async () => ({ ...(await commit()), messageId: mail.messageId ?? undefined });
}

async function prepareParsed(
  deps: MailIntakeDeps,
  agency: Agency,
  settings: { trustedServer: string | null },
  arrived: ArrivedMail,
  mail: IncomingMail,
): Promise<() => Promise<ReceiveResult>> {
  const db = deps.handle.db;
  const seen = await seenBefore(db, agency.id, mail, arrived.raw);
  if (seen.duplicate) {
    const { duplicate } = seen;
    return async () => ({
      outcome: "duplicate",
      mailMessageId: duplicate.id,
      entryId: duplicate.entry_id ?? undefined,
    });
  }
  const { dedupeKey, earlier } = seen;

  const classified = kindOfMail(mail, agency, arrived.folderRole, settings.trustedServer, arrived.raw);
  // RG-4: another mail under the Message-ID and sender of an earlier one is kept and waits for an
  // officer; only what would be registered waits (spam stays held, automatic mail is only recorded).
  const kind: MailKind | { kind: "possible-duplicate" } =
    earlier && classified.kind === "request" ? { kind: "possible-duplicate" } : classified;
  // The raw message and the request's files are written together; all are on disk (RG-4) before the
  // commit that refers to them.
  const [stored, prepared] = await Promise.all([
    deps.files.put(arrived.raw),
    kind.kind === "request"
      ? prepareRequest(deps, agency, mail, arrived.internalDate, kind.noAckReason)
      : Promise.resolve(undefined),
  ]);
  const now = deps.clock.now().toISOString();
  const row = {
    id: newId(),
    agency_id: agency.id,
    dedupe_key: dedupeKey,
    message_id: mail.messageId ?? null,
    from_address: mail.from?.address ?? null,
    raw_from: mail.rawFrom?.slice(0, 2000) ?? null,
    subject: mail.subject.slice(0, 500),
    folder: arrived.folder,
    uid_validity: arrived.uidValidity,
    uid: arrived.uid,
    internal_date: arrived.internalDate.toISOString(),
    raw_key: stored.key,
    raw_sha256: stored.sha256,
    size: arrived.raw.byteLength,
    entry_id: null as string | null,
    related_entry_id: null as string | null,
    reason: null as string | null,
    moved_at: null,
    decided_by: null,
    decided_at: null,
    created_at: now,
    duplicate_of: earlier?.id ?? null,
  };
  /** Commits the mail under a dedupe key; a request repeating `duplicateOf` waits for an officer instead. */
  const commitAs = async (dedupe_key: string, duplicateOf: string | null): Promise<ReceiveResult> => {
    const keyed = { ...row, dedupe_key, duplicate_of: duplicateOf };
    if (kind.kind === "possible-duplicate" || (duplicateOf && kind.kind === "request")) {
      await insertMailMessage(db, { ...keyed, outcome: "possible-duplicate" });
      failpoint("mail.after-commit");
      return { outcome: "possible-duplicate", mailMessageId: row.id };
    }
    if (kind.kind !== "request") {
      const result = await withTransaction(deps.handle, async (trx) => {
        const { reason } = await recordAutomaticMail(trx, {
          agency,
          secret: deps.secret,
          kind,
          mail,
          raw: arrived.raw,
          row: { ...keyed, outcome: kind.kind },
        });
        return { outcome: kind.kind, mailMessageId: row.id, reason };
      });
      failpoint("mail.after-commit");
      return result;
    }

    const result = await withTransaction(deps.handle, async (trx) => {
      const { entryId, noAckReason } = await registerPrepared(trx, deps, agency, prepared!, "system:mail");
      const reason =
        [noAckReason && `no-ack:${noAckReason}`, prepared!.note].filter(Boolean).join("; ") || null;
      await insertMailMessage(trx, { ...keyed, outcome: "registered", entry_id: entryId, reason });
      return {
        outcome: "registered" as const,
        mailMessageId: row.id,
        entryId,
        reason: reason ?? undefined,
      };
    });
    failpoint("mail.after-commit");
    return result;
  };
  return async () => {
    try {
      return await commitAs(dedupeKey, earlier?.id ?? null);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Another mail under the same key was committed in the meantime (one prepared just ahead in the
      // same pass, or another worker). The very same bytes: a duplicate, its registration stands. Other
      // bytes: this one is kept too (RG-4), as a possible duplicate of that one.
      const again = await seenBefore(db, agency.id, mail, arrived.raw);
      if (again.duplicate) {
        return {
          outcome: "duplicate",
          mailMessageId: again.duplicate.id,
          entryId: again.duplicate.entry_id ?? undefined,
        };
      }
      try {
        return await commitAs(again.dedupeKey, again.earlier?.id ?? null);
      } catch (second) {
        if (!isUniqueViolation(second)) throw second;
        const winner = await findMailByDedupeKey(db, agency.id, again.dedupeKey);
        if (winner)
          return { outcome: "duplicate", mailMessageId: winner.id, entryId: winner.entry_id ?? undefined };
        throw second;
      }
    }
  };
}
