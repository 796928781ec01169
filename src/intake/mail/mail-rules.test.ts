import { describe, expect, it } from "vitest";
import { isValidEmailAddress } from "../../platform/email-address.js";
import { AUTOMATIC_RULES } from "./automatic-mail.js";
import { classifyMail, type HeaderLine, trustedHeaders } from "./classify-mail.js";
import { findInlineForward, parseAddress, stripSubjectPrefixes } from "./forwarded.js";
import { findLetterReference } from "./letter-reference.js";
import { readMailbox } from "./mail-address.js";
import { findSignature } from "./signature.js";
import { parseWrittenDate } from "./written-date.js";

const BANGKOK = 420;

describe("CH-9: times as mail clients write them in a forwarded header block", () => {
  it.each([
    ["Fri, Nov 20, 2026 at 10:15 AM", "2026-11-20T03:15:00.000Z", true],
    ["Friday, November 20, 2026 10:15 PM", "2026-11-20T15:15:00.000Z", true],
    ["วันศุกร์ที่ 20 พ.ย. 2026 เวลา 10:15", "2026-11-20T03:15:00.000Z", true],
    ["20 พฤศจิกายน 2569 10:15", "2026-11-20T03:15:00.000Z", true],
    ["20/11/2569 10:15", "2026-11-20T03:15:00.000Z", true],
    ["Fri, 20 Nov 2026 10:15:00 +0700", "2026-11-20T03:15:00.000Z", false],
    ["20 November 2026 at 10:15:00 GMT+7", "2026-11-20T03:15:00.000Z", false],
    ["Fri, 20 Nov 2026 03:15:00 GMT", "2026-11-20T03:15:00.000Z", false],
    ["Thu, 19 Nov 2026 22:15:00 -0500", "2026-11-20T03:15:00.000Z", false],
  ])("%s → %s (zone assumed: %s)", (text, iso, assumed) => {
    const read = parseWrittenDate(text, BANGKOK);
    expect(read?.at.toISOString()).toBe(iso);
    expect(read?.zoneAssumed).toBe(assumed);
  });

  it.each(["next Friday", "31 February 2026 10:00", "20 Nov 2026", "25:99 20 Nov 2026"])(
    "%s is not a time",
    (text) => {
      expect(parseWrittenDate(text, BANGKOK)).toBeUndefined();
    },
  );
});

describe("CH-9: the original of an inline forward", () => {
  it("reads a Thai Outlook block with a Buddhist-era date", () => {
    const text = [
      "ส่งต่อครับ",
      "",
      "________________________________",
      "จาก: สมศรี ใจงาม <somsri@example.com>",
      "ส่ง: 20 พฤศจิกายน 2569 10:15",
      "ถึง: officer@demo.go.th",
      "เรื่อง: ขอใบอนุญาต",
      "",
      "รายละเอียดคำขอ",
    ].join("\n");
    expect(findInlineForward(text)).toEqual({
      fromName: "สมศรี ใจงาม",
      fromAddress: "somsri@example.com",
      date: "20 พฤศจิกายน 2569 10:15",
      subject: "ขอใบอนุญาต",
      body: "รายละเอียดคำขอ",
    });
  });

  it("finds nothing in a mail without a forwarded block", () => {
    expect(findInlineForward("From: is just a word here\nno marker")).toBeUndefined();
  });

  it.each([
    ['"Somchai J." <Somchai@Example.com>', { name: "Somchai J.", address: "somchai@example.com" }],
    ["Somchai [mailto:somchai@example.com]", { name: "Somchai", address: "somchai@example.com" }],
    ["somchai@example.com", { name: "", address: "somchai@example.com" }],
    // #10, CH-4: what clients leave of a linked address, and a From that is never guessed at.
    [
      "Somchai <somchai@example.com<mailto:somchai@example.com>>",
      { name: "Somchai", address: "somchai@example.com" },
    ],
    ["john smith@example.com", { name: "john smith@example.com", address: "" }],
    [
      "Somchai <somchai@example.com> [mailto:somchai@example.com]",
      { name: "Somchai", address: "somchai@example.com" },
    ],
  ])("reads the address %s", (text, expected) => {
    expect(parseAddress(text)).toEqual(expected);
  });

  it.each([
    ["Fwd: FW: RE: ขอใบอนุญาต", "ขอใบอนุญาต"],
    ["ส่งต่อ: ตอบกลับ: เรื่องเดิม", "เรื่องเดิม"],
    ["Re[2]: hello", "hello"],
  ])("strips the prefixes of %s", (subject, bare) => {
    expect(stripSubjectPrefixes(subject)).toBe(bare);
  });
});

