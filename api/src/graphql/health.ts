/**
 * Health: is the database reachable, which backend is it, and when did the last successful load
 * start. Shared by the `health` query and the `GET /health` route.
 */
import "reflect-metadata"; // type-graphql decorators need it before they run
import { sql } from "kysely";
import { Ctx, Field, ObjectType, Query, Resolver } from "type-graphql";
import type { Backend, Database } from "../db/database.js";
import type { GraphQLContext } from "./context.js";
import { DateTimeScalar } from "./scalars.js";

export interface HealthReport {
  ok: boolean;
  database: Backend;
  lastLoadAt: Date | null;
}

const HEALTH_TIMEOUT_MS = 5_000;

/** Never throws: an unreachable database (or one slower than 5 s) gives `ok: false`. */
export async function readHealth(database: Database): Promise<HealthReport> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("health check timed out")), HEALTH_TIMEOUT_MS);
    timer.unref();
  });
  try {
    return await Promise.race([probe(database), timeout]);
  } catch {
    return { ok: false, database: database.backend, lastLoadAt: null };
  } finally {
    clearTimeout(timer);
  }
}

async function probe(database: Database): Promise<HealthReport> {
  await sql`select 1`.execute(database.db);
  const row = await database.db
    .selectFrom("load_run")
    .select((eb) => eb.fn.max<Date | null>("started_at").as("lastLoadAt"))
    .where("status", "=", "LOADED")
    .executeTakeFirst();
  return { ok: true, database: database.backend, lastLoadAt: toDate(row?.lastLoadAt) };
}

function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? null : date;
}

@ObjectType({ description: "State of the service and its database." })
export class Health {
  @Field(() => String, { description: 'The database backend: "pglite" (embedded) or "postgres".' })
  database!: string;

  @Field(() => Boolean, { description: "Whether the database answers." })
  ok!: boolean;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "When the most recent successful load (status LOADED) started; null before the first one.",
  })
  lastLoadAt!: Date | null;
}

@Resolver(() => Health)
export class HealthResolver {
  @Query(() => Health, { nullable: true, description: "State of the service and its database." })
  async health(@Ctx() { database }: GraphQLContext): Promise<Health> {
    return readHealth(database);
  }
}
