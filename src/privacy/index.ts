export { breachRoutes } from "./breach.routes.js";
export { type BreachClock, breachClock, REGULATOR_HOURS } from "./breach-clock.js";
// #17 privacy: the record of processing (PD-2) and the breach register (PD-5)
export { BREACH_SEALED_COLUMNS } from "./breach-sealed-columns.js";
export {
  DATA_READS_RETENTION_DAYS,
  type DataReadRow,
  type DataReads,
  listDataReads,
  purgeDataReads,
  recordDataReads,
} from "./data-reads.repo.js";
// #17 subjects: data-subject requests (PD-3) and the personal-data export
export { fileSubjectRequest } from "./file-subject-request.js";
// #17 export
export type { PersonFile, PersonScope, PersonSection, PersonSectionReader } from "./person-sections-port.js";
export { gatherPersonalExport, makePersonalExport, zipPersonalExport } from "./personal-export.js";
export type { DataReadKind } from "./privacy.table.js";
export { findPrivacyOfficer, type PrivacyOfficer, setPrivacyOfficer } from "./privacy-officer.js";
export {
  buildProcessingRecord,
  type ProcessingActivity,
  type ProcessingItem,
  type ProcessingRecord,
} from "./processing-record.js";
export { type PrivacyRecordsDeps, processingRecordRoutes } from "./processing-record.routes.js";
export { recordBreach } from "./record-breach.js";
export { recordBreachAction } from "./record-breach-action.js";
export { recordSubjectRequestAction } from "./record-subject-request-action.js";
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
// #17 subjects: the entry page's link to turn a general entry into a data-subject request (PD-3)
export { subjectRequestEntryPanel } from "./subject-request-entry-panel.js";
export { subjectRequestRoutes } from "./subject-requests.routes.js";
export { subjectRequestOfficeRoutes } from "./subject-requests-office.routes.js";
export { SUBJECTS_SEALED_COLUMNS } from "./subject-requests-sealed.js";
export { type RetentionDeps, sweepRetention } from "./sweep-retention.js";
export { turnEntryIntoSubjectRequest } from "./turn-entry-into-subject-request.js";
