import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { htmlToText, withCorrectedCharsets } from "./mail-body-text.js";
import { scanMime } from "./mime-scan.js";
import { parseMail } from "./parse-mail.js";

describe("htmlToText", () => {
  it("turns Outlook's Word HTML into lines: <o:p>, conditional XML, styles and scripts gone, cells apart", () => {
    const text = htmlToText(
      `<html><head><style>p.MsoNormal{margin:0}</style><script>alert(1)</script></head>
<!--[if gte mso 9]><xml><o:shapedefaults v:ext="edit" /></xml><![endif]-->
<body><div class=WordSection1>
<p class=MsoNormal><span lang=TH>เรียน   เจ้าหน้าที่<o:p></o:p></span></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<table><tr><td><p>ชื่อ</p></td><td>ห้อง</td></tr><tr><td>John&nbsp;Smith</td><td>1204</td></tr></table>
<p>A &amp; B &lt;ok&gt; &#3585;</p><br>line<br/>two
</div></body></html>`,
    );
    expect(text).toBe("เรียน เจ้าหน้าที่\n\nชื่อ\tห้อง\nJohn Smith\t1204\nA & B <ok> ก\n\nline\ntwo");
    expect(text).not.toContain("alert");
    expect(text).not.toContain("margin");
  });
});

describe("scanMime", () => {
  const mixed = (close: boolean, pdfBody = "JVBERi0xLjQK") =>
    Buffer.from(
      [
        "Content-Type: multipart/mixed; boundary=b1",
        "",
        "--b1",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "hello",
        "--b1",
        'Content-Type: application/pdf; name="a.pdf"',
        "Content-Transfer-Encoding: base64",
        "",
        pdfBody,
        ...(close ? ["--b1--", ""] : [""]),
      ].join("\r\n"),
    );

  it("finds the last part of a multipart that never closes, and broken base64", () => {
    expect(scanMime(mixed(true)).map((l) => [l.filename, l.cutOff, l.badBase64])).toEqual([
      [undefined, false, false],
      ["a.pdf", false, false],
    ]);
    expect(scanMime(mixed(false))[1]).toMatchObject({ filename: "a.pdf", cutOff: true });
    expect(scanMime(mixed(true, "JVBER*#!0xLjQK"))[1]).toMatchObject({ badBase64: true });
    expect(scanMime(mixed(true, "JVBERi0xLjQ"))[1]).toMatchObject({ badBase64: true });
  });

  it("reads RFC 2231 names split mid-character", () => {
    const raw = Buffer.from(
      "Content-Type: application/pdf\r\nContent-Disposition: attachment;\r\n filename*0*=UTF-8''%E0%B8%84%E0;\r\n filename*1*=%B8%B3.pdf\r\n\r\nx",
    );
    expect(scanMime(raw)[0]!.filename).toBe("คำ.pdf");
  });

  it("never throws, and ends, on mangled MIME; parseMail always gives a mail (seeded)", async () => {
    const line = fc.oneof(
      fc.constantFrom(
        "--b",
        "--b--",
        "--c",
        "Content-Type: multipart/mixed; boundary=b",
        "Content-Type: multipart/alternative; boundary=c",
        "Content-Type: text/plain; charset=us-ascii",
        "Content-Type: text/html; charset=hz-gb-2312",
        'Content-Type: application/ms-tnef; name="winmail.dat"',
        "Content-Transfer-Encoding: base64",
        "Content-Transfer-Encoding: quoted-printable",
        "Content-Disposition: attachment; filename*0*=utf-8''%E0%B8; filename*1*=%84.pdf",
        "eJ8+IgEAAQ==",
        "begin 644 a.txt",
        "#86)C",
        "end",
        "",
      ),
      fc.uint8Array({ maxLength: 30 }).map((b) => Buffer.from(b).toString("latin1")),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 30 }), fc.boolean(), async (lines, crlf) => {
        const raw = Buffer.from(`Subject: x\r\n${lines.join(crlf ? "\r\n" : "\n")}`, "latin1");
        const leaves = scanMime(raw);
        expect(leaves.length).toBeLessThanOrEqual(1000);
        withCorrectedCharsets(raw, leaves);
        const mail = await parseMail(raw);
        expect(Array.isArray(mail.attachments)).toBe(true);
      }),
      { seed: 20261205, numRuns: 300 },
    );
  });
});