describe("FM-6: the type-1 signature written in a mail", () => {
  it.each([
    ["เรียน ท่าน\nขอยื่นคำขอ\n\nขอแสดงความนับถือ\n\nสมชาย ใจดี\n081-234-5678", undefined, "สมชาย ใจดี"],
    ["Please help.\n\nBest regards,\nJohn Carter\n-- \nSent from my phone", undefined, "John Carter"],
    ["Please help.\n-- \nRegards\nSomeone Else", undefined, null],
    ["ขอข้อมูลครับ ผม มานะ ใจดี", "มานะ ใจดี", "มานะ ใจดี"],
    ["ขอข้อมูลครับ", "มานะ ใจดี", null],
  ])("%j (From name %s) → %s", (text, fromName, signature) => {
    expect(findSignature(text, fromName)).toBe(signature);
  });
});

describe("RG-7: another agency's letter number and date", () => {
  it("reads them from the head of the letter", () => {
    const letter = "ที่ ตย 0017/ว 4521\n\n20 พฤศจิกายน 2569\n\nเรื่อง ขอเชิญประชุม\n\nเรียน นายกเทศมนตรี";
    expect(findLetterReference(letter)).toEqual({ reference: "ตย 0017/ว 4521", date: "20 พฤศจิกายน 2569" });
  });

  it("leaves an ordinary mail without them, even when it mentions a date", () => {
    expect(findLetterReference("ขอนัดวันที่ 20 พฤศจิกายน 2569 ครับ")).toEqual({ reference: null, date: null });
  });
});

const h = (key: string, value: string): HeaderLine => ({ key, value });

describe("CH-6: only the agency's own server is believed", () => {
  const headers = [
    h("x-spam-flag", "NO"),
    h("received", "from mx1.example.com by mx.demo.go.th with ESMTPS"),
    h("received", "from laptop by mx1.example.com"),
    h("x-spam-flag", "YES"),
    h("authentication-results", "mx.demo.go.th; dmarc=pass"),
  ];

  it("trusts the headers above the first Received line written by another host", () => {
    expect(trustedHeaders(headers, "mx.demo.go.th").map((x) => x.key)).toEqual(["x-spam-flag", "received"]);
    expect(trustedHeaders(headers, null)).toEqual([]);
  });

  const base = {
    fromAddress: "someone@example.com",
    subject: "hello",
    contentType: "text/plain",
    folderRole: "inbox" as const,
    trustedServer: "mx.demo.go.th",
    agencyDomain: "demo.go.th",
  };

  it.each([
    [
      "a verdict the sender wrote",
      [h("received", "from a by b.example"), h("x-spam-flag", "YES")],
      { kind: "request" },
    ],
    [
      "our server's verdict",
      [h("x-spam-status", "Yes, score=9"), h("received", "from a by mx.demo.go.th")],
      { kind: "held", reason: "spam-verdict" },
    ],
    ["Auto-Submitted: auto-replied", [h("auto-submitted", "auto-replied")], { kind: "auto-reply" }],
    [
      "Auto-Submitted: auto-generated",
      [h("auto-submitted", "auto-generated")],
      { kind: "request", noAckReason: "auto-generated" },
    ],
    ["Precedence: bulk", [h("precedence", "bulk")], { kind: "request", noAckReason: "bulk" }],
    ["List-Id", [h("list-id", "<news.example.com>")], { kind: "request", noAckReason: "list" }],
  ])("%s", (_what, hs, expected) => {
    expect(classifyMail({ ...base, headers: hs })).toMatchObject(expected);
  });

  it("holds mail claiming the agency's own domain that fails DMARC at our server", () => {
    const hs = [h("authentication-results", "mx.demo.go.th; spf=pass; dmarc=fail header.from=demo.go.th")];
    expect(classifyMail({ ...base, headers: hs, fromAddress: "director@demo.go.th" })).toEqual({
      kind: "held",
      reason: "own-domain-auth-fail",
    });
    // The same result from anyone else's mail is not ours to judge.
    expect(classifyMail({ ...base, headers: hs })).toEqual({ kind: "request" });
  });

  it("recognises a Thai out-of-office subject and a no-reply sender", () => {
    expect(
      classifyMail({
        ...base,
        headers: [h("x-auto-response-suppress", "All")],
        subject: "ตอบกลับอัตโนมัติ: ลาพักร้อน",
      }),
    ).toMatchObject({ kind: "auto-reply" });
    expect(classifyMail({ ...base, headers: [], fromAddress: "no-reply@system.go.th" })).toEqual({
      kind: "request",
      noAckReason: "no-reply",
    });
  });
});

