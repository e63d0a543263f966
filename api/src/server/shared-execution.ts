/**
 * Subscriptions that share their execution: graphql-js executes a subscription's selection set once
 * per subscriber for every event, so an alert reaching 1,000 subscribers of the same document was
 * executed 1,000 times (about 0.5 ms each; `npm run bench:api`). Here each subscriber keeps its own
 * source stream (the PubSub iterator with its own filter: what it may receive stays per subscriber),
 * and the execution of an event is shared by every subscriber with the same document, operation,
 * variables and viewer scope (role and plants), the only inputs besides the event that the result
 * depends on. The sharing lasts as long as the event object does (a WeakMap keyed by the payload,
 * which the PubSub hands to every subscriber as the same object).
 *
 * Used as graphql-ws's `subscribe` option in place of graphql-js's `subscribe`.
 */
import { createSourceEventStream, execute, print, type ExecutionArgs, type ExecutionResult } from "graphql";
import type { GraphQLContext } from "../graphql/context.js";

type Executed = ExecutionResult | Promise<ExecutionResult>;

export function createSharedSubscribe() {
  const executions = new WeakMap<object, Map<string, Executed>>();
  return async function subscribe(args: ExecutionArgs): Promise<AsyncGenerator<ExecutionResult> | ExecutionResult> {
    const stream = await createSourceEventStream(args);
    if (!isAsyncIterable(stream)) return stream;
    const key = shareKey(args);
    return mapEvents(stream, (payload) => {
      if (typeof payload !== "object" || payload === null) return execute({ ...args, rootValue: payload });
      let byKey = executions.get(payload);
      if (!byKey) executions.set(payload, (byKey = new Map()));
      let executed = byKey.get(key);
      if (!executed) byKey.set(key, (executed = execute({ ...args, rootValue: payload })));
      return executed;
    });
  };
}

/** Everything besides the event that the execution reads: the operation and who asks. */
function shareKey(args: ExecutionArgs): string {
  const viewer = (args.contextValue as GraphQLContext | undefined)?.viewer;
  return JSON.stringify([
    print(args.document),
    args.operationName ?? null,
    args.variableValues ?? null,
    viewer ? [viewer.role, viewer.plants ? [...viewer.plants].sort() : null] : null,
  ]);
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value;
}

/**
 * The source stream with each event mapped, as graphql-js maps it: `return()` reaches the source at
 * once (an async generator function would hold it until the next event arrived, keeping a closed
 * subscription's PubSub listener until then).
 */
function mapEvents(source: AsyncIterable<unknown>, map: (payload: unknown) => Executed): AsyncGenerator<ExecutionResult> {
  const iterator = source[Symbol.asyncIterator]();
  const close = async () => {
    await iterator.return?.();
  };
  const mapped = async (result: IteratorResult<unknown>): Promise<IteratorResult<ExecutionResult>> => {
    if (result.done) return { done: true, value: undefined };
    try {
      return { done: false, value: await map(result.value) };
    } catch (error) {
      await close().catch(() => undefined);
      throw error;
    }
  };
  const generator: AsyncGenerator<ExecutionResult> = {
    next: async () => mapped(await iterator.next()),
    return: async () => {
      await close();
      return { done: true, value: undefined };
    },
    throw: async (error: unknown) => {
      if (iterator.throw) return mapped(await iterator.throw(error));
      await close();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return generator;
    },
  } as AsyncGenerator<ExecutionResult>;
  return generator;
}
