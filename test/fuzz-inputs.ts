import fc from "fast-check";
import type { FastifyInstance } from "fastify";

/**
 * Malformed HTTP requests for the fuzz test and the fuzz bench: form, JSON and multipart bodies with
 * repeated fields, arrays and objects where strings are expected, huge values, invalid UTF-8, broken
 * boundaries, too many parts and wrong content types. Deterministic for a given seed.
 */
export interface FuzzRequest {
  url: string;
  headers: Record<string, string>;
  payload: Buffer;
  /** What kind of input it was, for reports. */
  kind: string;
}

/** Every field name a Borikan form or API body uses, plus names that attack parsers. */
export const FIELD_NAMES = [
  ...["name", "email", "phone", "subject", "message", "confirmed", "form_token", "lang", "language"],
  ...["attachments", "files", "period", "unitId", "receiptNumber", "referralId", "note", "reason", "text"],
  ...["password", "next", "code", "current", "displayName", "roles", "unitIds", "nameTh", "nameEn"],
  ...["centralEmail", "phones", "weekdays", "opening", "closing", "acknowledgeByNextDay", "unitNameTh"],
  ...["unitNameEn", "referralNameTh", "referralNameEn", "referralContact", "th", "en", "senderName"],
  ...["senderContact", "addressee", "letterReference", "letterDate", "receivedAt", "scanDevice", "scans"],
  ...["completenessChecked", "__proto__", "constructor", "toString", "hasOwnProperty", ""],
  // #11 catalog: the service forms and the JSON of a service file
  ...["json", "summaryTh", "summaryEn", "unitTh", "unitEn", "categoryTh", "categoryEn", "legalBasis"],
  ...["conditionsTh", "conditionsEn", "timeLimit", "dayKind", "infoGoThUrl", "keywords", "q"],
];

/** Values a real form would send, so that some inputs get past the first check. */
const PLAUSIBLE = [
  ...["yes", "true", "th", "en", "morning", "afternoon", "1", "0", "-1", "1e309", "NaN", "08:30", "25:99"],
  ...["2026-11-20", "2026-02-30", "2026-11-20T10:00", "9999-99-99T99:99", "1/2569", "0/0", "ก/๒๕๖๙"],
  // Dates of the right shape that name no day, or lie at the ends of the calendar.
  ...["2026-02-31", "0000-01-01", "0000-00-00", "9999-12-31", "2026-02-31T10:00", "2569-13-01T00:00"],
  ...["somchai@example.com", "a@b", "081-234-5678", "admin", "saraban_officer", "fuzz-token-12345678"],
  ...["สมชาย ใจดี", "https://example.com", "../../etc/passwd", "<script>alert(1)</script>", "' OR 1=1 --"],
];

const controlChars = fc
  .array(fc.integer({ min: 0, max: 0x1f }), { minLength: 1, maxLength: 4 })
  .map((codes) => `a${String.fromCharCode(...codes)}b`);

/** One text value: short, plausible, any code point (lone surrogates too), control characters, or huge. */
export const textValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 4, arbitrary: fc.constantFrom(...PLAUSIBLE) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 2, arbitrary: controlChars },
  { weight: 1, arbitrary: fc.integer({ min: 300, max: 200_000 }).map((n) => "ก".repeat(n)) },
);

const pairs = fc.array(fc.tuple(fc.constantFrom(...FIELD_NAMES), textValue), { maxLength: 14 });

/** A JSON value where a string is expected: wrong types, nesting, big arrays. */
const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: textValue },
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(textValue, { maxLength: 60 }) },
  {
    weight: 1,
    arbitrary: fc.array(
      fc.record({ filename: textValue, contentBase64: fc.oneof(textValue, fc.jsonValue()) }),
      {
        maxLength: 60,
      },
    ),
  },
);

/** Percent-encoding with deliberately broken escapes and bytes that are not UTF-8. */
const BROKEN_ESCAPES = ["%FF%FE", "%C3%28", "%E0%B8", "%ED%A0%80", "%", "%zz", "%00", "\xff\xfe", "+%2B%"];

