/**
 * DOMAIN.md §1.0 file quirks, one test each, on cells taken from the real SAP exports (read with the
 * loader's own streaming reader, or exceljs's streaming reader where the raw cell matters) and then
 * given to `parseCell`. The purely textual forms (CSV dates, trailing minus, grouping) follow.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { isProblem, parseCell, type ParseOptions, type RawCell } from "../api/src/ingest/cells.js";
import { detectReport } from "../api/src/ingest/detect.js";
import { headerKey, type CellType, type ReportName } from "../api/src/ingest/report-spec.js";
import { REPORTS, reportSpec } from "../api/src/ingest/reports/index.js";
import { openSource, type SourceRow } from "../api/src/ingest/read/source.js";
import { sample, samplesPresent } from "./support/samples.js";

const MDY: ParseOptions = { decimalComma: false, dateOrder: "MDY" };
const DMY: ParseOptions = { decimalComma: false, dateOrder: "DMY" };
const COMMA: ParseOptions = { decimalComma: true, dateOrder: "MDY" };

/** The first `upTo` rows of a sample's first sheet, through the loader's reader (row numbers as Excel shows them). */
async function sampleRows(file: string, upTo: number): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const row of openSource(sample(file)).rows(0)) {
    rows.push(row);
    if (row.rowNumber >= upTo) break;
  }
  return rows;
}

/** One sample cell by Excel row number and header text (the first column with that header). */
async function sampleCell(file: string, rowNumber: number, header: string): Promise<RawCell> {
  const rows = await sampleRows(file, rowNumber);
  const headerIndex = rows[0].cells.findIndex((cell) => typeof cell === "string" && cell.trim() === header);
  expect(headerIndex, `header "${header}" in ${file}`).toBeGreaterThanOrEqual(0);
  const row = rows.find((candidate) => candidate.rowNumber === rowNumber);
  expect(row, `row ${rowNumber} of ${file}`).toBeDefined();
  return row!.cells[headerIndex] ?? null;
}

/** Raw exceljs cell (value and number format) of one sample cell, with the chosen style handling. */
async function exceljsCell(
  file: string,
  rowNumber: number,
  column: number,
  styles: "cache" | "ignore",
): Promise<{ value: unknown; numFmt: string | undefined }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(sample(file), {
    sharedStrings: "cache",
    styles,
    worksheets: "emit",
  });
  for await (const worksheet of reader) {
    for await (const row of worksheet) {
      if (row.number === rowNumber) {
        const cell = row.getCell(column);
        return { value: cell.value, numFmt: cell.numFmt };
      }
    }
  }
  throw new Error(`row ${rowNumber} not found in ${file}`);
}

function typeOf(report: ReportName, header: string): CellType {
  const column = reportSpec(report).columns.find((candidate) => candidate.header === header);
  if (!column) throw new Error(`${report} has no column "${header}"`);
  return column.type;
}

function problemOf(value: ReturnType<typeof parseCell>): string {
  if (!isProblem(value)) throw new Error(`expected a problem, got ${JSON.stringify(value)}`);
  return value.problem;
}

