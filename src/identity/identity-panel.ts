import type { FastifyRequest } from "fastify";
import type { MatterPanel } from "../casework/index.js";
import { officerScope } from "../casework/index.js";
import { isThaiNationalId } from "../forms/index.js";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import type { Matter } from "../register/index.js";
import type { Role } from "../staff/index.js";
import { adoptReusableProof } from "./accept-proof.js";
import { meetsAssurance } from "./assurance.js";
import { identityPanelView } from "./views/identity-panel.view.js";

/** Who may ask for identity and check evidence: those who check applications (RV-1). */
export const PROOFING_ROLES: readonly Role[] = ["reviewer", "supervisor", "head_of_agency", "admin"];

/** The form's address fields as one line (a Thai address object's parts, or text). */
function addressOf(formData: Record<string, unknown>): string {
  return Object.entries(formData)
    .filter(([key]) => /address/i.test(key))
    .map(([, value]) =>
      value && typeof value === "object"
        ? Object.values(value)
            .filter((v) => typeof v === "string")
            .join(" ")
        : String(value),
    )
    .join("; ");
}

/**
 * ID-1, ID-6: the identity panel of an application's matter page: the assurance its service needs and
 * what the applicant reached (and how), "require identity" while in review and not reached, and each
 * pending evidence proof with its photo, the form beside it, the ID checksum and the checklist.
 * Showing it also records a proof reusable from an earlier application (ID-2): the officer sees what counts.
 */
export function identityPanel(deps: { handle: DatabaseHandle; clock: Clock }): MatterPanel {
  return async (req: FastifyRequest, matter: Matter) => {
    const staff = req.staffSession?.staff;
    if (!staff || matter.kind !== "application") return undefined;
    const scope = officerScope(staff).unitIds;
    if (scope && !(matter.unitId && scope.includes(matter.unitId))) return undefined;
    const { handle } = deps;
    const state = await adoptReusableProof(handle.db, handle.sealer, {
      agencyId: matter.agencyId,
      matterId: matter.id,
      at: deps.clock.now(),
    });
    if (!state) return undefined;
    const { need, reached } = state;
    const rows = await handle.db
      .selectFrom("identity_proofs")
      .select(["id", "method", "status", "created_at", "decided_at", "checklist"])
      .where("agency_id", "=", matter.agencyId)
      .where("matter_id", "=", matter.id)
      .orderBy("created_at")
      .execute();
    const checker = staff.roles.some((r) => PROOFING_ROLES.includes(r));
    const met = meetsAssurance(reached.assurance, need.required);
    return identityPanelView(req, {
      matter,
      required: need.required,
      reached,
      canRequire: checker && !met && matter.status === "in_review",
      canCheck: checker,
      applicantName: need.applicantName,
      address: addressOf(need.formData),
      idChecksumOk: need.idNumber ? isThaiNationalId(need.idNumber) : null,
      proofs: rows.map((r) => ({
        id: r.id,
        method: r.method,
        status: r.status,
        createdAt: r.created_at,
        decidedAt: r.decided_at,
        note: noteOf(r.checklist),
      })),
    });
  };
}

function noteOf(checklist: string | null): string {
  try {
    const parsed = JSON.parse(checklist ?? "{}") as { note?: unknown };
    return typeof parsed.note === "string" ? parsed.note : "";
  } catch {
    return "";
  }
}
