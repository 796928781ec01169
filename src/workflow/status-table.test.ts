import { describe, expect, it } from "vitest";
import { AppError } from "../platform/errors.js";
import { actorRoles, allowedActions, auditActor, nextStatus, type StatusTable } from "./status-table.js";

type Door = "open" | "closed" | "locked";
type Move = "open" | "close" | "lock" | "unlock";
type Who = "porter" | "guest" | "system";

const DOORS = {
  open: { close: { next: "closed", by: ["porter", "guest"] } },
  closed: { open: { next: "open", by: ["porter", "guest"] }, lock: { next: "locked", by: ["porter"] } },
  locked: { unlock: { next: "closed", by: ["porter", "system"] } },
} as const satisfies StatusTable<Door, Move, Who>;

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, status: error.status, params: error.params };
    throw error;
  }
  throw new Error("not refused");
};

describe("a status table", () => {
  it("lists the actions a role may take from a status, in the table's order", () => {
    expect(allowedActions(DOORS, "closed", ["porter"])).toEqual(["open", "lock"]);
    expect(allowedActions(DOORS, "closed", ["guest"])).toEqual(["open"]);
    expect(allowedActions(DOORS, "locked", ["guest"])).toEqual([]);
    expect(allowedActions(DOORS, "locked", ["guest", "system"])).toEqual(["unlock"]);
  });

  it("gives the next status of an allowed action", () => {
    expect(nextStatus(DOORS, "closed", "lock", ["porter"])).toBe("locked");
    expect(nextStatus(DOORS, "locked", "unlock", ["system"])).toBe("closed");
  });

  it("refuses an action not allowed from the status with 409, naming both", () => {
    expect(refusal(() => nextStatus(DOORS, "open", "lock", ["porter"]))).toEqual({
      code: "ACTION_NOT_ALLOWED",
      status: 409,
      params: { action: "lock", status: "open" },
    });
  });

  it("refuses a role that may not take an allowed action with 403", () => {
    expect(refusal(() => nextStatus(DOORS, "closed", "lock", ["guest"]))).toMatchObject({
      code: "ACTION_FORBIDDEN",
      status: 403,
    });
  });

  it("says a status's own refusal when the table gives one", () => {
    expect(
      refusal(() => nextStatus(DOORS, "locked", "open", ["porter"], { locked: "ENTRY_CANCELLED" })).code,
    ).toBe("ENTRY_CANCELLED");
  });

  it("takes no name from the object prototype for an action or a status", () => {
    const table = DOORS as StatusTable<string, string, Who>;
    expect(refusal(() => nextStatus(table, "open", "toString", ["porter"])).code).toBe("ACTION_NOT_ALLOWED");
    expect(refusal(() => nextStatus(table, "constructor", "open", ["porter"])).code).toBe(
      "ACTION_NOT_ALLOWED",
    );
    expect(allowedActions(table, "constructor", ["porter"])).toEqual([]);
  });

  it("acts for staff in their roles and for the system in the system role", () => {
    expect(actorRoles<Who>({ kind: "staff", staffId: "s1", roles: ["porter"] })).toEqual(["porter"]);
    expect(actorRoles<Who>({ kind: "system", name: "system:line" })).toEqual(["system"]);
    expect(auditActor({ kind: "staff", staffId: "s1", roles: [] })).toBe("staff:s1");
    expect(auditActor({ kind: "system", name: "system:line" })).toBe("system:line");
  });
});
