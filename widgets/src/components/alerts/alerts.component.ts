import { Task, TaskStatus } from "@lit/task";
import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import { AlkanaElement } from "../../core/alkana-element.js";
import { asFailure, graphql } from "../../core/api-client.js";
import { ExportController } from "../../core/export-menu.js";
import { canResolveAlerts } from "../../core/jwt.js";
import { subscribe, type LiveStatus, type LiveSubscription } from "../../core/live-client.js";
import styles from "./alerts.styles.js";

type Severity = "CRITICAL" | "HIGH" | "MEDIUM";

interface Alert {
  id: string;
  type: string;
  severity: Severity;
  entity: string;
  plant: string | null;
  material: string | null;
  message: string;
  detectedAt: string;
  status: "ACTIVE" | "RESOLVED";
}

interface AlertCounts {
  critical: number;
  high: number;
  medium: number;
  total: number;
}

const ALERT_FIELDS = "id type severity entity plant material message detectedAt status";

const LIST_QUERY = `query AlkanaAlerts($filter: AlertFilter, $first: Int) {
  alerts(filter: $filter, first: $first) { edges { node { ${ALERT_FIELDS} } } }
  alertSummary(filter: $filter) { critical high medium total }
}`;

const RAISED_SUBSCRIPTION = `subscription AlkanaAlertRaised($minSeverity: Severity, $plants: [String!], $types: [AlertType!]) {
  alertRaised(minSeverity: $minSeverity, plants: $plants, types: $types) { ${ALERT_FIELDS} }
}`;

const RESOLVE_MUTATION = `mutation AlkanaResolveAlert($id: ID!, $note: String) {
  resolveAlert(id: $id, note: $note) { id status }
}`;

const SEVERITIES: Severity[] = ["CRITICAL", "HIGH", "MEDIUM"];

/**
 * @summary A live feed of alerts (DOMAIN.md §3.6, D8): the active ones, newest first, and every
 * new one as a load raises it, without a reload. Users whose token carries the analyst or admin
 * role can resolve an alert with a note.
 *
 * @tag alkana-alerts
 *
 * @csspart live-status - "Live" / "Reconnecting…" indicator of the live connection (`data-status`: connecting, live, reconnecting, refused).
 * @csspart resolve-button - The button opening the resolve form of an alert.
 * @csspart resolve-form - The note field and buttons to resolve an alert.
 * @csspart resolve-error - Why resolving failed.
 * @csspart export-button - The download button.
 * @csspart export-menu - The list of download formats.
 * @csspart export-status - The line under the toolbar telling how a download went.
 *
 * @cssproperty --alkana-severity-critical - Badge colour of CRITICAL.
 * @cssproperty --alkana-severity-high - Badge colour of HIGH.
 * @cssproperty --alkana-severity-medium - Badge colour of MEDIUM.
 *
 * @event alkana-select - An alert's entity was clicked: `detail: { alertId, type, entity, plant }`.
 */
export class AlkanaAlerts extends AlkanaElement {
  static styles = styles;

  /** Only alerts of this plant (alerts without a plant, such as OVERDUE_AR, are then left out). */
  @property() plant?: string;

  /** Only these alert types, separated by commas or spaces: `STUCK_IN_TRANSIT`, `DELAYED_TRANSIT`, `LOW_YIELD`, `OVERDUE_AR`. */
  @property() type?: string;

  /** `CRITICAL`, `HIGH` or `MEDIUM`: this severity and more severe ones. */
  @property({ attribute: "min-severity" }) minSeverity?: Severity;

  /** How many alerts the list holds at most (1–100). */
  @property({ type: Number }) limit = 20;

  @state() private alerts: Alert[] = [];
  @state() private counts: AlertCounts | undefined;
  @state() private liveStatus: LiveStatus = "connecting";
  @state() private announcement = "";
  @state() private resolving: string | undefined;
  @state() private resolveError: string | undefined;
  @state() private currentToken: string | undefined;
  /** Ids that arrived live, highlighted briefly. */
  @state() private arrived = new Set<string>();

  private live: LiveSubscription | undefined;
  private liveKey: string | undefined;
  private configurationVersion = 0;

  private readonly data = new Task(this, {
    args: () => [this.plant, this.type, this.minSeverity, this.limit, this.endpoint, this.token] as const,
    task: async (_args, { signal }) => {
      try {
        await this.loadList(signal);
      } catch (error) {
        if (!signal.aborted) this.reportFailure(asFailure(error), "query");
        throw error;
      }
    },
  });

  private readonly exporter = new ExportController(
    this,
    () => ({
      table: "alerts",
      params: { plants: this.plant, types: this.types, minSeverity: this.minSeverity, status: "ACTIVE" },
    }),
    `${this.uid}-export`,
  );

