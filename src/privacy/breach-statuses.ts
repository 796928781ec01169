import type { Role } from "../staff/index.js";
import type { StatusTable } from "../workflow/index.js";
import type { BreachRisk, BreachStatus } from "./breach.table.js";

export type BreachAction =
  | "record"
  | "assess"
  | "notify_regulator"
  | "not_notifiable"
  | "tell_subjects"
  | "close";

/** PD-5: who keeps the breach register: the admin and the head of agency (there is no DPO role yet). */
export const BREACH_ROLES: readonly Role[] = ["admin", "head_of_agency"];

export const BREACH_RISKS: readonly BreachRisk[] = ["low", "high"];

/** PD-5: what kinds of data a breach touched, as the register records them. */
export const BREACH_DATA_CLASSES = [
  "identity",
  "contact",
  "applications",
  "attachments",
  "sensitive",
  "payments",
  "accounts",
  "traffic-logs",
] as const;
export type BreachDataClass = (typeof BREACH_DATA_CLASSES)[number];

/** How someone was told of a breach. */
export const NOTICE_METHODS = [
  "pdpc-eservice",
  "email",
  "letter",
  "phone",
  "sms",
  "in-person",
  "website",
] as const;
export type NoticeMethod = (typeof NOTICE_METHODS)[number];

/**
 * #17 privacy: a breach's handling as data (PDPA s.37(4)). Assessed, it is either notified to the
 * regulator (PDPC) or recorded as not notifiable with a reason; a high risk also requires telling the
 * people affected before it can close (`recordBreachAction` checks that). Written only by
 * `recordBreachAction`, with its event and audit row.
 */
export const BREACH_STATUSES: StatusTable<BreachStatus, BreachAction, Role> = {
  recorded: {
    assess: { next: "assessed", by: BREACH_ROLES },
  },
  assessed: {
    assess: { next: "assessed", by: BREACH_ROLES },
    notify_regulator: { next: "regulator_notified", by: BREACH_ROLES },
    not_notifiable: { next: "not_notifiable", by: BREACH_ROLES },
  },
  regulator_notified: {
    tell_subjects: { next: "subjects_told", by: BREACH_ROLES },
    close: { next: "closed", by: BREACH_ROLES },
  },
  not_notifiable: {
    close: { next: "closed", by: BREACH_ROLES },
  },
  subjects_told: {
    close: { next: "closed", by: BREACH_ROLES },
  },
  closed: {},
};

/** The acts that record a telling (a row of whom was told, when and how). */
export const TELLING_ACTIONS: readonly BreachAction[] = ["notify_regulator", "tell_subjects"];
