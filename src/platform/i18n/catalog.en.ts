import type { th } from "./catalog.th.js";

/** English messages: every Thai key must have one (the type enforces it). */
export const en: Record<keyof typeof th, string> = {
  "lang.name": "English",
  "lang.switch": "ภาษาไทย",
  "site.skip": "Skip to content",
  "site.govBanner": "An official website of a Thai government agency",
  "site.contact": "Contact",
  "site.privacy": "Privacy notice",

  "error.VALIDATION_FAILED": "Invalid input: {detail}",
  "error.CONTACT_REQUIRED": "Please give an email address or a phone number so that the agency can reach you",
  "error.EMAIL_INVALID": "The email address is not valid",
  "error.PHONE_INVALID": "The phone number is not valid (9–10 digits)",
  "error.FORM_TOKEN_MISSING":
    "The form has expired or is incomplete. Please open the form again and resubmit",
  "error.CONFIRMATION_REQUIRED":
    "Please tick the box confirming the information is true and that you submit this request (your electronic signature)",
  "error.FORM_ALREADY_SUBMITTED":
    "This form was already submitted as receipt No. {receiptNumber}. To send a new request, please open a new form",
  "error.TOO_MANY_FILES": "At most {max} files per request",
  "error.REQUEST_TOO_LARGE": "The request is larger than {maxMb} MB in total",
  "error.UNSUPPORTED_MEDIA_TYPE": "This content type is not supported",
  "error.AGENCY_NOT_FOUND": "No such agency",
  "error.ENTRY_NOT_FOUND": "No matter found for that receipt number and tracking code",
  "error.NOT_FOUND": "Page not found",
  "error.IDEMPOTENCY_KEY_REUSED": "This Idempotency-Key was already used for a different request",
  "error.IDEMPOTENCY_KEY_INVALID": "Idempotency-Key must be 8–200 characters",
  "error.AGENCY_INVALID": "Invalid agency settings: {problems}",
  "error.HOLIDAY_FILE_INVALID": "Invalid holiday file: {problems}",
  "error.INTERNAL": "A temporary fault: nothing was saved. Please try again",

  "refusal.FILE_EMPTY": "The file is empty (0 bytes)",
  "refusal.FILE_TYPE_NOT_ALLOWED":
    "This file type is not accepted; accepted are PDF, DOC, DOCX, XLS, XLSX, TXT, JPEG, PNG, TIFF, BMP and HEIC",
  "refusal.FILE_DISGUISED": "The file's content does not match its name (possibly a disguised harmful file)",
  "refusal.FILE_TOO_LARGE": "The file is larger than {maxMb} MB",
  "refusal.FILE_NAME_INVALID": "The file name is not valid",
  "refusal.REQUEST_TOO_LARGE": "The attachments exceed {maxMb} MB in total, so this file was not taken",
  "refusal.TOO_MANY_FILES": "More than {max} files, so this file was not taken",

  "form.title": "Contact or submit a request to {agency}",
  "form.intro":
    "Fill in the form below; a receipt number is issued as soon as you submit. Fields marked * are required",
  "form.name": "Full name",
  "form.email": "Email",
  "form.phone": "Phone number",
  "form.contactHint":
    "Give an email address or a phone number, or both. With an email address, the acknowledgement is also emailed to you",
  "form.subject": "Subject",
  "form.message": "Details",
  "form.files": "Attachments",
  "form.filesHint":
    "PDF, DOC, DOCX, XLS, XLSX, TXT, JPEG, PNG, TIFF, BMP or HEIC; up to {maxFileMb} MB per file, {maxRequestMb} MB and {maxFiles} files in total",
  "form.confirm": "I confirm that the information above is true and I submit this request in my own name",
  "form.privacyTitle": "Privacy notice (summary)",
  "form.privacy":
    "{agency} keeps your name, contact details and the documents you send to receive and handle your request under its legal duties (Electronic Government Administration Act B.E. 2565 and Personal Data Protection Act B.E. 2562), only as much as needed, stored securely for the period the law requires, and disclosed to no one unless the law requires it. To see or correct your data, write to {email}",
  "form.submit": "Submit",
  "form.errorsTitle": "Please correct the following",

  "receipt.title": "Your request has been received",
  "receipt.trackTitle": "Status of receipt No. {receiptNumber}",
  "receipt.keep": "Please keep this page (or a screenshot of it) as evidence of your submission",
  "receipt.agency": "Agency",
  "receipt.number": "Receipt number",
  "receipt.receivedAt": "Received at",
  "receipt.workingStart": "Registered (working time counts from)",
  "receipt.acknowledgeBy": "Acknowledgement due by",
  "receipt.subject": "Subject",
  "receipt.status": "Status",
  "receipt.ackByEmail": "The acknowledgement will be emailed to {email}",
  "receipt.ackSent": "Acknowledgement sent at {at}",
  "receipt.ackOnPage": "This page is the acknowledgement that your request was received",
  "receipt.files": "Attachments",
  "receipt.fileAccepted": "accepted",
  "receipt.fileRefused": "refused: {reason}",
  "receipt.noFiles": "No attachments",
  "receipt.trackLink": "Tracking link",
  "receipt.phone": "To ask about or confirm receipt, call {phone}",
  "receipt.afterHours": "You submitted outside office hours; working time counts from {workingStart}",

  "status.received": "Received",
  "status.in_review": "Under review",
  "status.more_info_requested": "More documents or information requested",
  "status.approved": "Approved",
  "status.rejected": "Not approved",
  "status.closed": "Closed",

  "ack.subject": "Acknowledgement of receipt No. {receiptNumber}",
  "ack.body":
    'Dear {name},\n\n{agency} received your request "{subject}" at {receivedAt}.\nReceipt number {receiptNumber}, registered at {workingStart}.\nTrack its status at {trackingUrl}\nTo ask about or confirm receipt, call {phone}\n\nThis message was sent automatically.',

  "warning.CENTRAL_EMAIL_FREE_PROVIDER":
    "The central email should not use a free provider (Gmail, Yahoo, Hotmail, Outlook.com) (CH-2)",
  "warning.CENTRAL_EMAIL_NOT_SARABAN": "The central email should be saraban@<agency domain> (CH-2)",
  "warning.CENTRAL_EMAIL_OTHER_DOMAIN":
    "The central email should be in the agency's or its parent agency's domain (CH-2)",
  "warning.HOLIDAYS_MISSING":
    "No government holiday list for {year}; deadlines computed in that year may be wrong",
  "warning.HOLIDAYS_PROVISIONAL":
    "The {year} holiday list has not been confirmed by an admin (borikan holidays confirm {year})",
};
