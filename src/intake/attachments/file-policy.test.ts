import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { ALLOWED_EXTENSIONS, checkFile, type FileVerdict, safeFilename } from "./file-policy.js";

const FIXTURES = new URL("../../../test/fixtures/files/", import.meta.url);
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
const limits = { maxFileBytes: 10 * 1024 * 1024 };
const check = (filename: string, bytes: Uint8Array) => checkFile({ filename, bytes }, limits);
const accepted = (mediaType: string, extension: string, isHeic = false): FileVerdict => ({
  accepted: true,
  mediaType,
  extension,
  isHeic,
});

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

describe("checkFile on the fixtures", () => {
  // [title, fixture, name the citizen gave it, expected verdict]
  const cases: [string, string, string, FileVerdict][] = [
    ["FM-3: a PDF is accepted by its content", "sample.pdf", "คำร้อง.pdf", accepted("application/pdf", "pdf")],
    ["FM-3: a DOCX is accepted by its content", "sample.docx", "sample.docx", accepted(DOCX, "docx")],
    ["an XLSX is accepted by its content", "sample.xlsx", "sample.xlsx", accepted(XLSX, "xlsx")],
    [
      "FM-3: a DOC (OLE compound file named .doc) is accepted",
      "sample.doc",
      "sample.doc",
      accepted("application/msword", "doc"),
    ],
    [
      "an XLS (OLE compound file named .xls) is accepted",
      "sample.xls",
      "sample.xls",
      accepted("application/vnd.ms-excel", "xls"),
    ],
    ["FM-3: a Thai UTF-8 TXT is accepted", "sample.txt", "sample.txt", accepted("text/plain", "txt")],
    [
      "FM-3: a Thai TIS-620 TXT is accepted",
      "sample-tis620.txt",
      "sample-tis620.txt",
      accepted("text/plain", "txt"),
    ],
    ["FM-3: a JPEG is accepted by its content", "photo.jpg", "photo.jpg", accepted("image/jpeg", "jpg")],
    ["FM-3: a JPEG keeps the .jpeg spelling", "photo.jpg", "photo.JPEG", accepted("image/jpeg", "jpeg")],
    ["FM-3: a PNG is accepted by its content", "photo.png", "photo.png", accepted("image/png", "png")],
    ["FM-3: a TIFF is accepted by its content", "scan.tiff", "scan.tiff", accepted("image/tiff", "tiff")],
    ["FM-3: a BMP is accepted by its content", "scan.bmp", "scan.bmp", accepted("image/bmp", "bmp")],
    [
      "a HEIC phone photo is accepted and flagged for conversion",
      "photo.heic",
      "IMG_0001.HEIC",
      accepted("image/heic", "heic", true),
    ],
    ["a PNG named .jpg is accepted as the PNG it is", "photo.png", "photo.jpg", accepted("image/png", "png")],
    [
      "a JPEG named .heic is accepted as JPEG, not flagged HEIC",
      "photo.jpg",
      "photo.heic",
      accepted("image/jpeg", "jpg"),
    ],
    [
      "a Windows executable named invoice.pdf is disguised",
      "disguised-invoice.pdf",
      "invoice.pdf",
      { accepted: false, code: "FILE_DISGUISED", detectedMediaType: "application/x-msdownload" },
    ],
    [
      "a Windows executable under its own name is not allowed",
      "disguised-invoice.pdf",
      "setup.exe",
      { accepted: false, code: "FILE_TYPE_NOT_ALLOWED", detectedMediaType: "application/x-msdownload" },
    ],
    [
      "a plain zip named .docx is disguised",
      "fake.docx",
      "fake.docx",
      { accepted: false, code: "FILE_DISGUISED", detectedMediaType: "application/zip" },
    ],
    [
      "a zip under its own name is not allowed",
      "fake.docx",
      "archive.zip",
      { accepted: false, code: "FILE_TYPE_NOT_ALLOWED", detectedMediaType: "application/zip" },
    ],
    [
      "an OLE compound file named .pdf is disguised",
      "sample.doc",
      "sample.pdf",
      { accepted: false, code: "FILE_DISGUISED", detectedMediaType: "application/x-cfb" },
    ],
    [
      "an OLE compound file named .ppt is not allowed",
      "sample.doc",
      "slides.ppt",
      { accepted: false, code: "FILE_TYPE_NOT_ALLOWED", detectedMediaType: "application/x-cfb" },
    ],
    ["an empty file is refused as empty", "empty.txt", "empty.txt", { accepted: false, code: "FILE_EMPTY" }],
    [
      "binary bytes named .txt are not allowed",
      "binary.txt",
      "binary.txt",
      { accepted: false, code: "FILE_TYPE_NOT_ALLOWED" },
    ],
    [
      "text without a .txt name is not allowed",
      "sample.txt",
      "notes.pdf",
      { accepted: false, code: "FILE_TYPE_NOT_ALLOWED" },
    ],
  ];

  it.each(cases)("%s", async (_title, file, name, expected) => {
    expect(await check(name, fixture(file))).toEqual(expected);
  });
});