function urlencoded(list: [string, string][], broken: number[]): Buffer {
  const parts = list.map(([k, v], i) => {
    const enc = `${encodeURIComponent(k)}=${encodeURIComponent(v).replace(/%EF%BF%BD/g, "%ED%BF%BF")}`;
    return broken.includes(i) ? `${enc}${BROKEN_ESCAPES[i % BROKEN_ESCAPES.length]}` : enc;
  });
  return Buffer.from(parts.join("&"), "latin1");
}

interface Part {
  name: string;
  value: Buffer;
  filename?: string;
  type?: string;
}
const FILE_HEADS = [
  "%PDF-1.4\n",
  "\x89PNG\r\n\x1a\n",
  "\xff\xd8\xff\xe0",
  "MZ\x90\x00",
  "PK\x03\x04",
  "plain text",
];

const MULTIPART_FAULTS = [
  ...["none", "none", "no-boundary", "wrong-boundary", "truncated", "no-final", "long-boundary"],
  ...["huge-header", "many-fields", "many-files", "many-parts", "no-disposition", "proto", "json-field"],
  ...["empty", "quoted-boundary", "lf-only", "garbage"],
] as const;

function multipart(parts: Part[], fault: (typeof MULTIPART_FAULTS)[number], cut: number) {
  let boundary = "----fuzzBoundary7MA4YWxk";
  let ctBoundary: string | undefined = boundary;
  const extra: Part[] = [];
  if (fault === "long-boundary") ctBoundary = boundary = "b".repeat(300);
  if (fault === "wrong-boundary") ctBoundary = "----other";
  if (fault === "no-boundary") ctBoundary = undefined;
  if (fault === "quoted-boundary") ctBoundary = `"${boundary}"; charset=utf-8`;
  if (fault === "many-fields")
    for (let i = 0; i < 120; i++) extra.push({ name: `f${i}`, value: Buffer.from("x") });
  if (fault === "many-files")
    for (let i = 0; i < 120; i++)
      extra.push({ name: "files", filename: `f${i}.txt`, value: Buffer.from("x") });
  if (fault === "many-parts")
    for (let i = 0; i < 300; i++)
      extra.push({ name: `p${i}`, filename: i % 2 ? "a.txt" : undefined, value: Buffer.alloc(0) });
  if (fault === "proto") extra.push({ name: "__proto__", value: Buffer.from("{}") });
  if (fault === "json-field")
    extra.push({ name: "name", value: Buffer.from("{not json"), type: "application/json" });
  const eol = fault === "lf-only" ? "\n" : "\r\n";
  const chunks: Buffer[] = [];
  for (const p of [...parts, ...extra]) {
    const disposition =
      fault === "no-disposition"
        ? ""
        : `Content-Disposition: form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ""}${eol}`;
    const huge = fault === "huge-header" ? `X-Fuzz: ${"h".repeat(120_000)}${eol}` : "";
    const type = p.type ? `Content-Type: ${p.type}${eol}` : "";
    chunks.push(Buffer.from(`--${boundary}${eol}${disposition}${huge}${type}${eol}`, "utf8"), p.value);
    chunks.push(Buffer.from(eol));
  }
  if (fault !== "no-final") chunks.push(Buffer.from(`--${boundary}--${eol}`));
  let body = Buffer.concat(chunks);
  if (fault === "truncated") body = body.subarray(0, Math.floor(body.length * cut));
  if (fault === "empty") body = Buffer.alloc(0);
  if (fault === "garbage") body = Buffer.from(`\xff\xfe--${boundary}\r\n\x00\x01`, "latin1");
  const contentType = `multipart/form-data${ctBoundary === undefined ? "" : `; boundary=${ctBoundary}`}`;
  return { body, contentType };
}

const WRONG_TYPES = [
  ...["text/plain", "application/xml", "multipart/mixed; boundary=x", "multipart/form-data", "image/png"],
  ...["application/json; charset=latin1", "application/x-www-form-urlencoded; charset=utf-16", "*/*", ";;;"],
  ...["application/json, text/html", "application/octet-stream", "text/html"],
];

