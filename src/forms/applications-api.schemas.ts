import { Type } from "@sinclair/typebox";

const Text = (max: number, description?: string) =>
  Type.String({ maxLength: max, ...(description && { description }) });

export const ApplicationBody = Type.Object(
  {
    applicant: Type.Object(
      {
        type: Type.Union([Type.Literal("person"), Type.Literal("juristic")]),
        name: Text(200, "Full name, or a juristic person's registered name"),
        idNumber: Text(30, "13-digit national ID or juristic ID (starts with 0)"),
        email: Type.Optional(Text(254)),
        phone: Type.Optional(Text(30)),
        actingPerson: Type.Optional(
          Type.Object(
            { name: Text(200), idNumber: Text(30), position: Text(200) },
            { additionalProperties: false, description: "FM-5: who acts for a juristic person" },
          ),
        ),
      },
      { additionalProperties: false },
    ),
    answers: Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), {
      description: "The form's answers, validated against the service's published form schema",
    }),
    documents: Type.Array(
      Type.Object(
        {
          documentId: Text(100, "The checklist item (RequiredDocument.id)"),
          filename: Type.String({ minLength: 1, maxLength: 255 }),
          contentBase64: Type.Optional(
            Type.String({
              description: "The bytes, base64; in multipart, leave out and send a file part instead",
            }),
          ),
          eStampReference: Type.Optional(Text(40, "FM-5: a delegation's e-Stamp reference")),
        },
        { additionalProperties: false },
      ),
      { maxItems: 30 },
    ),
    signature: Type.Object(
      {
        name: Text(200, "FM-6: the applicant's (or acting person's) full name, typed"),
        confirmed: Type.Literal(true),
      },
      { additionalProperties: false },
    ),
    privacyNoticeVersion: Type.Optional(Text(100, "PD-1: the privacy notice shown before collection")),
    language: Type.Optional(Type.Union([Type.Literal("th"), Type.Literal("en")])),
  },
  {
    additionalProperties: false,
    description:
      "JSON. Or multipart/form-data: a field `application` holding this JSON without `contentBase64`, and one file part per document, in the order of `documents`.",
  },
);

const Instant = Type.String({ format: "date-time" });

export const ApplicationReceipt = Type.Object({
  receiptNumber: Type.String({ examples: ["15/2569"] }),
  receivedAt: Instant,
  workingStart: Instant,
  acknowledgeBy: Instant,
  applicationId: Type.String(),
  serviceVersion: Type.Integer({ description: "The version of the service applied on (kept forever)" }),
  trackingUrl: Type.String(),
});

export const ApiError = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(
      Type.Unknown({ description: "APPLICATION_INVALID: { errors: [{ field, code, message }] }" }),
    ),
  }),
});

export const ServiceCodeParams = Type.Object({ code: Type.String({ pattern: "^[a-z0-9-]{1,80}$" }) });
