import type { Agency } from "../../agencies/index.js";
import { fromLocal, isValidDate, loadBusinessCalendar } from "../../calendar/index.js";
import type { Clock } from "../../platform/clock.js";
import { type DatabaseHandle, withTransaction } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors.js";
import type { FileStore } from "../../platform/storage/file-store.js";
import type { ThreadPool } from "../../platform/threads/index.js";
import { type AttachmentRecord, type Entry, registerEntry } from "../../register/index.js";
import { type ReceivedFile, screenFiles } from "../attachments/index.js";

export interface PaperItem {
  senderName: string;
  senderContact?: string;
  addressee?: string;
  subject: string;
  letterReference?: string;
  /** The letter's own date, YYYY-MM-DD. */
  letterDate?: string;
  /** When the paper reached the agency, local `YYYY-MM-DDTHH:MM` (the receipt stamp's time). */
  receivedAtLocal: string;
  scanDevice: string;
  /** RG-6: the officer checked the scan against the paper (pages complete and legible). */
  completenessChecked: boolean;
  scans: ReceivedFile[];
}

const required = (value: string | undefined, field: string, max = 300) => {
  const text = (value ?? "").trim();
  if (!text || text.length > max) throw new AppError("VALIDATION_FAILED", { detail: field }, { field });
  return text;
};

/**
 * An officer registers a paper item (RG-1, RG-6): receipt time as stamped on it (CH-3), the scans through
 * the allow-list, and who scanned it with what. The paper receipt stamp is its acknowledgement (CH-4).
 * Throws VALIDATION_FAILED.
 */
export async function registerPaperItem(
  deps: {
    handle: DatabaseHandle;
    clock: Clock;
    files: FileStore;
    maxFileBytes: number;
    /** #18 screenpool: where scans are checked and hashed, off the event loop; unset: on it. */
    threads?: ThreadPool;
  },
  agency: Agency,
  item: PaperItem,
  ctx: { staffId: string; ip?: string },
): Promise<{ entry: Entry; attachments: AttachmentRecord[] }> {
  const senderName = required(item.senderName, "senderName", 200);
  const subject = required(item.subject, "subject");
  const scanDevice = required(item.scanDevice, "scanDevice", 200);
  if (!item.completenessChecked)
    throw new AppError(
      "VALIDATION_FAILED",
      { detail: "completenessChecked" },
      { field: "completenessChecked" },
    );
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(item.receivedAtLocal.trim());
  // A real day only: 2026-02-31 matches the pattern but names no day (it was a 500).
  if (!match || !isValidDate(match[1]!))
    throw new AppError("VALIDATION_FAILED", { detail: "receivedAt" }, { field: "receivedAt" });
  const receivedAt = fromLocal(match[1]!, Number(match[2]) * 60 + Number(match[3]), agency.timeZone);
  const now = deps.clock.now();
  if (
    Number.isNaN(receivedAt.getTime()) ||
    receivedAt.getTime() > now.getTime() + 60_000 ||
    receivedAt.getTime() < now.getTime() - 366 * 86_400_000
  ) {
    throw new AppError("VALIDATION_FAILED", { detail: "receivedAt" }, { field: "receivedAt" });
  }
  if (item.letterDate && !isValidDate(item.letterDate)) {
    throw new AppError("VALIDATION_FAILED", { detail: "letterDate" }, { field: "letterDate" });
  }
  const attachments = await screenFiles(deps.files, item.scans, deps.maxFileBytes, { threads: deps.threads });
  const calendar = await loadBusinessCalendar(deps.handle.db, agency);
  const contact = item.senderContact?.trim() || null;
  return withTransaction(deps.handle, (trx) =>
    registerEntry(
      trx,
      {
        agencyId: agency.id,
        channel: "paper",
        senderName,
        senderEmail: contact?.includes("@") ? contact : null,
        senderPhone: contact && !contact.includes("@") ? contact : null,
        addressee: item.addressee?.trim() || agency.nameTh,
        subject,
        body: "",
        letterReference: item.letterReference?.trim() || null,
        letterDate: item.letterDate || null,
        language: "th",
        receivedAt,
        scannedBy: ctx.staffId,
        scanDevice,
        acknowledgedOnReceiptVia: "paper-stamp",
        attachments,
      },
      { clock: deps.clock, calendar, actor: `staff:${ctx.staffId}`, ip: ctx.ip },
    ),
  );
}
