// #14 payment core: notices (several per matter), payments (once), e-receipt numbers (PY-1, PY-3, PY-5)
export { findDefaultAccount, listAccounts, payToOf } from "./accounts.repo.js";
// #14 notice
export { bahtText } from "./baht-text.js";
export { listUnresolvedNotifications, type UnresolvedNotification } from "./bank-notifications.repo.js";
// #14 callback: the bank's bill-payment notification (PY-4) and the payment accounts page
export type { NotificationOutcome } from "./bank-notifications.table.js";
export { signNotification } from "./bank-signature.js";
export { computeFees } from "./compute-fees.js";
export { seedDemoPaymentAccount } from "./demo-account.js";
export { FINANCE_PAGES, type FinancePage } from "./finance-nav.js";
export { fiscalYearStart, thaiFiscalYear } from "./fiscal-year.js";
// #14 receipts
export { issueEReceipts } from "./issue-e-receipts.js";
export { issuePaymentNotice, type NewNotice } from "./issue-payment-notice.js";
export { formatBaht, plainBaht, type Satang, toSatang } from "./money.js";
export type { NoticeLine, PaymentNotice, PayTo } from "./notice.js";
export { findNotice, findNoticeByRef1, listMatterNotices } from "./notices.repo.js";
export { paymentRoutes } from "./payment.routes.js";
export type { NoticeKind, NoticeStatus, PaymentSource } from "./payment.table.js";
export type { PaymentActor } from "./payment-actor.js";
export { formatEReceiptNumber, formatRef1, isWellFormedRef1 } from "./payment-counters.js";
export type { PaymentDeps } from "./payment-deps.js";
export { paymentPanels } from "./payment-panels.js";
// #17 export
export { listPersonPayments, type PersonPayments } from "./person-payments.js";
export { type PaymentOutcome, type PaymentReport, recordPayment } from "./record-payment.js";
export { DEFAULT_PAYMENT_TERMS, requestFeesAfterApproval } from "./request-fees.js";
export { PAYMENT_SEALED_COLUMNS } from "./sealed-columns.js";
export { sweepPayments } from "./sweep-payments.js";
export { billPaymentPayload, noticeQrPayload, readBillPayment } from "./thai-qr.js";
