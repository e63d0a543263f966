/**
 * XLSX with typed cells (exceljs' streaming writer, so 100,000 rows stay light): numbers are numbers
 * with a number format, dates are date cells (`dd/mm/yyyy` in vi, `mm/dd/yyyy` in en; times on the
 * business clock), percentages are fractions formatted `0.0%`, booleans are booleans, and text is
 * always a (shared) string cell, never a formula. The header row is bold and frozen; a second sheet says
 * what the export is: title, filters, as-of date, generation time and the row cap when it was hit.
 * Excel shows `#,##0.00` with the reader's own separators, so only date formats depend on the language.
 */
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import {
  WORDS,
  XLSX_DATE_FORMAT,
  XLSX_DATETIME_FORMAT,
  businessWallClock,
  formatDate,
  formatDateTime,
  formatInteger,
  truncationNote,
} from "./localize.js";
import type { CellValue, ExportColumn, ExportDocument, Lang } from "./types.js";

export async function writeXlsx(document: ExportDocument): Promise<Buffer> {
  const { table, lang, rows } = document;
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    output.on("end", resolve);
    output.on("error", reject);
  });

  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: true });
  workbook.creator = "Alkana Analytics";
  workbook.created = document.generatedAt;
  const title = table.title[lang];

  const sheet = workbook.addWorksheet(table.sheetName[lang], {
    views: [{ state: "frozen", ySplit: 1 }],
    pageSetup: { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    headerFooter: {
      oddHeader: `&L${headerFooterText(title)}&R${headerFooterText(`${WORDS.asOf[lang]} ${formatDate(document.asOf, lang)}`)}`,
      oddFooter: `&L${headerFooterText(document.truncated ? truncationNote(document.rowLimit, lang) : "")}&R&P / &N`,
    },
  });
  sheet.columns = table.columns.map((column) => ({ width: column.width }));
  const header = sheet.addRow(table.columns.map((column) => column.header[lang]));
  header.font = { bold: true };
  header.alignment = { vertical: "middle", wrapText: true };
  // Excel does not grow a row's height on opening: leave room for headers that wrap.
  header.height = 15 * Math.min(3, Math.max(...table.columns.map((column) => Math.ceil(column.header[lang].length / column.width))));
  header.commit();

  const formats = table.columns.map((column) => numberFormat(column, lang));
  for (const row of rows) {
    const line = sheet.addRow(table.columns.map((column) => cellValue(column.value(row), column)));
    formats.forEach((format, index) => {
      if (format) line.getCell(index + 1).numFmt = format;
    });
    line.commit();
  }
  sheet.commit();

  const about = workbook.addWorksheet(WORDS.about[lang]);
  about.columns = [{ width: 22 }, { width: 90 }];
  const facts: [string, string][] = [
    [WORDS.title[lang], title],
    [WORDS.filters[lang], document.filters.map(([name, value]) => `${name} = ${value}`).join("; ") || WORDS.noFilters[lang]],
    [WORDS.asOf[lang], formatDate(document.asOf, lang)],
    [WORDS.generatedAt[lang], `${formatDateTime(document.generatedAt, lang)} (${WORDS.timeZone[lang]})`],
    [WORDS.rows[lang], formatInteger(rows.length, lang)],
  ];
  if (document.truncated) facts.push([WORDS.note[lang], truncationNote(document.rowLimit, lang)]);
  for (const fact of facts) {
    const line = about.addRow(fact);
    line.getCell(1).font = { bold: true };
    line.commit();
  }
  about.commit();

  await workbook.commit();
  await finished;
  return Buffer.concat(chunks);
}

/** The cell a value becomes: text stays a string (never a formula), dates become date cells. */
function cellValue(value: CellValue, column: ExportColumn<unknown>): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case "integer":
    case "number":
      return Number(value);
    case "percent":
      return Number(value) / 100;
    case "date":
      return new Date(`${String(value).slice(0, 10)}T00:00:00Z`);
    case "datetime":
      return businessWallClock(value instanceof Date ? value : new Date(String(value)));
    case "boolean":
      return Boolean(value);
    case "text":
      return String(value);
  }
}

function numberFormat(column: ExportColumn<unknown>, lang: Lang): string | undefined {
  switch (column.type) {
    case "integer":
      return "#,##0";
    case "number": {
      const decimals = column.decimals ?? 2;
      return decimals > 0 ? `#,##0.${"0".repeat(decimals)}` : "#,##0";
    }
    case "percent": {
      const decimals = column.decimals ?? 1;
      return decimals > 0 ? `0.${"0".repeat(decimals)}%` : "0%";
    }
    case "date":
      return XLSX_DATE_FORMAT[lang];
    case "datetime":
      return XLSX_DATETIME_FORMAT[lang];
    default:
      return undefined;
  }
}

/** `&` starts a code in page headers and footers: write it as `&&`. */
function headerFooterText(text: string): string {
  return text.replaceAll("&", "&&");
}
