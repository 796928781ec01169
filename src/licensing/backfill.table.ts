/** #16 backfill (PR-3): a named column mapping of an agency's earlier licence register. */
export interface LicenceImportMappingsTable {
  agency_id: string;
  name: string;
  /** JSON: a BackfillMapping. */
  mapping: string;
  saved_by: string;
  saved_at: string;
}

/** #16 backfill: a register file uploaded to the import page, between "check" and "import". */
export interface LicenceImportUploadsTable {
  id: string;
  agency_id: string;
  /** The file store's key of the bytes as uploaded. */
  file_key: string;
  filename: string;
  uploaded_by: string;
  uploaded_at: string;
}
