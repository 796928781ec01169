/** #15 register (PR-1): one word printed on a licence edition, for the public register's Thai search. */
export interface LicenceSearchTermsTable {
  agency_id: string;
  term: string;
  licence_id: string;
}
