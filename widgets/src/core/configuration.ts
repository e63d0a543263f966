/**
 * Where a widget finds its API and its token, first match wins, field by field:
 *   1. its own `endpoint` and `token` attributes;
 *   2. an `<alkana-config endpoint="…" token="…">` element on the page;
 *   3. `configure({ endpoint, getToken })` — the preferred way: `getToken` is asked again whenever
 *      the API refuses the current token.
 * The endpoint defaults to `/graphql` on the server the bundle was loaded from.
 *
 * The configure() state lives on `globalThis` under a registered symbol, so that every entry of
 * the bundle (and a second copy of it) share one configuration and one token.
 */

export interface AlkanaConfiguration {
  /** GraphQL endpoint, absolute or relative to the page, e.g. `/graphql`. */
  endpoint?: string;
  /** Returns a bearer token (without the `Bearer ` prefix). Asked again when a token expires. */
  getToken?: () => Promise<string> | string;
}

/** What a widget exposes for the lookup (its attributes and its place in the DOM). */
export interface ConfigurationHost extends HTMLElement {
  endpoint?: string;
  token?: string;
}

interface Registry {
  endpoint?: string;
  getToken?: () => Promise<string> | string;
  token?: string;
  pending?: Promise<string | undefined>;
  /** Bumped by configure(): a token fetched under an older configuration is not kept. */
  generation: number;
  listeners: Set<() => void>;
}

const REGISTRY = Symbol.for("alkana.widgets.configuration");
const holder = globalThis as typeof globalThis & { [REGISTRY]?: Registry };
const registry: Registry = (holder[REGISTRY] ??= { generation: 0, listeners: new Set() });

/** Event fired on `document` when an `<alkana-config>` changes, so widgets reload. */
export const CONFIG_CHANGED = "alkana-config-changed";

/** Sets the page-wide endpoint and token provider. Widgets already on the page reload. */
export function configure(configuration: AlkanaConfiguration): void {
  registry.endpoint = configuration.endpoint;
  registry.getToken = configuration.getToken;
  registry.token = undefined;
  registry.pending = undefined;
  registry.generation += 1;
  for (const listener of registry.listeners) listener();
}

/**
 * Calls `listener` after each configure() or `<alkana-config>` change once the page has settled
 * (earlier changes are seen by the first requests anyway); returns the unsubscribe.
 */
export function onConfigurationChange(listener: () => void): () => void {
  const whenSettled = () => {
    if (hasSettled) listener();
  };
  registry.listeners.add(whenSettled);
  document.addEventListener(CONFIG_CHANGED, whenSettled);
  return () => {
    registry.listeners.delete(whenSettled);
    document.removeEventListener(CONFIG_CHANGED, whenSettled);
  };
}

let settled: Promise<void> | undefined;
let hasSettled = false;

/**
 * Resolves once the page's own module scripts have run (after DOMContentLoaded), so that a
 * `configure()` call in a page script that runs after the bundle is seen by the first request.
 */
export function pageSettled(): Promise<void> {
  settled ??= new Promise<void>((resolve) => {
    const afterScripts = () =>
      setTimeout(() => {
        hasSettled = true;
        resolve();
      }, 0);
    if (contentLoaded()) afterScripts();
    else document.addEventListener("DOMContentLoaded", afterScripts, { once: true });
  });
  return settled;
}

/**
 * Whether DOMContentLoaded has fired. `readyState` alone cannot tell: module scripts run while it is
 * already `interactive` but before DOMContentLoaded, and the page's own module script (calling
 * configure()) may run a task later than the bundle's.
 */
function contentLoaded(): boolean {
  if (document.readyState === "complete") return true;
  const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
  return navigation ? navigation.domContentLoadedEventEnd > 0 : document.readyState === "interactive";
}

/** How one request gets its token, and a fresh one after a refusal. */
export interface Credentials {
  endpoint: URL;
  token(): Promise<string | undefined>;
  /** A token other than `refused`, or undefined when nobody can provide one (no getToken). */
  renew(refused: string | undefined): Promise<string | undefined>;
  /** Whether renew() can give anything new. */
  renewable: boolean;
}

/** The credentials for one request or connection; call after pageSettled(). */
export function credentialsFor(host: ConfigurationHost): Credentials {
  const element = configElement(host);
  const endpoint = new URL(
    nonEmpty(host.endpoint) ?? nonEmpty(element?.getAttribute("endpoint")) ?? registry.endpoint ?? defaultEndpoint(),
    document.baseURI,
  );
  const fixed = nonEmpty(host.token) ?? nonEmpty(element?.getAttribute("token"));
  if (fixed !== undefined || !registry.getToken) {
    return { endpoint, renewable: false, token: async () => fixed, renew: async () => undefined };
  }
  return {
    endpoint,
    renewable: true,
    token: configuredToken,
    async renew(refused) {
      // Several widgets may be refused the same token: the first one asks for a new token, the
      // others get that one (or the request already under way).
      if (registry.token === refused) {
        registry.token = undefined;
        registry.pending = undefined;
      }
      return configuredToken();
    },
  };
}

/** The WebSocket URL of a GraphQL endpoint (same host and path, ws: or wss:). */
export function webSocketUrl(endpoint: URL): string {
  const url = new URL(endpoint);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString();
}

function configuredToken(): Promise<string | undefined> {
  if (registry.token !== undefined) return Promise.resolve(registry.token);
  const getToken = registry.getToken;
  if (!getToken) return Promise.resolve(undefined);
  const generation = registry.generation;
  // One request for a token at a time, however many widgets ask.
  registry.pending ??= Promise.resolve()
    .then(() => getToken())
    .then(
      (token) => {
        if (generation === registry.generation) registry.token = nonEmpty(token);
        return nonEmpty(token);
      },
      (error: unknown) => {
        if (generation === registry.generation) registry.pending = undefined;
        throw error;
      },
    );
  return registry.pending;
}

function configElement(host: HTMLElement): Element | null {
  const root = host.getRootNode();
  const local = root instanceof ShadowRoot ? root.querySelector("alkana-config") : null;
  return local ?? document.querySelector("alkana-config");
}

function defaultEndpoint(): string {
  return new URL(/* @vite-ignore */ "/graphql", import.meta.url).toString();
}

function nonEmpty(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
