import { FIELD_DATA_CLASSES, LAWFUL_BASES, WIDGETS } from "../forms/index.js";
import { IMPACT_CATEGORIES } from "./service-definition.js";

/** `a-z`, `0-9` and dashes, not at either end: service codes and document ids (used in URLs and data). */
export const CODE_PATTERN = "^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$";

const text = (max = 2000) => ({
  type: "object",
  additionalProperties: false,
  required: ["th"],
  properties: { th: { type: "string", maxLength: max }, en: { type: "string", maxLength: max } },
});
const level = { enum: ["low", "medium", "high"] };
const count = { type: "integer", minimum: 0, maximum: 1000 };
const list = (items: object, maxItems = 100) => ({ type: "array", maxItems, items });
const object = (properties: Record<string, object>, required: string[]) => ({
  type: "object",
  additionalProperties: false,
  required,
  properties,
});

// #14 fees (PY-1): how a fee is computed; `type` picks the shape, so a wrong one names what it lacks.
const baht = { type: "number", minimum: 0, maximum: 1e9 };
const fieldName = { type: "string", minLength: 1, maxLength: 100 };
const calculationOf = (type: string, properties: Record<string, object>, required: string[]) =>
  object({ type: { const: type }, ...properties }, ["type", ...required]);
const feeCalculation = {
  type: "object",
  required: ["type"],
  properties: { type: { enum: ["fixed", "per-unit", "tiered", "formula", "percent"] } },
  oneOf: [
    calculationOf("fixed", { amount: baht }, ["amount"]),
    calculationOf("per-unit", { field: fieldName, rate: baht, unit: text(100) }, ["field", "rate", "unit"]),
    calculationOf(
      "tiered",
      {
        field: fieldName,
        tiers: {
          type: "array",
          minItems: 1,
          maxItems: 50,
          items: object(
            {
              upTo: { anyOf: [{ type: "number", minimum: 0, maximum: 1e12 }, { type: "null" }] },
              amount: baht,
            },
            ["upTo", "amount"],
          ),
        },
        unit: text(100),
      },
      ["field", "tiers"],
    ),
    calculationOf("formula", { expression: { type: "string", minLength: 1, maxLength: 500 } }, [
      "expression",
    ]),
    calculationOf("percent", { field: fieldName }, ["field"]),
  ],
};

const fieldUi = object(
  {
    label: text(500),
    help: text(),
    widget: { enum: [...WIDGETS] },
    options: { type: "object", maxProperties: 500, additionalProperties: text(500) },
    showIf: object(
      {
        field: { type: "string", minLength: 1, maxLength: 100 },
        in: list({ anyOf: [{ type: "string" }, { type: "number" }, { type: "boolean" }] }, 500),
      },
      ["field", "in"],
    ),
    lawfulBasis: { enum: [...LAWFUL_BASES] },
    dataClass: { enum: [...FIELD_DATA_CLASSES] },
  },
  ["label", "lawfulBasis", "dataClass"],
);

/**
 * The JSON Schema (draft 2020-12) of a `ServiceDefinition` file (`borikan.service/1`): every field, its
 * type and bounds, nothing unknown. What a schema cannot state (CM-1, ID-1, unique ids, the form's
 * references) is checked by `validateDefinition`. Documented in docs/service-format.md.
 */
