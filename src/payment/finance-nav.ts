import type { MessageKey } from "../platform/i18n/index.js";

/** The finance officer's pages, as the finance home lists them (PY-3); the accounts page is the admin's. */
export interface FinancePage {
  /** Under the agency's prefix, e.g. `/office/finance/statements`. */
  path: string;
  label: MessageKey;
}

export const FINANCE_PAGES: FinancePage[] = [
  { path: "/office/finance", label: "finance.home.title" },
  { path: "/office/finance/slips", label: "slips.menu" },
  { path: "/office/finance/statements", label: "finance.statements" },
  { path: "/office/finance/reconciliation", label: "finance.reconciliation" },
  { path: "/office/finance/receipts", label: "receipts.menu" },
];
