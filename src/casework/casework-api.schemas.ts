import { Type } from "@sinclair/typebox";
import { QUEUE_VIEWS } from "../register/index.js";
import { CASEWORK_ACTIONS, MAX_TEXT } from "./take-matter-action.js";

const Instant = Type.String({ format: "date-time" });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const QueueQuery = Type.Object({
  view: Type.Optional(
    Type.String({
      maxLength: 20,
      description: `${QUEUE_VIEWS.join(", ")}; default all. Another falls back to all.`,
    }),
  ),
  unit: Type.Optional(Type.String({ maxLength: 100, description: "One unit's matters (within your scope)" })),
  after: Type.Optional(Type.String({ maxLength: 200, description: "The `next` cursor of the page before" })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});

export const MatterParams = Type.Object({ matterId: Type.String({ maxLength: 100 }) });

const Clock = Type.Object(
  {
    state: Type.String({ description: "none, paused, decided, on-time, at-risk or overdue" }),
    dueAt: Nullable(Instant),
    dayKind: Nullable(Type.String({ description: "business or calendar" })),
    daysLeft: Type.Optional(Type.Integer({ description: "Days of its kind left; negative: overdue" })),
    pausedSince: Type.Optional(Instant),
  },
  { description: "LF-1, RV-6: the manual's time, in its kind of day, paused while the applicant is awaited" },
);

export const MatterSummary = Type.Object({
  id: Type.String(),
  receiptNumber: Type.String(),
  subject: Type.String(),
  kind: Type.String({ description: "general or application" }),
  status: Type.String(),
  statusLabel: Type.String(),
  version: Type.Integer({ description: "Send it back as `version` with an action" }),
  unitId: Nullable(Type.String()),
  assignedTo: Nullable(Type.String()),
  clockStart: Nullable(Instant),
  clock: Clock,
});

export const MatterQueue = Type.Object({
  view: Type.String(),
  matters: Type.Array(MatterSummary),
  next: Type.Optional(Type.String({ description: "Cursor of the next page (`after`)" })),
});

const TimelineItem = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  action: Type.String(),
  from: Type.String(),
  to: Type.String(),
  actor: Type.String({ description: "staff:<id>, the system part's name, or applicant:<via>" }),
  at: Instant,
  visibility: Type.String({
    description: "public, or officers (comments, memos: never shown to the applicant)",
  }),
  payload: Type.Record(Type.String(), Type.Unknown()),
});

export const MatterDetail = Type.Object({
  matter: MatterSummary,
  entries: Type.Array(
    Type.Object({
      id: Type.String(),
      receiptNumber: Type.String(),
      receivedAt: Instant,
      channel: Type.String(),
    }),
  ),
  timeline: Type.Array(TimelineItem),
  allowedActions: Type.Array(Type.String(), { description: "The casework actions you may take now" }),
});

export const ActionBody = Type.Object({
  action: Type.String({ maxLength: 40, description: CASEWORK_ACTIONS.join(", ") }),
  version: Type.Integer({ minimum: 0, maximum: 999_999_999, description: "The matter's version you saw" }),
  payload: Type.Optional(
    Type.Object(
      {
        text: Type.Optional(
          Type.String({ maxLength: MAX_TEXT, description: "route: the memo; comment; record-delay-reason" }),
        ),
        staffId: Type.Optional(
          Type.String({ maxLength: 100, description: "assign: an officer of the unit" }),
        ),
        unitId: Type.Optional(Type.String({ maxLength: 100, description: "route: the unit it goes to" })),
      },
      { additionalProperties: false },
    ),
  ),
});

export const ActionResult = Type.Object({
  actionId: Type.String(),
  from: Type.String(),
  to: Type.String(),
  matter: MatterSummary,
});

export const ErrorResponse = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) }),
});
