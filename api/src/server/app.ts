/**
 * The HTTP and WebSocket server: one Express 5 app on one `http.Server`, serving
 *   POST /graphql   GraphQL over HTTP (Apollo Server 5)
 *   WS   /graphql   GraphQL over WebSocket (graphql-ws protocol), same port and path
 *   GET  /graphiql  self-hosted GraphiQL (no CDN: works offline)
 *   GET  /health    JSON status, 200 or 503
 *   GET  /          the example portal (static.ts)
 * with one structured JSON log line per request (TOOLCHAIN.md §4).
 *
 * Signals are the caller's business: Apollo's own SIGINT/SIGTERM handlers are off, so that the
 * caller can `close()` the server and then the database (and release the PGlite folder lock).
 */
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
import cors from "cors";
import express, { type ErrorRequestHandler, type RequestHandler } from "express";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { AlkanaConfig } from "../config.js";
import type { Database } from "../db/database.js";
import { GraphQLError, specifiedRules, validate } from "graphql";
import { AuthError, createTokenVerifier, type TokenVerifier, type Viewer } from "../graphql/auth.js";
import { createContext, type GraphQLContext } from "../graphql/context.js";
import { readHealth } from "../graphql/health.js";
import { createAlkanaPubSub, type AlkanaPubSub } from "../graphql/pubsub.js";
import { createVersionedResultCache, UNCACHED } from "../graphql/result-cache.js";
import { buildAlkanaSchema } from "../graphql/schema.js";
import { startFanOut } from "./fan-out.js";
import { costLimit, depthLimit } from "./limits.js";
import { createMetrics, mountMetricsRoute, type Metrics } from "./metrics.js";
import { persistedQueryCache } from "./persisted-queries.js";
import { scheduleReevaluation } from "./reevaluate.js";
import { mountIngestRoute } from "./ingest-route.js";
import { mountExportRoutes } from "./export-route.js";
import { mountStaticRoutes } from "./static.js";
import { trackModelVersion } from "./model-version.js";
import { responseCachePlugin } from "./response-cache.js";
import { createSharedSubscribe } from "./shared-execution.js";

export type LogFunction = (entry: object) => void;

export interface StartServerOptions {
  database: Database;
  config: AlkanaConfig;
  /** 0 picks a free port; read the real one from `url` or `httpServer.address()`. */
  port: number;
  /** Interface to bind; default all interfaces. */
  host?: string;
  /** Receives one object per request; default: one JSON line on stdout. */
  log?: LogFunction;
  /** The PubSub behind subscriptions; pass the one your publishers use (default: a new one). */
  pubSub?: AlkanaPubSub;
  /**
   * Share read results and whole responses per model version (default true; responses also need
   * `config.responseCache`); false reads the database and executes every request.
   */
  cacheResults?: boolean;
}

export interface RunningServer {
  /** Base URL, e.g. `http://localhost:4000/`. */
  url: string;
  httpServer: http.Server;
  /** Stops Apollo, the WebSocket server and the HTTP server. Does not close the database. Idempotent. */
  close(): Promise<void>;
}

const JSON_BODY_LIMIT = "1mb";
const WS_MAX_PAYLOAD_BYTES = 1024 * 1024;

