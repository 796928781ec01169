import { type Static, Type } from "@sinclair/typebox";

export const SubmissionBody = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 200,
      description: "Applicant's full name (FM-6 type-1 signature)",
    }),
    email: Type.Optional(Type.String({ maxLength: 254, description: "Where the acknowledgement is sent" })),
    phone: Type.Optional(Type.String({ maxLength: 20 })),
    subject: Type.String({ minLength: 1, maxLength: 300 }),
    message: Type.Optional(Type.String({ maxLength: 20000 })),
    confirmed: Type.Boolean({ description: "The applicant confirmed the request (FM-6); must be true" }),
    language: Type.Optional(Type.Union([Type.Literal("th"), Type.Literal("en")])),
    attachments: Type.Optional(
      Type.Array(
        Type.Object({
          filename: Type.String({ minLength: 1, maxLength: 255 }),
          contentBase64: Type.String({ description: "The file's bytes, base64" }),
        }),
        { maxItems: 50 },
      ),
    ),
  },
  {
    additionalProperties: false,
    description: "JSON body; multipart/form-data with the same field names and `files` parts is accepted too",
  },
);
export type SubmissionBodyType = Static<typeof SubmissionBody>;

const Instant = Type.String({ format: "date-time" });

export const AttachmentOutcome = Type.Object({
  filename: Type.String(),
  accepted: Type.Boolean(),
  mediaType: Type.Union([Type.String(), Type.Null()]),
  size: Type.Integer(),
  refusal: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
});

/** CH-4: where the acknowledgement stands; `not_sent` when no mail server is configured (never "sent"). */
export const AcknowledgementOutcome = Type.Object({
  status: Type.Union(
    ["acknowledged", "queued", "not_sent", "failed", "uncertain", "none"].map((s) => Type.Literal(s)),
    {
      description:
        "acknowledged (see `via`), queued to be emailed, not_sent (no mail server), failed, uncertain, none",
    },
  ),
  via: Type.Union([Type.String(), Type.Null()], {
    description:
      "how it was given: email, web-page, line-reply, line-push, paper-stamp, phone, paper, in-person",
  }),
  at: Type.Union([Instant, Type.Null()]),
});

export const SubmissionReceipt = Type.Object({
  receiptNumber: Type.String({ examples: ["15/2569"] }),
  receivedAt: Instant,
  workingStart: Instant,
  acknowledgeBy: Instant,
  acknowledgedAt: Type.Union([Instant, Type.Null()]),
  acknowledgement: AcknowledgementOutcome,
  channel: Type.String(),
  status: Type.String(),
  trackingUrl: Type.String(),
  attachments: Type.Array(AttachmentOutcome),
});

export const ErrorResponse = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) }),
});

export const ReceiptParams = Type.Object({
  beYear: Type.Integer({ minimum: 2500, maximum: 2700 }),
  sequence: Type.Integer({ minimum: 1 }),
});
export const TrackingQuery = Type.Object({
  t: Type.String({ minLength: 1, maxLength: 64 }),
  lang: Type.Optional(Type.String()),
});
export const TrackingPageQuery = Type.Object({
  t: Type.String({ minLength: 1, maxLength: 64 }),
  new: Type.Optional(Type.String()),
  lang: Type.Optional(Type.String()),
});
