import type { DataClass } from "./retention-schedule.js";

/** A processing of the platform's own, as data: its items (message key, lawful basis, class) and retention. */
export interface PlatformActivity {
  name: string;
  items: readonly (readonly [item: string, basis: string, dataClass: string])[];
  subjects: "applicants" | "citizens" | "public" | "staff";
  recipients: "service" | "licence" | "none" | "webboard";
  /** Kept as a record of the register (RG-4): never purged. */
  registerRecord: boolean;
  /** Classes of the retention schedule (PD-4) the activity's data falls in. */
  classes: readonly DataClass[];
  /** Whether its personal data is sealed at rest (SC-1) besides the access control every page has. */
  sealed: boolean;
}

/**
 * PD-2: what Borikan itself processes, beside the services. Each names the retention classes that purge
 * it; what the register keeps is said to be kept (RG-4), never given a made-up period.
 */
export const PLATFORM_ACTIVITIES: readonly PlatformActivity[] = [
  {
    name: "register",
    items: [
      ["sender", "legal-obligation", "personal"],
      ["content", "legal-obligation", "personal"],
    ],
    subjects: "public",
    recipients: "service",
    registerRecord: true,
    classes: ["held-mail", "outbox-payloads"],
    sealed: true,
  },
  {
    name: "accounts",
    items: [
      ["account", "public-task", "personal"],
      ["identity", "public-task", "personal"],
      ["face", "consent", "sensitive"],
    ],
    subjects: "citizens",
    recipients: "none",
    registerRecord: false,
    classes: [
      "sign-in-codes",
      "oidc-requests",
      "citizen-sessions",
      "evidence-photos",
      "video-stills",
      "data-reads",
    ],
    sealed: true,
  },
  {
    name: "payments",
    items: [
      ["payer", "legal-obligation", "personal"],
      ["payment", "legal-obligation", "personal"],
    ],
    subjects: "applicants",
    recipients: "none",
    registerRecord: true,
    classes: [],
    sealed: true,
  },
  {
    name: "licences",
    items: [
      ["holder", "legal-obligation", "personal"],
      ["licence", "legal-obligation", "general"],
    ],
    subjects: "applicants",
    recipients: "licence",
    registerRecord: true,
    classes: [],
    sealed: false,
  },
  {
    name: "webboard",
    items: [
      ["poster", "public-task", "personal"],
      ["post", "public-task", "personal"],
    ],
    subjects: "citizens",
    recipients: "webboard",
    registerRecord: false,
    classes: [],
    sealed: false,
  },
  {
    name: "satisfaction",
    items: [["rating", "public-task", "general"]],
    subjects: "applicants",
    recipients: "none",
    registerRecord: false,
    classes: [],
    sealed: false,
  },
  {
    name: "traffic",
    items: [
      ["traffic", "legal-obligation", "personal"],
      ["staffSession", "legal-obligation", "personal"],
    ],
    subjects: "public",
    recipients: "none",
    registerRecord: false,
    classes: ["traffic-logs", "staff-sessions"],
    sealed: false,
  },
];
