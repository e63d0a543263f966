/**
 * Fan-out of live events between API processes (DEVELOPERS.md "Scale"): a load's refresh announces
 * each new alert with NOTIFY (domain/alerts.ts), and every process LISTENs, reads the alert and
 * publishes it to its own subscribers. No process keeps state another one would need.
 */
import { sql } from "kysely";
import { ALERT_CHANNEL, type AlertNotice } from "../domain/alerts.js";
import { alertsById } from "../domain/alert-list.js";
import type { Database } from "../db/database.js";
import { ALERT_RAISED, INGEST_FINISHED, type AlkanaPubSub } from "../graphql/pubsub.js";

export const INGEST_CHANNEL = "alkana_ingest_finished";

export async function startFanOut(database: Database, pubSub: AlkanaPubSub, log: (entry: object) => void) {
  // Channels are per database, not per schema: ignore what another instance in another schema announces.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db);
  const ownSchema = rows[0].schema;
  const stopAlerts = await database.listen(ALERT_CHANNEL, (payload) => {
    void publishAlert(database, pubSub, payload, ownSchema).catch((error: unknown) =>
      log({ time: new Date().toISOString(), level: "error", msg: "alert fan-out failed", error: String(error) }),
    );
  });
  const stopIngest = await database.listen(INGEST_CHANNEL, (payload) => {
    try {
      const { loadIds, schema } = JSON.parse(payload) as { loadIds: number[]; schema?: string };
      if (schema === undefined || schema === ownSchema) pubSub.publish(INGEST_FINISHED, { loadIds });
    } catch {
      log({ time: new Date().toISOString(), level: "warn", msg: "ignored malformed ingest notification" });
    }
  });
  return async () => {
    await stopAlerts();
    await stopIngest();
  };
}

async function publishAlert(database: Database, pubSub: AlkanaPubSub, payload: string, ownSchema: string): Promise<void> {
  const notice = JSON.parse(payload) as AlertNotice;
  if (notice.schema !== undefined && notice.schema !== ownSchema) return;
  const alert = (await alertsById(database.db, [notice.id])).get(notice.id);
  if (alert) pubSub.publish(ALERT_RAISED, alert);
}