export const defaultLog: LogFunction = (entry) => {
  process.stdout.write(`${JSON.stringify(entry)}\n`);
};

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { database, config } = options;
  const log = options.log ?? defaultLog;
  const development = process.env.NODE_ENV === "development";
  const pubSub = options.pubSub ?? createAlkanaPubSub();
  const schema = await buildAlkanaSchema({ pubSub });
  const modelVersion = await trackModelVersion(database, log);
  const results = options.cacheResults === false ? UNCACHED : createVersionedResultCache({ version: modelVersion.current });
  const stopFanOut = await startFanOut(database, pubSub, log);
  const stopReevaluation = scheduleReevaluation(database, config, log);
  const verifier = await createTokenVerifier(config, database.db);
  const context = async ({ req }: { req: express.Request }): Promise<GraphQLContext> =>
    createContext(database, config, await verifyOrThrow(verifier, req.headers.authorization), results);

  const app = express();
  app.disable("x-powered-by");
  const httpServer = http.createServer(app);
  // Keep idle connections longer than clients and load balancers do (they close first), so that a
  // client never reuses a socket the server is closing at that moment.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;

  const metrics = createMetrics(database);
  const wsServer = new WebSocketServer({ server: httpServer, path: "/graphql", maxPayload: WS_MAX_PAYLOAD_BYTES });
  const viewers = new WeakMap<object, Viewer>();
  const wsCleanup = useServer(
    {
      schema,
      validate: (schemaToValidate, document) => validate(schemaToValidate, document, [...specifiedRules, depthLimit()]),
      // One execution per event for all subscribers of the same operation and viewer scope.
      subscribe: createSharedSubscribe(),
      onClose: () => metrics.subscriptionClosed(),
      // The token travels in connection_init, never in the URL; a bad one closes the socket with 4403.
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        try {
          viewers.set(ctx.extra, await verifier.verify(typeof authorization === "string" ? authorization : undefined));
          metrics.subscriptionOpened();
          return true;
        } catch {
          return false;
        }
      },
      context: (ctx) => createContext(database, config, viewers.get(ctx.extra)!, results),
    },
    wsServer,
  );

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    csrfPrevention: true,
    introspection: config.introspection,
    validationRules: [depthLimit()],
    persistedQueries: { cache: persistedQueryCache(database.db) },
    includeStacktraceInErrorResponses: development,
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are set or served: skip the per-field cache-control bookkeeping.
      ApolloServerPluginCacheControlDisabled(),
      costLimit(),
      metrics.graphqlPlugin,
      ...(options.cacheResults !== false && config.responseCache
        ? [responseCachePlugin({ version: modelVersion.current, asOf: config.asOf })]
        : []),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose();
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.use(requestLogger(log, metrics));
  mountMetricsRoute(app, metrics);
  app.use("/graphql", cors(), express.json({ limit: JSON_BODY_LIMIT }), expressMiddleware(apollo, { context }));

  // In the zero-setup demo GraphiQL comes with a viewer token; otherwise users paste theirs under Headers.
  const graphiqlHeaders = verifier.demo
    ? JSON.stringify({ Authorization: `Bearer ${await verifier.sign({ sub: "graphiql-demo", role: "viewer" }, "30d")}` }, null, 2)
    : JSON.stringify({ Authorization: "Bearer <your token>" }, null, 2);
  const graphiql = prepareHtml(
    renderGraphiQL({ endpoint: "/graphql", subscriptionsProtocol: "WS", headers: graphiqlHeaders, title: "Alkana Analytics — GraphiQL" }),
  );
  app.get("/graphiql", (_req, res) => {
    res.set({ "Content-Type": "text/html; charset=utf-8", ETag: graphiql.etag, "Cache-Control": "no-cache" });
    res.send(graphiql.body);
  });

  app.get("/health", async (_req, res) => {
    const health = await readHealth(database);
    res
      .status(health.ok ? 200 : 503)
      .set("Cache-Control", "no-store")
      .json({ status: health.ok ? "ok" : "error", database: health.database, lastLoadAt: health.lastLoadAt });
  });

  if (verifier.demo) {
    // Zero-setup demo only: the example portal asks here for a viewer token. Absent once auth is configured.
    app.get("/demo/token", async (_req, res) => {
      const token = await verifier.sign({ sub: "demo-viewer", role: "viewer" }, "8h");
      res.set("Cache-Control", "no-store").json({ token });
    });
  }

  // After a load through this process, its next request sees the new model at once.
  mountIngestRoute(app, { database, config, verifier, afterLoads: modelVersion.refresh });
  mountExportRoutes(app, { database, config, verifier });
  mountStaticRoutes(app);
  app.use(notFound);
  app.use(errorHandler(development, log));

  try {
    await listen(httpServer, options.port, options.host);
  } catch (error) {
    await apollo.stop().catch(() => undefined);
    await stopFanOut().catch(() => undefined);
    await modelVersion.stop().catch(() => undefined);
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    url: baseUrl(httpServer, options.host),
    httpServer,
    close() {
      closing ??= (async () => {
        // Apollo's drain plugin closes the HTTP server (idle keep-alive sockets at once, the rest
        // after a grace period); our drainServer hook above closes every socket and the ws server.
        stopReevaluation();
        await stopFanOut().catch(() => undefined);
        await modelVersion.stop().catch(() => undefined);
        await apollo.stop();
        await Promise.resolve()
          .then(() => wsCleanup.dispose())
          .catch(() => undefined); // already disposed by the drain hook
        if (httpServer.listening) {
          await new Promise<void>((resolve) => httpServer.close(() => resolve()));
        }
      })();
      return closing;
    },
  };
}

async function verifyOrThrow(verifier: TokenVerifier, authorization: string | undefined): Promise<Viewer> {
  try {
    return await verifier.verify(authorization);
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    throw new GraphQLError(error.message, {
      extensions: { code: "UNAUTHENTICATED", reason: error.failure, http: { status: 401 } },
    });
  }
}

function requestLogger(log: LogFunction, metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      const entry: Record<string, unknown> = {
        time: new Date().toISOString(),
        level: res.statusCode >= 500 ? "error" : "info",
        msg: "request",
        method: req.method,
        // Without the query string: tokens or filters have no business in the logs.
        path: req.originalUrl.split("?")[0],
        status: res.statusCode,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
      };
      if (!res.writableFinished) entry.aborted = true;
      log(entry);
      metrics.observeRequest(req.method, routeOf(req.path), res.statusCode, (entry.ms as number) / 1000);
    };
    res.once("finish", done);
    res.once("close", done);
    next();
  };
}

/** A bounded label for metrics: the route, never the raw path. */
function routeOf(path: string): string {
  if (path.startsWith("/export/")) return "/export";
  if (path.startsWith("/widgets/")) return "/widgets";
  const known = ["/graphql", "/graphiql", "/health", "/metrics", "/ingest", "/demo/token", "/"];
  return known.includes(path) ? path : "other";
}

const notFound: RequestHandler = (req, res) => {
  res.status(404).json({ error: "Not found", path: req.path });
};

function errorHandler(development: boolean, log: LogFunction): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = typeof error?.status === "number" && error.status >= 400 && error.status < 600 ? error.status : 500;
    const expose = status < 500 || development;
    if (status >= 500) {
      log({ time: new Date().toISOString(), level: "error", msg: "unhandled error", error: String(error?.stack ?? error) });
    }
    res.status(status).json({
      error: expose && error instanceof Error ? error.message : http.STATUS_CODES[status] ?? "Error",
      ...(development && error instanceof Error ? { stack: error.stack } : {}),
    });
  };
}

function prepareHtml(html: string): { body: Buffer; etag: string } {
  const body = Buffer.from(html, "utf8");
  const etag = `"${createHash("sha1").update(body).digest("base64url")}"`;
  return { body, etag };
}

function listen(server: http.Server, port: number, host: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve();
    });
  });
}

function baseUrl(server: http.Server, host: string | undefined): string {
  const { port } = server.address() as AddressInfo;
  let name = host && host !== "0.0.0.0" && host !== "::" ? host : "localhost";
  if (name.includes(":")) name = `[${name}]`;
  return `http://${name}:${port}/`;
}
