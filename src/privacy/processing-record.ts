import { listPublishedVersions, type ServiceVersion } from "../catalog/index.js";
import type { Db } from "../platform/db/database.js";
import { hasMessage, type Lang, type MessageKey, t } from "../platform/i18n/index.js";
import { findPrivacyOfficer, type PrivacyOfficer } from "./privacy-officer.js";
import { PLATFORM_ACTIVITIES } from "./processing-record-platform.js";
import { retentionPeriods } from "./retention-periods.js";
import { agencySchedule, type DataClass, type RetentionRule } from "./retention-schedule.js";

type Text = { th: string; en?: string };
/** A message whose key ends in a value of a closed list (PLATFORM_ACTIVITIES, the bases and classes). */
const msg = (lang: Lang, key: string) => t(lang, key as MessageKey);
const inLang = (lang: Lang, text: Text | undefined) =>
  text ? (lang === "en" ? text.en || text.th : text.th) : "";

/** One data item of an activity with its lawful basis and class (PD-1's settings, or their defaults). */
export interface ProcessingItem {
  label: string;
  basis: string;
  basisText: string;
  dataClass: string;
  classText: string;
}

/** PD-2, PDPA s.39: one processing activity of the record. */
export interface ProcessingActivity {
  /** `service:<code>` for a service, `platform:<name>` for the platform's own processing. */
  id: string;
  name: string;
  purpose: string;
  items: ProcessingItem[];
  subjects: string;
  recipients: string;
  retention: string[];
  security: string;
}

export interface ProcessingRecord {
  controller: string;
  officer: PrivacyOfficer | undefined;
  generatedAt: Date;
  activities: ProcessingActivity[];
}

const item = (lang: Lang, label: string, basis: string, dataClass: string): ProcessingItem => ({
  label,
  basis,
  basisText: msg(lang, `privacy.basis.${basis}`),
  dataClass,
  classText: msg(lang, `privacy.class.${dataClass}`),
});

/** A schedule line: the class, its days and what they count from (PD-4). */
export const retentionLine = (lang: Lang, rule: RetentionRule) =>
  t(lang, "privacy.record.retentionLine", {
    what: t(lang, `privacy.record.class.${rule.dataClass}`),
    days: rule.days,
    from: rule.from,
  });

function serviceActivity(
  lang: Lang,
  version: ServiceVersion,
  schedule: Map<DataClass, RetentionRule>,
): ProcessingActivity {
  const { definition } = version;
  // The applicant's own details are collected by every service, as a public task (PD-1 default).
  const items = [item(lang, t(lang, "privacy.applicantData"), "public-task", "personal")];
  for (const page of definition.form.ui.pages)
    for (const name of page.fields) {
      const ui = definition.form.ui.fields[name];
      if (!ui) continue;
      // A version published before forms were checked may lack them: PD-1's defaults then apply.
      const basis = hasMessage(`privacy.basis.${ui.lawfulBasis}`) ? ui.lawfulBasis : "public-task";
      const dataClass = hasMessage(`privacy.class.${ui.dataClass}`) ? ui.dataClass : "personal";
      items.push(item(lang, inLang(lang, ui.label), basis, dataClass));
    }
  const drafts = schedule.get("expired-drafts");
  return {
    id: `service:${definition.code}`,
    name: t(lang, "privacy.record.serviceName", {
      service: inLang(lang, definition.name),
      version: version.version,
    }),
    purpose: inLang(lang, definition.privacy.purpose),
    items,
    subjects: t(lang, "privacy.record.subjects.applicants"),
    recipients: t(
      lang,
      definition.displaysLicence ? "privacy.record.recipients.licence" : "privacy.record.recipients.service",
    ),
    retention: [inLang(lang, definition.privacy.retention), ...(drafts ? [retentionLine(lang, drafts)] : [])],
    security: t(lang, "privacy.record.security.sealed"),
  };
}

/**
 * #17 privacy, PD-2: the record of processing activities (PDPA s.39), generated from the live
 * configuration, never typed: one activity per published service (its current version's form fields
 * with their lawful basis and class, its purpose and retention) and one per processing of the platform
 * itself, with the agency's retention schedule (its own periods included) and its named officer.
 */
export async function buildProcessingRecord(
  db: Db,
  input: { agencyId: string; controller: string; lang: Lang; now: Date },
): Promise<ProcessingRecord> {
  const { lang } = input;
  const rules = agencySchedule(await retentionPeriods(db, input.agencyId));
  const schedule = new Map(rules.map((rule) => [rule.dataClass, rule]));
  const services = (await listPublishedVersions(db, input.agencyId)).map((v) =>
    serviceActivity(lang, v, schedule),
  );
  const platform = PLATFORM_ACTIVITIES.map((a) => ({
    id: `platform:${a.name}`,
    name: msg(lang, `privacy.record.platform.${a.name}`),
    purpose: msg(lang, `privacy.record.purpose.${a.name}`),
    items: a.items.map(([key, basis, dataClass]) =>
      item(lang, msg(lang, `privacy.record.item.${key}`), basis, dataClass),
    ),
    subjects: t(lang, `privacy.record.subjects.${a.subjects}`),
    recipients: t(lang, `privacy.record.recipients.${a.recipients}`),
    retention: [
      ...(a.registerRecord ? [t(lang, "privacy.record.retention.register")] : []),
      ...a.classes.map((c) => retentionLine(lang, schedule.get(c)!)),
    ],
    security: t(lang, a.sealed ? "privacy.record.security.sealed" : "privacy.record.security.access"),
  }));
  return {
    controller: input.controller,
    officer: await findPrivacyOfficer(db, input.agencyId),
    generatedAt: input.now,
    activities: [...services, ...platform],
  };
}
