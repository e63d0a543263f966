/**
 * The events every widget fires. All bubble and are composed, so a page can listen once on
 * `document` whatever shadow roots the widgets sit in.
 */

/** Fired when the API refused the token as expired or invalid, before a fresh one is asked for. */
export const TOKEN_EXPIRED = "alkana-token-expired";
/** Fired when the user picks something in a widget (an order, a batch event, an alert). */
export const SELECT = "alkana-select";
/** Fired when loading, a live connection or a download fails. */
export const ERROR = "alkana-error";

export type FailureKind = "unauthenticated" | "forbidden" | "unreachable" | "not-found" | "failed";

export interface TokenExpiredDetail {
  /** Where the refusal came from: a request over HTTP or the live (WebSocket) connection. */
  channel: "http" | "websocket";
  /** Whether a fresh token will be asked for (`configure({ getToken })`) and the request retried. */
  renewing: boolean;
}

export interface ErrorDetail {
  kind: FailureKind;
  message: string;
  /** What failed: `query`, `subscription`, `mutation` or `export`. */
  operation: "query" | "subscription" | "mutation" | "export";
}

/** What was selected; fields depend on the widget (for example `{ orderNumber, batch }`). */
export type SelectDetail = Record<string, string | number | null | undefined>;

export interface AlkanaEventMap {
  [TOKEN_EXPIRED]: CustomEvent<TokenExpiredDetail>;
  [SELECT]: CustomEvent<SelectDetail>;
  [ERROR]: CustomEvent<ErrorDetail>;
}

export function emit<K extends keyof AlkanaEventMap>(
  target: EventTarget,
  name: K,
  detail: AlkanaEventMap[K]["detail"],
): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

declare global {
  interface DocumentEventMap extends AlkanaEventMap {}
}
