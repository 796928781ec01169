import { describe, expect, it } from "vitest";
import type { Staff } from "../staff/index.js";
import { escalationRecipients } from "./sweep-escalations.js";

const staff = (id: string, roles: Staff["roles"], unitIds: string[], disabled = false): Staff => ({
  id,
  agencyId: "demo",
  email: `${id}@demo.go.th`,
  displayName: id,
  roles,
  unitIds,
  totpEnabled: false,
  mustChangePassword: false,
  disabled,
});

describe("who hears of an overdue matter (RV-6)", () => {
  const everyone = [
    staff("sup-permits", ["supervisor"], ["permits"]),
    staff("sup-permits-gone", ["supervisor"], ["permits"], true),
    staff("sup-saraban", ["supervisor"], ["saraban"]),
    staff("head", ["head_of_agency"], []),
    staff("reviewer", ["reviewer"], ["permits"]),
  ];
  const ids = (list: Staff[]) => list.map((s) => s.id);

  it("RV-6: the active supervisors of the matter's unit", () => {
    expect(ids(escalationRecipients(everyone, "permits"))).toEqual(["sup-permits"]);
  });

  it("RV-6: without one there, the agency's supervisors and its head; never a disabled officer", () => {
    expect(ids(escalationRecipients(everyone, "licences"))).toEqual(["sup-permits", "sup-saraban", "head"]);
    expect(ids(escalationRecipients(everyone, null))).toEqual(["sup-permits", "sup-saraban", "head"]);
    expect(escalationRecipients([staff("r", ["reviewer"], ["permits"])], "permits")).toEqual([]);
  });
});
