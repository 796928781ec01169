import type { Agency } from "../../agencies/index.js";
import type { Clock } from "../../platform/clock.js";
import { type DatabaseHandle, isUniqueViolation, withTransaction } from "../../platform/db/database.js";
import { failpoint } from "../../platform/failpoint.js";
import { newId, sha256Hex } from "../../platform/ids.js";
import type { FileStore } from "../../platform/storage/file-store.js";
import { hasDeliveryStatusPart } from "./automatic-mail.js";
import { classifyMail, type FolderRole, type MailKind } from "./classify-mail.js";
import { findMailByDedupeKey, insertMailMessage } from "./mail.repo.js";
import type { MailOutcome } from "./mail.table.js";
import { prepareRequest, registerPrepared } from "./mail-request.js";
import { type IncomingMail, parseMail } from "./parse-mail.js";
import { recordAutomaticMail } from "./record-automatic-mail.js";

export interface MailIntakeDeps {
  handle: DatabaseHandle;
  clock: Clock;
  files: FileStore;
  secret: string;
  maxFileBytes: number;
}

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

export interface ReceiveResult {
  outcome: MailOutcome | "duplicate";
  mailMessageId: string;
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
 * suspected spam (CH-6), or records an automatic reply or a bounce. A message already taken (same
 * sender and Message-ID, or same bytes) is a `duplicate` and changes nothing.
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
  const db = deps.handle.db;
  const mail = await parseMail(arrived.raw);
  const dedupeKey = dedupeKeyOf(mail, arrived.raw);
  const seen = await findMailByDedupeKey(db, agency.id, dedupeKey);
  if (seen) {
    return async () => ({
      outcome: "duplicate",
      mailMessageId: seen.id,
      entryId: seen.entry_id ?? undefined,
    });
  }

  const kind = kindOfMail(mail, agency, arrived.folderRole, settings.trustedServer, arrived.raw);
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
  };
  return async () => {
    try {
      if (kind.kind !== "request") {
        const result = await withTransaction(deps.handle, async (trx) => {
          const { reason } = await recordAutomaticMail(trx, {
            agency,
            secret: deps.secret,
            kind,
            mail,
            raw: arrived.raw,
            row: { ...row, outcome: kind.kind },
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
        await insertMailMessage(trx, { ...row, outcome: "registered", entry_id: entryId, reason });
        return {
          outcome: "registered" as const,
          mailMessageId: row.id,
          entryId,
          reason: reason ?? undefined,
        };
      });
      failpoint("mail.after-commit");
      return result;
    } catch (error) {
      // Another worker took the same message at the same moment: its registration stands.
      if (isUniqueViolation(error)) {
        const winner = await findMailByDedupeKey(db, agency.id, dedupeKey);
        if (winner)
          return { outcome: "duplicate", mailMessageId: winner.id, entryId: winner.entry_id ?? undefined };
      }
      throw error;
    }
  };
}