  protected reload(): void {
    this.configurationVersion += 1;
    void this.data.run();
    this.requestUpdate();
  }

  connectedCallback(): void {
    super.connectedCallback();
    // Re-attached to the page: the live connection was closed on disconnect.
    if (this.hasUpdated) this.liveKey = undefined;
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.live?.stop();
    this.live = undefined;
  }

  protected updated(changed: PropertyValues): void {
    super.updated(changed);
    const key = JSON.stringify([this.plant, this.type, this.minSeverity, this.endpoint, this.token, this.configurationVersion]);
    if (key !== this.liveKey && this.isConnected) {
      this.liveKey = key;
      this.startLive();
    }
  }

  private get types(): string[] | undefined {
    const types = this.type?.split(/[\s,]+/).filter(Boolean);
    return types?.length ? types : undefined;
  }

  private get filter() {
    return { plants: this.plant ? [this.plant] : undefined, types: this.types, minSeverity: this.minSeverity || undefined };
  }

  private async loadList(signal?: AbortSignal): Promise<void> {
    const first = Math.max(1, Math.min(100, Math.trunc(this.limit) || 20));
    const { data, token } = await graphql<{ alerts: { edges: { node: Alert }[] }; alertSummary: AlertCounts }>(
      this,
      LIST_QUERY,
      { filter: this.filter, first },
      signal,
    );
    this.currentToken = token;
    this.alerts = newestFirst(data.alerts.edges.map((edge) => edge.node)).slice(0, first);
    this.counts = data.alertSummary;
  }

  private startLive(): void {
    this.live?.stop();
    const filter = this.filter;
    this.live = subscribe<{ alertRaised: Alert }>(this, {
      query: RAISED_SUBSCRIPTION,
      variables: { minSeverity: filter.minSeverity, plants: filter.plants, types: filter.types },
      onData: ({ alertRaised }) => this.arrive(alertRaised),
      onStatus: (status) => (this.liveStatus = status),
      onToken: (token) => (this.currentToken = token ?? this.currentToken),
      onError: (failure) => this.reportFailure(failure, "subscription"),
      // Alerts raised while the connection was down were not pushed: fetch the list again.
      onReconnected: () => void this.loadList().catch((error) => this.reportFailure(asFailure(error), "query")),
    });
  }

  private arrive(alert: Alert): void {
    if (alert.status !== "ACTIVE" || this.alerts.some((known) => known.id === alert.id)) return;
    this.alerts = newestFirst([alert, ...this.alerts]).slice(0, Math.max(this.limit, 1));
    this.arrived = new Set([...this.arrived, alert.id]);
    if (this.counts) {
      const key = alert.severity.toLowerCase() as keyof AlertCounts;
      this.counts = { ...this.counts, [key]: this.counts[key] + 1, total: this.counts.total + 1 };
    }
    const m = this.messages.alerts;
    this.announcement = m.newAlert(m.severities[alert.severity] ?? alert.severity, m.types[alert.type] ?? alert.type, alert.entity);
  }

  private async resolve(alert: Alert, note: string): Promise<void> {
    this.resolveError = undefined;
    try {
      await graphql(this, RESOLVE_MUTATION, { id: alert.id, note: note.trim() || null });
      this.alerts = this.alerts.filter((known) => known.id !== alert.id);
      if (this.counts) {
        const key = alert.severity.toLowerCase() as keyof AlertCounts;
        this.counts = { ...this.counts, [key]: Math.max(0, this.counts[key] - 1), total: Math.max(0, this.counts.total - 1) };
      }
      this.resolving = undefined;
      this.announcement = this.messages.alerts.resolved(alert.entity);
    } catch (error) {
      const failure = asFailure(error);
      this.reportFailure(failure, "mutation");
      this.resolveError = this.messages.alerts.resolveFailed(
        failure.kind === "forbidden" ? this.messages.forbidden(undefined) : failure.message,
      );
    }
  }

  protected render(): TemplateResult {
    const m = this.messages;
    const loaded = this.data.status === TaskStatus.COMPLETE;
    return html`
      <header part="header">
        <div>
          <h2 part="title">${m.alerts.title}</h2>
          <p part="subtitle">
            <span part="live-status" data-status=${this.liveStatus}
              >${this.liveStatus === "live" ? m.alerts.live : this.liveStatus === "refused" ? m.alerts.refused : m.alerts.reconnecting}</span
            >
          </p>
        </div>
        <div part="toolbar">${this.exporter.render(m)}</div>
      </header>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${this.data.render({
        initial: () => this.renderLoading(),
        pending: () => (loaded || this.counts ? this.renderList() : this.renderLoading()),
        error: (error) => this.renderFailure(asFailure(error), this.plant),
        complete: () => this.renderList(),
      })}
    `;
  }

