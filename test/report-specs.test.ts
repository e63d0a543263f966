/**
 * The report specs against the migrations (every spec column is a typed column of its raw table, in
 * order, plus the common ones) and, when the SAP samples are present, against the real header rows.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../api/src/db/database.js";
import { migrate } from "../api/src/db/migrate.js";
import { REPORT_NAMES, headerKey, type CellType, type ReportName, type ReportSpec } from "../api/src/ingest/report-spec.js";
import { REPORTS, reportSpec } from "../api/src/ingest/reports/index.js";

const SQL_TYPE: Record<CellType, string> = {
  code: "text",
  text: "text",
  date: "date",
  number: "numeric",
  decimalComma: "numeric",
};

/** Columns a raw table has beyond the spec's: facts the load is told (`needs`). */
const EXTRA_COLUMNS: Partial<Record<ReportName, { column: string; type: string }[]>> = {
  ZRFI005: [{ column: "snapshot_date", type: "date" }],
  ZRPP062: [{ column: "period", type: "date" }],
};

const COMMON_COLUMNS = [
  { column: "raw", type: "jsonb" },
  { column: "row_hash", type: "text" },
  { column: "load_id", type: "bigint" },
];

function expectedColumns(spec: ReportSpec): { column: string; type: string }[] {
  return [
    { column: "id", type: "bigint" },
    ...spec.columns.map((column) => ({ column: column.column, type: SQL_TYPE[column.type] })),
    ...(EXTRA_COLUMNS[spec.report] ?? []),
    ...COMMON_COLUMNS,
  ];
}

describe("report specs", () => {
  it("cover every report once, MB51 first, and are found by name", () => {
    expect(REPORTS.map((spec) => spec.report).sort()).toEqual([...REPORT_NAMES].sort());
    expect(REPORTS[0]?.report).toBe("MB51");
    for (const name of REPORT_NAMES) expect(reportSpec(name).report).toBe(name);
    expect(new Set(REPORTS.map((spec) => spec.table)).size).toBe(REPORTS.length);
  });

  for (const spec of REPORTS) {
    describe(spec.report, () => {
      const columns = new Set(spec.columns.map((column) => column.column));
      const extras = new Set((EXTRA_COLUMNS[spec.report] ?? []).map((extra) => extra.column));

      it("has unique column names", () => {
        expect(columns.size).toBe(spec.columns.length);
      });

      it("has identity, notNull and key columns that exist, and requires the key", () => {
        for (const column of [...spec.identity, ...(spec.notNull ?? [])]) expect(columns).toContain(column);
        if (spec.key !== "window") {
          for (const column of spec.key) {
            expect(columns.has(column) || extras.has(column), column).toBe(true);
            if (columns.has(column)) {
              expect(spec.columns.find((c) => c.column === column)?.required, column).toBe(true);
            }
          }
        }
        for (const column of spec.identity) {
          expect(spec.columns.find((c) => c.column === column)?.required, column).toBe(true);
        }
      });

      it("tells duplicate headers apart by the header before them", () => {
        const counts = new Map<string, number>();
        for (const column of spec.columns) counts.set(headerKey(column.header), (counts.get(headerKey(column.header)) ?? 0) + 1);
        spec.columns.forEach((column, index) => {
          if ((counts.get(headerKey(column.header)) ?? 0) > 1) {
            expect(column.follows, column.column).toBe(spec.columns[index - 1]?.header);
          } else if (column.follows !== undefined) {
            expect(column.follows).toBe(spec.columns[index - 1]?.header);
          }
        });
      });

      it("has aliases that do not clash with another header", () => {
        const headers = new Set(spec.columns.map((column) => headerKey(column.header)));
        for (const column of spec.columns) {
          for (const alias of column.aliases ?? []) {
            const key = headerKey(alias);
            expect(key === headerKey(column.header) || !headers.has(key), alias).toBe(true);
          }
        }
      });
    });
  }

  it("ZRPP062 names the five UoM columns by their quantity", () => {
    const uoms = reportSpec("ZRPP062").columns.filter((column) => column.header === "UoM");
    expect(uoms.map((column) => [column.follows, column.column])).toEqual([
      ["Process Order Qty", "process_order_qty_uom"],
      ["GI Packaging to Order Lbl", "gi_packaging_uom"],
      ["GI SFG Liquid to Order Filling", "gi_sfg_liquid_uom"],
      ["Tonase Alkana(0201)", "tonase_alkana_uom"],
      ["GR By-Product", "gr_by_product_uom"],
    ]);
  });
});

