import type { MessageKey } from "../platform/i18n/index.js";

/** The finance officer's pages, as the finance home and the office menu list them (PY-3). */
export interface FinancePage {
  /** Under the agency's prefix, e.g. `/office/finance/statements`. */
  path: string;
  label: MessageKey;
}

export const FINANCE_PAGES: FinancePage[] = [
  // #14 parts: one line each
  // #14 callback
  { path: "/office/finance/accounts", label: "finance.accounts" },
  // #14 statements
  { path: "/office/finance/statements", label: "finance.statements" },
  { path: "/office/finance/reconciliation", label: "finance.reconciliation" },
  // #14 receipts
  { path: "/office/finance/receipts", label: "receipts.menu" },
  // #14 slips
  { path: "/office/finance", label: "finance.home.title" },
  { path: "/office/finance/slips", label: "slips.menu" },
];
