/**
 * The executable GraphQL schema, built by type-graphql from the resolver classes. Types carry
 * explicit type functions everywhere (tsx emits no decorator metadata; TOOLCHAIN.md §2).
 */
import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { AlertResolver } from "./alerts.js";
import { ArDivisionResolver, ArResolver } from "./ar.js";
import { DataQualityResolver } from "./data-quality.js";
import { HealthResolver } from "./health.js";
import { IngestRunResolver } from "./ingest-runs.js";
import { MovementResolver } from "./movements.js";
import { OtifResolver } from "./otif.js";
import { ProductionOrderResolver } from "./production.js";
import { createAlkanaPubSub, type AlkanaPubSub } from "./pubsub.js";
import { SalesResolver } from "./sales.js";
import { DateTimeScalar } from "./scalars.js";
import { YieldResolver } from "./yield.js";

export const resolvers = [HealthResolver, IngestRunResolver, AlertResolver, ProductionOrderResolver, YieldResolver, MovementResolver, DataQualityResolver, SalesResolver, ArResolver, ArDivisionResolver, OtifResolver] as const;

export interface BuildAlkanaSchemaOptions {
  /** The channel subscriptions listen on; pass the one your publishers use (default: a new one). */
  pubSub?: AlkanaPubSub;
}

export async function buildAlkanaSchema(options: BuildAlkanaSchemaOptions = {}): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...resolvers],
    validate: false,
    pubSub: options.pubSub ?? createAlkanaPubSub(),
    // A field typed `() => Date` becomes DateTime rather than type-graphql's own DateTimeISO.
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
  });
}
