import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../platform/errors.js";
import { BODY_MAX, cleanPostText, TITLE_MAX } from "./clean-post-text.js";

const codeOf = (work: () => unknown) => {
  try {
    work();
    return undefined;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
};

const THAI = fc.constantFrom(..."กขคงจนมรลวสหอะาิีึืุูเแโใไ่้๊๋ํ ".split(""));
const INVISIBLE = fc.constantFrom(
  "\u200B",
  "\u200C",
  "\u200D",
  "\u2060",
  "\uFEFF",
  "\u202E",
  "\u2066",
  "\u200F",
);

describe("cleanPostText (bad input)", () => {
  it("composes decomposed SARA AM, also after or between tone marks", () => {
    expect(cleanPostText("น\u0E4D\u0E32", "body")).toBe("น\u0E33");
    expect(cleanPostText("น\u0E49\u0E4D\u0E32", "body")).toBe("น\u0E49\u0E33");
    expect(cleanPostText("น\u0E4D\u0E49\u0E32", "body")).toBe("น\u0E49\u0E33");
    expect(cleanPostText("ทําไม", "title")).toBe("ทำไม");
  });

  it("removes zero-width and bidi characters wherever they are, and NFC-normalises", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(THAI, INVISIBLE), { minLength: 1, maxLength: 80 }), (chars) => {
        const raw = chars.join("");
        const code = codeOf(() => cleanPostText(raw, "body"));
        if (code) {
          expect(code).toBe("WEBBOARD_TEXT_EMPTY");
          return;
        }
        const clean = cleanPostText(raw, "body");
        expect(clean).not.toMatch(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/);
        expect(clean).toBe(clean.normalize("NFC"));
        expect(clean).not.toMatch(/\u0E4D[\u0E48-\u0E4B]?\u0E32/);
        // Cleaning is stable: a cleaned text cleans to itself.
        expect(cleanPostText(clean, "body")).toBe(clean);
      }),
      { seed: 1616, numRuns: 300 },
    );
  });

  it("never throws anything but a 4xx AppError, and a kept text is within its limit", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300, unit: "binary" }),
        fc.constantFrom("title", "body" as const),
        (raw, field) => {
          try {
            const clean = cleanPostText(raw, field);
            expect(clean.length).toBeGreaterThan(0);
            expect(clean.length).toBeLessThanOrEqual(field === "title" ? TITLE_MAX : BODY_MAX);
            if (field === "title") expect(clean).not.toContain("\n");
          } catch (error) {
            expect(error).toBeInstanceOf(AppError);
            expect((error as AppError).status).toBeGreaterThanOrEqual(400);
            expect((error as AppError).status).toBeLessThan(500);
          }
        },
      ),
      { seed: 1617, numRuns: 300 },
    );
  });

  it("keeps HTML as text (it is escaped on output, not removed)", () => {
    expect(cleanPostText('<script>alert("x")</script> ทดสอบ', "body")).toBe(
      '<script>alert("x")</script> ทดสอบ',
    );
  });

  it("refuses links from citizens: schemes, www. and bare domains", () => {
    for (const text of [
      "ดูที่ https://evil.example",
      "http://1.2.3.4/x",
      "www.bank-login",
      "ไปที่ secure-ktb.com นะ",
      "EXAMPLE.CO.TH",
    ])
      expect(
        codeOf(() => cleanPostText(text, "body")),
        text,
      ).toBe("WEBBOARD_LINK_REFUSED");
    for (const text of ["ค่าธรรมเนียม 1.50 บาท", "ม.44 วรรค 2", "e.g. ใบอนุญาต", "อ.เมือง จ.เชียงใหม่"])
      expect(
        codeOf(() => cleanPostText(text, "body")),
        text,
      ).toBeUndefined();
  });

  it("refuses control characters, empty text and huge bodies with a reason", () => {
    expect(codeOf(() => cleanPostText("a\u0000b", "body"))).toBe("WEBBOARD_TEXT_INVALID");
    expect(codeOf(() => cleanPostText("a\u0085b", "body"))).toBe("WEBBOARD_TEXT_INVALID");
    expect(codeOf(() => cleanPostText(" \u200B\n\t ", "title"))).toBe("WEBBOARD_TEXT_EMPTY");
    expect(codeOf(() => cleanPostText("ก".repeat(BODY_MAX + 1), "body"))).toBe("WEBBOARD_TEXT_TOO_LONG");
    expect(codeOf(() => cleanPostText("ก".repeat(TITLE_MAX + 1), "title"))).toBe("WEBBOARD_TEXT_TOO_LONG");
    expect(cleanPostText("ก".repeat(BODY_MAX), "body")).toHaveLength(BODY_MAX);
  });
});
