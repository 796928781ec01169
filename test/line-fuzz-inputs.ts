import fc from "fast-check";
import { SUBMIT_DATA } from "../src/intake/line/index.js";
import type { FuzzBody } from "./fuzz-inputs.js";

/**
 * LINE webhook bodies for the fuzz bench, to be sent with a valid signature: deliveries whose events lack
 * or mistype `timestamp`, `type`, `source`, `webhookEventId`, `deliveryContext` or their message, beside
 * valid events; deliveries that are not deliveries (no `events`, `events` not a list, other JSON); bodies
 * cut short, not UTF-8 or not JSON at all. Each must be answered 200 and stored (RG-4, CH-10).
 * Deterministic for a given seed.
 */

/** A LINE-like id; fast-check's uuids differ per case, so events are mostly new ones. */
const eventId = fc.uuid().map((u) => u.replaceAll("-", "").toUpperCase());
const userId = fc.uuid().map((u) => `U${u.replaceAll("-", "")}`);

const oddString = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.constantFrom("", "\u0000", "has space", "ไทย", "\r\n", "x".repeat(200)),
);
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  oddString,
  fc.constantFrom(null, true, 0, -1, 1e20, 1.5, [], {}),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A valid event of one of the kinds Borikan handles or ignores. */
const validEvent = fc
  .record({
    id: eventId,
    user: userId,
    kind: fc.constantFrom("text", "postback", "follow", "unfollow", "file", "sticker", "group", "unknown"),
    text: fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom("ขอแจ้งเรื่อง\nรายละเอียด", "สมชาย ใจดี")),
    at: fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }),
  })
  .map(({ id, user, kind, text, at }) => {
    const base = {
      webhookEventId: id,
      deliveryContext: { isRedelivery: false },
      timestamp: at,
      mode: "active",
      source: { type: "user", userId: user },
      replyToken: `r${id}`,
    };
    const clean = text.replaceAll("\u0000", "");
    switch (kind) {
      case "text":
        return { ...base, type: "message", message: { type: "text", id: `m${id}`, text: clean } };
      case "postback":
        return { ...base, type: "postback", postback: { data: clean ? clean : SUBMIT_DATA } };
      case "file":
        return {
          ...base,
          type: "message",
          message: { type: "file", id: `f${id}`, fileName: "x.pdf", fileSize: 999_999_999 },
        };
      case "sticker":
        return { ...base, type: "message", message: { type: "sticker", id: `s${id}`, stickerId: "1" } };
      case "group":
        return {
          ...base,
          type: "message",
          source: { type: "group", groupId: `C${id}`, userId: user },
          message: { type: "text", id: `g${id}`, text: clean },
        };
      case "unknown":
        return { ...base, type: "somethingNew" };
      default:
        return { ...base, type: kind };
    }
  });

/** What makes an event one the processor cannot rely on: a field dropped or of the wrong kind. */
const FIELDS = ["timestamp", "type", "source", "webhookEventId", "deliveryContext", "message", "postback"];
const brokenEvent = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        validEvent,
        fc.constantFrom(...FIELDS),
        fc.oneof(
          { weight: 1, arbitrary: fc.constant(undefined) },
          { weight: 3, arbitrary: oddValue },
          {
            weight: 1,
            arbitrary: fc.constantFrom(
              { type: "user" },
              { type: "bot", userId: "U1" },
              { type: "group", userId: "U1" },
              { type: "room", roomId: "R 1" },
              { type: "text", id: 5, text: "x" },
              { type: "text", id: "m1", text: 5 },
            ),
          },
        ),
      )
      .map(([event, field, value]) => {
        const copy: Record<string, unknown> = { ...event };
        if (value === undefined) delete copy[field];
        else copy[field] = value;
        return copy;
      }),
  },
  { weight: 1, arbitrary: oddValue },
);

const delivery = fc.record({
  valid: fc.array(validEvent, { maxLength: 3 }),
  broken: fc.array(brokenEvent, { minLength: 1, maxLength: 4 }),
  destination: fc.oneof(fc.constant("Uagency"), oddValue),
});

const json = (value: unknown) => Buffer.from(JSON.stringify(value), "utf8");

/** A body to sign and send to the webhook. */
export const lineBody: fc.Arbitrary<FuzzBody> = fc
  .oneof(
    {
      weight: 8,
      arbitrary: delivery.map((d) => ({
        kind: "line: events with missing or invalid fields",
        body: json({ destination: d.destination, events: [...d.broken, ...d.valid] }),
      })),
    },
    {
      weight: 2,
      arbitrary: fc
        .oneof(oddValue, fc.record({ events: oddValue }), fc.record({ destination: oddValue }))
        .map((v) => ({ kind: "line: JSON that is not a delivery", body: json(v) })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(delivery, fc.nat()).map(([d, cut]) => {
        const whole = json({ destination: "Uagency", events: [...d.broken, ...d.valid] });
        return { kind: "line: JSON cut short", body: whole.subarray(0, cut % whole.length) };
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(delivery, fc.nat(), fc.constantFrom([0xff], [0xc3], [0xed, 0xa0, 0x80], [0x80]))
        .map(([d, at, bytes]) => {
          const whole = json({ destination: "Uagency", events: [...d.valid, ...d.broken] });
          const i = at % (whole.length + 1);
          const body = Buffer.concat([whole.subarray(0, i), Buffer.from(bytes), whole.subarray(i)]);
          return { kind: "line: not UTF-8", body };
        }),
    },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
          fc.integer({ min: 20, max: 20_000 }).map((n) => Buffer.from(`${"[".repeat(n)}1${"]".repeat(n)}`)),
          fc.string({ maxLength: 60 }).map((s) => Buffer.from(s)),
        )
        .map((body) => ({ kind: "line: not JSON", body })),
    },
  )
  .chain((b) =>
    fc
      .constantFrom("application/json", "application/json", "application/json; charset=utf-8")
      .map((contentType) => ({ ...b, contentType })),
  );
