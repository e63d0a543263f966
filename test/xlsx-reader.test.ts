/**
 * The .xlsx reader's two paths: a workbook of up to 50,000 rows is parsed once (the preview keeps
 * its rows), a larger one is streamed again for the load. Both must hand over every row of the
 * chosen sheet, numbered as Excel shows them, also when it is not the first sheet.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openXlsx } from "../api/src/ingest/read/xlsx.js";
import type { SourceRow } from "../api/src/ingest/read/source.js";

const dir = mkdtempSync(join(tmpdir(), "alkana-xlsx-reader-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A workbook with a small first sheet and a second sheet of `rows` data rows under a header. */
async function workbook(name: string, rows: number): Promise<string> {
  const book = new ExcelJS.Workbook();
  const notes = book.addWorksheet("Notes");
  notes.addRow(["Exported from SAP"]);
  notes.addRow(["second line"]);
  const data = book.addWorksheet("Data");
  data.addRow(["Order", "Quantity", "Text"]);
  for (let index = 1; index <= rows; index += 1) data.addRow([`1000${String(index).padStart(7, "0")}`, index * 0.5, `line ${index}`]);
  const path = join(dir, name);
  await book.xlsx.writeFile(path);
  return path;
}

async function collect(rows: AsyncIterable<SourceRow>): Promise<SourceRow[]> {
  const all: SourceRow[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

describe.each([
  { what: "kept from the preview", rows: 1_000 },
  { what: "read a second time", rows: 50_010 },
])("an .xlsx workbook whose rows are $what", ({ rows }) => {
  let path: string;
  beforeAll(async () => {
    path = await workbook(`book-${rows}.xlsx`, rows);
  }, 120_000);

  it("previews each sheet and then yields every row of the chosen one, numbered as in Excel", async () => {
    const source = openXlsx(path);
    const previews = await source.preview(5);
    expect(previews.map((sheet) => [sheet.name, sheet.index, sheet.rows.length])).toEqual([
      ["Notes", 0, 2],
      ["Data", 1, 5],
    ]);
    const all = await collect(source.rows(1));
    expect(all).toHaveLength(rows + 1);
    expect(all[0]).toEqual({ rowNumber: 1, cells: ["Order", "Quantity", "Text"] });
    expect(all.at(-1)).toEqual({ rowNumber: rows + 1, cells: [`1000${String(rows).padStart(7, "0")}`, rows * 0.5, `line ${rows}`] });
    expect(all.every((row, index) => row.rowNumber === index + 1)).toBe(true);
    // The first sheet, too, after the second was read.
    expect((await collect(source.rows(0))).map((row) => row.cells)).toEqual([["Exported from SAP"], ["second line"]]);
  }, 120_000);
});
