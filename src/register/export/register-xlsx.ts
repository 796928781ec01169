import ExcelJS from "exceljs";
import { COLUMNS, headerText, neutraliseFormula, PEOPLE_COLUMNS } from "./export-columns.js";
import { exportText } from "./export-messages.js";
import type { ExportLang, ExportRow } from "./export-rows.js";

export interface RegisterExportOptions {
  lang: ExportLang;
  agencyName: string;
  /** Printed after the agency in the title row: the period, e.g. `วันที่ 22 พฤศจิกายน 2569`. */
  title: string;
  /** The audit trail's last event when the export was taken, printed so a printout can be checked. */
  auditHead?: { seq: number; hash: string };
}

// ---------------------------------------------------------------------------------------------------
// XLSX

/**
 * The font of government documents (TH Sarabun New, successor of TH Sarabun PSK). Where it is not
 * installed, Excel and LibreOffice substitute; the Thai character set (222) and the sans-serif family
 * steer them to a Thai-capable font (Tahoma, Leelawadee UI) rather than boxes.
 */
const FONT = { name: "TH Sarabun New", size: 14, charset: 222, family: 2 } as const;
const TITLE_ROW = 1;
const HEADER_ROW = 2;

/**
 * The register as one worksheet: title row, header row (frozen, with filters), one row per entry, then
 * the count and, when given, the audit head, which is also in every printed page's footer. Every cell is
 * a text cell formatted `@`, so Excel neither turns `1/2569` into a date nor retypes a cell someone
 * edits. Prints landscape A4, one page wide, the title and header on every page, without the ISO columns.
 */
export async function writeRegisterXlsx(
  rows: readonly ExportRow[],
  options: RegisterExportOptions,
): Promise<Buffer> {
  const { lang } = options;
  const auditLine = options.auditHead && auditHeadText(lang, options.auditHead);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Borikan";
  const sheet = workbook.addWorksheet(exportText(lang, "export.sheet"), {
    views: [{ state: "frozen", xSplit: 1, ySplit: HEADER_ROW }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${TITLE_ROW}:${HEADER_ROW}`,
    },
    headerFooter: {
      oddFooter: pageFooter(lang, auditLine),
    },
  });
  sheet.columns = COLUMNS.map((column) => ({ width: column.width }));

  const title = sheet.getRow(TITLE_ROW);
  title.getCell(1).value = neutraliseFormula(
    exportText(lang, "export.title", { agency: options.agencyName, title: options.title }).trim(),
  );
  title.getCell(1).font = { ...FONT, size: 18, bold: true };
  sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, PEOPLE_COLUMNS.length);

  const header = sheet.getRow(HEADER_ROW);
  COLUMNS.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.value = headerText(lang, column);
    cell.font = { ...FONT, bold: true };
    cell.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE7E6E6" } };
    cell.border = { bottom: { style: "thin" }, top: { style: "thin" } };
  });
  sheet.autoFilter = {
    from: { row: HEADER_ROW, column: 1 },
    to: { row: HEADER_ROW, column: COLUMNS.length },
  };

  rows.forEach((row, rowIndex) => {
    const line = sheet.getRow(HEADER_ROW + 1 + rowIndex);
    COLUMNS.forEach((column, index) => {
      const cell = line.getCell(index + 1);
      const text = row[column.key];
      // A string cell is never evaluated, even one holding "=…"; the escape is for when the text leaves
      // the cell: copied into another sheet, saved again as CSV, or the cell's format changed.
      cell.value = text === "" ? null : neutraliseFormula(text);
      cell.numFmt = "@";
      cell.font = FONT;
      cell.alignment = { vertical: "top", wrapText: column.kind === "text" };
    });
  });

  const lastDataRow = HEADER_ROW + rows.length;
  const footerLines = [exportText(lang, "export.footer.count", { count: rows.length })];
  if (auditLine) footerLines.push(auditLine);
  footerLines.forEach((text, index) => {
    const cell = sheet.getRow(lastDataRow + 2 + index).getCell(1);
    cell.value = text;
    cell.numFmt = "@";
    cell.font = FONT;
  });
  const lastRow = lastDataRow + 1 + footerLines.length;
  // exceljs puts a `$` before each end; the row's own `$` makes the reference absolute, as Excel writes it.
  sheet.pageSetup.printArea = `A$${TITLE_ROW}:${columnLetter(PEOPLE_COLUMNS.length)}$${lastRow}`;

  // exceljs declares its own `Buffer` type; at run time this is Node's Buffer.
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function auditHeadText(lang: ExportLang, head: { seq: number; hash: string }): string {
  if (!Number.isSafeInteger(head.seq) || !/^[0-9a-f]{64}$/i.test(head.hash)) {
    throw new Error(
      `audit head must be a sequence number and a sha256 hex digest, got #${head.seq} ${head.hash}`,
    );
  }
  return exportText(lang, "export.footer.auditHead", { seq: head.seq, hash: head.hash.toLowerCase() });
}

/** The printed page's footer: audit head left, page x of y right (Excel's &-codes; a literal & is &&). */
function pageFooter(lang: ExportLang, auditLine: string | undefined): string {
  const font = `&"${FONT.name},Regular"&10`;
  const page = exportText(lang, "export.footer.page", { page: "&P", pages: "&N" });
  const left = auditLine ? `&L${font}${auditLine.replaceAll("&", "&&")}` : "";
  return `${left}&R${font}${page}`;
}

function columnLetter(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}
