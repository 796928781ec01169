import type { LicenceStatus } from "./licensing.table.js";

/** Every status, in the order the officers' filter lists them. */
export const LICENCE_STATUS_LIST: readonly LicenceStatus[] = [
  "issued",
  "suspended",
  "revoked",
  "expired",
  "superseded",
];

export const isLicenceStatus = (value: string): value is LicenceStatus =>
  (LICENCE_STATUS_LIST as readonly string[]).includes(value);