describe("checkFile on crafted input", () => {
  const text = (s: string) => new TextEncoder().encode(s);

  it("refuses a file over the size limit, counting bytes exactly", async () => {
    const pdf = fixture("sample.pdf");
    expect(
      await checkFile({ filename: "a.pdf", bytes: pdf }, { maxFileBytes: pdf.byteLength }),
    ).toMatchObject({
      accepted: true,
    });
    expect(await checkFile({ filename: "a.pdf", bytes: pdf }, { maxFileBytes: pdf.byteLength - 1 })).toEqual({
      accepted: false,
      code: "FILE_TOO_LARGE",
    });
  });

  it("refuses a name containing NUL", async () => {
    expect(await check("invoice.exe\0.pdf", fixture("sample.pdf"))).toEqual({
      accepted: false,
      code: "FILE_NAME_INVALID",
    });
  });

  it("accepts a file whose name cleans to nothing", async () => {
    expect(await check("\u0001\u0002", fixture("sample.pdf"))).toEqual(accepted("application/pdf", "pdf"));
  });

  it.each([
    [
      "an ELF binary",
      new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, ...new Array(57).fill(0)]),
      "application/x-elf",
    ],
    ["an HTML page", text("<!DOCTYPE html><html><script>alert(1)</script></html>"), "text/html"],
    [
      "a bare SVG",
      text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      "image/svg+xml",
    ],
    [
      "an SVG with an XML declaration",
      text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'),
      "image/svg+xml",
    ],
  ])("refuses %s, as disguised when it is named .txt", async (_title, bytes, mediaType) => {
    expect(await check("upload.bin", bytes)).toEqual({
      accepted: false,
      code: "FILE_TYPE_NOT_ALLOWED",
      detectedMediaType: mediaType,
    });
    expect(await check("notes.txt", bytes)).toEqual({
      accepted: false,
      code: "FILE_DISGUISED",
      detectedMediaType: mediaType,
    });
  });

  it("refuses valid UTF-8 .txt that carries NUL or other control bytes", async () => {
    expect(await check("a.txt", text("hello\0world"))).toMatchObject({ code: "FILE_TYPE_NOT_ALLOWED" });
    expect(await check("a.txt", text("hello\u001bworld"))).toMatchObject({ code: "FILE_TYPE_NOT_ALLOWED" });
  });

  it("accepts .txt with tabs, CRLF and form feeds, and a UTF-8 BOM", async () => {
    expect(await check("a.txt", text("\ufeffก\tข\r\nค\f"))).toEqual(accepted("text/plain", "txt"));
  });

  it("FM-3: a text file in a legacy charset (Latin-1, GBK, Big5, TIS-620) is still text", async () => {
    for (const [words, charset] of [
      ["Größe 12 m², Südtor, Jürgen Weiß", "latin1"],
      ["报价单 钢材 每吨 3,850 元", "gbk"],
      ["報價單 鋼材", "big5"],
      ["ขอคัดสำเนาทะเบียนบ้าน", "tis-620"],
    ] as const) {
      expect(await check("a.txt", iconv.encode(`${words}\r\n`, charset)), charset).toEqual(
        accepted("text/plain", "txt"),
      );
    }
  });

  it("FM-3: a forwarded message (.eml) with raw 8-bit Latin-1 or TIS-620 is still a message", async () => {
    for (const charset of ["latin1", "tis-620"] as const) {
      const eml = iconv.encode(
        `From: a@example.com\r\nSubject: ${charset === "latin1" ? "Grüße" : "ขอสำเนา"}\r\n\r\nbody\r\n`,
        charset,
      );
      expect(await check("fwd.eml", eml), charset).toEqual(accepted("message/rfc822", "eml"));
    }
  });

  it("FM-3: a file that is not UTF-8 and carries control bytes is not text", async () => {
    expect(await check("a.txt", new Uint8Array([0xa1, 0x00, 0xa2]))).toMatchObject({
      code: "FILE_TYPE_NOT_ALLOWED",
    });
    expect(await check("a.txt", new Uint8Array([0xe9, 0x01, 0x41]))).toMatchObject({
      code: "FILE_TYPE_NOT_ALLOWED",
    });
    expect(await check("a.txt", new Uint8Array([0xe9, 0x7f, 0x41]))).toMatchObject({
      code: "FILE_TYPE_NOT_ALLOWED",
    });
  });
});

describe("safeFilename", () => {
  it.each([
    ["keeps Thai letters and marks", "คำร้อง ขอใบอนุญาต.pdf", "คำร้อง ขอใบอนุญาต.pdf"],
    ["strips POSIX paths", "../../etc/passwd", "passwd"],
    ["strips Windows paths", "C:\\Users\\somchai\\Desktop\\สำเนา.jpg", "สำเนา.jpg"],
    ["strips control characters", "a\u0007b\u0085c.txt", "abc.txt"],
    ["strips bidi overrides that hide the real extension", "invoice\u202Egpj.exe", "invoicegpj.exe"],
    ["replaces characters Windows refuses", 'a<b>:"c|?*.txt', "a_b___c___.txt"],
    ["never returns empty", "", "file"],
    ["never returns empty after cleaning", " \u0001 /", "file"],
    ["does not return a dot-only name", "..", "file"],
  ])("%s", (_title, input, expected) => {
    expect(safeFilename(input)).toBe(expected);
  });

  it("trims to 200 characters and keeps the extension", () => {
    const out = safeFilename(`${"ก".repeat(300)}.pdf`);
    expect(Array.from(out)).toHaveLength(200);
    expect(out.endsWith(".pdf")).toBe(true);
  });

  it("never splits a surrogate pair when trimming", () => {
    const out = safeFilename("😀".repeat(250));
    expect(Array.from(out)).toHaveLength(200);
    expect(out).toBe("😀".repeat(200));
  });
});

describe("ALLOWED_EXTENSIONS", () => {
  it("FM-3: covers PDF, DOC, DOCX, TXT, JPEG, TIFF, PNG and BMP", () => {
    for (const ext of ["pdf", "doc", "docx", "txt", "jpg", "jpeg", "tif", "tiff", "png", "bmp"]) {
      expect(ALLOWED_EXTENSIONS).toContain(ext);
    }
  });

  it("lists each extension once", () => {
    expect(new Set(ALLOWED_EXTENSIONS).size).toBe(ALLOWED_EXTENSIONS.length);
  });
});