// #10 mail signs: every rule of the automatic-mail table, each with the sign alone.
describe("CH-4, CH-6: automatic mail by all its usual signs", () => {
  const base = {
    fromAddress: "someone@example.com",
    subject: "ขอสำเนาทะเบียนบ้าน",
    contentType: "text/plain",
    folderRole: "inbox" as const,
    trustedServer: null,
    agencyDomain: "demo.go.th",
  };
  const auto = (sign: string) => ({ kind: "auto-reply", sign });
  const unsure = (noAckReason: string) => ({ kind: "request", noAckReason });

  it.each([
    ["CH-4: Return-Path <> alone", { headers: [h("return-path", "<>")] }, auto("null-sender")],
    ["CH-4: Return-Path < > with a space", { headers: [h("return-path", "< >")] }, auto("null-sender")],
    [
      "CH-4: Auto-Submitted: auto-replied (vacation)",
      { headers: [h("auto-submitted", "auto-replied (vacation)")] },
      auto("auto-submitted-replied"),
    ],
    ["CH-4: X-Autoreply: yes", { headers: [h("x-autoreply", "yes")] }, auto("x-autoreply")],
    ["CH-4: X-Autorespond", { headers: [h("x-autorespond", "Yes")] }, auto("x-autoreply")],
    [
      "CH-4: Precedence: auto_reply",
      { headers: [h("precedence", "auto_reply")] },
      auto("precedence-auto-reply"),
    ],
    [
      "CH-4: Lotus X-POST-MessageClass: 9; Autoresponder",
      { headers: [h("x-post-messageclass", "9; Autoresponder")] },
      auto("lotus-autoresponder"),
    ],
    [
      "CH-4: 'Out of Office:' prefix",
      { headers: [], subject: "Out of Office: ขอสำเนา" },
      auto("subject-prefix"),
    ],
    [
      "CH-4: 'Automatic reply:' prefix",
      { headers: [], subject: "Automatic reply: Request" },
      auto("subject-prefix"),
    ],
    [
      "CH-4: 'Auto Response:' prefix",
      { headers: [], subject: "Auto Response: Your message" },
      auto("subject-prefix"),
    ],
    ["CH-4: 'Autoreply:' prefix", { headers: [], subject: "Autoreply: hello" }, auto("subject-prefix")],
    [
      "CH-4: Outlook's Thai 'ตอบกลับอัตโนมัติ:' prefix",
      { headers: [], subject: "ตอบกลับอัตโนมัติ: ขอสำเนา" },
      auto("subject-prefix"),
    ],
    [
      "CH-4: 'ไม่อยู่ที่สำนักงาน:' prefix",
      { headers: [], subject: "ไม่อยู่ที่สำนักงาน: ลาพักร้อน" },
      auto("subject-prefix"),
    ],
    [
      "CH-4: German 'Abwesenheitsnotiz:'",
      { headers: [], subject: "Abwesenheitsnotiz: Anfrage" },
      auto("subject-prefix"),
    ],
    [
      "CH-4: Lotus 'AUTO: … is out of the office'",
      { headers: [], subject: "AUTO: Somchai Jaidee is out of the office (returning 01/12/2026)" },
      auto("subject-prefix"),
    ],
    [
      "CH-4: a receipt notice with an automatic header",
      { headers: [h("x-auto-response-suppress", "All")], subject: "ได้รับอีเมลของท่านแล้ว" },
      auto("subject-and-header"),
    ],
    [
      "CH-4: an out-of-office phrase with Precedence: bulk",
      { headers: [h("precedence", "bulk")], subject: "Re: I am out of the office" },
      auto("subject-and-header"),
    ],
    [
      "CH-6: Auto-Submitted: auto-generated alone is unsure",
      { headers: [h("auto-submitted", "auto-generated")] },
      unsure("auto-generated"),
    ],
    ["CH-6: Precedence: bulk alone is unsure", { headers: [h("precedence", "bulk")] }, unsure("bulk")],
    ["CH-6: Precedence: junk alone is unsure", { headers: [h("precedence", "junk")] }, unsure("bulk")],
    [
      "CH-6: List-Unsubscribe is unsure",
      { headers: [h("list-unsubscribe", "<mailto:u@x.example>")] },
      unsure("list"),
    ],
    [
      "CH-6: a no-reply sender with a real-looking request",
      { headers: [], fromAddress: "noreply@forms.example.go.th" },
      unsure("no-reply"),
    ],
    [
      "CH-6: a receipt-notice subject from a person",
      { headers: [], subject: "ได้รับอีเมลของท่านแล้ว ขอบคุณครับ" },
      unsure("auto-subject"),
    ],
    [
      "CH-6: a person replying to an automatic reply",
      { headers: [], subject: "Re: Automatic reply: ขอสำเนา" },
      unsure("auto-subject"),
    ],
  ])("%s", (_what, input, expected) => {
    expect(classifyMail({ ...base, ...input })).toEqual(expected);
  });

  it("CH-4: Auto-Submitted: no is a person's mail", () => {
    expect(classifyMail({ ...base, headers: [h("auto-submitted", "no")] })).toEqual({ kind: "request" });
    expect(classifyMail({ ...base, headers: [] })).toEqual({ kind: "request" });
  });

  it("CH-4: a bounce is known by its DSN structure and Return-Path even when From has no address", () => {
    const dsn = { ...base, fromAddress: undefined, subject: "Returned mail" };
    expect(
      classifyMail({
        ...dsn,
        headers: [],
        contentType: "multipart/report; report-type=delivery-status; boundary=x",
      }),
    ).toEqual({ kind: "bounce" });
    expect(
      classifyMail({
        ...dsn,
        headers: [h("return-path", "<>")],
        contentType: "multipart/mixed",
        deliveryStatusPart: true,
      }),
    ).toEqual({ kind: "bounce" });
    expect(
      classifyMail({
        ...dsn,
        headers: [h("return-path", "<>")],
        subject: "Undelivered Mail Returned to Sender",
      }),
    ).toEqual({ kind: "bounce" });
    // A person's mail quoting a delivery report is not a bounce.
    expect(classifyMail({ ...base, headers: [], deliveryStatusPart: true })).toEqual({ kind: "request" });
  });

  it("CH-4: the rules are one ordered table, every sure rule before every unsure one", () => {
    const kinds = AUTOMATIC_RULES.map((r) => r.verdict.kind);
    expect(kinds.lastIndexOf("bounce")).toBeLessThan(kinds.indexOf("auto-reply"));
    expect(kinds.lastIndexOf("auto-reply")).toBeLessThan(kinds.indexOf("request"));
    expect(new Set(AUTOMATIC_RULES.map((r) => r.id)).size).toBe(AUTOMATIC_RULES.length);
  });
});

