/**
 * Whole GraphQL responses cached per model version, as an Apollo Server plugin: a repeated read of
 * the model (the same document, operation, variables, viewer scope and as-of date at the same model
 * version) is answered without executing anything — no resolvers, no DataLoaders, no SQL. The
 * per-result cache (graphql/result-cache.ts) already spares the database; this one also spares the
 * execution of the nested rows on the event loop. Documented in docs/api.md, "Caching".
 *
 * Only queries whose every root field is in `MODEL_QUERY_FIELDS` are cached: fields computed purely
 * from the model, which changes only with a load's refresh (and its version bump). Alerts are not
 * among them (`resolveAlert` and the re-evaluation change them without a new version), nor are
 * `health`, `ingestRuns` or introspection. Responses with errors are never stored.
 *
 * Per process, like the result cache: the version comes from the database (model-version.ts), so a
 * load through any process empties every process's cache. A response stored under version v was
 * computed from data at least as new as v (the version was read first), so it is never staler than
 * its key. Bounded by entries and by the size of their JSON, least recently used out first.
 */
import { createHash } from "node:crypto";
import { HeaderMap, type ApolloServerPlugin } from "@apollo/server";
import type { FormattedExecutionResult, OperationDefinitionNode } from "graphql";
import type { AsOfSetting } from "../config.js";
import { businessToday } from "../domain/as-of.js";
import type { GraphQLContext } from "../graphql/context.js";

/** Root query fields derived purely from the model (refreshed by each load). */
export const MODEL_QUERY_FIELDS: ReadonlySet<string> = new Set([
  "abcAnalysis",
  "arAging",
  "arCustomers",
  "arSnapshots",
  "batch",
  "churnRisk",
  "customerSegmentation",
  "dataQuality",
  "dcBatchPositions",
  "deadStock",
  "executiveSummary",
  "fillingYields",
  "leadTimeOrders",
  "leadTimeStageAverages",
  "leadTimeSummary",
  "lossPareto",
  "materialMovements",
  "movementSummary",
  "mtoCompletionTrend",
  "mtoSummary",
  "orderStates",
  "otif",
  "otifDeliveries",
  "otifLines",
  "plantMovements",
  "productionChain",
  "productionFlows",
  "productionFunnel",
  "productionOrder",
  "productionOrders",
  "salesByChannel",
  "salesCustomers",
  "salesSummary",
  "salesTargets",
  "salesTrend",
  "topCustomers",
  "topMovers",
  "topProducts",
  "topSalesmen",
  "weeklyFlows",
  "yieldSummary",
]);

export interface ResponseCacheOptions {
  /** The model version now, or undefined when unknown (then nothing is cached). */
  version: () => number | undefined;
  asOf: AsOfSetting;
  /** Most responses kept. */
  maxEntries?: number;
  /** Most characters of response JSON kept, all entries together. */
  maxChars?: number;
}

export function responseCachePlugin(options: ResponseCacheOptions): ApolloServerPlugin<GraphQLContext> {
  const maxEntries = options.maxEntries ?? 1_000;
  const maxChars = options.maxChars ?? 64 * 1024 * 1024;
  const entries = new Map<string, { result: FormattedExecutionResult; chars: number }>();
  let entriesVersion: number | undefined;
  let chars = 0;

  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    chars -= entry.chars;
    entries.delete(key);
  };
  const atVersion = (version: number) => {
    if (version === entriesVersion) return;
    entries.clear();
    chars = 0;
    entriesVersion = version;
  };

  return {
    async requestDidStart() {
      let key: string | undefined;
      let keyVersion: number | undefined;
      let answered = false;
      return {
        async responseForOperation({ operation, source, operationName, request, contextValue }) {
          const version = options.version();
          if (version === undefined || !readsOnlyTheModel(operation)) return null;
          const { role, plants } = contextValue.viewer;
          // "now" moves at midnight; the data cut-off falls back to today when no MB51 is loaded.
          const asOf = options.asOf.kind === "date" ? options.asOf.date : `${options.asOf.kind}:${businessToday(new Date())}`;
          key = createHash("sha256")
            .update(JSON.stringify([source, operationName ?? null, request.variables ?? {}, role, plants ?? null, asOf]))
            .digest("base64url");
          keyVersion = version;
          atVersion(version);
          const entry = entries.get(key);
          if (!entry) return null;
          // Least recently used goes first: a hit moves to the end.
          entries.delete(key);
          entries.set(key, entry);
          answered = true;
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: "single", singleResult: entry.result } };
        },
        async willSendResponse({ response }) {
          if (answered || key === undefined || keyVersion === undefined) return;
          if (response.body.kind !== "single" || response.body.singleResult.errors) return;
          if (response.http.status !== undefined && response.http.status !== 200) return;
          if (options.version() !== keyVersion) return;
          atVersion(keyVersion);
          const result = response.body.singleResult;
          const size = JSON.stringify(result).length;
          if (size > maxChars) return;
          drop(key);
          entries.set(key, { result, chars: size });
          chars += size;
          while (entries.size > maxEntries || chars > maxChars) drop(entries.keys().next().value!);
        },
      };
    },
  };
}

/** A query whose root selections are all fields of the model (no fragments: they are not looked into). */
function readsOnlyTheModel(operation: OperationDefinitionNode | undefined): boolean {
  if (operation?.operation !== "query") return false;
  return operation.selectionSet.selections.every(
    (selection) => selection.kind === "Field" && (MODEL_QUERY_FIELDS.has(selection.name.value) || selection.name.value === "__typename"),
  );
}
