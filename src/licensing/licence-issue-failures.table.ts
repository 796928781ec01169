/** #15 issuance: why the automatic issuance could not issue a matter's licence, until it can. */
export interface LicenceIssueFailuresTable {
  matter_id: string;
  agency_id: string;
  /** An AppError code (LICENCE_SIGNER_NOT_SET …). */
  code: string;
  /** JSON: the error's parameters (e.g. the missing field). */
  params: string;
  first_at: string;
  last_at: string;
}
