import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  type ExportRow,
  neutraliseFormula,
  originalText,
  type RegisterLine,
  toExportRows,
  writeRegisterCsv,
  writeRegisterXlsx,
} from "./register-export.js";

const HASH = "3f7a0c9e5b1d2468ace13579bdf02468ace13579bdf02468ace13579bdf0246a";
const EVIL_SUBJECT = '=HYPERLINK("http://evil","x")';

function line(overrides: Partial<RegisterLine>): RegisterLine {
  return {
    id: `entry-${overrides.sequence ?? 1}`,
    agencyId: "agency-1",
    matterId: "matter-1",
    beYear: 2569,
    sequence: 1,
    receiptNumber: "1/2569",
    receivedAt: new Date("2026-11-22T11:00:00Z"), // 18:00 in Bangkok, after hours
    workingStart: new Date("2026-11-23T01:30:00Z"),
    acknowledgeBy: new Date("2026-11-23T03:00:00Z"),
    acknowledgedAt: null,
    acknowledgedVia: null,
    acknowledgedBy: null,
    acknowledgementNote: null,
    channel: "web",
    senderName: "สมชาย ใจดี",
    senderEmail: "somchai@example.com",
    senderPhone: null,
    replyTo: null,
    subject: "ขออนุญาตใช้สถานที่จัดงานประเพณีลอยกระทง",
    body: "รายละเอียด",
    status: "received",
    language: "th",
    addressee: null,
    letterReference: null,
    letterDate: null,
    unitId: null,
    signature: null,
    cancelledAt: null,
    cancelReason: null,
    scannedBy: null,
    scanDevice: null,
    sourceMessageId: null,
    sourceReferences: [],
    senderClaimedAt: null,
    receivedAtClaimed: false,
    forwardedBy: null,
    misdirectedAt: null,
    referredAgencyId: null,
    misdirectedNote: null,
    ...overrides,
  };
}

// Given out of order: the export puts them in register order.
const LINES: RegisterLine[] = [
  line({
    sequence: 12,
    receiptNumber: "12/2569",
    channel: "email",
    senderName: "@SUM(A1)",
    subject: EVIL_SUBJECT,
    letterReference: "1234/2569",
    acknowledgedAt: new Date("2026-11-23T02:15:00Z"),
    acknowledgedVia: "email",
  }),
  line({
    letterReference: "มท 0808.2/ว 1234",
    letterDate: "2026-11-20",
    addressee: "นายกเทศมนตรีนครตัวอย่าง",
    unitId: "unit-1",
    actionTaken: "ส่งกองช่าง",
    remarks: "ด่วน",
  }),
  line({
    sequence: 2,
    receiptNumber: "2/2569",
    channel: "paper",
    senderName: "+66812345678",
    subject: 'เรื่อง "ทดสอบ", มีจุลภาค\nและขึ้นบรรทัดใหม่',
    remarks: "'อ้างถึง",
    status: "cancelled",
  }),
];

const ROW_OPTIONS = {
  lang: "th" as const,
  timeZone: "Asia/Bangkok",
  unitNames: new Map([["unit-1", "กองช่าง"]]),
};
const EXPORT_OPTIONS = {
  lang: "th" as const,
  agencyName: "เทศบาลนครตัวอย่าง",
  title: "วันที่ 22 พฤศจิกายน 2569",
  auditHead: { seq: 42, hash: HASH },
};

/** The column order, saraban form first, ISO last: the CSV's and the worksheet's. */
const KEYS: (keyof ExportRow)[] = [
  "receiptNumber",
  "letterReference",
  "letterDate",
  "from",
  "to",
  "subject",
  "actionTaken",
  "remarks",
  "receivedAt",
  "workingStart",
  "acknowledgeBy",
  "acknowledgedAt",
  "channel",
  "unit",
  "status",
  "receivedAtIso",
  "workingStartIso",
  "acknowledgeByIso",
  "acknowledgedAtIso",
];
const col = (key: keyof ExportRow) => KEYS.indexOf(key) + 1;

