import { sql } from "kysely";
import type { Agency } from "../agencies/index.js";
import { recordAudit } from "../audit/index.js";
import { buddhistYear, isValidDate } from "../calendar/index.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import { announcementText, announcementTitle } from "./announcement-text.js";
import { findInForce } from "./announcements.repo.js";
import { ANNOUNCEMENT_KINDS, type AnnouncementKind, type AnnouncementRow } from "./correspondence.table.js";

/** What the admin fills in; the rest comes from the agency's settings. */
export interface AnnouncementDraft {
  kind: AnnouncementKind;
  signerName: string;
  signerPosition: string;
  /** YYYY-MM-DD. */
  effectiveFrom: string;
  lineAccount?: string;
  otherSystems?: string[];
  /** The id of the one in force when the preview was drawn ("" for none): another → ANNOUNCEMENT_CHANGED. */
  supersedes: string;
}

const invalid = (field: string) => new AppError("VALIDATION_FAILED", { detail: field }, { field });

/** Checks a draft; VALIDATION_FAILED names the field. */
export function checkAnnouncementDraft(d: AnnouncementDraft): AnnouncementDraft {
  if (!ANNOUNCEMENT_KINDS.includes(d.kind)) throw invalid("kind");
  if (!d.signerName.trim()) throw invalid("signerName");
  if (!d.signerPosition.trim()) throw invalid("signerPosition");
  if (!isValidDate(d.effectiveFrom) || d.effectiveFrom < "2000-01-01" || d.effectiveFrom > "2200-12-31")
    throw invalid("effectiveFrom");
  if (d.lineAccount && !/^@?[\w.-]{1,60}$/.test(d.lineAccount)) throw invalid("lineAccount");
  return d;
}

/**
 * The title and text a draft gives for the agency (the preview shows exactly what is issued). Throws
 * LICENCE_ORIGIN_NOT_SET for an s.13 announcement while the agency's own licence origin is not set (LC-3:
 * the announcement names the domain its QR codes lead to).
 */
export function draftAnnouncement(agency: Agency, webUrl: string, d: AnnouncementDraft) {
  if (d.kind === "s13" && !agency.licenceOrigin) throw new AppError("LICENCE_ORIGIN_NOT_SET");
  return {
    title: announcementTitle(d.kind, agency.nameTh),
    paragraphs: announcementText({ ...d, agency, webUrl, licenceOrigin: agency.licenceOrigin }),
  };
}

/**
 * CH-1, CH-13: issues the s.10 announcement or the s.16 command from the agency's settings; the one in
 * force of the same kind is superseded in the same transaction. A command is numbered in its Buddhist
 * year (ที่ n/พ.ศ.). #15 s13: or the s.13 announcement of how licences are displayed and checked (LC-3).
 * Throws VALIDATION_FAILED, ANNOUNCEMENT_CHANGED (another was issued since the preview),
 * LICENCE_ORIGIN_NOT_SET (an s.13 announcement before the agency's licence origin is set).
 */
export async function issueAnnouncement(
  handle: DatabaseHandle,
  agency: Agency,
  webUrl: string,
  draft: AnnouncementDraft,
  ctx: { actor: string; at: Date; ip?: string },
): Promise<AnnouncementRow> {
  checkAnnouncementDraft(draft);
  const { title, paragraphs } = draftAnnouncement(agency, webUrl, draft);
  const now = ctx.at.toISOString();
  const beYear = buddhistYear(ctx.at, agency.timeZone);
  return withTransaction(handle, async (trx) => {
    const current = await findInForce(trx, agency.id, draft.kind);
    if ((current?.id ?? "") !== draft.supersedes) throw new AppError("ANNOUNCEMENT_CHANGED");
    if (current) {
      const superseded = await trx
        .updateTable("announcements")
        .set({ superseded_at: now })
        .where("id", "=", current.id)
        .where("superseded_at", "is", null)
        .executeTakeFirst();
      // A concurrent issue got there first: this preview is stale.
      if (Number(superseded.numUpdatedRows) !== 1) throw new AppError("ANNOUNCEMENT_CHANGED");
    }
    let number: number | null = null;
    if (draft.kind === "s16") {
      const last = await trx
        .selectFrom("announcements")
        .select(sql<number | null>`max(number)`.as("n"))
        .where("agency_id", "=", agency.id)
        .where("kind", "=", "s16")
        .where("be_year", "=", beYear)
        .executeTakeFirst();
      number = Number(last?.n ?? 0) + 1;
    }
    const row: AnnouncementRow = {
      id: newId(),
      agency_id: agency.id,
      kind: draft.kind,
      be_year: beYear,
      number,
      title,
      text: paragraphs.join("\n"),
      signer_name: draft.signerName.trim(),
      signer_position: draft.signerPosition.trim(),
      effective_from: draft.effectiveFrom,
      superseded_at: null,
      created_by: ctx.actor,
      created_at: now,
    };
    await trx.insertInto("announcements").values(row).execute();
    await recordAudit(trx, {
      agencyId: agency.id,
      actor: ctx.actor,
      action: "announcement.issue",
      subjectType: "announcement",
      subjectId: row.id,
      data: { kind: row.kind, number: row.number, supersedes: current?.id ?? null },
      ip: ctx.ip,
      at: now,
    });
    return row;
  });
}
