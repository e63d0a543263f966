/**
 * A list as one array parameter (`text[]`, `bigint[]`): in a statement the server plans with its parameter
 * values (every statement here), the array is a constant the planner can match against an index,
 * whatever its length (a list of bind parameters stops at 65,535).
 */
import { sql, type RawBuilder } from "kysely";

export function textArray(values: readonly string[]): RawBuilder<string[]> {
  const literal = `{${values.map((value) => `"${value.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
  return sql<string[]>`${literal}::text[]`;
}

export function bigintArray(values: readonly number[]): RawBuilder<number[]> {
  return sql<number[]>`${`{${values.join(",")}}`}::bigint[]`;
}
