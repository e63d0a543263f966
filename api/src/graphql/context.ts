/**
 * What every resolver receives as its GraphQL context, over HTTP (Apollo) and over WebSocket
 * (graphql-ws) alike. Grows with auth (the verified user) and per-request DataLoaders later.
 */
import type { AlkanaConfig } from "../config.js";
import type { Database } from "../db/database.js";

export interface GraphQLContext {
  database: Database;
  config: AlkanaConfig;
}
