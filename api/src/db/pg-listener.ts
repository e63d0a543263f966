/**
 * A LISTEN connection to PostgreSQL that survives the connection dropping (a server restart, a
 * failover, an idle-killing proxy): on an error or an unexpected end it reconnects with a growing
 * pause (0.5 s doubling to 30 s) and LISTENs again. Without this, a dropped LISTEN connection raises
 * an unhandled `error` event and takes the whole API process down.
 *
 * Notices sent while the connection is down are lost (PostgreSQL does not keep them); what depends
 * on them must also poll (the model version is re-read every few seconds: server/model-version.ts).
 */
import pg from "pg";

export interface PgListener {
  /** Stops listening and closes the connection; no reconnection afterwards. */
  stop(): Promise<void>;
}

export interface PgListenerOptions {
  /** Told about every drop and reconnection (default: one line on stderr). */
  report?: (message: string) => void;
  /** First pause before reconnecting, in ms (doubles up to `maxDelayMs`). */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/** Connects, LISTENs on `channel` and calls `onPayload` with each notice's payload. */
export async function startPgListener(
  databaseUrl: string,
  channel: string,
  onPayload: (payload: string) => void,
  options: PgListenerOptions = {},
): Promise<PgListener> {
  const report = options.report ?? ((message: string) => console.error(`alkana: ${message}`));
  const initialDelay = options.initialDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 30_000;
  let stopped = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let delay = initialDelay;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: databaseUrl });
    let lost = false;
    const onLost = (reason: string) => {
      if (lost || stopped) return;
      lost = true;
      next.removeAllListeners("notification");
      next.end().catch(() => undefined);
      report(`LISTEN ${channel}: connection lost (${reason}); reconnecting in ${delay} ms`);
      schedule();
    };
    // An error before or after connecting must never be unhandled: it would end the process.
    next.on("error", (error) => onLost(error.message));
    next.on("end", () => onLost("connection ended"));
    next.on("notification", (message) => {
      if (message.channel === channel) onPayload(message.payload ?? "");
    });
    await next.connect();
    await next.query(`listen ${pg.escapeIdentifier(channel)}`);
    client = next;
  };

  const schedule = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect().then(
        () => {
          report(`LISTEN ${channel}: reconnected`);
          delay = initialDelay;
        },
        (error: Error) => {
          delay = Math.min(delay * 2, maxDelay);
          report(`LISTEN ${channel}: reconnecting failed (${error.message}); next try in ${delay} ms`);
          schedule();
        },
      );
    }, delay);
    retry.unref();
  };

  await connect();
  return {
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      retry = undefined;
      await client?.end().catch(() => undefined);
    },
  };
}
