/**
 * A bad-input corpus, built here in a temporary folder from the report specs, loaded on every
 * backend (CONTRACT.md "What loading accepts and refuses"): each bad file is rejected with a message
 * that names the problem, stores nothing and leaves a REJECTED row in `load_run`; what the contract
 * accepts (extra columns, `;`/tab CSV, BOMs, a second sheet, totals) is loaded.
 */
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../api/src/db/database.js";
import { loadFile, type IngestReport, type LoadOptions } from "../api/src/ingest/load.js";
import type { ReportName } from "../api/src/ingest/report-spec.js";
import { reportSpec } from "../api/src/ingest/reports/index.js";
import { backends } from "./support/databases.js";
import { SAMPLE_FACTS } from "./support/samples.js";

const OPTIONS: LoadOptions = {
  allowRejects: false,
  decimalComma: false,
  dateOrder: "MDY",
  loadedBy: "test",
  ...SAMPLE_FACTS,
};

type Value = string | number | Date | null;
type Row = Record<string, Value>;

const headersOf = (report: ReportName) => reportSpec(report).columns.map((column) => column.header);
const COOISPI_HEADERS = headersOf("COOISPI");
const MB51_HEADERS = headersOf("MB51");
const ZRFI005_HEADERS = headersOf("ZRFI005");

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** A valid COOISPI row (DOMAIN.md §1.2); `i` makes the order and batch unique. */
function cooispiRow(i: number, changes: Row = {}): Row {
  return {
    Plant: "1201",
    "Sales Order": i % 3 === 0 ? `21003${4143 + i}` : null,
    Order: String(10000109154 + i),
    "Order Type": "201S",
    "Material Number": "100000002",
    "Basic start date": day("2026-01-05"),
    "Release date (actual)": day("2026-01-05"),
    "Actual finish date": day("2026-01-08"),
    "Material description": "11-260 AF PU THINNER-200LK",
    "BOM alternative": "10",
    Batch: `26A${2597910 + i}`,
    "System Status": "TECO MSPT PRT",
    "MRP controller": "P01",
    "Order quantity (GMEIN)": 8 + i,
    "Delivered quantity (GMEIN)": 8 + i,
    "Unit of measure (=GMEIN)": "PC",
    "Created on": day("2026-01-05"),
    "Basic finish date": day("2026-01-05"),
    ...changes,
  };
}

const cooispiRows = (count: number) => Array.from({ length: count }, (_, i) => cooispiRow(i));

/** A valid ZRFI005 row (DOMAIN.md §1.6). */
function zrfi005Row(i: number): Row {
  const row: Row = {};
  for (const column of reportSpec("ZRFI005").columns) row[column.header] = column.type === "number" ? 1000 * (i + 1) : null;
  return {
    ...row,
    "Company Code": "1000",
    "Profit Center": "1201",
    "Distribution Channel": "11",
    "Customer Hirarchy": null,
    "Customer Group": "01",
    "Salesman Code": String(100 + i),
    "Salesman Name": "NGUYỄN VĂN THÂM",
    "Customer Code": String(3000000 + i),
    "Customer Name": `KHÁCH HÀNG ${i}`,
    Currency: "VND",
  };
}

interface SheetData {
  name: string;
  headers: string[];
  rows: Row[];
}

async function writeXlsx(path: string, sheets: SheetData[]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    worksheet.addRow(sheet.headers);
    for (const row of sheet.rows) worksheet.addRow(sheet.headers.map((header) => row[header] ?? null));
  }
  await workbook.xlsx.writeFile(path);
  return path;
}

