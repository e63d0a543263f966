/**
 * Read results cached per model version. The model changes only when a load refreshes it, and each
 * refresh bumps `model_version` in the load's transaction (domain/refresh.ts); so a result computed
 * at version v (as-of date, lead-time summary, a list's count) stays right until the version moves,
 * and every request at that version can share it. The cache is this process's optimisation only:
 * the version comes from the database (server/model-version.ts keeps it current from NOTIFY), so a
 * load through any process empties every process's cache, and nothing here is needed by another.
 *
 * Safe under races: the version is read (committed, from the database) before the data, so data read
 * for version v is at least as new as v; at worst a newer result sits under an older version.
 * Entries are promises: concurrent requests for the same key share one computation. Cached results
 * are shared between requests, so resolvers must never mutate them.
 *
 *   const summary = await context.results.remember("leadTimeSummary", { asOf, filter }, () => leadTimeSummary(db, filter, asOf, config));
 */

export interface ResultCache {
  /**
   * The result of `compute` for (`kind`, `key`) at the current model version, computed once.
   * `key` is JSON-serialised: it must hold everything the result depends on besides the version
   * (as-of date, filter, the viewer's plant scope). `keep` can refuse to cache a value.
   */
  remember<T>(kind: string, key: unknown, compute: () => Promise<T>, keep?: (value: T) => boolean): Promise<T>;
}

/** No caching: every call computes (tests, the benchmark's SQL capture, a process with no version). */
export const UNCACHED: ResultCache = {
  remember: (_kind, _key, compute) => compute(),
};

export interface VersionedResultCacheOptions {
  /** The model version now, or undefined when unknown (then nothing is cached). */
  version: () => number | undefined;
  /** Entries kept per version; the oldest goes first. */
  maxEntries?: number;
}

export function createVersionedResultCache(options: VersionedResultCacheOptions): ResultCache & { readonly size: number } {
  const maxEntries = options.maxEntries ?? 10_000;
  const entries = new Map<string, Promise<unknown>>();
  let entriesVersion: number | undefined;
  return {
    get size() {
      return entries.size;
    },
    remember<T>(kind: string, key: unknown, compute: () => Promise<T>, keep?: (value: T) => boolean): Promise<T> {
      const version = options.version();
      if (version === undefined) return compute();
      if (version !== entriesVersion) {
        entries.clear();
        entriesVersion = version;
      }
      const id = `${kind}\u0000${JSON.stringify(key)}`;
      const cached = entries.get(id) as Promise<T> | undefined;
      if (cached) return cached;
      const computing = compute();
      entries.set(id, computing);
      const forget = () => {
        if (entries.get(id) === computing) entries.delete(id);
      };
      computing.then((value) => {
        if (keep && !keep(value)) forget();
      }, forget);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      return computing;
    },
  };
}
