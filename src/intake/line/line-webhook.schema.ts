import { isUtf8 } from "node:buffer";
import type { webhook } from "@line/bot-sdk";
import { type TSchema, Type } from "@sinclair/typebox";
import { TypeCompiler } from "@sinclair/typebox/compiler";

// What the event processor relies on, and nothing more: LINE adds fields and event types over time, so
// other properties pass, and an event type Borikan does not handle is stored and then ignored.

/** LINE's ids (user, group, room, message) are short: letters and digits (and - or _ to spare). */
const Id = Type.String({ pattern: "^[A-Za-z0-9_-]{1,100}$" });

const EventBase = Type.Object({
  type: Type.String({ pattern: "^[A-Za-z]{1,40}$" }),
  // Milliseconds since 1970, within what a date can hold (to 9999-12-31).
  timestamp: Type.Integer({ minimum: 0, maximum: 253_402_300_799_999 }),
  // A ULID; never the `invalid:…` id an invalid event is stored under.
  webhookEventId: Type.String({ pattern: "^[A-Za-z0-9]{1,100}$" }),
  deliveryContext: Type.Object({ isRedelivery: Type.Boolean() }),
  mode: Type.Optional(Type.String({ maxLength: 40 })),
  replyToken: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  source: Type.Optional(
    Type.Object({ type: Type.Union([Type.Literal("user"), Type.Literal("group"), Type.Literal("room")]) }),
  ),
});

const BySourceType: Record<string, TSchema> = {
  user: Type.Object({ source: Type.Object({ userId: Id }) }),
  group: Type.Object({ source: Type.Object({ groupId: Id, userId: Type.Optional(Id) }) }),
  room: Type.Object({ source: Type.Object({ roomId: Id, userId: Type.Optional(Id) }) }),
};

const ByEventType: Record<string, TSchema> = {
  message: Type.Object({
    message: Type.Object({ id: Id, type: Type.String({ pattern: "^[A-Za-z]{1,40}$" }) }),
  }),
  postback: Type.Object({ postback: Type.Object({ data: Type.String({ maxLength: 1000 }) }) }),
};

const ByMessageType: Record<string, TSchema> = {
  // LINE caps a text message at 5,000 characters; the margin allows for characters outside the BMP. A NUL
  // is no text a person types, and PostgreSQL text cannot hold it.
  text: Type.Object({
    message: Type.Object({ text: Type.String({ maxLength: 10_000, pattern: "^[^\\u0000]*$" }) }),
  }),
  file: Type.Object({
    message: Type.Object({
      fileName: Type.String({ minLength: 1, maxLength: 1000 }),
      // Sizes are kept in 32-bit columns; LINE's own limit on a file is far below.
      fileSize: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647 })),
    }),
  }),
};

type Checker = ReturnType<typeof TypeCompiler.Compile>;
const compile = (schemas: Record<string, TSchema>) =>
  new Map(Object.entries(schemas).map(([key, schema]) => [key, TypeCompiler.Compile(schema)]));
const eventBase = TypeCompiler.Compile(EventBase);
const bySourceType = compile(BySourceType);
const byEventType = compile(ByEventType);
const byMessageType = compile(ByMessageType);

function failure(checker: Checker, value: unknown): string | undefined {
  if (checker.Check(value)) return undefined;
  const first = checker.Errors(value).First();
  return `${first?.path || "/"}: ${first?.message ?? "invalid"}`.slice(0, 300);
}

/** Why an event cannot be handled, or undefined when it has everything the processor uses. */
function eventProblem(event: unknown): string | undefined {
  const base = failure(eventBase, event);
  if (base) return base;
  const e = event as { type: string; source?: { type: string }; message?: { type: string } };
  const steps = [
    e.source ? bySourceType.get(e.source.type) : undefined,
    byEventType.get(e.type),
    e.type === "message" ? byMessageType.get(e.message?.type ?? "") : undefined,
  ];
  for (const checker of steps) {
    const problem = checker && failure(checker, event);
    if (problem) return problem;
  }
  return undefined;
}

export type CheckedEvent =
  | { valid: true; event: webhook.Event; payload: string }
  | { valid: false; reason: string; payload: string; type: string };

/** A signed webhook body as it is stored (RG-4) and the events read from it. */
export interface ReadDelivery {
  body: string;
  bodyEncoding: "utf8" | "base64";
  /** Why the body is not a webhook (then `events` is empty). */
  invalidReason: string | null;
  events: CheckedEvent[];
}

/** Deeply nested junk can be more than JSON.stringify can walk: then the event keeps no copy of its own. */
function serialize(value: unknown): string | undefined {
  try {
    return JSON.stringify(value) ?? "null";
  } catch {
    return undefined;
  }
}

function checkEvent(event: unknown): CheckedEvent {
  const payload = serialize(event);
  const reason = payload === undefined ? "/: nested too deeply to keep" : eventProblem(event);
  if (!reason) return { valid: true, event: event as webhook.Event, payload: payload! };
  const type = (event as { type?: unknown } | null)?.type;
  return {
    valid: false,
    reason,
    payload: payload ?? "null",
    type: typeof type === "string" && /^[A-Za-z]{1,40}$/.test(type) ? type : "(invalid)",
  };
}

/**
 * Reads a signed webhook body. Never throws: a body that is not UTF-8 JSON with an `events` array has no
 * events and says why; each event is checked on its own, so one bad event does not sink the others.
 */
export function readDelivery(raw: Buffer): ReadDelivery {
  // RG-4: kept as received. Bytes that are not text (or hold a NUL, which PostgreSQL text refuses) are
  // kept in base64 rather than altered.
  const isText = isUtf8(raw) && !raw.includes(0);
  const stored = {
    body: raw.toString(isText ? "utf8" : "base64"),
    bodyEncoding: isText ? ("utf8" as const) : ("base64" as const),
  };
  const invalid = (reason: string): ReadDelivery => ({ ...stored, invalidReason: reason, events: [] });
  if (!isUtf8(raw)) return invalid("the body is not UTF-8 text");
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored.body);
  } catch {
    return invalid("the body is not JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    return invalid("the body is not a JSON object");
  const events = (parsed as { events?: unknown }).events;
  if (!Array.isArray(events)) return invalid("the body has no events array");
  return { ...stored, invalidReason: null, events: events.map(checkEvent) };
}
