import type { Text } from "./service-definition.js";

/**
 * Where a printed line of a licence takes its value: an answer of the form (`form.<field>`, a dotted
 * path into an object such as an address), the applicant's name as the application gives it, the date
 * of issue, or a fixed text.
 */
export type LicenceFieldSource =
  | { form: string }
  | { applicant: "name" }
  | { licence: "issuedOn" | "validUntil" }
  | { text: Text };

/** One line printed on the licence, and in the public register beside it (PR-1). */
export interface LicenceField {
  /** Stable within the template (a-z, 0-9, dash): the register's column. */
  key: string;
  label: Text;
  source: LicenceFieldSource;
  /** An answer the form may leave out: printed as "-" then; otherwise its absence stops the issuing. */
  optional?: boolean;
}

/**
 * #15 (LC-1, LC-2): the licence a service version issues once its application is approved and paid.
 * Part of the version: a published version's licence never changes, and each licence names it.
 */
export interface LicenceTemplate {
  title: Text;
  /**
   * The printed number: `{n}` the running number (gapless per agency, service and Buddhist-era year of
   * issue), `{yyyy}` that year, e.g. `สอ. {n}/{yyyy}`.
   */
  numberFormat: string;
  /** From the day of issue; absent: valid until revoked. */
  validity?: { years?: number; months?: number; days?: number };
  fields: LicenceField[];
  conditions: Text[];
  /** Who signs for the agency, as printed (the certificate is the agency's). */
  signer: { name: string; position: Text };
  /**
   * automatic: Borikan issues and signs it once the fee is paid (or on approval, without a fee);
   * officer: an officer issues it from the matter page; paper: signed on paper and scanned back (RG-6).
   */
  issue: "automatic" | "officer" | "paper";
  /** DL-3: delivered protected (a password sent separately). */
  confidential: boolean;
}
