import { type BusinessHours, DEFAULT_BUSINESS_HOURS } from "../calendar/index.js";
import type { AgencyRow } from "./agencies.table.js";

export interface Agency {
  id: string;
  nameTh: string;
  nameEn: string;
  domain: string;
  hostnames: string[];
  centralEmail: string;
  phones: string[];
  timeZone: string;
  businessHours: BusinessHours;
  holidayCalendar: string;
  /** Roles that must log in with a second factor (WS-3: MFA for medium and high risk). */
  totpRequiredRoles: string[];
  /** CH-4: the agency's own acknowledgement texts; undefined means the default catalogue text. */
  acknowledgementText: { th?: string; en?: string };
  /** ES-1: the code in the ที่ of its letters (e.g. "นร 0106"); null until the admin sets it. */
  letterCode: string | null;
  /** LF-5: the OPDC address copies of delay notices go to; null: not configured (said, not guessed). */
  opdcEmail: string | null;
  /** ES-1: the postal address on its letterhead. */
  postalAddress: string | null;
  /** #13 ID-3: the video tool's link template, `{appointment}` replaced per call; null: no video calls. */
  videoCallUrl: string | null;
  /** #15 LC-3: the agency's own origin (https://host) its licences' QR codes lead to; null: none issued yet. */
  licenceOrigin: string | null;
  /** #15 LC-1: the emblem printed on its licences (a file store key); null: none. */
  emblemKey: string | null;
}

/**
 * #13 officers (AAL2, WS-3): the roles that decide, take payments or issue licences always sign in with a
 * second factor. An agency's `totpRequiredRoles` adds roles to these, never removes them.
 */
export const TOTP_FLOOR_ROLES: readonly string[] = ["approver", "finance_officer", "head_of_agency"];

/** The agency's setting with the floor added: what sign-in actually requires. */
export const withTotpFloor = (roles: readonly string[]): string[] => [
  ...new Set([...TOTP_FLOOR_ROLES, ...roles]),
];

export function agencyFromRow(row: AgencyRow): Agency {
  return {
    id: row.id,
    nameTh: row.name_th,
    nameEn: row.name_en,
    domain: row.domain,
    hostnames: JSON.parse(row.hostnames) as string[],
    centralEmail: row.central_email,
    phones: JSON.parse(row.phones) as string[],
    timeZone: row.time_zone,
    businessHours: {
      ...DEFAULT_BUSINESS_HOURS,
      ...(JSON.parse(row.business_hours) as Partial<BusinessHours>),
    },
    holidayCalendar: row.holiday_calendar,
    totpRequiredRoles: withTotpFloor(JSON.parse(row.totp_required_roles) as string[]),
    acknowledgementText: {
      th: row.acknowledgement_text_th ?? undefined,
      en: row.acknowledgement_text_en ?? undefined,
    },
    letterCode: row.letter_code,
    opdcEmail: row.opdc_email,
    postalAddress: row.postal_address,
    videoCallUrl: row.video_call_url,
    licenceOrigin: row.licence_origin,
    emblemKey: row.emblem_key,
  };
}

/** The phone printed on acknowledgements for confirming receipt (CH-1, CH-4). */
export function contactPhone(agency: Agency): string {
  return agency.phones[0] ?? "";
}

const FREE_PROVIDERS = [
  "gmail.com",
  "googlemail.com",
  "yahoo.com",
  "yahoo.co.th",
  "hotmail.com",
  "hotmail.co.th",
  "outlook.com",
  "outlook.co.th",
  "live.com",
  "msn.com",
  "icloud.com",
  "me.com",
  "aol.com",
  "proton.me",
  "protonmail.com",
];

export type CentralEmailWarning =
  | "CENTRAL_EMAIL_FREE_PROVIDER"
  | "CENTRAL_EMAIL_NOT_SARABAN"
  | "CENTRAL_EMAIL_OTHER_DOMAIN";

/**
 * CH-2: the central address should be `saraban@<agency domain>`, or at least end in the parent agency's
 * domain (saraban-phayao@moi.go.th, saraban_6301209@dla.go.th), and never a free provider. These are
 * warnings, not refusals: the seeds say SHOULD.
 */
export function checkCentralEmail(
  email: string,
  agencyDomain: string,
  parentDomain?: string,
): CentralEmailWarning[] {
  const at = email.lastIndexOf("@");
  const local = email.slice(0, at).toLowerCase();
  const domain = email.slice(at + 1).toLowerCase();
  const warnings: CentralEmailWarning[] = [];
  if (FREE_PROVIDERS.includes(domain)) return ["CENTRAL_EMAIL_FREE_PROVIDER"];
  if (!/^saraban([-_.][\w-]+)?$/.test(local)) warnings.push("CENTRAL_EMAIL_NOT_SARABAN");
  const own = agencyDomain.toLowerCase();
  const within = (d: string) => domain === d || own.endsWith(`.${domain}`) || domain.endsWith(`.${d}`);
  if (!within(own) && !(parentDomain && within(parentDomain.toLowerCase())))
    warnings.push("CENTRAL_EMAIL_OTHER_DOMAIN");
  return warnings;
}

export const EMAIL_PATTERN = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;
export const AGENCY_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,39}$/;
