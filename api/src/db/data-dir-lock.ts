/**
 * PGlite is one process with one connection (CONTRACT.md "Databases"): a second process opening the
 * same data folder would corrupt it. The first process writes `<dataDir>.lock` with its pid and what
 * it is; a second one fails at once with a message naming the holder.
 */
import { readFileSync, unlinkSync, writeFileSync } from "node:fs";

export interface DataDirLock {
  release(): void;
}

export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: string,
    readonly pid: number,
  ) {
    super(
      `The data folder ${dataDir} is in use by ${holder} (pid ${pid}). ` +
        "The embedded database allows one process at a time: stop that process, " +
        "or load files through the running server with POST /ingest.",
    );
    this.name = "DataDirBusyError";
  }
}

interface LockContent {
  pid: number;
  holder: string;
}

export function acquireDataDirLock(dataDir: string, holder: string): DataDirLock {
  const path = `${dataDir}.lock`;
  const content: LockContent = { pid: process.pid, holder };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(path, JSON.stringify(content), { flag: "wx" });
      return {
        release() {
          try {
            if (readLock(path)?.pid === process.pid) unlinkSync(path);
          } catch {
            // already gone
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const existing = readLock(path);
      if (existing && existing.pid !== process.pid && isAlive(existing.pid)) {
        throw new DataDirBusyError(dataDir, existing.holder, existing.pid);
      }
      // A stale lock from a process that died (or our own, re-opened): take it over.
      unlinkSync(path);
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

function readLock(path: string): LockContent | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as LockContent;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
