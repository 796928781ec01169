import { AppError } from "../platform/errors.js";
import { type Form, formString } from "../platform/http/form-fields.js";
import type { ServiceDefinition, Text } from "./service-definition.js";

/** The main manual fields an admin edits as a form; the rest of a definition is edited as JSON. */
export interface MainFields {
  name: Text;
  summary: Text;
  responsibleUnit: Text;
  category: Text;
  legalBasis: Text[];
  conditions: Text;
  timeLimit: ServiceDefinition["timeLimit"];
  infoGoThUrl?: string;
  keywords: string[];
}

export const MAIN_FIELD_NAMES = [
  "nameTh",
  "nameEn",
  "summaryTh",
  "summaryEn",
  "unitTh",
  "unitEn",
  "categoryTh",
  "categoryEn",
  "legalBasis",
  "conditionsTh",
  "conditionsEn",
  "timeLimit",
  "dayKind",
  "infoGoThUrl",
  "keywords",
] as const;

const text = (th: string, en: string): Text =>
  en.trim() ? { th: th.trim(), en: en.trim() } : { th: th.trim() };

/** The main fields as posted; the definition's own check judges what they say. */
export function readMainFields(body: Form): MainFields {
  const f = (name: (typeof MAIN_FIELD_NAMES)[number], max = 20_000) => formString(body[name], name, max);
  const amount = Number(f("timeLimit", 10));
  if (!Number.isFinite(amount) || f("timeLimit", 10).trim() === "")
    throw new AppError("VALIDATION_FAILED", { detail: "timeLimit" }, { field: "timeLimit" });
  const dayKind = f("dayKind", 20);
  if (dayKind !== "business" && dayKind !== "calendar")
    throw new AppError("VALIDATION_FAILED", { detail: "dayKind" }, { field: "dayKind" });
  const url = f("infoGoThUrl", 2000).trim();
  return {
    name: text(f("nameTh", 300), f("nameEn", 300)),
    summary: text(f("summaryTh", 1000), f("summaryEn", 1000)),
    responsibleUnit: text(f("unitTh", 300), f("unitEn", 300)),
    category: text(f("categoryTh", 200), f("categoryEn", 200)),
    legalBasis: f("legalBasis")
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .map((th) => ({ th })),
    conditions: text(f("conditionsTh"), f("conditionsEn")),
    timeLimit: { amount, dayKind },
    infoGoThUrl: url || undefined,
    keywords: f("keywords", 5000)
      .split(",")
      .map((k) => k.trim())
      .filter(Boolean),
  };
}

/** `definition` with its main fields replaced (legal basis lines keep an English text they had). */
export function withMainFields(definition: ServiceDefinition, main: MainFields): ServiceDefinition {
  const legalBasis = main.legalBasis.map((l) => definition.legalBasis.find((old) => old.th === l.th) ?? l);
  const { infoGoThUrl: _old, ...rest } = definition;
  return { ...rest, ...main, legalBasis, ...(main.infoGoThUrl ? { infoGoThUrl: main.infoGoThUrl } : {}) };
}

/**
 * A new service from the main fields alone: one step as long as the time limit, no documents and no fee
 * said explicitly (CM-2), low risk, a one-question form; the admin completes it in the draft before publishing.
 */
export function skeletonDefinition(
  code: string,
  main: MainFields,
  agency: { nameTh: string; nameEn: string; centralEmail: string; phones: string[] },
): ServiceDefinition {
  const low = "low" as const;
  const contact = [...agency.phones, agency.centralEmail].join(", ");
  const definition: ServiceDefinition = {
    format: "borikan.service/1",
    code,
    ...main,
    channels: [
      {
        place: { th: "เว็บไซต์ของหน่วยงาน (ยื่นคำขอออนไลน์)", en: "The agency's website (online application)" },
        hours: { th: "ตลอด 24 ชั่วโมง", en: "24 hours a day" },
      },
    ],
    steps: [
      {
        kind: { th: "การพิจารณา", en: "Decision" },
        detail: { th: "พิจารณาคำขอ", en: "The application is considered" },
        duration: main.timeLimit.amount,
        durationUnit: "days",
        responsible: main.responsibleUnit,
      },
    ],
    documents: [],
    noDocuments: true,
    fees: [],
    noFee: true,
    complaintChannels: [{ name: { th: agency.nameTh, en: agency.nameEn }, contact: { th: contact } }],
    risk: {
      level: low,
      impacts: {
        reputation: low,
        finance: low,
        operations: low,
        confidentiality: low,
        safety: low,
        liability: low,
      },
      assurance: "none",
    },
    dataClass: "internal",
    displaysLicence: false,
    applicantTypes: ["person"],
    signature: { otp: "none" },
    // One free-text question, so that the form is a form until the admin brings the service's own.
    form: {
      schema: {
        type: "object",
        additionalProperties: false,
        required: ["details"],
        properties: { details: { type: "string", minLength: 1, maxLength: 5000 } },
      },
      ui: {
        pages: [{ id: "details", title: { th: "รายละเอียดคำขอ", en: "Your request" }, fields: ["details"] }],
        fields: {
          details: {
            label: { th: "รายละเอียดคำขอ", en: "Details of your request" },
            widget: "textarea",
            lawfulBasis: "public-task",
            dataClass: "personal",
          },
        },
      },
    },
    privacy: {
      purpose: { th: `เพื่อพิจารณาคำขอ${main.name.th}`, en: "To consider the application" },
      retention: { th: "ตามระยะเวลาที่กฎหมายกำหนด", en: "As long as the law requires" },
      contact: { th: agency.centralEmail },
    },
  };
  if (!main.infoGoThUrl) delete definition.infoGoThUrl;
  return definition;
}
