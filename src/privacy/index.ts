export {
  DATA_READS_RETENTION_DAYS,
  type DataReadRow,
  type DataReads,
  listDataReads,
  purgeDataReads,
  recordDataReads,
} from "./data-reads.repo.js";
export type { DataReadKind } from "./privacy.table.js";
// #13 officers-retention
export { retentionPeriods, setRetentionPeriod } from "./retention-periods.js";
export {
  agencySchedule,
  DATA_CLASSES,
  type DataClass,
  RETENTION_SCHEDULE,
  type RetentionPurge,
  type RetentionPurges,
  type RetentionRule,
} from "./retention-schedule.js";
export { type RetentionDeps, sweepRetention } from "./sweep-retention.js";