describe("CH-4: a From is read strictly, never guessed at", () => {
  it.each([
    ["john smith@example.com", { problem: "unclear" }],
    ['"Smith, John" <john.smith@example.com>', { address: "john.smith@example.com", name: "Smith, John" }],
    ["Smith, John <john.smith@example.com>", { address: "john.smith@example.com", name: "Smith, John" }],
    ["Somchai <somchai@example.com", { problem: "unclear" }],
    ["somchai@example.com>", { problem: "unclear" }],
    ["a@example.com, b@example.com", { problem: "several" }],
    ["Bob <b@example.com>, c@example.com", { problem: "several" }],
    ["somchai@example.com.", { problem: "invalid" }],
    ["somchai", { problem: "no-at" }],
    ["somchai@-bad-.example", { problem: "invalid" }],
    ["somchai@localhost", { problem: "invalid" }],
    ["a@b@example.com", { problem: "invalid" }],
    ["Mail Delivery System <>", { problem: "absent" }],
    ["undisclosed-recipients:;", { problem: "absent" }],
    ["somchai@example.com (Somchai J.)", { address: "somchai@example.com", name: "Somchai J." }],
    ["Somchai <Somchai@Example.COM>", { address: "somchai@example.com", name: "Somchai" }],
  ])("%s", (raw, expected) => {
    expect(readMailbox(raw)).toMatchObject(expected);
    if (!("address" in expected)) expect(readMailbox(raw).address).toBeUndefined();
  });

  it.each([
    ["somchai@example.co.th", true],
    ["first.last+tag@sub.example.com", true],
    ["user@xn--12c1fe0br.xn--o3cw4h", true],
    ["ผู้ใช้@example.com", false],
    ["user@ตัวอย่าง.ไทย", true],
    ["user@example", false],
    ["user@example.com.", false],
    [".user@example.com", false],
    ["us..er@example.com", false],
    ["user@[192.0.2.1]", false],
    ["user@exa_mple.com", false],
    ["user@example.c0m", false],
    ['"john smith"@example.com', false],
    [`${"a".repeat(65)}@example.com`, false],
  ])("%s is a valid address: %s", (address, valid) => {
    expect(isValidEmailAddress(address)).toBe(valid);
  });
});
