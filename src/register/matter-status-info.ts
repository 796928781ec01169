import type { MatterStatus } from "./matter-statuses.js";

/** WS-5: Biz Portal's request statuses, for a later connector (THAI-PROCESS-LAW §7). */
export type BizPortalStatus =
  | "CHECK"
  | "PENDING"
  | "APPROVED_WAITING_PAY_FEE"
  | "PAID_FEE_CREATING_LICENSE"
  | "COMPLETED"
  | "REJECTED";
export type BizPortalStatusOther = "WAITING_AGENT_WORKING" | "WAITING_USER_WORKING" | "DONE";

/** Who the matter waits for in a status (TR-1, WS-5: "what is awaited from whom"). */
export type AwaitedFrom = "agency" | "applicant" | "nobody";

interface StatusInfo {
  awaited: AwaitedFrom;
  biz: BizPortalStatus;
}

/** Each status's place in Biz Portal's six (WS-5), and who it waits for. */
export const MATTER_STATUS_INFO: Record<MatterStatus, StatusInfo> = {
  received: { awaited: "agency", biz: "CHECK" },
  in_progress: { awaited: "agency", biz: "CHECK" },
  answered: { awaited: "nobody", biz: "COMPLETED" },
  in_review: { awaited: "agency", biz: "CHECK" },
  more_info_requested: { awaited: "applicant", biz: "PENDING" },
  resubmitted: { awaited: "agency", biz: "CHECK" },
  identity_check_required: { awaited: "applicant", biz: "PENDING" },
  awaiting_approval: { awaited: "agency", biz: "PENDING" },
  approved: { awaited: "agency", biz: "APPROVED_WAITING_PAY_FEE" },
  rejected: { awaited: "nobody", biz: "REJECTED" },
  awaiting_payment: { awaited: "applicant", biz: "APPROVED_WAITING_PAY_FEE" },
  paid: { awaited: "agency", biz: "PAID_FEE_CREATING_LICENSE" },
  issuing: { awaited: "agency", biz: "PAID_FEE_CREATING_LICENSE" },
  delivered: { awaited: "nobody", biz: "COMPLETED" },
  closed: { awaited: "nobody", biz: "COMPLETED" },
  withdrawn: { awaited: "nobody", biz: "REJECTED" },
  misdirected: { awaited: "nobody", biz: "REJECTED" },
  abandoned: { awaited: "nobody", biz: "REJECTED" },
  returned: { awaited: "nobody", biz: "REJECTED" },
  cancelled: { awaited: "nobody", biz: "REJECTED" },
};

/** Biz Portal's status and "StatusOther" of a matter's status (a deficiency = PENDING + WAITING_USER_WORKING). */
export function bizPortalStatus(status: MatterStatus): {
  status: BizPortalStatus;
  statusOther: BizPortalStatusOther;
} {
  const info = MATTER_STATUS_INFO[status];
  const statusOther =
    info.awaited === "applicant"
      ? "WAITING_USER_WORKING"
      : info.awaited === "agency"
        ? "WAITING_AGENT_WORKING"
        : "DONE";
  return { status: info.biz, statusOther };
}
