/**
 * `alkana ingest <files or folders…>`: loads every file, reports each (a progress bar and a summary
 * on a terminal, one JSON object per line with --json), and exits non-zero when any was rejected.
 */
import { readdirSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import cliProgress from "cli-progress";
import type { AlkanaConfig } from "../config.js";
import type { DateOrder } from "../ingest/cells.js";
import { refreshAfterLoad } from "../domain/refresh.js";
import { loadFile, type IngestReport } from "../ingest/load.js";
import { openMigratedDatabase } from "./open-database.js";
import { userName } from "./user.js";

export interface IngestCommandOptions {
  snapshotDate?: string;
  period?: string;
  allowRejects: boolean;
  decimalComma: boolean;
  dateOrder: DateOrder;
  json: boolean;
}

const LOADABLE = new Set([".xlsx", ".csv"]);

/** Returns the exit code. */
export async function ingestCommand(config: AlkanaConfig, paths: string[], options: IngestCommandOptions): Promise<number> {
  const files = expandPaths(paths);
  if (files.length === 0) {
    console.error("No .xlsx or .csv file found in the given paths.");
    return 1;
  }
  const database = await openMigratedDatabase(config, "alkana ingest");
  const showBar = !options.json && process.stderr.isTTY;
  const bar = showBar
    ? new cliProgress.SingleBar(
        { format: " {bar} {value}/{total} files | {file}: {rows} rows", hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  let rejected = 0;
  try {
    bar?.start(files.length, 0, { file: "", rows: 0 });
    for (const [index, path] of files.entries()) {
      bar?.update(index, { file: path, rows: 0 });
      const report = await loadFile(database, path, {
        ...options,
        loadedBy: userName(),
        afterMerge: refreshAfterLoad(config),
        onProgress: (rows) => bar?.update(index, { file: path, rows }),
      });
      if (report.status === "REJECTED") rejected += 1;
      if (options.json) {
        process.stdout.write(`${JSON.stringify(jsonLine(report, path))}\n`);
      } else {
        bar?.stop();
        console.log(describe(report, path));
        bar?.start(files.length, index + 1, { file: "", rows: 0 });
      }
    }
    bar?.stop();
  } finally {
    bar?.stop();
    await database.close();
  }
  return rejected > 0 ? 1 : 0;
}

/** The contract's JSON line (CONTRACT.md `alkana ingest --json`), plus the status and load id. */
function jsonLine(report: IngestReport, path: string) {
  const { status, rowsRead, inserted, updated, unchanged, replaced, skipped, rejected, errors, warnings, ms, loadId } = report;
  return { file: path, report: report.report, status, rowsRead, inserted, updated, unchanged, replaced, skipped, rejected, errors, warnings, ms, loadId };
}

function describe(report: IngestReport, path: string): string {
  const lines: string[] = [];
  if (report.status === "LOADED") {
    lines.push(
      `✔ ${path} — ${report.report}: ${report.rowsRead} rows read, ${report.inserted} inserted, ${report.updated} updated, ` +
        `${report.unchanged} unchanged, ${report.replaced} replaced, ${report.skipped} skipped, ${report.rejected} rejected (${report.ms} ms)`,
    );
  } else {
    lines.push(`✘ ${path} — rejected${report.report ? ` (${report.report})` : ""}; nothing was stored:`);
  }
  for (const error of report.errors) lines.push(`    ${problemText(error)}`);
  for (const warning of report.warnings) lines.push(`    note: ${problemText(warning)}`);
  return lines.join("\n");
}

function problemText(problem: IngestReport["errors"][number]): string {
  const where = [
    problem.sheet !== null ? `sheet "${problem.sheet}"` : undefined,
    problem.row !== null ? `row ${problem.row}` : undefined,
    problem.column !== null ? `column "${problem.column}"` : undefined,
  ].filter(Boolean);
  const value = problem.value !== null && problem.value !== undefined ? ` value "${problem.value}"` : "";
  return `${where.length ? `${where.join(", ")}:` : ""}${value}${where.length || value ? " — " : ""}${problem.reason}`;
}

/** Files as given, and the loadable files inside folders (sorted, recursively). */
export function expandPaths(paths: string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) {
      files.push(path); // reported as unreadable by the load
    } else if (stat.isDirectory()) {
      const entries = readdirSync(path).sort();
      files.push(...expandPaths(entries.map((entry) => join(path, entry)).filter((entry) => {
        const entryStat = statSync(entry);
        return entryStat.isDirectory() || LOADABLE.has(extname(entry).toLowerCase());
      })));
    } else {
      files.push(path);
    }
  }
  return files;
}
