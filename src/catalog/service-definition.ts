import type { FormDefinition } from "../forms/index.js";
import type { LicenceTemplate } from "./licence-template.js";

/** Text in Thai and English; Thai is required, English falls back to Thai when empty. */
export interface Text {
  th: string;
  en?: string;
}

/** LF-1: the legal clock of a service counts business days or calendar days. */
export type DayKind = "business" | "calendar";

/** ID-1: a service's risk from its impact in the six categories; medium/high need identity proofing. */
export type RiskLevel = "low" | "medium" | "high";
export const IMPACT_CATEGORIES = [
  "reputation",
  "finance",
  "operations",
  "confidentiality",
  "safety",
  "liability",
] as const;
export type ImpactCategory = (typeof IMPACT_CATEGORIES)[number];

/** The identity assurance a service needs (recorded now; enforced by the identity capability). */
export type Assurance = "none" | "IAL1" | "IAL2" | "IAL3";

/** IF-1: the confidentiality class of the data a service collects. */
export type DataClass = "public" | "internal" | "confidential" | "secret";

/** info.go.th field 11: a channel where the service is given. */
export interface ServiceChannel {
  place: Text;
  hours: Text;
  note?: Text;
}

/** info.go.th field 13: one step with its duration and the unit responsible. */
export interface ServiceStep {
  kind: Text;
  detail: Text;
  duration: number;
  durationUnit: "minutes" | "days";
  responsible: Text;
  note?: Text;
}

/**
 * info.go.th field 15 (CM-1) and the upload checklist (FM-2): one document the applicant brings.
 * `appliesTo` narrows it to persons or juristic persons (FM-5: the delegation is a juristic person's).
 */
export interface RequiredDocument {
  /** Stable within the service (a-z, 0-9, dash): form data and uploads refer to it. */
  id: string;
  name: Text;
  issuer?: Text;
  originals: number;
  copies: number;
  countUnit: Text;
  note?: Text;
  /** Identity documents issued by the state are listed apart on info.go.th. */
  identity: boolean;
  kind: "identity-card" | "form" | "delegation" | "photo" | "certificate" | "plan" | "other";
  /** Paper size the document is made in, for judging a scan's resolution (FM-4). */
  paper: "id-card" | "a4" | "photo-4x6" | "other";
  required: boolean;
  appliesTo: "all" | "person" | "juristic";
}

/** PY-1: the manual's terms of payment; absent: 15 calendar days, a reminder 3 days before, then cancelled. */
export interface PaymentTerms {
  daysToPay: number;
  dayKind: DayKind;
  /** Days before the deadline the applicant is reminded; 0: no reminder. */
  remindDaysBefore: number;
  /** What the manual says of a notice unpaid by its deadline: the application is cancelled or returned. */
  whenUnpaid: "cancelled" | "returned";
}

/** PY-1: what a fee is, as the notice it becomes says (seed 002 §4: ค่าคำขอ, ค่าธรรมเนียม, ค่าปรับ). */
export type FeeKind = "application_fee" | "licence_fee" | "fine" | "other";

/** One tier of a tiered fee: applies to answers up to `upTo` (null: and above). */
export interface FeeTier {
  upTo: number | null;
  amount: number;
}

/**
 * PY-1: how a fee is computed from the application's answers. Fields named are number fields of the form.
 * `percent` is the base a fee with `unit: "percent"` is a percentage of.
 */
export type FeeCalculation =
  | { type: "fixed"; amount: number }
  | { type: "per-unit"; field: string; rate: number; unit: Text }
  | { type: "tiered"; field: string; tiers: FeeTier[]; unit?: Text }
  | { type: "formula"; expression: string }
  | { type: "percent"; field: string };

/** info.go.th field 16, as data the payment capability computes from. */
export interface Fee {
  detail: Text;
  /** Baht, or a percentage when `unit` is `percent`; what the manual shows when there is no `calculation`. */
  amount: number;
  unit: "baht" | "percent";
  condition?: Text;
  /** Absent: licence_fee. */
  kind?: FeeKind;
  /** Absent: `amount` baht, fixed (a percent fee needs a `percent` calculation naming its base). */
  calculation?: FeeCalculation;
  /** When the fee is asked; absent: on approval, the only stage payment asks at for now. */
  when?: "on-approval";
  /** The fee applies only when a field of the form has this answer; absent: to every application. */
  appliesWhen?: { field: string; equals: string | number | boolean };
}

export interface ComplaintChannel {
  name: Text;
  contact: Text;
}

/**
 * One service of an agency's catalogue: its citizen manual (CM-1, info.go.th's fields), its risk and
 * data class (ID-1, IF-1), its form (FM-1) and how it is signed (FM-6). A published version of this never
 * changes; each application keeps the version it was made with.
 */
export interface ServiceDefinition {
  format: "borikan.service/1";
  /** Stable within the agency (a-z, 0-9, dash), used in URLs and the API. */
  code: string;
  name: Text;
  summary: Text;
  responsibleUnit: Text;
  centralAgency?: Text;
  serviceType?: Text;
  category: Text;
  legalBasis: Text[];
  serviceArea?: Text;
  /** info.go.th field 12: criteria, method and conditions. */
  conditions: Text;
  channels: ServiceChannel[];
  steps: ServiceStep[];
  /** LF-1: the total time limit of the manual, and which kind of day it counts. */
  timeLimit: { amount: number; dayKind: DayKind };
  documents: RequiredDocument[];
  /** CM-1, CM-2: an empty document list must be said explicitly (shown as "no documents"). */
  noDocuments?: boolean;
  /** CM-2: an empty list must be said explicitly: `noFee: true`. */
  fees: Fee[];
  noFee: boolean;
  complaintChannels: ComplaintChannel[];
  /** CM-3: the approved manual on info.go.th, when there is one. */
  infoGoThUrl?: string;
  remarks?: Text;
  risk: {
    level: RiskLevel;
    impacts: Record<ImpactCategory, RiskLevel>;
    assurance: Assurance;
  };
  dataClass: DataClass;
  /** s.13 of the Licensing Facilitation Act: the licence is displayed publicly. */
  displaysLicence: boolean;
  applicantTypes: ("person" | "juristic")[];
  /** FM-6: a type-1 signature is a typed name and confirm; some services add a one-time code. */
  signature: { otp: "none" | "email" | "sms" };
  /** IF-2: words people search with that the name does not contain (synonyms, everyday names). */
  keywords: string[];
  form: FormDefinition;
  /** PD-1: who controls the data and how long it is kept, for the generated privacy notice. */
  privacy: { purpose: Text; retention: Text; contact: Text };
  /** #14 PY-1: how long the applicant has to pay a notice, and what happens when it is not paid. */
  payment?: PaymentTerms;
  /** #15 LC-1: the licence this service issues; absent: none (an answer or a letter ends it). */
  licence?: LicenceTemplate;
}
