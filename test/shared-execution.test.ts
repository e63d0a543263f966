/**
 * Subscriptions sharing their execution (api/src/server/shared-execution.ts): one execution per event
 * for subscribers with the same operation and viewer scope, separate ones otherwise, each subscriber
 * still filtered on its own, and a closed subscription leaves the PubSub at once.
 */
import { GraphQLObjectType, GraphQLSchema, GraphQLString, parse, type ExecutionResult } from "graphql";
import { filter, pipe, type Repeater } from "@graphql-yoga/subscription";
import { describe, expect, it } from "vitest";
import { createAlkanaPubSub } from "../api/src/graphql/pubsub.js";
import { createSharedSubscribe } from "../api/src/server/shared-execution.js";

interface Event {
  plant: string;
  text: string;
}

function fixture() {
  const pubSub = createAlkanaPubSub();
  let listeners = 0;
  let executions = 0;
  const topic = "EVENT";
  const publish = (event: Event) => (pubSub.publish as (topic: string, payload: Event) => void)(topic, event);
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: "Query", fields: { ok: { type: GraphQLString } } }),
    subscription: new GraphQLObjectType({
      name: "Subscription",
      fields: {
        event: {
          type: GraphQLString,
          args: { plant: { type: GraphQLString } },
          // As type-graphql builds it: the PubSub's Repeater, piped through the subscriber's filter.
          subscribe: (_root, args: { plant?: string }) => {
            listeners += 1;
            const source = (pubSub.subscribe as (topic: string) => Repeater<Event>)(topic);
            const stopped = source.return.bind(source);
            source.return = (value?: unknown) => {
              listeners -= 1;
              return stopped(value as Event);
            };
            return pipe(
              source,
              filter((event: Event) => !args.plant || event.plant === args.plant),
            );
          },
          resolve: (event: Event, _args, context: { viewer: { role: string; plants?: string[] } }) => {
            executions += 1;
            return `${event.text} for ${context.viewer.role}`;
          },
        },
      },
    }),
  });
  const subscribe = createSharedSubscribe();
  const open = async (query: string, viewer: { role: string; plants?: string[] }) => {
    const stream = (await subscribe({ schema, document: parse(query), contextValue: { viewer } })) as AsyncGenerator<ExecutionResult>;
    return stream;
  };
  return { open, publish, executions: () => executions, listeners: () => listeners };
}

describe("shared subscription execution", () => {
  it("executes an event once for subscribers of the same operation and scope, once per other scope", async () => {
    const { open, publish, executions } = fixture();
    const viewers = [{ role: "viewer" }, { role: "viewer" }, { role: "viewer" }, { role: "admin" }];
    const streams = await Promise.all(viewers.map((viewer) => open("subscription { event }", viewer)));
    const nexts = streams.map((stream) => stream.next());
    await new Promise((resolve) => setTimeout(resolve, 10));
    publish({ plant: "1401", text: "raised" });
    const results = await Promise.all(nexts);
    expect(results.map((result) => result.value)).toEqual([
      { data: { event: "raised for viewer" } },
      { data: { event: "raised for viewer" } },
      { data: { event: "raised for viewer" } },
      { data: { event: "raised for admin" } },
    ]);
    expect(executions()).toBe(2);
    await Promise.all(streams.map((stream) => stream.return(undefined)));
  });

  it("keeps each subscriber's own filter and leaves the PubSub as soon as it is closed", async () => {
    const { open, publish, listeners } = fixture();
    const at1401 = await open('subscription { event(plant: "1401") }', { role: "viewer" });
    const at1201 = await open('subscription { event(plant: "1201") }', { role: "viewer" });
    const first = at1401.next();
    const other = at1201.next();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(listeners()).toBe(2);
    publish({ plant: "1201", text: "at 1201" });
    publish({ plant: "1401", text: "at 1401" });
    expect((await first).value).toEqual({ data: { event: "at 1401 for viewer" } });
    expect((await other).value).toEqual({ data: { event: "at 1201 for viewer" } });
    // Closed while waiting for an event: the source is told at once, not at the next event.
    const waiting = at1401.next();
    await at1401.return(undefined);
    expect(await waiting).toEqual({ done: true, value: undefined });
    await at1201.return(undefined);
    expect(listeners()).toBe(0);
  });
});
