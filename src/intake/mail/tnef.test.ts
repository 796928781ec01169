import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tnefAttribute, writeTnef } from "../../../test/tnef-writer.js";
import { decodeTnef, TnefError } from "./tnef.js";

const SEED = 20261205;
const filename = fc.stringMatching(/^[ก-ฮa-zA-Z0-9_-][ก-ฮa-zA-Z0-9 _-]{0,39}\.(pdf|docx|jpg|txt)$/);

describe("decodeTnef", () => {
  it("reads each file's long name, MIME tag and bytes, and the plain body in its code page", () => {
    const pdf = Buffer.from("%PDF-1.4 test");
    const tnef = writeTnef({
      files: [
        { filename: "หนังสือขออนุญาต.pdf", content: pdf, mimeTag: "application/pdf" },
        { filename: "notes.txt", content: Buffer.from("hello") },
      ],
      body: "เรียน เจ้าหน้าที่\r\nขอสำเนาใบอนุญาต",
      codepage: 874,
    });
    const out = decodeTnef(tnef);
    expect(
      out.files.map((f) => [f.filename, f.mimeTag, Buffer.from(f.content).toString(), f.damaged]),
    ).toEqual([
      ["หนังสือขออนุญาต.pdf", "application/pdf", "%PDF-1.4 test", false],
      ["notes.txt", undefined, "hello", false],
    ]);
    expect(out.body).toBe("เรียน เจ้าหน้าที่\r\nขอสำเนาใบอนุญาต");
  });

  it("marks a file whose checksum does not match as damaged", () => {
    const tnef = writeTnef({ files: [{ filename: "a.pdf", content: Buffer.from("%PDF-1.4 body") }] });
    const at = tnef.indexOf("%PDF");
    tnef[at + 5] = tnef[at + 5]! ^ 0xff;
    expect(decodeTnef(tnef).files[0]!.damaged).toBe(true);
  });

  it("refuses what is not TNEF, and a stream cut short", () => {
    expect(() => decodeTnef(Buffer.from("PK\u0003\u0004 not tnef"))).toThrow(TnefError);
    const tnef = writeTnef({ files: [{ filename: "a.pdf", content: Buffer.alloc(500, 0x41) }] });
    expect(() => decodeTnef(tnef.subarray(0, 300))).toThrow(TnefError);
  });

  it("refuses a length that points past the end instead of allocating it", () => {
    const head = writeTnef({ files: [] });
    const lie = tnefAttribute(2, 0x0006800f, Buffer.alloc(8));
    lie.writeUInt32LE(0xfffffff0, 5);
    expect(() => decodeTnef(Buffer.concat([head, lie]))).toThrow(TnefError);
  });

  it("round-trips any files the writer writes (seeded)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ filename, content: fc.uint8Array({ maxLength: 300 }) }), { maxLength: 5 }),
        (files) => {
          const out = decodeTnef(writeTnef({ files }));
          expect(out.files.map((f) => [f.filename, Buffer.from(f.content).toString("hex")])).toEqual(
            files.map((f) => [f.filename, Buffer.from(f.content).toString("hex")]),
          );
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });

  it("never throws anything but TnefError, and ends, on arbitrary or mutated bytes (seeded)", () => {
    const valid = writeTnef({
      files: [{ filename: "a.pdf", content: Buffer.from("%PDF-1.4"), mimeTag: "application/pdf" }],
      body: "body",
    });
    const mutated = fc
      .array(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 8 })
      .map((edits) => {
        const copy = Buffer.from(valid);
        for (const [at, byte] of edits) copy[at] = byte;
        return copy;
      });
    const withSignature = fc
      .uint8Array({ maxLength: 400 })
      .map((tail) => Buffer.concat([valid.subarray(0, 6), tail]));
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 400 }), withSignature, mutated), (bytes) => {
        try {
          decodeTnef(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(TnefError);
        }
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});
