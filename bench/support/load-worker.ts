/**
 * The client side of `npm run bench:api`, in a worker thread of its own so that it never shares an
 * event loop with the API server it measures (the server runs in the main thread).
 *
 * - `http`: `clients` loops, each on its own keep-alive connection (node:http Agent), POST the same
 *   body again and again, autocannon-style: warm-up, then a fixed measured window. A request counts
 *   when it completes inside the window; no loop starts a request after the window closes.
 * - `pg`: the same loops over a `pg.Pool` of `clients` connections, each iteration running the
 *   given statements in order (what the domain function runs for one request).
 * - `ws`: opens `subscribers` graphql-ws sockets (protocol `graphql-transport-ws`), subscribes each,
 *   reports `ready`, then timestamps every `next` message until all arrived or the time is up.
 *
 * Times are `process.hrtime` milliseconds: one monotonic clock for every thread of the process.
 */
import http from "node:http";
import { parentPort, workerData } from "node:worker_threads";
import pg from "pg";
import WebSocket from "ws";

export type LoadJob =
  | { kind: "http"; url: string; body: string; headers: Record<string, string>; clients: number; warmupMs: number; durationMs: number; expect: string }
  | { kind: "pg"; url: string; statements: { sql: string; parameters: unknown[] }[]; clients: number; warmupMs: number; durationMs: number }
  | { kind: "ws"; url: string; token: string; query: string; subscribers: number; connectTimeoutMs: number; openAtOnce: number };

export interface LoadResult {
  /** Latencies (ms) of the responses received inside the measured window. */
  latencies: number[];
  windowMs: number;
  errors: number;
  firstError?: string;
}

export type WsMessage =
  | { type: "ready"; subscribed: number; failed: number; firstError?: string; connectMs: number }
  | { type: "received"; times: number[]; other: number; closed: number; firstOther?: string };

export const now = (): number => Number(process.hrtime.bigint()) / 1e6;

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
/** The value parsing of api/src/db/database.ts: int8 and numeric as numbers, dates as text. */
export const PG_TYPES = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    if (oid === DATE) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

async function loop(clients: number, warmupMs: number, durationMs: number, once: () => Promise<void>): Promise<LoadResult> {
  const measureFrom = now() + warmupMs;
  const measureTo = measureFrom + durationMs;
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const client = async () => {
    while (now() < measureTo) {
      const started = now();
      try {
        await once();
        const ended = now();
        // Every response that arrives inside the window counts (as autocannon counts), whenever
        // its request started: in the steady state that is the throughput, unbiased at the edges.
        if (ended >= measureFrom && ended <= measureTo) latencies.push(ended - started);
      } catch (error) {
        errors += 1;
        firstError ??= String(error);
        if (errors > 100) throw new Error(`more than 100 errors, first: ${firstError}`);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return { latencies, windowMs: durationMs, errors, firstError };
}

async function runHttp(job: Extract<LoadJob, { kind: "http" }>): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.clients, maxFreeSockets: job.clients });
  const url = new URL(job.url);
  const body = Buffer.from(job.body);
  const headers = { ...job.headers, "Content-Type": "application/json", "Content-Length": String(body.length) };
  const post = () =>
    new Promise<void>((resolve, reject) => {
      const request = http.request({ agent, host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          if (response.statusCode !== 200 || text.includes('"errors"') || !text.includes(job.expect)) {
            reject(new Error(`HTTP ${response.statusCode}: ${text.slice(0, 300)}`));
          } else resolve();
        });
        response.on("error", reject);
      });
      request.setTimeout(30_000, () => request.destroy(new Error("request timed out after 30 s")));
      request.on("error", reject);
      request.end(body);
    });
  try {
    return await loop(job.clients, job.warmupMs, job.durationMs, post);
  } finally {
    agent.destroy();
  }
}

