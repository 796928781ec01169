export {
  DATA_READS_RETENTION_DAYS,
  type DataReadRow,
  type DataReads,
  listDataReads,
  recordDataReads,
} from "./data-reads.repo.js";
export type { DataReadKind } from "./privacy.table.js";