/**
 * A body in one of the encodings a browser or client might send, or might get wrong. `first` fields
 * (a CSRF token) lead the form, JSON and multipart bodies, so that checks before the handler pass.
 */
export function fuzzBody(first: [string, string][] = []): fc.Arbitrary<FuzzBody> {
  return fc.oneof(
    fc.tuple(pairs, fc.array(fc.nat({ max: 13 }), { maxLength: 3 })).map(([list, broken]) => ({
      kind: broken.length ? "form+bad-utf8" : "form",
      contentType: "application/x-www-form-urlencoded",
      body: urlencoded(
        [...first, ...list],
        broken.map((i) => i + first.length),
      ),
    })),
    fc
      .oneof(
        fc
          .dictionary(fc.constantFrom(...FIELD_NAMES), jsonValue, { maxKeys: 12 })
          .map((o) => JSON.stringify({ ...Object.fromEntries(first), ...o })),
        jsonValue.map((v) => JSON.stringify(v) ?? "null"),
        fc.constantFrom(
          "{",
          '{"name":',
          "[1,2",
          "\x00",
          "",
          '{"a":1}{"b":2}',
          '{"__proto__":{"x":1}}',
          "1e999",
        ),
      )
      .map((text) => ({ kind: "json", contentType: "application/json", body: Buffer.from(text, "utf8") })),
    fc
      .tuple(
        pairs,
        fc.array(
          fc.record({
            filename: fc.oneof(
              fc.constantFrom("a.pdf", "", "../x.exe", "ก.png"),
              fc.string({ maxLength: 20 }),
            ),
            head: fc.constantFrom(...FILE_HEADS),
            size: fc.nat({ max: 4000 }),
          }),
          { maxLength: 3 },
        ),
        fc.constantFrom(...MULTIPART_FAULTS),
        fc.double({ min: 0, max: 1, noNaN: true }),
      )
      .map(([list, files, fault, cut]) => {
        const parts: Part[] = [...first, ...list].map(([name, value]) => ({
          name,
          value: Buffer.from(value, "utf8"),
        }));
        for (const f of files) {
          const value = Buffer.concat([Buffer.from(f.head, "latin1"), Buffer.alloc(f.size, 0x41)]);
          parts.push({ name: "files", filename: f.filename, value, type: "application/octet-stream" });
        }
        const { body, contentType } = multipart(parts, fault, cut);
        return { kind: `multipart:${fault}`, contentType, body };
      }),
    fc
      .tuple(fc.constantFrom(...WRONG_TYPES), fc.uint8Array({ maxLength: 400 }))
      .map(([contentType, bytes]) => ({ kind: "wrong-type", contentType, body: Buffer.from(bytes) })),
  );
}
export interface FuzzBody {
  kind: string;
  contentType: string;
  body: Buffer;
}

/** A query string of fuzzed fields, repeated names and broken escapes included. */
export const fuzzQuery: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(
      fc.tuple(
        fc.constantFrom("lang", "t", "new", "next", "date", "unit", "after", "view", "_csrf"),
        textValue,
      ),
      {
        maxLength: 4,
      },
    ),
    fc.array(fc.nat({ max: 3 }), { maxLength: 2 }),
  )
  .map(([list, broken]) =>
    urlencoded(
      list.map(([k, v]) => [k, v.slice(0, 3000)]),
      broken,
    ).toString("latin1"),
  );

/** The routes of the app for `method` (both the host form and `/a/:agency/…`), from Fastify's route tree. */
export function routesOf(app: FastifyInstance, method: "GET" | "POST"): string[] {
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false, method }).split("\n")) {
    const match = /^([│ ]*)[├└]── (\S+)/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    stack.push(match[2]!);
    routes.push(stack.join(""));
  }
  return routes.sort();
}

/** Fills `:param`s from `pick` (real ids, so handlers run deep) or with fuzzed text. */
export function fillParams(route: string, value: (name: string) => string): string {
  return route.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(value(name)));
}
