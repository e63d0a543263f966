/**
 * The schema as SDL, sorted so that the committed `schema.graphql` diffs cleanly.
 * Run directly to (re)write it:  npx tsx api/src/graphql/emit-schema.ts
 * (test/schema-drift.test.ts fails when the file is out of date).
 */
import { realpathSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { lexicographicSortSchema, printSchema } from "graphql";
import { buildAlkanaSchema } from "./schema.js";

/** Path of the committed SDL file at the repository root. */
export const SCHEMA_FILE = fileURLToPath(new URL("../../../schema.graphql", import.meta.url));

export async function printAlkanaSchema(): Promise<string> {
  const schema = await buildAlkanaSchema();
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

export async function writeAlkanaSchema(path: string = SCHEMA_FILE): Promise<string> {
  const text = await printAlkanaSchema();
  writeFileSync(path, text);
  return path;
}

function isMain(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  const path = await writeAlkanaSchema();
  process.stdout.write(`Wrote ${path}\n`);
}
