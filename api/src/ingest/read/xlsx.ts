/**
 * `.xlsx` rows through exceljs's streaming reader (TOOLCHAIN.md §9). SAP GUI sometimes writes the
 * header row with number 0 (cooispi.XLSX): row numbers are taken from the file when it gives a
 * positive one and counted on from the previous row otherwise.
 */
import ExcelJS from "exceljs";
import type { RawCell } from "../cells.js";
import { UnreadableFileError, type SheetPreview, type Source, type SourceRow } from "./source.js";

/**
 * Rows the preview keeps, over all sheets, so that a workbook of ordinary size (the real MB51 export
 * has 11,169 rows) is unzipped and parsed once rather than twice; a larger one is read again.
 */
const KEPT_PREVIEW_ROWS = 50_000;

export function openXlsx(path: string): Source {
  // Every sheet's rows as the preview read them, when there were no more than KEPT_PREVIEW_ROWS.
  let kept: SourceRow[][] | undefined;
  return {
    format: "xlsx",
    async preview(rowCount) {
      const previews: SheetPreview[] = [];
      const sheets: SourceRow[][] = [];
      let seen = 0;
      await readWorkbook(path, async (sheetName, index, rows) => {
        const preview: SheetPreview = { name: sheetName, index, rows: [] };
        previews.push(preview);
        const sheet: SourceRow[] = [];
        sheets.push(sheet);
        for await (const row of rows) {
          if (preview.rows.length < rowCount) preview.rows.push(row);
          // The rest of the sheet must still be drained for the zip stream to reach the next sheet.
          seen += 1;
          if (seen <= KEPT_PREVIEW_ROWS) sheet.push(row);
        }
      });
      kept = seen <= KEPT_PREVIEW_ROWS ? sheets : undefined;
      return previews;
    },
    rows(sheetIndex) {
      const sheet = kept?.[sheetIndex];
      return sheet ? keptRows(sheet) : sheetRows(path, sheetIndex);
    },
  };
}

async function* keptRows(rows: SourceRow[]): AsyncGenerator<SourceRow> {
  yield* rows;
}

async function* sheetRows(path: string, sheetIndex: number): AsyncGenerator<SourceRow> {
  const reader = workbookReader(path);
  let index = 0;
  try {
    for await (const worksheet of reader) {
      if (index++ !== sheetIndex) {
        for await (const _row of worksheet) {
          // skip other sheets
        }
        continue;
      }
      yield* numberedRows(worksheet);
      return;
    }
  } catch (error) {
    throw unreadable(error);
  }
}

type SheetVisitor = (name: string, index: number, rows: AsyncIterable<SourceRow>) => Promise<void>;

async function readWorkbook(path: string, visit: SheetVisitor): Promise<void> {
  const reader = workbookReader(path);
  let index = 0;
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name?: string }).name ?? `Sheet${index + 1}`;
      await visit(name, index, numberedRows(worksheet));
      index += 1;
    }
  } catch (error) {
    throw unreadable(error);
  }
  if (index === 0) throw new UnreadableFileError("the workbook has no worksheet");
}

function workbookReader(path: string) {
  return new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "emit",
  });
}

async function* numberedRows(worksheet: AsyncIterable<ExcelJS.Row>): AsyncGenerator<SourceRow> {
  let previous = 0;
  for await (const row of worksheet) {
    const rowNumber = row.number > previous ? row.number : previous + 1;
    previous = rowNumber;
    const values = row.values as unknown[];
    const cells: RawCell[] = [];
    for (let column = 1; column < values.length; column += 1) cells.push(cellValue(values[column]));
    yield { rowNumber, cells };
  }
}

/** exceljs cell values: primitives, Date, or objects for rich text, formulas, hyperlinks and errors. */
function cellValue(value: unknown): RawCell {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value;
  const object = value as Record<string, unknown>;
  if (Array.isArray(object.richText)) {
    return (object.richText as { text: string }[]).map((part) => part.text).join("");
  }
  if ("result" in object) return cellValue(object.result);
  if ("error" in object) return String(object.error);
  if (typeof object.text === "string") return object.text;
  return String(value);
}

function unreadable(error: unknown): Error {
  if (error instanceof UnreadableFileError) return error;
  let message = error instanceof Error ? error.message : String(error);
  // The zip reader's code for a file that stops mid-entry (an interrupted copy or download, or 0 bytes).
  if (message === "FILE_ENDED") message = "the file ends early: it is truncated or empty";
  return new UnreadableFileError(`not a readable .xlsx workbook (${message}); open it in Excel and save it again`);
}
