import { recordAudit } from "../audit/index.js";
import type { OpenDataLicence } from "../licensing/index.js";
import { type DatabaseHandle, type Db, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { DGA_OPEN_GOVERNMENT_LICENSE, findOpenDataSettings } from "./open-data-settings.js";

export interface SettingsContext {
  actor: string;
  at: Date;
  ip?: string;
}

export interface CkanSettingsInput {
  enabled: boolean;
  url: string;
  ownerOrg: string;
  dataset: string;
  /** Empty: keep the token already saved. */
  token: string;
}

const invalid = (field: string) => new AppError("OPENDATA_SETTINGS_INVALID", { field }, { field });
const LOOPBACK = new Set(["localhost", "127.0.0.1"]);
/** CKAN's own rule for organisation and dataset names. */
const CKAN_NAME = /^[a-z0-9_-]{2,100}$/;

/** An https address (http only on this machine, for a local catalogue), without credentials. */
function checkUrl(raw: string, field: string, required: boolean): string {
  const text = raw.trim();
  if (!text && !required) return "";
  if (!text || text.length > 300 || /\s/.test(text)) throw invalid(field);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(field);
  }
  const secure = url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname));
  if (!secure || url.username || url.password || url.search || url.hash) throw invalid(field);
  return url.href.replace(/\/+$/, "");
}

/** A single line of plain text, trimmed, 1..max characters. */
function checkLine(raw: string, field: string, max: number, pattern?: RegExp): string {
  const text = raw
    .normalize("NFC")
    .replace(/[\u200B-\u200D\uFEFF]/g, "")
    .trim();
  if (!text || text.length > max || [...text].some((c) => c < " " || c === "<" || c === ">"))
    throw invalid(field);
  if (pattern && !pattern.test(text)) throw invalid(field);
  return text;
}

/** Writes the row (created with the defaults when it is the first setting) and its audit row. */
async function save(
  trx: Db,
  agencyId: string,
  changes: Record<string, string | number | null>,
  action: string,
  data: Record<string, unknown>,
  ctx: SettingsContext,
): Promise<void> {
  const at = ctx.at.toISOString();
  const existing = await trx
    .selectFrom("open_data_settings")
    .select("agency_id")
    .where("agency_id", "=", agencyId)
    .executeTakeFirst();
  if (existing)
    await trx
      .updateTable("open_data_settings")
      .set({ ...changes, updated_at: at, updated_by: ctx.actor })
      .where("agency_id", "=", agencyId)
      .execute();
  else
    await trx
      .insertInto("open_data_settings")
      .values({
        agency_id: agencyId,
        license_id: DGA_OPEN_GOVERNMENT_LICENSE.id,
        license_title: DGA_OPEN_GOVERNMENT_LICENSE.title,
        license_url: DGA_OPEN_GOVERNMENT_LICENSE.url,
        ckan_enabled: 0,
        ...changes,
        updated_at: at,
        updated_by: ctx.actor,
      })
      .execute();
  await recordAudit(trx, {
    agencyId,
    actor: ctx.actor,
    action,
    subjectType: "agency",
    subjectId: agencyId,
    data,
    ip: ctx.ip,
    at,
  });
}

/** PR-4: an admin sets the licence the agency's open data is published under; audited from → to. */
export async function setOpenDataLicence(
  handle: DatabaseHandle,
  agencyId: string,
  input: OpenDataLicence,
  ctx: SettingsContext,
): Promise<OpenDataLicence> {
  const licence = {
    id: checkLine(input.id, "licenseId", 100, /^[A-Za-z0-9._-]+$/),
    title: checkLine(input.title, "licenseTitle", 300),
    url: checkUrl(input.url, "licenseUrl", true),
  };
  return withTransaction(handle, async (trx) => {
    const before = (await findOpenDataSettings(trx, agencyId)).licence;
    await save(
      trx,
      agencyId,
      { license_id: licence.id, license_title: licence.title, license_url: licence.url },
      "opendata.licence",
      { from: before, to: licence },
      ctx,
    );
    return licence;
  });
}

/**
 * OD-1: an admin sets the CKAN catalogue the register is pushed to. The token is stored sealed and never
 * written to the audit row (only that it changed); switching the push on needs every setting.
 */
export async function setCkanSettings(
  handle: DatabaseHandle,
  agencyId: string,
  input: CkanSettingsInput,
  ctx: SettingsContext,
): Promise<void> {
  const url = checkUrl(input.url, "ckanUrl", input.enabled);
  const ownerOrg = input.ownerOrg.trim() ? checkLine(input.ownerOrg, "ckanOwnerOrg", 100, CKAN_NAME) : "";
  const dataset = input.dataset.trim() ? checkLine(input.dataset, "ckanDataset", 100, CKAN_NAME) : "";
  const token = input.token.trim() ? checkLine(input.token, "ckanToken", 2000, /^[\x21-\x7E]+$/) : "";
  await withTransaction(handle, async (trx) => {
    const before = (await findOpenDataSettings(trx, agencyId)).ckan;
    if (input.enabled && (!ownerOrg || !dataset)) throw invalid(ownerOrg ? "ckanDataset" : "ckanOwnerOrg");
    if (input.enabled && !token && !before.tokenHint) throw invalid("ckanToken");
    const changes: Record<string, string | number | null> = {
      ckan_enabled: input.enabled ? 1 : 0,
      ckan_url: url || null,
      ckan_owner_org: ownerOrg || null,
      ckan_dataset: dataset || null,
    };
    if (token) changes.ckan_token = token;
    const to = { enabled: input.enabled, url, ownerOrg, dataset };
    const { tokenHint: _hint, ...from } = before;
    await save(trx, agencyId, changes, "opendata.ckan", { from, to, tokenChanged: token !== "" }, ctx);
  });
}