export const SERVICE_DEFINITION_SCHEMA = object(
  {
    format: { const: "borikan.service/1" },
    code: { type: "string", pattern: CODE_PATTERN },
    name: text(300),
    summary: text(1000),
    responsibleUnit: text(300),
    centralAgency: text(300),
    serviceType: text(300),
    category: text(200),
    legalBasis: list(text(), 50),
    serviceArea: text(300),
    conditions: text(20_000),
    channels: list(object({ place: text(), hours: text(), note: text() }, ["place", "hours"]), 50),
    steps: list(
      object(
        {
          kind: text(200),
          detail: text(),
          duration: { type: "number", minimum: 0, maximum: 100_000 },
          durationUnit: { enum: ["minutes", "days"] },
          responsible: text(300),
          note: text(),
        },
        ["kind", "detail", "duration", "durationUnit", "responsible"],
      ),
    ),
    timeLimit: object(
      {
        amount: { type: "number", minimum: 0, maximum: 10_000 },
        dayKind: { enum: ["business", "calendar"] },
      },
      ["amount", "dayKind"],
    ),
    documents: list(
      object(
        {
          id: { type: "string", maxLength: 60 },
          name: text(500),
          issuer: text(300),
          originals: count,
          copies: count,
          countUnit: text(50),
          note: text(),
          identity: { type: "boolean" },
          kind: { enum: ["identity-card", "form", "delegation", "photo", "certificate", "plan", "other"] },
          paper: { enum: ["id-card", "a4", "photo-4x6", "other"] },
          required: { type: "boolean" },
          appliesTo: { enum: ["all", "person", "juristic"] },
        },
        [
          "id",
          "name",
          "originals",
          "copies",
          "countUnit",
          "identity",
          "kind",
          "paper",
          "required",
          "appliesTo",
        ],
      ),
    ),
    noDocuments: { type: "boolean" },
    fees: list(
      object(
        {
          detail: text(),
          amount: { type: "number", minimum: 0, maximum: 1e12 },
          unit: { enum: ["baht", "percent"] },
          condition: text(),
          // #14 fees (PY-1)
          kind: { enum: ["application_fee", "licence_fee", "fine", "other"] },
          calculation: feeCalculation,
          when: { enum: ["on-approval"] },
          appliesWhen: object(
            {
              field: fieldName,
              equals: {
                anyOf: [{ type: "string", maxLength: 500 }, { type: "number" }, { type: "boolean" }],
              },
            },
            ["field", "equals"],
          ),
        },
        ["detail", "amount", "unit"],
      ),
    ),
    noFee: { type: "boolean" },
    complaintChannels: list(object({ name: text(300), contact: text() }, ["name", "contact"]), 50),
    infoGoThUrl: { type: "string", format: "uri", pattern: "^https://", maxLength: 2000 },
    remarks: text(20_000),
    risk: object(
      {
        level,
        impacts: object(Object.fromEntries(IMPACT_CATEGORIES.map((c) => [c, level])), [...IMPACT_CATEGORIES]),
        assurance: { enum: ["none", "IAL1", "IAL2", "IAL3"] },
      },
      ["level", "impacts", "assurance"],
    ),
    dataClass: { enum: ["public", "internal", "confidential", "secret"] },
    displaysLicence: { type: "boolean" },
    applicantTypes: {
      type: "array",
      maxItems: 2,
      uniqueItems: true,
      items: { enum: ["person", "juristic"] },
    },
    signature: object({ otp: { enum: ["none", "email", "sms"] } }, ["otp"]),
    keywords: list({ type: "string", minLength: 1, maxLength: 100 }, 200),
    form: object(
      {
        schema: { type: "object" },
        ui: object(
          {
            pages: list(
              object(
                {
                  id: { type: "string", pattern: CODE_PATTERN },
                  title: text(300),
                  fields: list({ type: "string", minLength: 1, maxLength: 100 }, 200),
                },
                ["id", "title", "fields"],
              ),
            ),
            fields: { type: "object", maxProperties: 500, additionalProperties: fieldUi },
          },
          ["pages", "fields"],
        ),
      },
      ["schema", "ui"],
    ),
    privacy: object({ purpose: text(), retention: text(), contact: text() }, [
      "purpose",
      "retention",
      "contact",
    ]),
    // #14 PY-1
    payment: object(
      {
        daysToPay: { type: "integer", minimum: 1, maximum: 365 },
        dayKind: { enum: ["business", "calendar"] },
        remindDaysBefore: { type: "integer", minimum: 0, maximum: 60 },
        whenUnpaid: { enum: ["cancelled", "returned"] },
      },
      ["daysToPay", "dayKind", "remindDaysBefore", "whenUnpaid"],
    ),
    // #15 LC-1: the licence the service issues (checked further at publish: check-licence-template.ts)
    licence: object(
      {
        title: text(300),
        numberFormat: { type: "string", minLength: 3, maxLength: 60, pattern: "\\{n\\}" },
        validity: object(
          {
            years: { type: "integer", minimum: 0, maximum: 100 },
            months: { type: "integer", minimum: 0, maximum: 1200 },
            days: { type: "integer", minimum: 0, maximum: 36500 },
          },
          [],
        ),
        fields: list(
          object(
            {
              key: { type: "string", pattern: CODE_PATTERN },
              label: text(200),
              source: {
                type: "object",
                minProperties: 1,
                maxProperties: 1,
                additionalProperties: false,
                properties: {
                  form: { type: "string", minLength: 1, maxLength: 200 },
                  applicant: { enum: ["name"] },
                  licence: { enum: ["issuedOn", "validUntil"] },
                  text: text(500),
                },
              },
              optional: { type: "boolean" },
            },
            ["key", "label", "source"],
          ),
          40,
        ),
        conditions: list(text(1000), 40),
        signer: object({ name: { type: "string", minLength: 1, maxLength: 200 }, position: text(300) }, [
          "name",
          "position",
        ]),
        issue: { enum: ["automatic", "officer", "paper"] },
        confidential: { type: "boolean" },
      },
      ["title", "numberFormat", "fields", "conditions", "signer", "issue", "confidential"],
    ),
  },
  [
    "format",
    "code",
    "name",
    "summary",
    "responsibleUnit",
    "category",
    "legalBasis",
    "conditions",
    "channels",
    "steps",
    "timeLimit",
    "documents",
    "fees",
    "noFee",
    "complaintChannels",
    "risk",
    "dataClass",
    "displaysLicence",
    "applicantTypes",
    "signature",
    "keywords",
    "form",
    "privacy",
  ],
);