describe.skipIf(!samplesPresent)("cell quirks on the real SAP samples (DOMAIN.md §1.0)", () => {
  it("reads an Excel serial date: MB51 row 2 Posting Date is 2026-01-02", async () => {
    const cell = await sampleCell("mb51.XLSX", 2, "Posting Date");
    expect(cell).toBeInstanceOf(Date);
    expect(parseCell(cell, typeOf("MB51", "Posting Date"), MDY)).toBe("2026-01-02");

    // The same cell without styles is the raw serial the file stores, displayed m/d/yy.
    const raw = await exceljsCell("mb51.XLSX", 2, 1, "ignore");
    expect(raw.value).toBe(46024);
    expect(parseCell(raw.value as number, "date", MDY)).toBe("2026-01-02");
    const styled = await exceljsCell("mb51.XLSX", 2, 1, "cache");
    expect(styled.numFmt).toMatch(/^m+-d+-y+$/);
    // Whatever the date order of the load, a serial is not a text date.
    expect(parseCell(46024, "date", DMY)).toBe("2026-01-02");
  });

  it("finds cooispi.XLSX's header written as row 0 and reports the first data row as row 2", async () => {
    // The file itself numbers the header row 0.
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(sample("cooispi.XLSX"), {
      sharedStrings: "cache",
      styles: "cache",
      worksheets: "emit",
    });
    const fileNumbers: number[] = [];
    outer: for await (const worksheet of reader) {
      for await (const row of worksheet) {
        fileNumbers.push(row.number);
        if (fileNumbers.length === 2) break outer;
      }
    }
    expect(fileNumbers).toEqual([0, 2]);

    const source = openSource(sample("cooispi.XLSX"));
    const detection = detectReport(await source.preview(10), REPORTS);
    expect(detection.spec.report).toBe("COOISPI");
    expect(detection.headerRowNumber).toBe(1);
    const rows = await sampleRows("cooispi.XLSX", 2);
    expect(rows.map((row) => row.rowNumber)).toEqual([1, 2]);
    expect(rows[0].cells[0]).toBe("Plant");
    expect(rows[1].cells[detection.headers.indexOf("Order")]).toBe("10000109154");
  });

  it("keeps the leading zero of storage location 0201 (MB51 row 149)", async () => {
    const cell = await sampleCell("mb51.XLSX", 149, "Storage Location");
    expect(cell).toBe("0201");
    expect(parseCell(cell, typeOf("MB51", "Storage Location"), MDY)).toBe("0201");
  });

  it("keeps ZRPP062 Order SFG Liquid 010000109155 as text", async () => {
    const cell = await sampleCell("zrpp062.XLSX", 2, "Order SFG Liquid");
    expect(cell).toBe("010000109155");
    expect(parseCell(cell, typeOf("ZRPP062", "Order SFG Liquid"), MDY)).toBe("010000109155");
  });

  it("reads ZRPP062 SG Actual with a decimal comma, and ? as empty", async () => {
    const type = typeOf("ZRPP062", "SG Actual");
    const first = await sampleCell("zrpp062.XLSX", 2, "SG Actual");
    const grouped = await sampleCell("zrpp062.XLSX", 5, "SG Actual");
    const unknown = await sampleCell("zrpp062.XLSX", 11, "SG Actual");
    expect([first, grouped, unknown]).toEqual(["0,884", "1,250", "?"]);
    // The load's own number setting does not matter: this column always reads a comma as decimal.
    for (const options of [MDY, COMMA]) {
      expect(parseCell(first, type, options)).toBe(0.884);
      expect(parseCell(grouped, type, options)).toBe(1.25);
      expect(parseCell(unknown, type, options)).toBeNull();
    }
  });

  it("reads ZRMM024 Mat. Doc. GI `Summary` as empty", async () => {
    const cell = await sampleCell("zrmm024.XLSX", 2, "Mat. Doc. GI");
    expect(cell).toBe("Summary");
    expect(parseCell(cell, typeOf("ZRMM024", "Mat. Doc. GI"), MDY)).toBeNull();
  });

  it("reads target.xlsx Target, numeric and as its padded accounting text", async () => {
    const cell = await sampleCell("target.xlsx", 2, "Target");
    expect(cell).toBe(11_000_000_000);
    expect(parseCell(cell, typeOf("TARGET", "Target"), MDY)).toBe(11_000_000_000);

    // Header and value carry an accounting format, so a formatted-text reader sees padded text.
    const formatted = await exceljsCell("target.xlsx", 2, 4, "cache");
    expect(formatted.numFmt).toMatch(/^_-\* #,##0_-/);
    const header = await exceljsCell("target.xlsx", 1, 4, "cache");
    expect(header.numFmt).toMatch(/_-@_-$/);
    expect(parseCell(" 11,000,000,000 ", "number", MDY)).toBe(11_000_000_000);

    // The padded header ` Target ` matches, as do the other padded headers.
    expect(headerKey(" Target ")).toBe(headerKey("Target"));
    const sheets = await openSource(sample("target.xlsx")).preview(10);
    const padded = sheets.map((sheet) => ({
      ...sheet,
      rows: sheet.rows.map((row, index) =>
        index === 0 ? { ...row, cells: row.cells.map((c) => (typeof c === "string" ? ` ${c} ` : c)) } : row,
      ),
    }));
    const detection = detectReport(padded, REPORTS);
    expect(detection.spec.report).toBe("TARGET");
    expect(detection.columns.map((column) => column?.column)).toEqual(["salesman_name", "semester", "year", "target"]);
  });

  it("maps each of ZRPP062's duplicate UoM headers to the quantity column before it", async () => {
    const detection = detectReport(await openSource(sample("zrpp062.XLSX")).preview(10), REPORTS);
    expect(detection.spec.report).toBe("ZRPP062");
    const after = (header: string) => {
      const index = detection.headers.indexOf(header);
      expect(index, header).toBeGreaterThanOrEqual(0);
      expect(detection.headers[index + 1]).toMatch(/^UoM/);
      return detection.columns[index + 1]?.column;
    };
    expect(after("GI SFG Liquid to Order Filling")).toBe("gi_sfg_liquid_uom");
    expect(after("Process Order Qty")).toBe("process_order_qty_uom");
    expect(after("GI Packaging to Order Lbl")).toBe("gi_packaging_uom");
    expect(after("Tonase Alkana(0201)")).toBe("tonase_alkana_uom");
    expect(after("GR By-Product")).toBe("gr_by_product_uom");
    // The sample's row 2: the liquid issued is in KG, the by-product's UoM is blank.
    const rows = await sampleRows("zrpp062.XLSX", 2);
    const index = detection.columns.findIndex((column) => column?.column === "gi_sfg_liquid_uom");
    expect(rows[1].cells[index]).toBe("KG");
    expect(detection.warnings.filter((warning) => warning.startsWith("unknown column"))).toEqual([]);
  });

  it("NFC-normalises Vietnamese text (target.xlsx Salesman Name)", async () => {
    const cell = await sampleCell("target.xlsx", 3, "Salesman Name");
    expect(cell).toBe("ĐẶNG VĂN CHỈ".normalize("NFC"));
    const decomposed = (cell as string).normalize("NFD");
    expect(decomposed).not.toBe(cell);
    expect(parseCell(decomposed, typeOf("TARGET", "Salesman Name"), MDY)).toBe(cell);
    expect(parseCell(` ${decomposed} `, "text", MDY)).toBe(cell);
    expect(parseCell(decomposed, "code", MDY)).toBe(cell);
  });
});

describe("text cells (CSV and formatted text)", () => {
  it("reads text dates: ISO, dotted, and slash dates in the configured order", () => {
    expect(parseCell("2026-01-02", "date", MDY)).toBe("2026-01-02");
    expect(parseCell("2026-01-02", "date", DMY)).toBe("2026-01-02");
    expect(parseCell("02.01.2026", "date", MDY)).toBe("2026-01-02");
    expect(parseCell("02.01.2026", "date", DMY)).toBe("2026-01-02");
    expect(parseCell("1/2/26", "date", MDY)).toBe("2026-01-02");
    expect(parseCell("1/2/26", "date", DMY)).toBe("2026-02-01");
    expect(parseCell("46024", "date", MDY)).toBe("2026-01-02");
    expect(problemOf(parseCell("2/30/26", "date", MDY))).toMatch(/not a calendar date/);
    expect(problemOf(parseCell("next week", "date", MDY))).toMatch(/expected a date.*YYYY-MM-DD/);
  });

  it("reads a trailing minus as negative", () => {
    expect(parseCell("12-", "number", MDY)).toBe(-12);
    expect(parseCell("1,234.5-", "number", MDY)).toBe(-1234.5);
    expect(parseCell("-12", "number", MDY)).toBe(-12);
  });

  it("reads thousands separators", () => {
    expect(parseCell("1,234,567.5", "number", MDY)).toBe(1_234_567.5);
    expect(parseCell("1,234,567", "number", MDY)).toBe(1_234_567);
  });

  it("reads a decimal comma when the load says so", () => {
    expect(parseCell("1.234,5", "number", COMMA)).toBe(1234.5);
    expect(parseCell("0,5", "number", COMMA)).toBe(0.5);
    expect(isProblem(parseCell("1.234,5", "number", MDY))).toBe(true);
  });

  it("reads empty and blank cells as null, never 0, for every type", () => {
    for (const type of ["code", "text", "date", "number", "decimalComma"] as const) {
      for (const cell of [null, "", "   ", "\t"]) expect(parseCell(cell, type, MDY), `${type} ${JSON.stringify(cell)}`).toBeNull();
    }
    expect(parseCell(0, "number", MDY)).toBe(0);
    expect(parseCell("0", "number", MDY)).toBe(0);
  });

  it("reports a nonsense number with the expected form", () => {
    expect(problemOf(parseCell("12abc", "number", MDY))).toBe("expected a number");
    expect(problemOf(parseCell("12abc", "number", COMMA))).toMatch(/expected a number with a decimal comma \(0,884\)/);
    expect(problemOf(parseCell("1,2,3", "number", MDY))).toMatch(/expected a number/);
  });
});
