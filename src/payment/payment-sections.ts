import type { FastifyRequest } from "fastify";
import type { Html } from "../platform/html.js";
import type { Matter } from "../register/index.js";
import type { PaymentDeps } from "./payment-deps.js";
import { receiptsSection } from "./receipts-section.js";
import { slipsSection } from "./slips-section.js";

/** What a section of the applicant's payment page knows: the matter, and the tracking link's parts. */
export interface ApplicantPaymentContext {
  req: FastifyRequest;
  matter: Matter;
  /** `/requests/:beYear/:sequence` under the agency's prefix, and the tracking token. */
  base: string;
  token: string;
  /** The CSRF token of forms on this page (bound to the entry). */
  csrf: string;
}

/** A section of the applicant's payment page after the notices (slips, receipts); undefined: nothing. */
export type ApplicantPaymentSection = (
  deps: PaymentDeps,
  ctx: ApplicantPaymentContext,
) => Promise<Html | undefined>;

export const APPLICANT_PAYMENT_SECTIONS: ApplicantPaymentSection[] = [slipsSection, receiptsSection];
