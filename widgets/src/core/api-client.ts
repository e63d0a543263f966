/**
 * Requests to the API with the token in the `Authorization` header (never in the URL). On a refused
 * token the widget fires `alkana-token-expired`, asks for a fresh token and retries once.
 * Failures are sorted into the kinds the widgets show a state for.
 */
import { credentialsFor, pageSettled, type ConfigurationHost, type Credentials } from "./configuration.js";
import { emit, TOKEN_EXPIRED, type FailureKind } from "./events.js";
import { warmUpWhileWaiting } from "./warm-up.js";

export class RequestFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "RequestFailure";
  }
}

export interface AuthorizedResponse {
  response: Response;
  /** The token the response was obtained with (for reading the role). */
  token: string | undefined;
}

/**
 * Fetches with the current token; on 401 fires `alkana-token-expired`, renews and retries once.
 * `build` receives the credentials, so the URL can depend on the endpoint. With `share`, a request
 * identical to one still under way (same URL, token and body) waits for that one's answer.
 */
export async function authorizedFetch(
  host: ConfigurationHost,
  build: (credentials: Credentials) => { url: URL; init?: RequestInit },
  signal?: AbortSignal,
  share = false,
): Promise<AuthorizedResponse> {
  await pageSettled();
  const credentials = credentialsFor(host);
  const { url, init } = build(credentials);
  const send = async (token: string | undefined) => {
    const headers = new Headers(init?.headers);
    if (token) headers.set("Authorization", `Bearer ${token}`);
    try {
      const request: RequestInit = { ...init, headers, credentials: "omit" };
      const answer = share ? sharedFetch(url, request, signal) : fetch(url, { ...request, signal });
      warmUpWhileWaiting(host);
      return await answer;
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new RequestFailure("unreachable", `${url.origin} did not answer`);
    }
  };
  let token = await credentials.token();
  let response = await send(token);
  if (response.status === 401) {
    emit(host, TOKEN_EXPIRED, { channel: "http", renewing: credentials.renewable });
    const fresh = credentials.renewable ? await credentials.renew(token) : undefined;
    if (fresh && fresh !== token) {
      token = fresh;
      response = await send(token);
    }
  }
  return { response, token };
}

export interface GraphQLResult<T> {
  data: T;
  token: string | undefined;
}

interface GraphQLError {
  message: string;
  extensions?: { code?: string };
}

/**
 * Runs a query or mutation over HTTP; throws RequestFailure for every failure. Identical queries
 * under way at the same time (several KPI cards on one page asking the same summary) share one
 * request; mutations never do.
 */
export async function graphql<T>(
  host: ConfigurationHost,
  query: string,
  variables: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<GraphQLResult<T>> {
  const { response, token } = await authorizedFetch(
    host,
    ({ endpoint }) => ({
      url: endpoint,
      init: {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/graphql-response+json, application/json" },
        body: JSON.stringify({ query, variables }),
      },
    }),
    signal,
    !/^\s*mutation\b/.test(query),
  );
  let body: { data?: T | null; errors?: GraphQLError[] } | undefined;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error = body?.errors?.[0];
  const code = error?.extensions?.code;
  if (response.status === 401 || code === "UNAUTHENTICATED") {
    throw new RequestFailure("unauthenticated", error?.message ?? "the API refused the token", response.status);
  }
  if (code === "FORBIDDEN") throw new RequestFailure("forbidden", error!.message, response.status);
  if (!body) throw failureOfStatus(response);
  if (error || body.data == null) {
    throw new RequestFailure("failed", error?.message ?? `the API answered ${response.status}`, response.status);
  }
  return { data: body.data, token };
}

/** A failure for a non-OK response that carried no usable body. */
export function failureOfStatus(response: Response): RequestFailure {
  if (response.status === 401) return new RequestFailure("unauthenticated", "the API refused the token", 401);
  if (response.status === 403) return new RequestFailure("forbidden", "not authorised", 403);
  if (response.status === 404) return new RequestFailure("not-found", `${new URL(response.url).pathname} does not exist`, 404);
  if (response.status >= 502) return new RequestFailure("unreachable", `the API answered ${response.status}`, response.status);
  return new RequestFailure("failed", `the API answered ${response.status}`, response.status);
}

/** Any thrown value as a RequestFailure (aborts excepted, which the caller ignores). */
export function asFailure(error: unknown): RequestFailure {
  if (error instanceof RequestFailure) return error;
  return new RequestFailure("failed", error instanceof Error ? error.message : String(error));
}

/** Requests under way, by URL, token and body; forgotten as soon as the answer arrives. */
const inFlight = new Map<string, Promise<Response>>();

/**
 * One network request for identical requests under way; each caller reads its own copy of the
 * answer. The shared request is not aborted with one caller's signal: another caller may still
 * wait for it.
 */
function sharedFetch(url: URL, init: RequestInit, signal?: AbortSignal): Promise<Response> {
  const key = JSON.stringify([url.href, new Headers(init.headers).get("Authorization"), init.body]);
  let shared = inFlight.get(key);
  if (!shared) {
    const request = fetch(url, init);
    const forget = () => inFlight.delete(key);
    request.then(forget, forget);
    inFlight.set(key, (shared = request));
  }
  return abortable(shared, signal).then((response) => response.clone());
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
