import type { FastifyRequest } from "fastify";
import type { Html } from "../platform/html.js";
import type { Matter } from "../register/index.js";
import type { PaymentNotice } from "./notice.js";
import type { PaymentDeps } from "./payment-deps.js";
import { receiptsSection } from "./receipts-section.js";
import { slipsSection } from "./slips-section.js";

/**
 * What a section of the applicant's payment page knows: what the page already read (the tracked entry,
 * proven by the token; the matter and its notices) and the tracking link's parts.
 */
export interface ApplicantPaymentContext {
  req: FastifyRequest;
  matter: Matter;
  /** `/requests/:beYear/:sequence` under the agency's prefix, and the tracking token. */
  base: string;
  token: string;
  /** The tracked entry: a section's form tokens are bound to it. */
  entryId: string;
  notices: PaymentNotice[];
}

/** A section of the applicant's payment page after the notices (slips, receipts); undefined: nothing. */
export type ApplicantPaymentSection = (
  deps: PaymentDeps,
  ctx: ApplicantPaymentContext,
) => Promise<Html | undefined>;

export const APPLICANT_PAYMENT_SECTIONS: ApplicantPaymentSection[] = [slipsSection, receiptsSection];
