import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeUuLines, encodeUu, extractUuencoded } from "./uuencode.js";

const SEED = 20261205;

describe("uuencoded files in a body", () => {
  it("takes the file out of the body and decodes it", () => {
    const pdf = Buffer.from("%PDF-1.4\n% a small file\n");
    const text = `เรียน เจ้าหน้าที่\n\nแนบแบบฟอร์มครับ\n\n${encodeUu("form.pdf", pdf)}\n\nขอบคุณครับ`;
    const out = extractUuencoded(text);
    expect(out.files).toEqual([{ filename: "form.pdf", content: pdf, problem: undefined }]);
    expect(out.text).toBe("เรียน เจ้าหน้าที่\n\nแนบแบบฟอร์มครับ\n\n\nขอบคุณครับ");
  });

  it("tolerates trailing spaces lost in transit, and notes a block without `end` as cut off", () => {
    const content = Buffer.from("abc   ");
    const lines = encodeUu("a.txt", content).split("\n");
    const trimmed = lines.map((l) => l.trimEnd()).join("\n");
    expect(extractUuencoded(trimmed).files[0]!.content).toEqual(content);
    const cut = lines.slice(0, 2).join("\n");
    expect(extractUuencoded(cut).files[0]!.problem).toBe("cut-off");
  });

  it("leaves prose that starts with 'begin 644' alone, and keeps the text after a block cut off", () => {
    const prose = "begin 644 is the mode we agreed on\nplease reply";
    expect(extractUuencoded(prose)).toEqual({ files: [], text: prose });
    const lines = encodeUu("a.bin", Buffer.alloc(100, 7)).split("\n");
    const out = extractUuencoded(`${lines.slice(0, 2).join("\n")}\nขอบคุณครับ`);
    expect(out.files[0]!.problem).toBe("cut-off");
    expect(out.text).toBe("ขอบคุณครับ");
  });

  it("round-trips any bytes (seeded)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 500 }), (bytes) => {
        const out = extractUuencoded(`before\n${encodeUu("f.bin", bytes)}\nafter`);
        expect(out.files).toHaveLength(1);
        expect(out.files[0]!.problem).toBeUndefined();
        expect(Buffer.from(out.files[0]!.content).equals(Buffer.from(bytes))).toBe(true);
        expect(out.text).toBe("before\nafter");
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("never throws and stays within a bound of its input on arbitrary text (seeded)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 80 }), { maxLength: 40 }), (lines) => {
        const { content } = decodeUuLines(lines);
        expect(content.length).toBeLessThanOrEqual(lines.join("\n").length * 2 + 3 * lines.length);
        extractUuencoded(`begin 644 x\n${lines.join("\n")}`);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});
