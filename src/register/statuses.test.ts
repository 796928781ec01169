import { describe, expect, it } from "vitest";
import { AppError } from "../platform/errors.js";
import { hasMessage, t } from "../platform/i18n/index.js";
import { ROLES, type Role } from "../staff/index.js";
import { allowedActions, nextStatus } from "../workflow/index.js";
import { exportText, isExportMessageKey } from "./export/export-messages.js";
import {
  APPLICATION_STATUSES,
  ENTRY_STATUSES,
  type EntryAction,
  type EntryStatus,
  MATTER_STATUSES,
  type RegisterActorRole,
} from "./statuses.js";

const ACTIONS: EntryAction[] = [
  "acknowledge",
  "acknowledge-other-way",
  "assign-unit",
  "link-matter",
  "misdirected",
  "confirm-sender-address",
  "cancel",
];
const REGISTER: Role[] = ["saraban_officer", "supervisor", "head_of_agency", "admin"];
const ACTORS: RegisterActorRole[] = [...ROLES, "system"];

/** Written out by hand, not read from the table: status × action → next status, or refused. */
const EXPECTED: Record<EntryStatus, Record<EntryAction, EntryStatus | "refused">> = {
  received: {
    acknowledge: "received",
    "acknowledge-other-way": "received",
    "assign-unit": "received",
    "link-matter": "received",
    misdirected: "received",
    "confirm-sender-address": "received",
    cancel: "cancelled",
  },
  cancelled: {
    acknowledge: "cancelled",
    "acknowledge-other-way": "refused",
    "assign-unit": "refused",
    "link-matter": "refused",
    misdirected: "refused",
    "confirm-sender-address": "refused",
    cancel: "refused",
  },
};

/** Who may take each action where it is allowed. */
const WHO: Record<EntryAction, RegisterActorRole[]> = {
  acknowledge: ["system", ...REGISTER],
  "acknowledge-other-way": REGISTER,
  "assign-unit": REGISTER,
  "link-matter": REGISTER,
  misdirected: REGISTER,
  "confirm-sender-address": REGISTER,
  cancel: REGISTER,
};

const outcome = (status: EntryStatus, action: EntryAction, role: RegisterActorRole) => {
  try {
    return nextStatus(ENTRY_STATUSES, status, action, [role], { cancelled: "ENTRY_CANCELLED" });
  } catch (error) {
    if (error instanceof AppError) return `${error.status} ${error.code}`;
    throw error;
  }
};

describe("the entry status table", () => {
  const statuses = Object.keys(EXPECTED) as EntryStatus[];
  const cases = statuses.flatMap((status) =>
    ACTIONS.flatMap((action) => ACTORS.map((role) => [status, action, role] as const)),
  );

  it("has exactly the statuses and actions written here", () => {
    expect(Object.keys(ENTRY_STATUSES).sort()).toEqual([...statuses].sort());
    for (const status of statuses)
      for (const action of Object.keys(ENTRY_STATUSES[status])) expect(ACTIONS).toContain(action);
  });

  it.each(cases)("RG-1, CH-4: from %s, %s by %s", (status, action, role) => {
    const expected = EXPECTED[status][action];
    const got = outcome(status, action, role);
    if (expected === "refused")
      expect(got).toBe(status === "cancelled" ? "409 ENTRY_CANCELLED" : "409 ACTION_NOT_ALLOWED");
    else if (WHO[action].includes(role)) expect(got).toBe(expected);
    else expect(got).toBe("403 ACTION_FORBIDDEN");
  });

  it("lists what an officer may do to an entry, and what the system may", () => {
    expect(allowedActions(ENTRY_STATUSES, "received", ["saraban_officer"])).toEqual(ACTIONS);
    expect(allowedActions(ENTRY_STATUSES, "received", ["reviewer", "finance_officer"])).toEqual([]);
    expect(allowedActions(ENTRY_STATUSES, "received", ["system"])).toEqual(["acknowledge"]);
    expect(allowedActions(ENTRY_STATUSES, "cancelled", ["admin"])).toEqual(["acknowledge"]);
  });

  it("CH-4: an acknowledgement that went out is recorded from every status (the outbox never fails on it)", () => {
    for (const status of Object.keys(ENTRY_STATUSES) as EntryStatus[])
      expect(outcome(status, "acknowledge", "system")).toBe(status);
  });

  it("RG-3: every status has its label in the register export, in Thai and English", () => {
    for (const status of Object.keys(ENTRY_STATUSES)) {
      const key = `export.status.${status}`;
      expect(isExportMessageKey(key)).toBe(true);
      if (isExportMessageKey(key)) expect(exportText("en", key)).not.toBe(exportText("th", key));
    }
  });
});

describe("the matter status table", () => {
  it("keeps today's statuses with their names, and every status has a Thai and an English label and explanation", () => {
    for (const status of [
      "received",
      "in_review",
      "more_info_requested",
      "approved",
      "rejected",
      "closed",
      "cancelled",
    ])
      expect(Object.keys(APPLICATION_STATUSES)).toContain(status);
    for (const table of Object.values(MATTER_STATUSES))
      for (const status of Object.keys(table)) {
        for (const key of [`status.${status}`, `status.${status}.explain`]) {
          expect(hasMessage(key), key).toBe(true);
          if (hasMessage(key)) expect(t("th", key)).not.toBe(t("en", key));
        }
      }
  });
});
