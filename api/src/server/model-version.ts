/**
 * This process's view of the model version (domain/refresh.ts): LISTENs on `alkana_model_changed`
 * first, then reads the committed version, so no announcement falls between the two; afterwards
 * each NOTIFY moves it on. A periodic read is the safety net should a notification ever be missed
 * (a dropped LISTEN connection): the version is then at most `checkEveryMs` behind. Until the first
 * read succeeds, or after a read fails, the version is unknown and nothing is cached.
 */
import { sql } from "kysely";
import type { Database } from "../db/database.js";
import { MODEL_CHANNEL, readModelVersion, type ModelVersionNotice } from "../domain/refresh.js";

export interface ModelVersionTracker {
  /** The latest committed model version this process knows of; undefined when unknown. */
  current(): number | undefined;
  /** Reads the committed version now (after a load through this process: read-your-writes). */
  refresh(): Promise<void>;
  stop(): Promise<void>;
}

export async function trackModelVersion(
  database: Database,
  log: (entry: object) => void,
  options: { checkEveryMs?: number } = {},
): Promise<ModelVersionTracker> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db);
  const ownSchema = rows[0].schema;
  let version: number | undefined;
  const advance = (seen: number) => {
    if (version === undefined || seen > version) version = seen;
  };
  const stopListening = await database.listen(MODEL_CHANNEL, (payload) => {
    try {
      const notice = JSON.parse(payload) as ModelVersionNotice;
      if (notice.schema === ownSchema) advance(Number(notice.version));
    } catch {
      log({ time: new Date().toISOString(), level: "warn", msg: "ignored malformed model version notification" });
    }
  });
  const refresh = async () => {
    try {
      advance(await readModelVersion(database.db));
    } catch (error) {
      version = undefined;
      log({ time: new Date().toISOString(), level: "error", msg: "reading the model version failed; results are not cached", error: String(error) });
    }
  };
  await refresh();
  const timer = setInterval(() => void refresh(), options.checkEveryMs ?? 5_000);
  timer.unref();
  return {
    current: () => version,
    refresh,
    async stop() {
      clearInterval(timer);
      await stopListening();
    },
  };
}
