/**
 * The load log (`load_run`) as the `ingestRuns` connection, newest first.
 */
import "reflect-metadata"; // type-graphql decorators need it before they run
import { Args, ArgsType, Ctx, Field, ID, Int, ObjectType, Query, Resolver, Root, Subscription } from "type-graphql";
import type { Db } from "../db/database.js";
import type { GraphQLContext } from "./context.js";
import { INGEST_FINISHED, type IngestFinishedEvent } from "./pubsub.js";
import { buildConnection, Connection, ConnectionArgs, decodeIntegerCursor, encodeCursor, validateFirst } from "./relay.js";
import type { ConnectionResult } from "./relay.js";
import { DateTimeScalar } from "./scalars.js";

/** The columns of `load_run` read here (sql/001_load_run.sql). */
interface LoadRunRow {
  id: number;
  file_name: string;
  sha256: string;
  report: string | null;
  status: string;
  rows_read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  replaced: number;
  skipped: number;
  rejected: number;
  errors: unknown;
  warnings: unknown;
  duration_ms: number;
  started_at: Date;
  loaded_by: string;
}

const CURSOR_KIND = "ingestRun";

@ObjectType({ description: "One problem found while loading a file: where it is and why." })
export class IngestProblem {
  @Field(() => String, { nullable: true, description: "Worksheet name (workbooks only)." })
  sheet!: string | null;

  @Field(() => Int, { nullable: true, description: "Row number as shown in Excel (1-based)." })
  row!: number | null;

  @Field(() => String, { nullable: true, description: "Column header." })
  column!: string | null;

  @Field(() => String, { nullable: true, description: "The offending value, as text." })
  value!: string | null;

  @Field(() => String)
  reason!: string;
}

@ObjectType({ description: "One file offered to `alkana ingest` or `POST /ingest`, loaded or rejected." })
export class IngestRun {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  fileName!: string;

  @Field(() => String, { description: "SHA-256 of the file, hexadecimal." })
  sha256!: string;

  @Field(() => String, { nullable: true, description: "The report recognised (MB51, COOISPI, …); null if none." })
  report!: string | null;

  @Field(() => String, { description: "LOADED or REJECTED." })
  status!: string;

  @Field(() => Int, { description: "Data rows read (no header, blank, total or subtotal rows)." })
  rowsRead!: number;

  @Field(() => Int)
  inserted!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => Int)
  replaced!: number;

  @Field(() => Int, { description: "Blank, total and subtotal rows." })
  skipped!: number;

  @Field(() => Int)
  rejected!: number;

  @Field(() => [IngestProblem])
  errors!: IngestProblem[];

  @Field(() => [IngestProblem])
  warnings!: IngestProblem[];

  @Field(() => Int)
  durationMs!: number;

  @Field(() => DateTimeScalar)
  startedAt!: Date;

  @Field(() => String)
  loadedBy!: string;
}

@ObjectType("IngestRunConnection", { description: "Loads, newest first." })
export class IngestRunConnection extends Connection(IngestRun, "IngestRun") {}

@ArgsType()
export class IngestRunsArgs extends ConnectionArgs {}

@Resolver(() => IngestRun)
export class IngestRunResolver {
  @Query(() => IngestRunConnection, { description: "The load log, newest first." })
  async ingestRuns(
    @Args(() => IngestRunsArgs) args: IngestRunsArgs,
    @Ctx() { database }: GraphQLContext,
  ): Promise<ConnectionResult<IngestRun>> {
    const first = validateFirst(args.first);
    const afterId = args.after == null ? undefined : decodeIntegerCursor(CURSOR_KIND, args.after);
    const rows = await selectLoadRuns(database.db)
      .$if(afterId !== undefined, (query) => query.where("id", "<", afterId!))
      .orderBy("id", "desc")
      .limit(first + 1)
      .execute();
    return buildConnection({
      rows: rows as LoadRunRow[],
      first,
      after: args.after,
      cursorOf: (row) => encodeCursor(CURSOR_KIND, row.id),
      nodeOf: toIngestRun,
      totalCount: () => countLoadRuns(database.db),
    });
  }

  @Subscription(() => [IngestRun], {
    topics: INGEST_FINISHED,
    description: "The load-log entries of each finished upload (POST /ingest), through any API process.",
  })
  async ingestFinished(@Root() event: IngestFinishedEvent, @Ctx() { database }: GraphQLContext): Promise<IngestRun[]> {
    if (event.loadIds.length === 0) return [];
    const rows = await selectLoadRuns(database.db).where("id", "in", event.loadIds).orderBy("id").execute();
    return (rows as LoadRunRow[]).map(toIngestRun);
  }
}

function selectLoadRuns(db: Db) {
  return db
      .selectFrom("load_run")
      .select([
        "id",
        "file_name",
        "sha256",
        "report",
        "status",
        "rows_read",
        "inserted",
        "updated",
        "unchanged",
        "replaced",
        "skipped",
        "rejected",
        "errors",
        "warnings",
        "duration_ms",
        "started_at",
        "loaded_by",
      ]);
}

async function countLoadRuns(db: Db): Promise<number> {
  const row = await db
    .selectFrom("load_run")
    .select((eb) => eb.fn.countAll().as("count"))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

function toIngestRun(row: LoadRunRow): IngestRun {
  return {
    id: String(row.id),
    fileName: row.file_name,
    sha256: row.sha256,
    report: row.report,
    status: row.status,
    rowsRead: row.rows_read,
    inserted: row.inserted,
    updated: row.updated,
    unchanged: row.unchanged,
    replaced: row.replaced,
    skipped: row.skipped,
    rejected: row.rejected,
    errors: toProblems(row.errors),
    warnings: toProblems(row.warnings),
    durationMs: row.duration_ms,
    startedAt: row.started_at,
    loadedBy: row.loaded_by,
  };
}

/** Reads a stored jsonb array of problems defensively: the shape is written by the loader, not enforced. */
export function toProblems(stored: unknown): IngestProblem[] {
  const list = typeof stored === "string" ? safeParse(stored) : stored;
  if (!Array.isArray(list)) return [];
  return list.map((item): IngestProblem => {
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      return { sheet: null, row: null, column: null, value: null, reason: scalarText(item) ?? "" };
    }
    const problem = item as Record<string, unknown>;
    const row = typeof problem.row === "string" && /^\d+$/.test(problem.row) ? Number(problem.row) : problem.row;
    return {
      sheet: scalarText(problem.sheet),
      row: typeof row === "number" && Number.isSafeInteger(row) ? row : null,
      column: scalarText(problem.column),
      value: scalarText(problem.value),
      reason: scalarText(problem.reason) ?? "",
    };
  });
}

/** Strings as they are, other JSON values (numbers, booleans, objects) as JSON text, null as null. */
function scalarText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  return JSON.stringify(value) ?? null;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
