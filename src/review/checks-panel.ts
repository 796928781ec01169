import type { FastifyRequest } from "fastify";
import type { MatterPanel } from "../casework/index.js";
import { officerScope } from "../casework/index.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import type { Html } from "../platform/html.js";
import { listAttachments, type Matter } from "../register/index.js";
import { findStaffName, type Role } from "../staff/index.js";
import { listCurrentChecks } from "./checks.repo.js";
import { loadReviewSubject } from "./review-subject.js";
import { checksView } from "./views/checks.view.js";

/** Who records findings (the status table's `record-check`); others see them read-only. */
export const CHECKING_ROLES: readonly Role[] = ["reviewer", "supervisor", "head_of_agency", "admin"];

export interface ReviewPanelDeps {
  handle: DatabaseHandle;
}

/** The review section of a matter, or undefined when it is no application in the officer's scope. */
export async function renderChecks(
  deps: ReviewPanelDeps,
  req: FastifyRequest,
  matterId: string,
): Promise<Html> {
  const staff = req.staffSession?.staff;
  if (!staff) throw new AppError("UNAUTHENTICATED");
  const db = deps.handle.db;
  const subject = await loadReviewSubject(db, req.agency.id, matterId, officerScope(staff));
  const current = await listCurrentChecks(db, subject.matter.id);
  const staffNames = new Map<string, string>();
  for (const by of new Set(current.map((c) => c.checkedBy)))
    staffNames.set(by, (await findStaffName(db, by.replace(/^staff:/, ""))) ?? by);
  return checksView({
    req,
    subject,
    attachments: await listAttachments(db, subject.application.entryId),
    current,
    editable: subject.matter.status === "in_review" && staff.roles.some((r) => CHECKING_ROLES.includes(r)),
    staffNames,
  });
}

/**
 * RV-1, RV-4: the checks against the manual on the officer's matter page (a MatterPanel the app hands
 * to casework): forms while the application is in review, the findings read-only before and after.
 * Nothing for a general request or a matter outside the officer's units.
 */
export function reviewPanel(deps: ReviewPanelDeps): MatterPanel {
  return async (req: FastifyRequest, matter: Matter) => {
    if (matter.kind !== "application") return undefined;
    try {
      return await renderChecks(deps, req, matter.id);
    } catch (error) {
      if (error instanceof AppError && error.code === "MATTER_NOT_FOUND") return undefined;
      throw error;
    }
  };
}