function csvField(value: Value, delimiter: string): string {
  if (value === null) return "";
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  return text.includes(delimiter) || text.includes('"') || text.includes("\n") ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvText(headers: string[], rows: Row[], delimiter = ","): string {
  const lines = [headers, ...rows.map((row) => headers.map((header) => row[header] ?? null))];
  return lines.map((line) => line.map((value) => csvField(value, delimiter)).join(delimiter)).join("\r\n") + "\r\n";
}

/**
 * `count` valid MB51 CSV lines after the header (file rows 2 … count + 1), each given to `change`
 * with its file row number before it is written.
 */
function mb51CsvLines(count: number, change: (row: number, fields: Record<string, string>) => void = () => {}): string[] {
  const lines: string[] = [MB51_HEADERS.join(",")];
  for (let row = 2; row <= count + 1; row += 1) {
    const fields: Record<string, string> = {
      "Posting Date": `2026-01-${String(2 + (row % 20)).padStart(2, "0")}`,
      "Movement Type": row % 2 ? "261" : "101",
      Plant: "1201",
      "Storage Location": "0201",
      Material: String(100000000 + (row % 500)),
      "Material Description": "11-260 AF PU THINNER-200LK",
      Batch: `26A${2500000 + (row % 9000)}`,
      "Qty in Un. of Entry": row % 2 ? `${row % 97}-` : String(row % 97),
      "Unit of Entry": "PC",
      "Cost Center": "",
      "G/L Account": "",
      "Material Document": String(4900000000 + row),
      Text: "",
      Reference: String(10000100000 + (row % 3000)),
      "Reason for Movement": "",
      "Purchase Order": "",
    };
    change(row, fields);
    lines.push(MB51_HEADERS.map((header) => fields[header]).join(","));
  }
  return lines;
}

describe.each(backends)("bad input on $name", (backend) => {
  let database: Database;
  let dir: string;
  const file = (name: string) => join(dir, name);

  beforeAll(async () => {
    database = await backend.open();
    dir = mkdtempSync(join(tmpdir(), "alkana-bad-input-"));
  });

  afterAll(async () => {
    await database?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function count(table: string): Promise<number> {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(database.db);
    return Number(rows[0].n);
  }

  async function contentHash(table: string): Promise<string | null> {
    const { rows } = await sql<{ h: string | null }>`
      select md5(string_agg(row_hash || ':' || load_id, ',' order by id)) as h from ${sql.table(table)}`.execute(database.db);
    return rows[0].h;
  }

  async function loadRun(id: number) {
    const { rows } = await sql<{ status: string; file_name: string; rejected: number; errors: unknown }>`
      select status, file_name, rejected, errors from load_run where id = ${id}`.execute(database.db);
    return rows[0];
  }

  /** Loads a file expected to be refused: rejected, nothing stored, a REJECTED run logged. */
  async function expectRejected(path: string, table: string, options: Partial<LoadOptions> = {}): Promise<IngestReport> {
    const before = await count(table);
    const hash = await contentHash(table);
    const report = await loadFile(database, path, { ...OPTIONS, ...options });
    expect(report.status, JSON.stringify(report.errors)).toBe("REJECTED");
    expect(report.errors.length).toBeGreaterThan(0);
    expect(report.inserted + report.updated + report.replaced).toBe(0);
    expect(await count(table)).toBe(before);
    expect(await contentHash(table)).toBe(hash);
    const run = await loadRun(report.loadId);
    expect(run.status).toBe("REJECTED");
    expect(run.errors).toEqual(JSON.parse(JSON.stringify(report.errors)));
    return report;
  }

  async function expectLoaded(path: string, options: Partial<LoadOptions> = {}): Promise<IngestReport> {
    const report = await loadFile(database, path, { ...OPTIONS, ...options });
    expect(report.status, JSON.stringify(report.errors)).toBe("LOADED");
    expect((await loadRun(report.loadId)).status).toBe("LOADED");
    return report;
  }

  const reasons = (report: IngestReport) => report.errors.map((error) => error.reason).join("\n");

  it("rejects a workbook of another kind, listing what the closest report lacks", async () => {
    const path = await writeXlsx(file("unrelated.xlsx"), [
      {
        name: "Sheet1",
        headers: ["Salesman Name", "Region", "Amount", "Remarks"],
        rows: [{ "Salesman Name": "ALI SUMANTO", Region: "North", Amount: 5, Remarks: "x" }],
      },
    ]);
    const report = await expectRejected(path, "raw_target");
    expect(report.report).toBeNull();
    const message = reasons(report);
    expect(message).toMatch(/no header row of a known report/);
    expect(message).toContain("Salesman semester targets");
    for (const header of ["Semester", "Year", "Target"]) expect(message).toContain(`"${header}"`);
    expect(message).not.toContain('"Salesman Name"');
  });

  it("rejects a COOISPI without its Batch column, naming Batch", async () => {
    const headers = COOISPI_HEADERS.filter((header) => header !== "Batch");
    const path = await writeXlsx(file("no-batch.xlsx"), [{ name: "Sheet1", headers, rows: cooispiRows(3) }]);
    const report = await expectRejected(path, "raw_cooispi");
    expect(reasons(report)).toMatch(/COOISPI process orders .* lacks "Batch"\.$/);
  });

  it("loads an unknown extra column with a warning and keeps its value in the stored row", async () => {
    const headers = [...COOISPI_HEADERS.slice(0, 4), "Planner Note", ...COOISPI_HEADERS.slice(4)];
    const rows = cooispiRows(3).map((row, i) => ({ ...row, Order: String(20000000000 + i), "Planner Note": `note ${i}` }));
    const path = await writeXlsx(file("extra-column.xlsx"), [{ name: "Sheet1", headers, rows }]);
    const report = await expectLoaded(path);
    expect(report.report).toBe("COOISPI");
    expect(report.inserted).toBe(3);
    expect(report.errors).toEqual([]);
    const warning = report.warnings.find((w) => w.reason.includes('"Planner Note"'));
    expect(warning?.reason).toMatch(/unknown column "Planner Note" \(column 5\) kept/);
    expect(warning?.sheet).toBe("Sheet1");
    const { rows: stored } = await sql<{ order_number: string; raw: Record<string, unknown> }>`
      select order_number, raw from raw_cooispi where order_number like '2000000000%' order by order_number`.execute(database.db);
    expect(stored.map((row) => row.raw["Planner Note"])).toEqual(["note 0", "note 1", "note 2"]);
    expect(stored[0].raw["Release date (actual)"]).toBe("2026-01-05");
  });

  it("rejects a bad date, naming sheet, row, column, value and reason", async () => {
    const rows = cooispiRows(5);
    rows[2] = cooispiRow(2, { "Release date (actual)": "31/31/2026" });
    const path = await writeXlsx(file("bad-date.xlsx"), [{ name: "Orders", headers: COOISPI_HEADERS, rows }]);
    const report = await expectRejected(path, "raw_cooispi");
    expect(report.report).toBe("COOISPI");
    expect(report.rejected).toBe(1);
    expect(report.rowsRead).toBe(5);
    expect(report.errors).toEqual([
      {
        sheet: "Orders",
        row: 4,
        column: "Release date (actual)",
        value: "31/31/2026",
        reason: '"31/31/2026" is not a calendar date',
      },
    ]);
  });

  it("rejects a bad number the same way", async () => {
    const rows = cooispiRows(4);
    rows[3] = cooispiRow(3, { "Order quantity (GMEIN)": "8 pcs" });
    const path = await writeXlsx(file("bad-number.xlsx"), [{ name: "Sheet1", headers: COOISPI_HEADERS, rows }]);
    const report = await expectRejected(path, "raw_cooispi");
    expect(report.rejected).toBe(1);
    expect(report.errors).toEqual([
      { sheet: "Sheet1", row: 5, column: "Order quantity (GMEIN)", value: "8 pcs", reason: "expected a number" },
    ]);
  });

  it("rejects a truncated and a corrupt .xlsx with a readable message", async () => {
    const whole = await writeXlsx(file("whole.xlsx"), [{ name: "Sheet1", headers: COOISPI_HEADERS, rows: cooispiRows(50) }]);
    const bytes = readFileSync(whole);
    writeFileSync(file("truncated.xlsx"), bytes.subarray(0, Math.floor(bytes.length / 2)));
    const truncated = await expectRejected(file("truncated.xlsx"), "raw_cooispi");
    expect(reasons(truncated)).toMatch(/not a readable \.xlsx workbook \(the file ends early: it is truncated or empty\)/);

    const random = Buffer.alloc(4096);
    let seed = 12345;
    for (let i = 0; i < random.length; i += 1) random[i] = (seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16;
    writeFileSync(file("corrupt.xlsx"), random);
    const corrupt = await expectRejected(file("corrupt.xlsx"), "raw_cooispi");
    expect(reasons(corrupt)).toMatch(/not a readable \.xlsx workbook/);
    expect(corrupt.report).toBeNull();
  });

  it("rejects empty files", async () => {
    writeFileSync(file("empty.csv"), "");
    writeFileSync(file("empty.xlsx"), "");
    const csv = await expectRejected(file("empty.csv"), "raw_cooispi");
    expect(reasons(csv)).toMatch(/empty/);
    const xlsx = await expectRejected(file("empty.xlsx"), "raw_cooispi");
    expect(reasons(xlsx)).toMatch(/not a readable \.xlsx workbook \(the file ends early: it is truncated or empty\)/);
  });

  it("detects ; and tab delimiters and refuses |", async () => {
    const semicolon = cooispiRows(3).map((row, i) => ({ ...row, Order: String(30000000000 + i), "Order quantity (GMEIN)": "1,5" }));
    writeFileSync(file("semicolon.csv"), csvText(COOISPI_HEADERS, semicolon, ";"));
    const first = await expectLoaded(file("semicolon.csv"), { decimalComma: true });
    expect([first.report, first.inserted]).toEqual(["COOISPI", 3]);

    const tab = cooispiRows(3).map((row, i) => ({ ...row, Order: String(31000000000 + i), "Material description": "A, B; C" }));
    writeFileSync(file("tab.csv"), csvText(COOISPI_HEADERS, tab, "\t"));
    const second = await expectLoaded(file("tab.csv"));
    expect([second.report, second.inserted]).toEqual(["COOISPI", 3]);

    const { rows } = await sql<{ order_number: string; order_quantity: number; material_description: string; release_date: string }>`
      select order_number, order_quantity, material_description, release_date from raw_cooispi
      where order_number in ('30000000000', '31000000000') order by order_number`.execute(database.db);
    expect(rows).toEqual([
      { order_number: "30000000000", order_quantity: 1.5, material_description: "11-260 AF PU THINNER-200LK", release_date: "2026-01-05" },
      { order_number: "31000000000", order_quantity: 8, material_description: "A, B; C", release_date: "2026-01-05" },
    ]);

    writeFileSync(file("pipe.csv"), csvText(COOISPI_HEADERS, cooispiRows(3), "|"));
    const pipe = await expectRejected(file("pipe.csv"), "raw_cooispi");
    expect(reasons(pipe)).toMatch(/no header row of a known report/);
  });

  it("reads UTF-8 with BOM and UTF-16LE with BOM, storing Vietnamese text NFC", async () => {
    const vietnamese = "SƠN NƯỚC NGOẠI THẤT ĐẶC BIỆT – Mịn";
    const decomposed = vietnamese.normalize("NFD");
    expect(decomposed).not.toBe(vietnamese);
    const rows = (base: number) =>
      cooispiRows(3).map((row, i) => ({ ...row, Order: String(base + i), "Material description": i === 0 ? decomposed : vietnamese }));
    writeFileSync(file("utf8-bom.csv"), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvText(COOISPI_HEADERS, rows(40000000000)), "utf8")]));
    writeFileSync(
      file("utf16.csv"),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csvText(COOISPI_HEADERS, rows(41000000000), ";"), "utf16le")]),
    );
    for (const [name, prefix] of [["utf8-bom.csv", "4000000000"], ["utf16.csv", "4100000000"]] as const) {
      const report = await expectLoaded(file(name));
      expect([report.report, report.inserted], name).toEqual(["COOISPI", 3]);
      expect(report.warnings.filter((w) => /unknown column/.test(w.reason)), name).toEqual([]);
      const { rows: stored } = await sql<{ material_description: string; raw: Record<string, unknown>; plant: string }>`
        select material_description, raw, plant from raw_cooispi
        where order_number like ${`${prefix}%`} order by order_number`.execute(database.db);
      expect(stored.map((row) => row.material_description), name).toEqual([vietnamese, vietnamese, vietnamese]);
      expect(stored.map((row) => row.raw["Material description"]), name).toEqual([vietnamese, vietnamese, vietnamese]);
      expect(Object.keys(stored[0].raw), name).toContain("Plant");
      expect(Object.keys(stored[0].raw).filter((key) => key.includes("\ufeff")), name).toEqual([]);
      expect(stored[0].plant).toBe("1201");
    }
  });

  it("ignores an unrelated second sheet with a warning and refuses two report sheets", async () => {
    const rows = cooispiRows(2).map((row, i) => ({ ...row, Order: String(50000000000 + i) }));
    const notes: SheetData = { name: "Notes", headers: ["Comment", "Who"], rows: [{ Comment: "checked", Who: "an" }] };
    const path = await writeXlsx(file("two-sheets.xlsx"), [{ name: "Sheet1", headers: COOISPI_HEADERS, rows }, notes]);
    const report = await expectLoaded(path);
    expect([report.report, report.inserted]).toEqual(["COOISPI", 2]);
    expect(report.warnings.map((w) => w.reason)).toContain('sheet "Notes" ignored: the report is on sheet "Sheet1"');

    const both = await writeXlsx(file("two-reports.xlsx"), [
      { name: "Orders", headers: COOISPI_HEADERS, rows: cooispiRows(2) },
      { name: "AR", headers: ZRFI005_HEADERS, rows: [zrfi005Row(0)] },
    ]);
    const rejected = await expectRejected(both, "raw_cooispi");
    expect(await count("raw_zrfi005")).toBe(0);
    expect(reasons(rejected)).toMatch(/several sheets hold a report \(Orders: COOISPI, AR: ZRFI005\)/);
  });

  it("with allowRejects stores the valid rows and lists the invalid one", async () => {
    const rows: Row[] = cooispiRows(5).map((row, i) => ({ ...row, Order: String(60000000000 + i) }));
    rows[2] = { ...rows[2], "Release date (actual)": "31/31/2026" };
    const path = await writeXlsx(file("allow-rejects.xlsx"), [{ name: "Sheet1", headers: COOISPI_HEADERS, rows }]);
    await expectRejected(path, "raw_cooispi");
    const report = await expectLoaded(path, { allowRejects: true });
    expect(report).toMatchObject({ rowsRead: 5, rejected: 1, inserted: 4, updated: 0, unchanged: 0 });
    expect(report.errors).toEqual([
      { sheet: "Sheet1", row: 4, column: "Release date (actual)", value: "31/31/2026", reason: '"31/31/2026" is not a calendar date' },
    ]);
    const { rows: stored } = await sql<{ order_number: string }>`
      select order_number from raw_cooispi where order_number like '6000000000%' order by order_number`.execute(database.db);
    expect(stored.map((row) => row.order_number)).toEqual(["60000000000", "60000000001", "60000000003", "60000000004"]);
  });

  it("skips total and subtotal rows: counted in skipped, never read or stored", async () => {
    const rows = cooispiRows(4).map((row, i) => ({ ...row, Order: String(70000000000 + i) }));
    const empty: Row = Object.fromEntries(COOISPI_HEADERS.map((header) => [header, null]));
    const subtotal: Row = { ...empty, Plant: "S U B T O T A L", "Order quantity (GMEIN)": 17, "Delivered quantity (GMEIN)": 17 };
    const total: Row = { ...empty, "Order quantity (GMEIN)": 38, "Delivered quantity (GMEIN)": 38, "Unit of measure (=GMEIN)": "PC" };
    const path = await writeXlsx(file("totals.xlsx"), [
      { name: "Sheet1", headers: COOISPI_HEADERS, rows: [rows[0], rows[1], subtotal, rows[2], rows[3], total] },
    ]);
    const report = await expectLoaded(path);
    expect(report).toMatchObject({ report: "COOISPI", rowsRead: 4, skipped: 2, inserted: 4, rejected: 0, errors: [] });
    const { rows: stored } = await sql<{ data: number | string; totals: number | string }>`
      select count(*) filter (where order_number like '7000000000%') as data,
             count(*) filter (where raw->>'Plant' = 'S U B T O T A L' or raw->>'Order' is null) as totals
      from raw_cooispi`.execute(database.db);
    expect([Number(stored[0].data), Number(stored[0].totals)]).toEqual([4, 0]);
  });

  it("rejects a ZRFI005 without a snapshot date, pointing at --snapshot-date", async () => {
    const path = await writeXlsx(file("zrfi005.xlsx"), [{ name: "Sheet1", headers: ZRFI005_HEADERS, rows: [0, 1, 2].map(zrfi005Row) }]);
    const { snapshotDate: _omitted, ...withoutSnapshot } = OPTIONS;
    const before = await count("raw_zrfi005");
    const report = await loadFile(database, path, withoutSnapshot);
    expect(report.status).toBe("REJECTED");
    expect(report.report).toBe("ZRFI005");
    expect(reasons(report)).toContain("--snapshot-date");
    expect(await count("raw_zrfi005")).toBe(before);
    expect((await loadRun(report.loadId)).status).toBe("REJECTED");
    // The same file with the date loads.
    const loaded = await expectLoaded(path);
    expect(loaded.inserted).toBe(3);
  });

  it(
    "rejects a 100,000-row MB51 CSV for one bad number at row 73,456, storing nothing",
    async () => {
      const bad = 73_456;
      const lines = mb51CsvLines(100_000, (row, fields) => {
        // The bad value is quoted (RFC 4180): one field holding commas, not three fields.
        if (row === bad) fields["Qty in Un. of Entry"] = '"12,5,0"';
      });
      writeFileSync(file("mb51-100k.csv"), lines.join("\n") + "\n");
      const started = performance.now();
      const report = await expectRejected(file("mb51-100k.csv"), "raw_mb51");
      const seconds = (performance.now() - started) / 1000;
      expect(report.report).toBe("MB51");
      expect(report.rowsRead).toBe(100_000);
      expect(report.rejected).toBe(1);
      expect(report.errors).toEqual([
        { sheet: null, row: bad, column: "Qty in Un. of Entry", value: "12,5,0", reason: "expected a number" },
      ]);
      expect(await count("raw_mb51")).toBe(0);
      console.log(`[${backend.name}] 100,000-row MB51 CSV rejected in ${seconds.toFixed(1)} s`);
    },
    120_000,
  );

  it(
    "lists every problem of a strict load, before and after the first bad row and across staging chunks",
    async () => {
      // Staging stops at the first invalid row of a strict load; checking must not.
      const bad = new Map<number, string>([
        [3, "abc"],
        [12_345, "1.2.3"],
        [29_999, "--5"],
      ]);
      const lines = mb51CsvLines(30_000, (row, fields) => {
        const value = bad.get(row);
        if (value !== undefined) fields["Qty in Un. of Entry"] = value;
        if (row === 20_000) fields["Posting Date"] = "2026-13-01";
      });
      writeFileSync(file("mb51-four-bad.csv"), lines.join("\n") + "\n");
      const report = await expectRejected(file("mb51-four-bad.csv"), "raw_mb51");
      expect(report).toMatchObject({ rowsRead: 30_000, rejected: 4 });
      expect(report.errors.map((error) => [error.row, error.column, error.value])).toEqual([
        [3, "Qty in Un. of Entry", "abc"],
        [12_345, "Qty in Un. of Entry", "1.2.3"],
        [20_000, "Posting Date", "2026-13-01"],
        [29_999, "Qty in Un. of Entry", "--5"],
      ]);
    },
    120_000,
  );

  it("still reports a duplicate key that follows an invalid row", async () => {
    const rows: Row[] = cooispiRows(6).map((row, i) => ({ ...row, Order: String(70000000000 + i) }));
    rows[1] = { ...rows[1], "Basic start date": "2026-02-30" };
    rows[4] = { ...rows[4], Order: rows[2].Order };
    const path = await writeXlsx(file("dup-after-bad.xlsx"), [{ name: "Sheet1", headers: COOISPI_HEADERS, rows }]);
    const report = await expectRejected(path, "raw_cooispi");
    expect(report.rejected).toBe(2);
    expect(report.errors.map((error) => [error.row, error.column])).toEqual([
      [3, "Basic start date"],
      [6, "Order"],
    ]);
    expect(report.errors[1].reason).toBe("duplicate key: the same Order is on row 4");
  });

  it("rejects a NUL character (which no database text can hold) naming its row and column", async () => {
    // Far enough into the file that the reader's first look (64 KiB, where NUL means "binary file")
    // does not see it.
    const lines = mb51CsvLines(3000, (row, fields) => {
      if (row === 2500) fields.Text = "before\u0000after";
    });
    writeFileSync(file("mb51-nul.csv"), lines.join("\n") + "\n");
    const report = await expectRejected(file("mb51-nul.csv"), "raw_mb51");
    expect(report.errors).toEqual([
      expect.objectContaining({ row: 2500, column: "Text", value: "before\\0after", reason: expect.stringMatching(/NUL character/) }),
    ]);
  });

  it(
    "rolls the whole file back when the database fails while staging, and loads the next file",
    async () => {
      // PostgreSQL aborts the load's transaction during the second staging chunk (a division by zero
      // run on the transaction's own connection, in place of that chunk's COPY), after the first
      // chunk was stored in the staging table.
      let copies = 0;
      const failing: Database = {
        ...database,
        async copyRows(trx, table, columns, rows) {
          copies += 1;
          if (copies === 2) await sql`select 1 / 0`.execute(trx);
          return database.copyRows(trx, table, columns, rows);
        },
      };
      const lines = mb51CsvLines(15_000);
      writeFileSync(file("mb51-fails.csv"), lines.join("\n") + "\n");
      const before = await count("raw_mb51");
      const hash = await contentHash("raw_mb51");
      const { rows: runsBefore } = await sql<{ n: number }>`select count(*) as n from load_run`.execute(database.db);
      await expect(loadFile(failing, file("mb51-fails.csv"), OPTIONS)).rejects.toThrow(/division by zero/);
      expect(copies).toBe(2);
      expect(await count("raw_mb51")).toBe(before);
      expect(await contentHash("raw_mb51")).toBe(hash);
      const { rows: runsAfter } = await sql<{ n: number }>`select count(*) as n from load_run`.execute(database.db);
      expect(runsAfter[0].n).toBe(runsBefore[0].n);
      const good = mb51CsvLines(15_000, (row, fields) => {
        fields.Plant = "1203";
        fields["Material Document"] = String(4910000000 + row);
      });
      writeFileSync(file("mb51-after-failure.csv"), good.join("\n") + "\n");
      const loaded = await expectLoaded(file("mb51-after-failure.csv"));
      expect(loaded).toMatchObject({ rowsRead: 15_000, inserted: 15_000, rejected: 0 });
      const { rows: stored } = await sql<{ n: number }>`select count(*) as n from raw_mb51 where plant = '1203'`.execute(database.db);
      expect(stored[0].n).toBe(15_000);
    },
    120_000,
  );

  it("keeps a previous load untouched when a bad version of the same file is offered", async () => {
    const good = cooispiRows(6).map((row, i) => ({ ...row, Order: String(80000000000 + i) }));
    const path = file("reload-cooispi.xlsx");
    await writeXlsx(path, [{ name: "Sheet1", headers: COOISPI_HEADERS, rows: good }]);
    const first = await expectLoaded(path);
    expect(first.inserted).toBe(6);
    const before = await contentHash("raw_cooispi");
    const { rows: storedBefore } = await sql`select * from raw_cooispi order by id`.execute(database.db);

    // Same name; changed quantities on valid rows and one bad date: nothing may leak into the table.
    const changed: Row[] = good.map((row) => ({ ...row, "Order quantity (GMEIN)": 99, "Material description": "CHANGED" }));
    changed.push(cooispiRow(100, { Order: "80000000100", "Basic finish date": "2026-02-30" }));
    await writeXlsx(path, [{ name: "Sheet1", headers: COOISPI_HEADERS, rows: changed }]);
    const second = await expectRejected(path, "raw_cooispi");
    expect(second.errors).toEqual([
      { sheet: "Sheet1", row: 8, column: "Basic finish date", value: "2026-02-30", reason: '"2026-02-30" is not a calendar date' },
    ]);
    expect(await contentHash("raw_cooispi")).toBe(before);
    const { rows: storedAfter } = await sql`select * from raw_cooispi order by id`.execute(database.db);
    expect(storedAfter).toEqual(storedBefore);

    // And the good file again changes nothing.
    await writeXlsx(path, [{ name: "Sheet1", headers: COOISPI_HEADERS, rows: good }]);
    const third = await expectLoaded(path);
    expect(third).toMatchObject({ inserted: 0, updated: 0, unchanged: 6 });
    expect(await contentHash("raw_cooispi")).toBe(before);
  });
});
