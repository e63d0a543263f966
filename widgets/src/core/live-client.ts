/**
 * A GraphQL subscription over WebSocket (graphql-ws) that keeps itself alive: it reconnects with
 * a growing wait after any drop, sends the token in the `connection_init` payload
 * (`{ authorization: "Bearer …" }`, never in the URL), and after a refused connection (close code
 * 4403) fires `alkana-token-expired` and connects with a fresh token. After a reconnection the
 * widget is told, so that it can fetch what it missed.
 */
import { createClient, type Client } from "graphql-ws/client";
import { credentialsFor, pageSettled, webSocketUrl, type ConfigurationHost } from "./configuration.js";
import { RequestFailure } from "./api-client.js";
import { emit, TOKEN_EXPIRED } from "./events.js";

const FORBIDDEN_CLOSE = 4403;
const RESUBSCRIBE_AFTER_MS = 3_000;

/** `refused`: the token was refused and nobody can give another (a fixed token); waits for a new configuration. */
export type LiveStatus = "connecting" | "live" | "reconnecting" | "refused";

export interface LiveOptions<T> {
  query: string;
  variables: Record<string, unknown>;
  onData(data: T): void;
  onStatus(status: LiveStatus): void;
  /** Called when the connection is back after a drop (events may have been missed). */
  onReconnected(): void;
  /** Called with each token used to connect (widgets read the role from it). */
  onToken?(token: string | undefined): void;
  /** Called when the server ends the subscription with an error (it is started again). */
  onError?(failure: RequestFailure): void;
}

export interface LiveSubscription {
  stop(): void;
}

export function subscribe<T>(host: ConfigurationHost, options: LiveOptions<T>): LiveSubscription {
  let stopped = false;
  let live: LiveSubscription | undefined;
  void pageSettled().then(() => {
    if (!stopped) live = connect(host, options);
  });
  return {
    stop() {
      stopped = true;
      live?.stop();
    },
  };
}

function connect<T>(host: ConfigurationHost, options: LiveOptions<T>): LiveSubscription {
  const credentials = credentialsFor(host);
  let token: string | undefined;
  let refused = false;
  let stopped = false;
  let everConnected = false;
  let unsubscribe: (() => void) | undefined;
  let resubscribeTimer: ReturnType<typeof setTimeout> | undefined;

  const client: Client = createClient({
    url: webSocketUrl(credentials.endpoint),
    lazy: true,
    keepAlive: 15_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(15_000, 500 * 2 ** retries) + Math.random() * 500)),
    connectionParams: async () => {
      token = refused ? await credentials.renew(token) : await credentials.token();
      refused = false;
      options.onToken?.(token);
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    on: {
      connected: () => {
        options.onStatus("live");
        if (everConnected) options.onReconnected();
        everConnected = true;
      },
      closed: (event) => {
        if (stopped) return;
        if ((event as CloseEvent | undefined)?.code === FORBIDDEN_CLOSE) {
          refused = true;
          emit(host, TOKEN_EXPIRED, { channel: "websocket", renewing: credentials.renewable });
          if (!credentials.renewable) {
            options.onStatus("refused");
            stop();
            return;
          }
        }
        options.onStatus(everConnected ? "reconnecting" : "connecting");
      },
    },
  });

  const stop = () => {
    stopped = true;
    clearTimeout(resubscribeTimer);
    unsubscribe?.();
    // dispose() rejects when the connection attempt under way fails: nothing to report then.
    Promise.resolve(client.dispose()).catch(() => undefined);
  };
  const start = () => {
    if (stopped) return;
    options.onStatus(everConnected ? "reconnecting" : "connecting");
    unsubscribe = client.subscribe<T>(
      { query: options.query, variables: options.variables },
      {
        next: (result) => {
          if (result.data) options.onData(result.data as T);
        },
        // A fatal error or the server ending the stream: subscribe again a little later.
        error: (error: unknown) => {
          options.onError?.(subscriptionFailure(error));
          restart();
        },
        complete: () => restart(),
      },
    );
  };
  const restart = () => {
    if (stopped) return;
    clearTimeout(resubscribeTimer);
    resubscribeTimer = setTimeout(start, RESUBSCRIBE_AFTER_MS);
  };

  start();
  return { stop };
}

function subscriptionFailure(error: unknown): RequestFailure {
  if (Array.isArray(error)) return new RequestFailure("failed", error.map((item) => String(item?.message ?? item)).join("; "));
  if (error instanceof Error) return new RequestFailure("failed", error.message);
  const code = (error as { code?: number } | undefined)?.code;
  return new RequestFailure("unreachable", `the live connection closed${code ? ` (${code})` : ""}`);
}
