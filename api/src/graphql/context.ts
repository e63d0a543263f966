/**
 * What every resolver receives as its GraphQL context, over HTTP (Apollo) and over WebSocket
 * (graphql-ws) alike: the database, the configuration, the verified viewer, the as-of date (resolved
 * once per request), the request's DataLoaders and the process's cache of results per model version.
 */
import type { AlkanaConfig } from "../config.js";
import type { Database } from "../db/database.js";
import { resolveAsOf, type AsOf } from "../domain/as-of.js";
import type { Viewer } from "./auth.js";
import { createLoaders, type Loaders } from "./loaders.js";
import { UNCACHED, type ResultCache } from "./result-cache.js";

export interface GraphQLContext {
  database: Database;
  config: AlkanaConfig;
  viewer: Viewer;
  /** The as-of date of this request (DOMAIN.md D1), resolved on first use. */
  asOf(): Promise<AsOf>;
  loaders: Loaders;
  /** Results shared by the requests at the same model version (result-cache.ts). */
  results: ResultCache;
}

export function createContext(database: Database, config: AlkanaConfig, viewer: Viewer, results: ResultCache = UNCACHED): GraphQLContext {
  let asOf: Promise<AsOf> | undefined;
  // Only the data cut-off depends on the data; "today" is never cached (it moves at midnight).
  const resolve = () =>
    config.asOf.kind === "cutoff"
      ? results.remember("asOf", null, () => resolveAsOf(database.db, config.asOf), (value) => value.source === "DATA_CUTOFF")
      : resolveAsOf(database.db, config.asOf);
  const context: GraphQLContext = {
    database,
    config,
    viewer,
    asOf: () => (asOf ??= resolve()),
    loaders: undefined as unknown as Loaders,
    results,
  };
  context.loaders = createLoaders(context);
  return context;
}
