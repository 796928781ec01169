import fc from "fast-check";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { correctedCharset, decodeHz, encodeHz, guessCharset } from "./mail-charset.js";
import { decodeHeaderText } from "./mail-header-text.js";

const SEED = 20261205;
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");

describe("HZ-GB-2312", () => {
  it("decodes GB2312 between ~{ and ~}, ~~ and soft line breaks", () => {
    const bytes = Buffer.concat([
      Buffer.from("Re: ~~ "),
      encodeHz("关于营业执照"),
      Buffer.from(" ok~\nnext"),
    ]);
    expect(decodeHz(bytes)).toBe("Re: ~ 关于营业执照 ok" + "next");
  });

  it("round-trips ASCII and GB2312 text (seeded)", () => {
    const hanzi = fc.constantFrom(..."关于泰国营业执照的咨询您好我公司计划在贵区开设分店请问");
    const ascii = fc.constantFrom(..."abc XYZ 0123 ~{}.,:!");
    fc.assert(
      fc.property(fc.array(fc.oneof(hanzi, ascii), { maxLength: 60 }), (chars) => {
        const text = chars.join("");
        expect(decodeHz(encodeHz(text))).toBe(text);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("never throws on arbitrary bytes, and is linear (seeded)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 500 }), (bytes) => {
        expect(decodeHz(bytes).length).toBeLessThanOrEqual(bytes.length);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

describe("charsets that are missing or wrong", () => {
  const thai = iconv.encode("เรียน เจ้าหน้าที่ ขอหนังสือรับรองการชำระภาษี", "tis-620");

  it("reads unlabelled Thai bytes as TIS-620 (chardet alone takes them for GB18030)", () => {
    expect(guessCharset(thai)).toBe("windows-874");
    expect(guessCharset(Buffer.from("ขอสำเนา"))).toBe("utf-8");
    expect(guessCharset(Buffer.from("Caf\u00e9 cr\u00e8me", "latin1"))).not.toBe("windows-874");
  });

  it("corrects a us-ascii or iso-8859-1 label over Thai or UTF-8, and trusts a label that fits", () => {
    expect(correctedCharset("us-ascii", thai)).toBe("windows-874");
    expect(correctedCharset("utf-8", thai)).toBe("windows-874");
    expect(correctedCharset("iso-8859-1", Buffer.from("ขอสำเนา"))).toBe("utf-8");
    expect(correctedCharset("iso-8859-1", thai)).toBe("windows-874");
    expect(
      correctedCharset("iso-8859-1", Buffer.from("Gr\u00fc\u00dfe aus K\u00f6ln", "latin1")),
    ).toBeUndefined();
    expect(correctedCharset("us-ascii", Buffer.from("plain"))).toBeUndefined();
    expect(correctedCharset("HZ-GB-2312", Buffer.from("~{<:Ky~}"))).toBe("hz-gb-2312");
  });
});

describe("decodeHeaderText", () => {
  it("joins encoded-words split mid-character, and drops the space between them", () => {
    const bytes = Buffer.from("ขอสำเนาทะเบียนบ้าน");
    const words = [bytes.subarray(0, 7), bytes.subarray(7)].map((b) => `=?UTF-8?B?${b.toString("base64")}?=`);
    expect(decodeHeaderText(`Re: ${words.join("\r\n ")} (2)`)).toBe("Re: ขอสำเนาทะเบียนบ้าน (2)");
  });

  it("reads Q words, HZ, UTF-7, GB18030 and raw TIS-620 bytes", () => {
    expect(decodeHeaderText("=?ISO-8859-1?Q?Gr=FC=DFe_aus_K=F6ln?=")).toBe("Grüße aus Köln");
    const hz = encodeHz("关于营业执照").toString("base64");
    expect(decodeHeaderText(`=?HZ-GB-2312?B?${hz}?=`)).toBe("关于营业执照");
    expect(decodeHeaderText(`=?UTF-7?Q?${iconv.encode("ขอแจ้ง", "utf-7").toString()}?=`)).toBe("ขอแจ้ง");
    const gb = iconv.encode("投资 สอบถาม", "gb18030").toString("base64");
    expect(decodeHeaderText(`=?GB18030?B?${gb}?=`)).toBe("投资 สอบถาม");
    expect(decodeHeaderText(latin1(iconv.encode("ขอใบรับรองการเสียภาษีโรงเรือน", "tis-620")))).toBe(
      "ขอใบรับรองการเสียภาษีโรงเรือน",
    );
    expect(decodeHeaderText(latin1(Buffer.from("ขอข้อมูล (UTF-8 raw)")))).toBe("ขอข้อมูล (UTF-8 raw)");
  });

  it("never throws on arbitrary header bytes (seeded)", () => {
    const word = fc
      .tuple(
        fc.constantFrom("utf-8", "tis-620", "hz-gb-2312", "utf-7", "x-unknown", "gb18030"),
        fc.constantFrom("B", "Q"),
        fc.string({ maxLength: 20 }),
      )
      .map(([cs, mode, text]) => `=?${cs}?${mode}?${text.replace(/[?\s]/g, "")}?=`);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(word, fc.uint8Array({ maxLength: 20 }).map(latin1)), { maxLength: 6 }),
        (pieces) => {
          expect(typeof decodeHeaderText(pieces.join(" "))).toBe("string");
        },
      ),
      { seed: SEED, numRuns: 500 },
    );
  });
});
