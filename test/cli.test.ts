/**
 * The `alkana` command as users run it (a child process on a PGlite data folder): help, the
 * `ingest --json` line format and exit code (CONTRACT.md), and the data-folder lock.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { acquireDataDirLock } from "../api/src/db/data-dir-lock.js";
import { readConfig } from "../api/src/config.js";
import { SAMPLE_FACTS, sample, samplesPresent } from "./support/samples.js";

const run = promisify(execFile);
const BIN = fileURLToPath(new URL("../bin/alkana.js", import.meta.url));

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function alkana(args: string[], dataDir: string): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: "", ALKANA_DATA_DIR: dataDir },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("alkana command", () => {
  it("lists its commands", async () => {
    const { code, stdout } = await alkana(["--help"], "unused");
    expect(code).toBe(0);
    for (const command of ["migrate", "ingest", "demo", "serve", "start"]) expect(stdout).toContain(command);
  });

  it("ingest --json prints one contract line per file and exits 1 when a file is rejected", async () => {
    const dir = mkdtempSync(join(tmpdir(), "alkana-cli-"));
    const good = join(dir, "orders.csv");
    writeFileSync(
      good,
      [
        "Plant,Sales Order,Order,Order Type,Material Number,Basic start date,Release date (actual),Actual finish date,Material description,BOM alternative,Batch,System Status,MRP controller,Order quantity (GMEIN),Delivered quantity (GMEIN),Unit of measure (=GMEIN),Created on,Basic finish date",
        "1201,,10000109154,201S,100000002,2026-01-05,2026-01-05,2026-01-08,11-260 AF PU THINNER-200LK,10,26A2597910,TECO DLV,P01,8,8,PC,2026-01-05,2026-01-05",
      ].join("\n"),
    );
    const bad = join(dir, "ar.csv");
    writeFileSync(bad, "hello,world\n1,2\n");
    const { code, stdout } = await alkana(["ingest", good, bad, "--json"], join(dir, "data"));
    expect(code).toBe(1);
    const lines = stdout.trim().split("\n").map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(Object.keys(lines[0])).toEqual(
      expect.arrayContaining(["file", "report", "rowsRead", "inserted", "updated", "unchanged", "replaced", "skipped", "rejected", "errors", "warnings", "ms"]),
    );
    expect(lines[0]).toMatchObject({ file: good, report: "COOISPI", rowsRead: 1, inserted: 1, rejected: 0, errors: [] });
    expect(lines[1]).toMatchObject({ file: bad, report: null, rowsRead: 0, inserted: 0 });
    expect(lines[1].errors[0].reason).toMatch(/no header row of a known report/);
  }, 600_000);

  it.skipIf(!samplesPresent)("ingest of a sample folder file reports the contract's counts", async () => {
    const dir = mkdtempSync(join(tmpdir(), "alkana-cli-"));
    const args = ["ingest", sample("zrpp062.XLSX"), "--period", SAMPLE_FACTS.period, "--json"];
    const first = await alkana(args, join(dir, "data"));
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ report: "ZRPP062", rowsRead: 438, inserted: 438, rejected: 0 });
    const second = await alkana(args, join(dir, "data"));
    expect(JSON.parse(second.stdout)).toMatchObject({ rowsRead: 438, inserted: 0, updated: 0, replaced: 0, unchanged: 438 });
  }, 600_000);

  it("refuses at once a PGlite folder that a running server holds, naming it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "alkana-cli-"));
    const dataDir = join(dir, "data");
    writeFileSync(join(dir, "orders.csv"), "Plant,Order\n1201,1\n");
    const lock = acquireDataDirLock(dataDir, "alkana serve on port 4000");
    try {
      const started = Date.now();
      const { code, stderr } = await alkana(["ingest", dir], dataDir);
      expect(code).not.toBe(0);
      expect(stderr).toContain("alkana serve on port 4000");
      expect(stderr).toContain("POST /ingest");
      expect(Date.now() - started).toBeLessThan(60_000);
    } finally {
      lock.release();
    }
  }, 600_000);
});

describe("configuration", () => {
  it("has the contract's defaults", () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      databaseUrl: undefined,
      dataDir: ".alkana/data",
      port: 4000,
      asOf: { kind: "cutoff" },
      calendar: { workingDays: [1, 2, 3, 4, 5, 6], holidays: [] },
      reevaluateMinutes: 15,
      leadTime: { mtsTargetDays: 14, mtoTargetDays: 21, transitLimitDays: 2, storageLimitDays: 30 },
      alerts: { lowYieldPercent: 85 },
    });
  });

  it("reads the as-of date and calendar, and names a bad variable", () => {
    expect(readConfig({ ALKANA_AS_OF: "2026-01-23" }).asOf).toEqual({ kind: "date", date: "2026-01-23" });
    expect(readConfig({ ALKANA_AS_OF: "now" }).asOf).toEqual({ kind: "now" });
    expect(readConfig({ ALKANA_WORKING_DAYS: "1,2,3,4,5", ALKANA_HOLIDAYS: "2026-01-01" }).calendar).toEqual({
      workingDays: [1, 2, 3, 4, 5],
      holidays: ["2026-01-01"],
    });
    expect(() => readConfig({ ALKANA_AS_OF: "yesterday" })).toThrow(/ALKANA_AS_OF/);
    expect(() => readConfig({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => readConfig({ ALKANA_WORKING_DAYS: "0,8" })).toThrow(/ALKANA_WORKING_DAYS/);
  });
});
