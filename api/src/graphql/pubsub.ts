/**
 * The publish/subscribe channel behind GraphQL subscriptions (type-graphql 2 takes a
 * `@graphql-yoga/subscription` PubSub; TOOLCHAIN.md §1). Topics and payload types are added here as
 * subscriptions are added.
 */
import { createPubSub } from "@graphql-yoga/subscription";

export function createAlkanaPubSub() {
  return createPubSub();
}

export type AlkanaPubSub = ReturnType<typeof createAlkanaPubSub>;
