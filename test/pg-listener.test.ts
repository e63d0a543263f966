/**
 * The LISTEN connection comes back by itself when PostgreSQL drops it (here: the server terminates
 * its backend, as a restart or an idle-killing proxy would), reports the drop instead of crashing
 * the process, and receives notices again. Runs when DATABASE_URL is set (PGlite has no network
 * connection to lose).
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { startPgListener } from "../api/src/db/pg-listener.js";

const url = process.env.DATABASE_URL;

describe.skipIf(!url)("LISTEN connection on PostgreSQL", () => {
  it("reconnects after its backend is terminated and receives notices again", async () => {
    const channel = `test_listener_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
    const received: string[] = [];
    const reports: string[] = [];
    const listener = await startPgListener(url!, channel, (payload) => received.push(payload), {
      report: (message) => reports.push(message),
      initialDelayMs: 50,
    });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query("select pg_notify($1, 'before')", [channel]);
      await waitFor(() => received.includes("before"));

      const { rows } = await admin.query<{ pid: number }>(
        "select pid from pg_stat_activity where query = $1",
        [`listen ${pg.escapeIdentifier(channel)}`],
      );
      expect(rows).toHaveLength(1);
      await admin.query("select pg_terminate_backend($1)", [rows[0].pid]);
      await waitFor(() => reports.some((report) => report.includes("reconnected")));
      expect(reports[0]).toMatch(new RegExp(`LISTEN ${channel}: connection lost`));

      await admin.query("select pg_notify($1, 'after')", [channel]);
      await waitFor(() => received.includes("after"));
      expect(received).toEqual(["before", "after"]);
    } finally {
      await listener.stop();
      await admin.end();
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
