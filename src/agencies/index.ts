export { findAgency, findUnit, listAgencies, listUnits, saveAgency } from "./agencies.repo.js";
export {
  type Agency,
  checkCentralEmail,
  contactPhone,
  EMAIL_PATTERN,
  TOTP_FLOOR_ROLES,
  withTotpFloor,
} from "./agency.js";
export { agencyResolver } from "./agency-resolver.js";
export { type AgencySettings, AgencySettingsSchema } from "./agency-settings.schema.js";
export { DEMO_ADMIN, DEMO_AGENCY, DEMO_OFFICERS } from "./demo-agency.js";
export { initAgency, parseAgencySettings } from "./init-agency.js";
export {
  addReferralAgency,
  findReferralAgency,
  listReferralAgencies,
  type ReferralAgency,
} from "./referrals.js";
// #13 video-juristic: the video tool link (ID-3)
export { setVideoCallUrl, videoCallLink } from "./video-call-settings.js";
