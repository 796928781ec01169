import { type ApprovalSheetFacts, drawApprovalSheet } from "./approval-sheet-drawing.js";

/** drawApprovalSheet in a pool thread: drawing a Thai PDF is CPU work that would hold the loop. */
export function approvalSheetTask(facts: ApprovalSheetFacts): Promise<Buffer> {
  return drawApprovalSheet(facts);
}