async function runPg(job: Extract<LoadJob, { kind: "pg" }>): Promise<LoadResult> {
  const pool = new pg.Pool({ connectionString: job.url, max: job.clients, types: PG_TYPES });
  try {
    // Open every connection before the clock starts, as the API's pool is open before its run.
    const opened = await Promise.all(Array.from({ length: job.clients }, () => pool.connect()));
    for (const client of opened) client.release();
    return await loop(job.clients, job.warmupMs, job.durationMs, async () => {
      for (const statement of job.statements) await pool.query(statement.sql, statement.parameters);
    });
  } finally {
    await pool.end();
  }
}

async function runWs(job: Extract<LoadJob, { kind: "ws" }>): Promise<void> {
  const sockets: WebSocket[] = [];
  const events: { at: number; entity: string | undefined }[] = [];
  let closed = 0;
  let failed = 0;
  let firstError: string | undefined;
  const started = now();

  const open = (index: number) =>
    new Promise<void>((resolve) => {
      const socket = new WebSocket(job.url, "graphql-transport-ws");
      sockets.push(socket);
      let subscribed = false;
      const fail = (reason: string) => {
        if (subscribed) return;
        subscribed = true;
        failed += 1;
        firstError ??= reason;
        resolve();
      };
      const timer = setTimeout(() => fail("no connection_ack in time"), job.connectTimeoutMs);
      socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${job.token}` } })));
      socket.on("message", (data) => {
        const at = now();
        const message = JSON.parse(String(data)) as { type: string; id?: string; payload?: unknown };
        if (message.type === "connection_ack") {
          socket.send(JSON.stringify({ id: `s${index}`, type: "subscribe", payload: { query: job.query } }));
          subscribed = true;
          clearTimeout(timer);
          resolve();
        } else if (message.type === "ping") {
          socket.send(JSON.stringify({ type: "pong" }));
        } else if (message.type === "next" || message.type === "error") {
          const payload = message.payload as { data?: { alertRaised?: { entity?: string } } } | undefined;
          events.push({ at, entity: message.type === "next" ? payload?.data?.alertRaised?.entity : JSON.stringify(message).slice(0, 300) });
        }
      });
      socket.on("error", (error) => fail(String(error)));
      socket.on("close", (code) => {
        clearTimeout(timer);
        if (!subscribed) fail(`closed with ${code} before connection_ack`);
        else closed += 1;
      });
    });

  // A bounded number of handshakes at a time: the listen backlog is finite.
  for (let next = 0; next < job.subscribers; next += job.openAtOnce) {
    await Promise.all(Array.from({ length: Math.min(job.openAtOnce, job.subscribers - next) }, (_, i) => open(next + i)));
  }
  parentPort!.postMessage({ type: "ready", subscribed: job.subscribers - failed, failed, firstError, connectMs: now() - started } satisfies WsMessage);

  parentPort!.on("message", async (command: { type: "collect"; timeoutMs: number; expected: number; entity: string } | { type: "close" }) => {
    if (command.type === "collect") {
      // Every `next` is timestamped as it arrives; this only waits for the expected alert's copies.
      const deadline = now() + command.timeoutMs;
      const count = () => events.filter((event) => event.entity === command.entity).length;
      while (count() < command.expected && now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      const times = events.filter((event) => event.entity === command.entity).map((event) => event.at);
      const others = events.filter((event) => event.entity !== command.entity);
      parentPort!.postMessage({ type: "received", times, other: others.length, closed, firstOther: others[0]?.entity } satisfies WsMessage);
    } else {
      await Promise.all(
        sockets.map(
          (socket) =>
            new Promise<void>((resolve) => {
              if (socket.readyState === WebSocket.CLOSED) return resolve();
              socket.once("close", () => resolve());
              socket.close(1000);
              setTimeout(() => {
                socket.terminate();
                resolve();
              }, 2000).unref();
            }),
        ),
      );
      parentPort!.close();
    }
  });
}

if (parentPort && workerData) {
  const job = workerData as LoadJob;
  if (job.kind === "ws") {
    await runWs(job);
  } else {
    const result = job.kind === "http" ? await runHttp(job) : await runPg(job);
    parentPort.postMessage(result);
  }
}