describe("raw tables match the report specs", () => {
  let database: Database;

  beforeAll(async () => {
    database = await openDatabase({ dataDir: "", holder: "test", inMemory: true });
    await migrate(database);
  });

  afterAll(async () => {
    await database?.close();
  });

  for (const spec of REPORTS) {
    it(`${spec.table} has the columns of ${spec.report}, typed, in order`, async () => {
      const { rows } = await sql<{ column_name: string; data_type: string; is_nullable: string }>`
        select column_name, data_type, is_nullable
        from information_schema.columns
        where table_schema = current_schema() and table_name = ${spec.table}
        order by ordinal_position`.execute(database.db);
      expect(rows.map((row) => ({ column: row.column_name, type: row.data_type }))).toEqual(expectedColumns(spec));
      // What every data row fills is not null in the table too.
      const nullable = new Map(rows.map((row) => [row.column_name, row.is_nullable]));
      for (const column of [...spec.identity, ...(spec.notNull ?? [])]) expect(nullable.get(column), column).toBe("NO");
    });

    it(`${spec.table} has its upsert key as a unique constraint`, async () => {
      const { rows } = await sql<{ definition: string }>`
        select pg_get_constraintdef(c.oid) as definition
        from pg_constraint c
        where c.conrelid = ${spec.table}::regclass and c.contype = 'u'`.execute(database.db);
      if (spec.key === "window") {
        expect(rows).toEqual([]);
      } else {
        expect(rows.map((row) => row.definition)).toEqual([`UNIQUE NULLS NOT DISTINCT (${spec.key.join(", ")})`]);
      }
    });
  }
});

const SAMPLES = new URL("../../shared/sap-samples/", import.meta.url);
const samplesExist = existsSync(SAMPLES);
if (!samplesExist) {
  console.log("The sample header tests are skipped because ../shared/sap-samples is absent.");
}

const SAMPLE_FILES: [string, ReportName][] = [
  ["mb51.XLSX", "MB51"],
  ["cooispi.XLSX", "COOISPI"],
  ["zrmm024.XLSX", "ZRMM024"],
  ["zrsd002.XLSX", "ZRSD002"],
  ["zrsd004.XLSX", "ZRSD004"],
  ["ZRFI005.XLSX", "ZRFI005"],
  ["zrpp062.XLSX", "ZRPP062"],
  ["target.xlsx", "TARGET"],
  ["11.XLSX", "MATERIAL_MASTER"],
  ["12.XLSX", "MATERIAL_MASTER"],
  ["13.XLSX", "MATERIAL_MASTER"],
  ["15.XLSX", "MATERIAL_MASTER"],
];

function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object" && "richText" in value) return value.richText.map((part) => part.text).join("");
  return String(value);
}

/** The first row of the first sheet, read with the streaming reader. */
async function headerRow(path: string): Promise<string[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: "cache",
    styles: "cache",
    worksheets: "emit",
  });
  for await (const worksheet of reader) {
    for await (const row of worksheet) {
      const values = row.values as ExcelJS.CellValue[];
      // `row.values` is 1-based.
      return Array.from({ length: values.length - 1 }, (_, index) => cellText(values[index + 1]));
    }
  }
  return [];
}

/** Reports whose required headers (or one of their aliases) are all among `headers`. */
function reportsMatching(headers: string[]): ReportName[] {
  const present = new Set(headers.map(headerKey));
  return REPORTS.filter((spec) =>
    spec.columns
      .filter((column) => column.required)
      .every((column) => [column.header, ...(column.aliases ?? [])].some((name) => present.has(headerKey(name)))),
  ).map((spec) => spec.report);
}

describe.skipIf(!samplesExist)("report specs match the SAP sample headers", () => {
  for (const [file, report] of SAMPLE_FILES) {
    it(`${file} has the ${report} headers in order, and only ${report}'s required headers`, async () => {
      const headers = await headerRow(fileURLToPath(new URL(file, SAMPLES)));
      expect(headers).toEqual(reportSpec(report).columns.map((column) => column.header));
      expect(reportsMatching(headers)).toEqual([report]);
    });
  }
});