/** A strict RFC 4180 reader: records end in CRLF; a bare CR or LF outside quotes is an error. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') {
      if (field !== "") throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else if (c === "\r" || c === "\n") {
      throw new Error(`bare line break at ${i}`);
    } else field += c;
  }
  if (quoted || field !== "" || record.length > 0) throw new Error("last record not ended by CRLF");
  return records;
}

describe("RG-3 register export rows", () => {
  const rows = toExportRows(LINES, ROW_OPTIONS);

  it("RG-3: puts lines in register order with the saraban form's columns", () => {
    expect(rows.map((row) => row.receiptNumber)).toEqual(["1/2569", "2/2569", "12/2569"]);
    expect(rows[0]).toMatchObject({
      letterReference: "มท 0808.2/ว 1234",
      letterDate: "20/11/2569",
      from: "สมชาย ใจดี",
      to: "นายกเทศมนตรีนครตัวอย่าง",
      subject: "ขออนุญาตใช้สถานที่จัดงานประเพณีลอยกระทง",
      actionTaken: "ส่งกองช่าง",
      remarks: "ด่วน",
      channel: "เว็บไซต์",
      unit: "กองช่าง",
      status: "ลงรับแล้ว",
    });
    expect(rows[1]).toMatchObject({ channel: "หนังสือ (กระดาษ)", status: "ยกเลิก", unit: "", to: "" });
  });

  it("RG-3: shows times in the agency zone, Buddhist era for people, ISO with offset for machines", () => {
    expect(rows[0]).toMatchObject({
      receivedAt: "22/11/2569 18:00",
      workingStart: "23/11/2569 08:30",
      acknowledgeBy: "23/11/2569 10:00",
      acknowledgedAt: "",
      receivedAtIso: "2026-11-22T18:00:00+07:00",
      acknowledgedAtIso: "",
    });
    expect(rows[2]).toMatchObject({
      acknowledgedAt: "23/11/2569 09:15",
      acknowledgedAtIso: "2026-11-23T09:15:00+07:00",
    });
    const [english] = toExportRows(LINES.slice(1), { ...ROW_OPTIONS, lang: "en" });
    expect(english).toMatchObject({
      receivedAt: "22/11/2026 18:00",
      letterDate: "20/11/2026",
      channel: "Website",
      status: "Registered",
      unit: "กองช่าง", // unit names come from the caller, in the language it chose
    });
    const [newYork] = toExportRows(LINES.slice(1), { ...ROW_OPTIONS, timeZone: "America/New_York" });
    expect(newYork?.receivedAtIso).toBe("2026-11-22T06:00:00-05:00");
    expect(new Date(newYork?.receivedAtIso ?? "").toISOString()).toBe("2026-11-22T11:00:00.000Z");
  });

  it("RG-3: neutralises formula starts (OWASP) reversibly, leaves numbers and plain text alone", () => {
    for (const text of ["=1+1", "+66812345678", "-5", "@SUM(A1)", "\t=1", "\r=1", "\n=1", " =1", "＝1+1"]) {
      expect(neutraliseFormula(text)).toBe(`'${text}`);
      expect(originalText(neutraliseFormula(text))).toBe(text);
    }
    expect(neutraliseFormula("'quoted")).toBe("''quoted");
    expect(originalText(neutraliseFormula("'quoted"))).toBe("'quoted");
    for (const text of ["สมชาย ใจดี", "1/2569", "a=b", "", "ศธ 0201/123"]) {
      expect(neutraliseFormula(text)).toBe(text);
    }
    expect(neutraliseFormula(-5)).toBe(-5);
  });
});

describe("RG-3 register export as XLSX", async () => {
  const rows = toExportRows(LINES, ROW_OPTIONS);
  const buffer = await writeRegisterXlsx(rows, EXPORT_OPTIONS);
  const workbook = await new ExcelJS.Workbook().xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0]!;
  const dataRow = (receiptNumber: string) => {
    const row = [3, 4, 5].map((n) => sheet.getRow(n)).find((r) => r.getCell(1).value === receiptNumber);
    if (!row) throw new Error(`no row for ${receiptNumber}`);
    return row;
  };

  it("RG-3: has the title row, the header row frozen, Thai text intact", () => {
    expect(buffer.subarray(0, 2).toString("latin1")).toBe("PK");
    expect(sheet.name).toBe("ทะเบียนหนังสือรับ");
    expect(sheet.getCell("A1").value).toBe("ทะเบียนหนังสือรับ เทศบาลนครตัวอย่าง วันที่ 22 พฤศจิกายน 2569");
    expect(sheet.getRow(2).getCell(1).value).toBe("เลขทะเบียนรับ");
    expect(sheet.getRow(2).getCell(col("subject")).value).toBe("เรื่อง");
    expect(sheet.getRow(2).getCell(col("receivedAtIso")).value).toBe("วันเวลาที่ได้รับ (ISO 8601)");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    expect(dataRow("1/2569").getCell(col("subject")).value).toBe("ขออนุญาตใช้สถานที่จัดงานประเพณีลอยกระทง");
    expect(dataRow("1/2569").getCell(col("receivedAt")).value).toBe("22/11/2569 18:00");
    expect(dataRow("2/2569").getCell(col("subject")).value).toBe('เรื่อง "ทดสอบ", มีจุลภาค\nและขึ้นบรรทัดใหม่');
    expect(dataRow("1/2569").getCell(col("subject")).font?.name).toBe("TH Sarabun New");
    expect(sheet.getColumn(col("subject")).width).toBeGreaterThan(sheet.getColumn(1).width ?? 0);
  });

  it("RG-3: writes receipt numbers as text cells formatted @, never dates or numbers", () => {
    for (const receiptNumber of ["1/2569", "2/2569", "12/2569"]) {
      const cell = dataRow(receiptNumber).getCell(1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(receiptNumber);
      expect(cell.numFmt).toBe("@");
    }
  });

  it("RG-3: neutralises formula-looking text into plain strings starting with ' and writes no formula", () => {
    const evil = dataRow("12/2569").getCell(col("subject"));
    expect(evil.type).toBe(ExcelJS.ValueType.String);
    expect(evil.type).not.toBe(ExcelJS.ValueType.Formula);
    expect(evil.value).toBe(`'${EVIL_SUBJECT}`);
    expect(dataRow("12/2569").getCell(col("from")).value).toBe("'@SUM(A1)");
    expect(dataRow("2/2569").getCell(col("from")).value).toBe("'+66812345678");
    expect(dataRow("2/2569").getCell(col("remarks")).value).toBe("''อ้างถึง");
    expect(dataRow("12/2569").getCell(col("letterReference")).value).toBe("1234/2569");
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        expect(cell.type).not.toBe(ExcelJS.ValueType.Date);
      });
    });
  });

  it("RG-3: prints the entry count and the audit head, also in the page footer", () => {
    const footer = [7, 8].map((n) => sheet.getRow(n).getCell(1).value);
    expect(footer).toEqual(["รวม 3 รายการ", `ตรวจสอบกับบันทึกการตรวจสอบ: audit head #42 sha256 ${HASH}`]);
    expect(sheet.headerFooter.oddFooter).toContain(`audit head #42 sha256 ${HASH}`);
  });

  it("RG-3: leaves the audit line out when no head is given and refuses a malformed one", async () => {
    const plain = await new ExcelJS.Workbook().xlsx.load(
      (await writeRegisterXlsx(rows, {
        ...EXPORT_OPTIONS,
        auditHead: undefined,
      })) as unknown as ExcelJS.Buffer,
    );
    const texts: string[] = [];
    plain.worksheets[0]!.eachRow((row) => {
      texts.push(String(row.getCell(1).value));
    });
    expect(texts.some((text) => text.includes("audit head"))).toBe(false);
    await expect(
      writeRegisterXlsx(rows, { ...EXPORT_OPTIONS, auditHead: { seq: 1, hash: "not-a-hash" } }),
    ).rejects.toThrow(/sha256/);
  });

  it("RG-3: writes headers and labels in English when asked", async () => {
    const english = await new ExcelJS.Workbook().xlsx.load(
      (await writeRegisterXlsx(toExportRows(LINES, { ...ROW_OPTIONS, lang: "en" }), {
        ...EXPORT_OPTIONS,
        lang: "en",
        agencyName: "Example City Municipality",
        title: "22 November 2026",
      })) as unknown as ExcelJS.Buffer,
    );
    const englishSheet = english.worksheets[0]!;
    expect(englishSheet.getCell("A1").value).toBe(
      "Incoming register, Example City Municipality, 22 November 2026",
    );
    expect(englishSheet.getRow(2).getCell(1).value).toBe("Receipt No.");
    expect(englishSheet.getRow(8).getCell(1).value).toBe(
      `Check against the audit trail: audit head #42 sha256 ${HASH}`,
    );
  });
});

describe("RG-3 register export as CSV", async () => {
  const rows = toExportRows(LINES, ROW_OPTIONS);
  const buffer = writeRegisterCsv(rows, EXPORT_OPTIONS);
  const records = parseCsv(buffer.subarray(3).toString("utf8"));
  const record = (receiptNumber: string) => {
    const found = records.find((fields) => fields[0] === `'${receiptNumber}`);
    if (!found) throw new Error(`no record for ${receiptNumber}`);
    return found;
  };

  it("RG-3: is UTF-8 with a BOM, CRLF line ends, one header and equal-length records", () => {
    expect([...buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(buffer.toString("utf8").endsWith("\r\n")).toBe(true);
    expect(records).toHaveLength(4);
    expect(records.every((fields) => fields.length === KEYS.length)).toBe(true);
    expect(records[0]?.slice(0, 8)).toEqual([
      "เลขทะเบียนรับ",
      "ที่",
      "ลงวันที่",
      "จาก",
      "ถึง",
      "เรื่อง",
      "การปฏิบัติ",
      "หมายเหตุ",
    ]);
  });

  it("RG-3: a plain RFC 4180 parser sees Thai intact, receipt numbers as '1/2569, formulas neutralised", () => {
    expect(records.slice(1).map((fields) => fields[0])).toEqual(["'1/2569", "'2/2569", "'12/2569"]);
    expect(record("1/2569")[col("subject") - 1]).toBe("ขออนุญาตใช้สถานที่จัดงานประเพณีลอยกระทง");
    expect(record("1/2569")[col("letterReference") - 1]).toBe("มท 0808.2/ว 1234");
    expect(record("12/2569")[col("subject") - 1]).toBe(`'${EVIL_SUBJECT}`);
    expect(record("12/2569")[col("from") - 1]).toBe("'@SUM(A1)");
    expect(record("2/2569")[col("from") - 1]).toBe("'+66812345678");
    expect(record("2/2569")[col("subject") - 1]).toBe('เรื่อง "ทดสอบ", มีจุลภาค\nและขึ้นบรรทัดใหม่');
    expect(record("1/2569")[col("receivedAtIso") - 1]).toBe("2026-11-22T18:00:00+07:00");
    expect(record("1/2569")[col("letterDate") - 1]).toBe("20/11/2569");
    // Free text Excel would turn into a date or number is marked as text the same way.
    expect(record("12/2569")[col("letterReference") - 1]).toBe("'1234/2569");
  });

  it("RG-3: gives back every exported value exactly once one leading ' is dropped", () => {
    rows.forEach((row, index) => {
      expect(records[index + 1]?.map(originalText)).toEqual(KEYS.map((key) => row[key]));
    });
  });

  it("RG-3: exceljs's CSV reader strips the BOM and reads strings, not dates or formulas", async () => {
    const sheet = await new ExcelJS.Workbook().csv.read(Readable.from(buffer));
    expect(sheet.getCell("A1").value).toBe("เลขทะเบียนรับ");
    const receiptCells = [2, 3, 4].map((n) => sheet.getRow(n).getCell(1));
    expect(receiptCells.map((cell) => cell.value)).toEqual(["'1/2569", "'2/2569", "'12/2569"]);
    expect(receiptCells.every((cell) => cell.type === ExcelJS.ValueType.String)).toBe(true);
    const evil = sheet.getRow(4).getCell(col("subject"));
    expect(evil.type).toBe(ExcelJS.ValueType.String);
    expect(evil.value).toBe(`'${EVIL_SUBJECT}`);
    expect(sheet.getRow(3).getCell(col("from")).value).toBe("'+66812345678");
  });
});
