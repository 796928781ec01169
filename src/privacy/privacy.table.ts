/** PD-6: what an officer read of a person's data, per matter (and entry), and when. */
export interface DataReadsTable {
  id: string;
  agency_id: string;
  matter_id: string;
  entry_id: string | null;
  /** `staff:<id>` */
  reader: string;
  what: DataReadKind;
  at: string;
}

/** What was read: a matter's page, an entry's page, a file, identity evidence, a register list, an export, the API. */
export type DataReadKind =
  | "matter"
  | "entry"
  | "attachment"
  | "evidence"
  | "register-list"
  | "export"
  | "api";