  private renderList(): TemplateResult {
    const m = this.messages;
    const l = this.localize;
    const counts = this.counts;
    return html`
      ${counts
        ? html`<dl part="kpis" aria-label=${m.alerts.counts}>
            ${SEVERITIES.map(
              (severity) =>
                html`<div part="kpi" data-kpi=${severity}>
                  <dt>${m.alerts.severities[severity]}</dt>
                  <dd>${l.number(counts[severity.toLowerCase() as keyof AlertCounts], 0)}</dd>
                </div>`,
            )}
            <div part="kpi" data-kpi="total"><dt>${m.alerts.total}</dt><dd>${l.number(counts.total, 0)}</dd></div>
          </dl>`
        : nothing}
      ${this.alerts.length === 0 ? this.renderMessage(m.alerts.empty) : this.renderTableOfAlerts()}
    `;
  }

  private renderTableOfAlerts(): TemplateResult {
    const m = this.messages;
    const l = this.localize;
    const mayResolve = canResolveAlerts(this.currentToken);
    return html`<div class="table-scroll" role="region" aria-label=${m.alerts.caption} tabindex="0">
      <table part="table">
        <caption>${m.alerts.caption}</caption>
        <thead>
          <tr>
            <th scope="col">${m.alerts.severity}</th>
            <th scope="col">${m.alerts.type}</th>
            <th scope="col">${m.alerts.entity}</th>
            <th scope="col">${m.alerts.plant}</th>
            <th scope="col">${m.alerts.message}</th>
            <th scope="col">${m.alerts.detected}</th>
            ${mayResolve ? html`<th scope="col">${m.alerts.actions}</th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${this.alerts.map(
            (alert) => html`<tr data-key=${alert.id} data-type=${alert.type} class=${this.arrived.has(alert.id) ? "new" : ""}>
              <td><span part="badge" data-severity=${alert.severity}>${m.alerts.severities[alert.severity] ?? alert.severity}</span></td>
              <td>${m.alerts.types[alert.type] ?? alert.type}</td>
              <td>
                <button
                  class="link"
                  type="button"
                  @click=${() => this.select({ alertId: alert.id, type: alert.type, entity: alert.entity, plant: alert.plant })}
                >
                  ${alert.entity}
                </button>
              </td>
              <td>${alert.plant ?? m.notAvailable}</td>
              <td class="message">${alert.message}</td>
              <td>${l.dateTime(alert.detectedAt)}</td>
              ${mayResolve ? html`<td>${this.renderResolve(alert)}</td>` : nothing}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderResolve(alert: Alert): TemplateResult {
    const m = this.messages.alerts;
    if (this.resolving !== alert.id) {
      return html`<button
        part="resolve-button"
        type="button"
        aria-label=${m.resolveAlert(alert.entity)}
        @click=${() => this.openResolve(alert)}
      >
        ${m.resolve}
      </button>`;
    }
    const noteId = `${this.uid}-note-${alert.id}`;
    return html`<form
        part="resolve-form"
        @submit=${(event: SubmitEvent) => {
          event.preventDefault();
          const note = (event.currentTarget as HTMLFormElement).querySelector("input")!.value;
          void this.resolve(alert, note);
        }}
        @keydown=${(event: KeyboardEvent) => {
          if (event.key === "Escape") this.closeResolve(alert);
        }}
      >
        <label for=${noteId}>${m.note}</label>
        <input id=${noteId} name="note" type="text" maxlength="500" />
        <button type="submit">${m.confirm}</button>
        <button type="button" @click=${() => this.closeResolve(alert)}>${m.cancel}</button>
      </form>
      ${this.resolveError ? html`<p part="resolve-error" role="alert">${this.resolveError}</p>` : nothing}`;
  }

  private openResolve(alert: Alert): void {
    this.resolving = alert.id;
    this.resolveError = undefined;
    void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLInputElement>('[part~="resolve-form"] input')?.focus());
  }

  private closeResolve(alert: Alert): void {
    this.resolving = undefined;
    this.resolveError = undefined;
    void this.updateComplete.then(() =>
      this.shadowRoot?.querySelector<HTMLButtonElement>(`tr[data-key="${CSS.escape(alert.id)}"] [part~="resolve-button"]`)?.focus(),
    );
  }
}

function newestFirst(alerts: Alert[]): Alert[] {
  return [...alerts].sort((a, b) => b.detectedAt.localeCompare(a.detectedAt) || Number(b.id) - Number(a.id));
}
