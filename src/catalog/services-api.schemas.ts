import { Type } from "@sinclair/typebox";

const Text = Type.Object(
  { th: Type.String(), en: Type.Optional(Type.String()) },
  { description: "Thai, and English when given" },
);
const Instant = Type.String({ format: "date-time" });

export const ServicesQuery = Type.Object({
  q: Type.Optional(
    Type.String({
      maxLength: 200,
      description: "Words to search for, Thai or English (IF-2); none lists all",
    }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

export const ServiceCodeParams = Type.Object({ code: Type.String({ maxLength: 64 }) });

const Links = Type.Object({
  page: Type.String({ description: "The service page (manual and apply)" }),
  manualPdf: Type.String(),
  formPdf: Type.String({ description: "The blank form for the paper path (FM-1)" }),
});

export const ServiceSummary = Type.Object({
  code: Type.String(),
  name: Text,
  summary: Text,
  category: Text,
  version: Type.Integer(),
  url: Type.String(),
  score: Type.Optional(Type.Integer({ description: "How well it matched `q`; higher first" })),
});

export const ServiceList = Type.Object({ services: Type.Array(ServiceSummary) });

const Document = Type.Object({
  id: Type.String(),
  name: Text,
  issuer: Type.Optional(Text),
  originals: Type.Integer(),
  copies: Type.Integer(),
  countUnit: Text,
  note: Type.Optional(Text),
  identity: Type.Boolean(),
  kind: Type.String(),
  paper: Type.String(),
  required: Type.Boolean(),
  appliesTo: Type.String({ description: "all, person or juristic" }),
});

const Fee = Type.Object({
  detail: Text,
  amount: Type.Number(),
  unit: Type.String({ description: "baht or percent" }),
  condition: Type.Optional(Text),
  // #14 fees (PY-1)
  kind: Type.Optional(Type.String({ description: "application_fee, licence_fee (default), fine or other" })),
  calculation: Type.Optional(
    Type.Unknown({
      description: "How the fee is computed from the answers: fixed, per-unit, tiered, formula, percent",
    }),
  ),
  when: Type.Optional(Type.String({ description: "When it is asked: on-approval" })),
  appliesWhen: Type.Optional(Type.Unknown({ description: "{ field, equals }: only for this answer" })),
});

/** The published version a new application is made with: the citizen manual (CM-1), documents, fees, form. */
export const ServiceDetail = Type.Object({
  code: Type.String(),
  version: Type.Integer(),
  publishedAt: Instant,
  definitionSha256: Type.String({
    description: "sha256 of the published definition, as applications record it",
  }),
  name: Text,
  summary: Text,
  responsibleUnit: Text,
  centralAgency: Type.Optional(Text),
  serviceType: Type.Optional(Text),
  category: Text,
  legalBasis: Type.Array(Text),
  serviceArea: Type.Optional(Text),
  conditions: Text,
  channels: Type.Array(Type.Object({ place: Text, hours: Text, note: Type.Optional(Text) })),
  steps: Type.Array(
    Type.Object({
      kind: Text,
      detail: Text,
      duration: Type.Number(),
      durationUnit: Type.String(),
      responsible: Text,
      note: Type.Optional(Text),
    }),
  ),
  timeLimit: Type.Object({
    amount: Type.Number(),
    dayKind: Type.String({ description: "business or calendar days (LF-1)" }),
  }),
  documents: Type.Array(Document),
  fees: Type.Array(Fee),
  noFee: Type.Boolean({ description: "No fee, said explicitly (CM-2)" }),
  payment: Type.Optional(
    Type.Unknown({
      description: "PY-1: days to pay, reminder and what happens when unpaid (absent: the defaults)",
    }),
  ),
  complaintChannels: Type.Array(Type.Object({ name: Text, contact: Text })),
  infoGoThUrl: Type.Optional(Type.String()),
  remarks: Type.Optional(Text),
  risk: Type.Object({ level: Type.String(), assurance: Type.String() }),
  dataClass: Type.String(),
  displaysLicence: Type.Boolean(),
  applicantTypes: Type.Array(Type.String()),
  signature: Type.Object({ otp: Type.String() }),
  form: Type.Object({
    schema: Type.Record(Type.String(), Type.Unknown(), { description: "JSON Schema of the answers (FM-1)" }),
    ui: Type.Record(Type.String(), Type.Unknown(), {
      description: "Pages, labels, help, widgets, conditions, lawful basis",
    }),
  }),
  links: Links,
});

export const ErrorResponse = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) }),
});
