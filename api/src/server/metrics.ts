/**
 * Prometheus metrics at `/metrics` (prom-client): process defaults, HTTP requests by route and
 * status with their duration, GraphQL operations by outcome, open subscriptions, and the time of the
 * last successful load (read from the database when scraped, so every process reports the same).
 */
import type { ApolloServerPlugin } from "@apollo/server";
import type express from "express";
import { sql } from "kysely";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Database } from "../db/database.js";

export interface Metrics {
  registry: Registry;
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  graphqlPlugin: ApolloServerPlugin;
  subscriptionOpened(): void;
  subscriptionClosed(): void;
}

export function createMetrics(database: Database): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "alkana_" });
  const requests = new Counter({
    name: "alkana_http_requests_total",
    help: "HTTP requests by method, route and status.",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "alkana_http_request_duration_seconds",
    help: "HTTP request duration by route.",
    labelNames: ["route"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const operations = new Counter({
    name: "alkana_graphql_operations_total",
    help: "GraphQL operations by type and outcome.",
    labelNames: ["type", "outcome"] as const,
    registers: [registry],
  });
  const subscriptions = new Gauge({
    name: "alkana_graphql_subscriptions_open",
    help: "Open GraphQL WebSocket connections of this process.",
    registers: [registry],
  });
  new Gauge({
    name: "alkana_last_load_timestamp_seconds",
    help: "When the last file was loaded successfully (Unix time).",
    registers: [registry],
    async collect() {
      const { rows } = await sql<{ at: Date | null }>`
        select max(started_at) as at from load_run where status = 'LOADED'`.execute(database.db);
      this.set(rows[0].at ? rows[0].at.getTime() / 1000 : 0);
    },
  });
  return {
    registry,
    observeRequest(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) });
      duration.observe({ route }, seconds);
    },
    graphqlPlugin: {
      async requestDidStart() {
        return {
          async willSendResponse({ operation, errors }) {
            operations.inc({ type: operation?.operation ?? "unknown", outcome: errors?.length ? "error" : "ok" });
          },
        };
      },
    },
    subscriptionOpened: () => subscriptions.inc(),
    subscriptionClosed: () => subscriptions.dec(),
  };
}

export function mountMetricsRoute(app: express.Express, metrics: Metrics): void {
  app.get("/metrics", async (_req, res) => {
    res.set("Content-Type", metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
