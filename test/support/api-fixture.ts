/**
 * A running API over a database with real samples loaded through the same refresh hook the CLI and
 * the server use; tokens signed with the fixture's secret; GraphQL over real HTTP.
 */
import type { AddressInfo } from "node:net";
import { readConfig, type AlkanaConfig } from "../../api/src/config.js";
import type { Database } from "../../api/src/db/database.js";
import { refreshAfterLoad } from "../../api/src/domain/refresh.js";
import { signToken, type Role } from "../../api/src/graphql/auth.js";
import { loadFile } from "../../api/src/ingest/load.js";
import { startServer, type RunningServer } from "../../api/src/server/app.js";
import type { TestBackend } from "./databases.js";
import { SAMPLE_FACTS, sample } from "./samples.js";

export const FIXTURE_SECRET = "alkana-test-fixture-secret-0123456789";

export interface GraphQLResult {
  // Tests read deep into results; the schema is checked by the server.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data?: Record<string, any>;
  errors?: { message: string; extensions: { code: string } }[];
}

export interface ApiFixture {
  database: Database;
  server: RunningServer;
  base: string;
  port: number;
  config: AlkanaConfig;
  token(role?: Role, plants?: string[], ttl?: string): Promise<string>;
  graphql(query: string, options?: { token?: string; variables?: Record<string, unknown> }): Promise<GraphQLResult>;
  close(): Promise<void>;
}

/** Loads sample files (with the model refresh) into a database. */
export async function loadSamples(database: Database, files: string[], config: AlkanaConfig): Promise<void> {
  for (const file of files) {
    const report = await loadFile(database, sample(file), {
      allowRejects: false,
      decimalComma: false,
      dateOrder: "MDY",
      loadedBy: "test",
      ...SAMPLE_FACTS,
      afterMerge: refreshAfterLoad(config),
    });
    if (report.status !== "LOADED") throw new Error(`${file} was rejected: ${JSON.stringify(report.errors.slice(0, 3))}`);
  }
}

export async function startApiFixture(
  backend: TestBackend,
  options: { files: string[]; env?: Record<string, string>; wrap?: (database: Database) => Database },
): Promise<ApiFixture> {
  const config = readConfig({ ALKANA_JWT_SECRET: FIXTURE_SECRET, ...options.env });
  const database = await backend.open();
  await loadSamples(database, options.files, config);
  const server = await startServer({
    database: options.wrap ? options.wrap(database) : database,
    config,
    port: 0,
    host: "127.0.0.1",
    log: () => undefined,
  });
  const port = (server.httpServer.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  const token = (role: Role = "viewer", plants?: string[], ttl = "1h") =>
    signToken(new TextEncoder().encode(FIXTURE_SECRET), { sub: `${role}@test`, role, plants }, ttl);
  return {
    database,
    server,
    base,
    port,
    config,
    token,
    async graphql(query, { token: bearer, variables } = {}) {
      const response = await fetch(`${base}/graphql`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${bearer ?? (await token())}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResult;
    },
    async close() {
      await server.close();
      await database.close();
    },
  };
}
