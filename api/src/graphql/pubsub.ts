/**
 * The in-process publish/subscribe channel behind GraphQL subscriptions (type-graphql 2 takes a
 * `@graphql-yoga/subscription` PubSub; TOOLCHAIN.md §1). It only carries what this process heard
 * from PostgreSQL LISTEN (server/fan-out.ts), so every API process publishes every event.
 */
import { setMaxListeners } from "node:events";
import { createPubSub } from "@graphql-yoga/subscription";
import type { AlertRecord } from "../domain/alert-list.js";

export const ALERT_RAISED = "ALERT_RAISED";
export const INGEST_FINISHED = "INGEST_FINISHED";

export interface IngestFinishedEvent {
  loadIds: number[];
}

export function createAlkanaPubSub() {
  // Every subscription is one listener on its topic: thousands are expected, not a leak, so Node's
  // MaxListenersExceededWarning (past 10 per event type) is turned off for this target.
  const eventTarget = new EventTarget();
  setMaxListeners(0, eventTarget);
  return createPubSub<{
    [ALERT_RAISED]: [AlertRecord];
    [INGEST_FINISHED]: [IngestFinishedEvent];
  }>({ eventTarget });
}

export type AlkanaPubSub = ReturnType<typeof createAlkanaPubSub>;
