import { type Agency, findAgency } from "../agencies/index.js";
import { recordAudit } from "../audit/index.js";
import { toLocal } from "../calendar/index.js";
import { pushLineText } from "../intake/line/index.js";
import { findLicence, type Licence } from "../licensing/index.js";
import { enqueueMessage } from "../outbox/index.js";
import { withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { formatDate } from "../platform/i18n/format.js";
import { newId } from "../platform/ids.js";
import { listMatterEntries, threadMessageId } from "../register/index.js";
import { type Actor, auditActor } from "../workflow/index.js";
import { applicantReach, type ChosenChannel, chooseChannel } from "./choose-channel.js";
import { type DeliveryRow, insertDelivery, nextAttempt, updateDelivery } from "./deliveries.repo.js";
import type { DeliveryChannel } from "./deliveries.table.js";
import type { DeliveryDeps } from "./delivery-deps.js";
import {
  deliveryKey,
  deliveryText,
  LICENCE_MAIL_KIND,
  LICENCE_PASSWORD_KIND,
  licencePageUrl,
  passwordText,
} from "./delivery-messages.js";
import { linkExpiry, signedDownloadUrl } from "./download-link.js";
import { markMatterDelivered } from "./mark-matter-delivered.js";
import { newZipPassword, protectLicence } from "./protect-licence.js";
import { sendPassword } from "./send-password.js";

/** DL-3: the password's message follows the file's by this much, so the two never arrive as one. */
const PASSWORD_DELAY_MS = 2 * 60 * 1000;

export interface DeliverLicenceInput {
  agencyId: string;
  licenceId: string;
  actor: Actor<string>;
  at: Date;
  /** An officer's "send by another channel"; none: chosen as DL-1 says. */
  channel?: DeliveryChannel;
  ip?: string;
}

/**
 * DL-1..4: delivers a licence edition once more (the sweep's first delivery, or an officer's "send
 * again"): on the chosen channel, protected in an AES-256 ZIP when the licence is confidential (its
 * password on another channel), as an expiring signed link when too large to attach or on LINE. The row,
 * the outbox's messages and the audit row are written together; nothing is called sent here: the outbox
 * (email) or LINE's answer says so. Returns undefined when another worker wrote this attempt first.
 * Throws LICENCE_NOT_FOUND, DELIVERY_LICENCE_NOT_CURRENT, DELIVERY_CHANNEL_UNAVAILABLE.
 */
export async function deliverLicence(
  deps: DeliveryDeps,
  input: DeliverLicenceInput,
): Promise<DeliveryRow | undefined> {
  const db = deps.handle.db;
  const licence = await findLicence(db, input.agencyId, input.licenceId);
  if (!licence?.matterId) throw new AppError("LICENCE_NOT_FOUND");
  if (licence.status !== "issued") throw new AppError("DELIVERY_LICENCE_NOT_CURRENT");
  const [entry] = await listMatterEntries(db, licence.matterId);
  const agency = await findAgency(db, input.agencyId);
  if (!entry || !agency) throw new AppError("LICENCE_NOT_FOUND");
  const chosen = input.channel
    ? await officerChannel(deps, entry, input.channel)
    : await chooseChannel(db, entry);
  const reach = await applicantReach(db, entry);

  const pdf = await deps.files.read(licence.pdfKey);
  const base = `licence-${licence.beYear}-${licence.sequence ?? licence.id.slice(0, 8)}-${licence.edition}`;
  const password = licence.confidential ? newZipPassword() : undefined;
  const file = password ? await protectLicence(pdf, `${base}.pdf`, password) : pdf;
  const fileKey = password ? (await deps.files.put(file)).key : null;
  const fileName = password ? `${base}.zip` : `${base}.pdf`;
  const linked = chosen.channel === "line" || file.length > deps.attachMaxBytes;
  const expires = linkExpiry(input.at);
  const passwordChannel = !password
    ? null
    : reach.phone && deps.sms
      ? "sms"
      : reach.lineUserId && chosen.channel !== "line"
        ? "line"
        : reach.email
          ? "email"
          : "none";

  const id = newId();
  const at = input.at.toISOString();
  const row: DeliveryRow = {
    id,
    agency_id: agency.id,
    licence_id: licence.id,
    matter_id: licence.matterId,
    entry_id: entry.id,
    attempt: await nextAttempt(db, licence.id),
    channel: chosen.channel,
    chosen_by: chosen.chosenBy,
    recipient: chosen.recipient,
    status: "queued",
    protected: password ? 1 : 0,
    password_channel: passwordChannel,
    password_status: passwordChannel === null ? null : passwordChannel === "none" ? "none" : "queued",
    linked: linked ? 1 : 0,
    link_expires_at: linked ? expires.toISOString() : null,
    file_key: fileKey,
    file_name: fileName,
    outbox_key: chosen.channel === "email" || passwordChannel === "email" ? deliveryKey(id) : null,
    error: null,
    requested_by: auditActor(input.actor),
    created_at: at,
    sent_at: null,
    bounced_at: null,
    downloaded_at: null,
    updated_at: at,
  };
  const links = { secret: deps.secret, publicUrl: deps.publicUrl };
  const text = deliveryText({
    agency,
    licence,
    page: licencePageUrl(links, agency.id, entry),
    protected: Boolean(password),
    link: linked
      ? {
          url: signedDownloadUrl(links, agency.id, id, expires),
          expiresOn: formatDate("th", toLocal(expires, agency.timeZone).date),
        }
      : undefined,
  });
  const inserted = await withTransaction(deps.handle, async (trx) => {
    if (!(await insertDelivery(trx, row))) return false;
    if (chosen.channel === "email" && chosen.recipient)
      await enqueueMessage(
        trx,
        // CH-12, DL-4: a delivery report quoting this Message-ID marks this very delivery bounced.
        fileMail(
          agency,
          licence,
          row,
          text,
          threadMessageId(deps.secret, LICENCE_MAIL_KIND, row.id, agency.domain),
          linked ? undefined : file,
        ),
        at,
      );
    if (password && passwordChannel === "email" && reach.email)
      await enqueueMessage(
        trx,
        passwordMail(agency, licence, id, reach.email, password),
        new Date(input.at.getTime() + PASSWORD_DELAY_MS).toISOString(),
      );
    await recordAudit(trx, {
      agencyId: agency.id,
      actor: row.requested_by,
      action: "licence.deliver",
      subjectType: "licence",
      subjectId: licence.id,
      // By id only: the recipient is personal data and stays in its sealed column.
      data: {
        deliveryId: id,
        attempt: row.attempt,
        channel: row.channel,
        chosenBy: row.chosen_by,
        protected: row.protected === 1,
        linked,
      },
      ip: input.ip,
      at,
    });
    return true;
  });
  if (!inserted) return undefined;
  if (chosen.channel === "line" && chosen.recipient) {
    await pushFile(deps, row, chosen.recipient, text, input.at);
    if (row.status === "sent") await markMatterDelivered(deps.handle, row, input.at);
  }
  if (password && (passwordChannel === "sms" || passwordChannel === "line"))
    await sendPassword(deps, row, reach, passwordText(agency, licence, password), input.at);
  return { ...row };
}

async function officerChannel(
  deps: DeliveryDeps,
  entry: Parameters<typeof applicantReach>[1],
  channel: DeliveryChannel,
): Promise<ChosenChannel> {
  const reach = await applicantReach(deps.handle.db, entry);
  const recipient = channel === "email" ? reach.email : channel === "line" ? reach.lineUserId : null;
  if (channel !== "download" && !recipient) throw new AppError("DELIVERY_CHANNEL_UNAVAILABLE", { channel });
  return { channel, recipient, chosenBy: "officer" };
}

function fileMail(
  agency: Agency,
  licence: Licence,
  row: DeliveryRow,
  text: string,
  messageId: string,
  file?: Buffer,
) {
  return {
    agencyId: agency.id,
    entryId: null,
    subjectKey: deliveryKey(row.id),
    kind: LICENCE_MAIL_KIND,
    channel: "email" as const,
    recipient: row.recipient!,
    mail: {
      subject: `${licence.title.th} เลขที่ ${licence.number} / Licence ${licence.number}`,
      text,
      messageId,
      ...(file && {
        attachments: [
          {
            filename: row.file_name,
            contentType: row.protected ? "application/zip" : "application/pdf",
            content: file.toString("base64"),
            encoding: "base64" as const,
          },
        ],
      }),
    },
  };
}

function passwordMail(agency: Agency, licence: Licence, deliveryId: string, to: string, password: string) {
  return {
    agencyId: agency.id,
    entryId: null,
    subjectKey: deliveryKey(deliveryId),
    kind: LICENCE_PASSWORD_KIND,
    channel: "email" as const,
    recipient: to,
    // FM-6's rule for codes: the outbox's kept copy loses the password once it is sent.
    mail: {
      subject: `รหัสผ่านไฟล์ใบอนุญาต ${licence.number} / Licence file password`,
      text: passwordText(agency, licence, password),
      secret: password,
    },
  };
}

/** DL-2: LINE has no file message a bot can push: the text carries the expiring signed link. */
async function pushFile(deps: DeliveryDeps, row: DeliveryRow, to: string, text: string, now: Date) {
  const at = now.toISOString();
  try {
    const result = await pushLineText({ db: deps.handle.db, env: deps.env }, row.agency_id, to, text, row.id);
    row.status = result;
    row.sent_at = result === "sent" ? at : null;
  } catch (error) {
    row.status = "failed";
    row.error = String((error as Error).message ?? error).slice(0, 500);
  }
  row.updated_at = at;
  await updateDelivery(deps.handle.db, row.id, {
    status: row.status,
    sent_at: row.sent_at,
    error: row.error,
    updated_at: at,
  });
}
