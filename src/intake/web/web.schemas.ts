import { type Static, type TSchema, Type } from "@sinclair/typebox";

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

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** TR-1, WS-5: the tracking API: the receipt, and the matter's status, clock and public timeline. */
export const TrackingResponse = Type.Object({
  ...SubmissionReceipt.properties,
  bizPortal: Type.Optional(
    Type.Object(
      { status: Type.String(), statusOther: Type.String() },
      { description: "Biz Portal's status and StatusOther for this status (WS-5)" },
    ),
  ),
  awaited: Type.Optional(
    Type.Union(
      ["agency", "applicant", "nobody"].map((s) => Type.Literal(s)),
      {
        description: "Whom the matter waits for now",
      },
    ),
  ),
  expectedAt: Type.Optional(
    Nullable(
      Type.String({ format: "date-time", description: "Due time; null while paused or without a limit" }),
    ),
  ),
  dayKind: Type.Optional(
    Nullable(Type.String({ description: "business or calendar: the kind of day the time limit counts" })),
  ),
  paused: Type.Optional(Type.Boolean({ description: "The clock stands still, waiting for the applicant" })),
  timeline: Type.Optional(
    Type.Array(
      Type.Object({
        at: Type.String({ format: "date-time" }),
        action: Type.String(),
        from: Type.String(),
        to: Type.String(),
        letterId: Nullable(Type.String()),
      }),
    ),
  ),
  letters: Type.Optional(
    Type.Array(
      Type.Object({
        id: Type.String(),
        number: Type.String({ examples: ["ตย 0001/12"] }),
        subject: Type.String(),
        date: Type.String(),
        url: Type.String(),
      }),
    ),
  ),
  notifications: Type.Optional(
    Type.Array(
      Type.Object({
        at: Type.String({ format: "date-time" }),
        event: Type.String(),
        channel: Type.String({ description: "email, line, or none" }),
        status: Type.String({
          description: "queued, pending, sent, bounced, failed, uncertain, not_configured, no-channel",
        }),
      }),
    ),
  ),
  canWithdraw: Type.Optional(Type.Boolean()),
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
