import type { Text } from "../catalog/index.js";
import type { Satang } from "./money.js";
import type { NoticeKind, NoticeStatus, PaymentNoticeRow } from "./payment.table.js";

/** One line of a notice: what it is for and how much, with how the amount was reached. */
export interface NoticeLine {
  detail: Text;
  amountSatang: Satang;
  /** How it was computed, for the applicant and the auditor (e.g. "3 × 500.00", "tier 201–500 m²"). */
  basis?: string;
}

/** The account a notice is paid into, as it stood when the notice was issued (PY-1). */
export interface PayTo {
  bankCode: string;
  bankName: string;
  accountNumber: string;
  accountName: string;
  billerId: string | null;
  compCode: string | null;
}

/** PY-1: a payment notice of a matter. */
export interface PaymentNotice {
  id: string;
  agencyId: string;
  matterId: string;
  kind: NoticeKind;
  ref1: string;
  ref2: string | null;
  amountSatang: Satang;
  lines: NoticeLine[];
  /** null: the agency has no account set; the notice says to pay at the office. */
  payTo: PayTo | null;
  dueAt: Date;
  status: NoticeStatus;
  gatesMatter: boolean;
  remindedAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
  createdBy: string;
  version: number;
}

const date = (s: string | null) => (s ? new Date(s) : null);

export function noticeFromRow(row: PaymentNoticeRow): PaymentNotice {
  return {
    id: row.id,
    agencyId: row.agency_id,
    matterId: row.matter_id,
    kind: row.kind as NoticeKind,
    ref1: row.ref1,
    ref2: row.ref2,
    amountSatang: Number(row.amount_satang),
    lines: JSON.parse(row.lines) as NoticeLine[],
    payTo: row.pay_to ? (JSON.parse(row.pay_to) as PayTo) : null,
    dueAt: new Date(row.due_at),
    status: row.status as NoticeStatus,
    gatesMatter: Number(row.gates_matter) === 1,
    remindedAt: date(row.reminded_at),
    closedAt: date(row.closed_at),
    createdAt: new Date(row.created_at),
    createdBy: row.created_by,
    version: Number(row.version),
  };
}
