import { LitElement } from "lit";
import { property } from "lit/decorators.js";
import { CONFIG_CHANGED } from "../../core/configuration.js";
import styles from "./config.styles.js";

/**
 * @summary Page-wide API settings for the widgets that have no `endpoint` or `token` of their own.
 * Invisible. Changing an attribute makes every widget reload. `configure({ endpoint, getToken })`
 * is preferred for tokens that expire: a fixed token here cannot be renewed by the widgets (listen
 * for `alkana-token-expired` and set a new one).
 *
 * @tag alkana-config
 */
export class AlkanaConfig extends LitElement {
  static styles = styles;

  /** GraphQL endpoint for every widget on the page, e.g. `/graphql`. */
  @property({ reflect: true }) endpoint?: string;

  /** Bearer token for every widget on the page (without the `Bearer ` prefix). */
  @property({ reflect: true }) token?: string;

  protected updated(): void {
    document.dispatchEvent(new Event(CONFIG_CHANGED));
  }
}
