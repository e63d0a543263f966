/**
 * What every resolver receives as its GraphQL context, over HTTP (Apollo) and over WebSocket
 * (graphql-ws) alike: the database, the configuration, the verified viewer, the as-of date (resolved
 * once per request) and the request's DataLoaders.
 */
import type { AlkanaConfig } from "../config.js";
import type { Database } from "../db/database.js";
import { resolveAsOf, type AsOf } from "../domain/as-of.js";
import type { Viewer } from "./auth.js";
import { createLoaders, type Loaders } from "./loaders.js";

export interface GraphQLContext {
  database: Database;
  config: AlkanaConfig;
  viewer: Viewer;
  /** The as-of date of this request (DOMAIN.md D1), resolved on first use. */
  asOf(): Promise<AsOf>;
  loaders: Loaders;
}

export function createContext(database: Database, config: AlkanaConfig, viewer: Viewer): GraphQLContext {
  let asOf: Promise<AsOf> | undefined;
  const context: GraphQLContext = {
    database,
    config,
    viewer,
    asOf: () => (asOf ??= resolveAsOf(database.db, config.asOf)),
    loaders: undefined as unknown as Loaders,
  };
  context.loaders = createLoaders(context);
  return context;
}
