export type { ApprovalChainRow, ApprovalDecisionRow } from "./approval.table.js";
export { approvalPanel } from "./approval-panel.js";
export { CHAIN_ROLES, type ChainLevel, DEFAULT_CHAIN } from "./chain.js";
export { type Decision, decideApproval } from "./decide-approval.js";
export type {
  DeficiencyState,
  DeficiencyStateReader,
} from "./deficiency-gate.js";
export { sweepDelayNotices } from "./delay-notices.js";
export { APPROVAL_SEALED_COLUMNS } from "./sealed-columns.js";
export { setApprovalChain } from "./set-approval-chain.js";
export { submitForApproval } from "./submit-for-approval.js";
