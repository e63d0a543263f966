/**
 * The base of every `alkana-*` widget: where its API and token come from, its language and theme,
 * the states it shows (loading, empty, forbidden, unreachable…), the chart/table toggle and the
 * events it fires. A widget adds its query, its chart option and its table.
 */
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import type { Task } from "@lit/task";
import { asFailure, type RequestFailure } from "./api-client.js";
import { ChartController, type ChartContent } from "./chart-controller.js";
import { onConfigurationChange } from "./configuration.js";
import { emit, ERROR, SELECT, type ErrorDetail, type SelectDetail } from "./events.js";
import type { Messages } from "../i18n/en.js";
import { LocalizeController, type Language } from "./localize.js";
import { sharedStyles } from "./shared.styles.js";
import { warmUpEarly } from "./warm-up.js";

export interface TableColumn {
  label: string;
  numeric?: boolean;
}

export type TableCell = string | number | TemplateResult | typeof nothing;

let uid = 0;

/**
 * @cssproperty --alkana-font-family - Font stack (default: the system UI font).
 * @cssproperty --alkana-font-size - Base font size.
 * @cssproperty --alkana-color-text - Text colour; also the chart text.
 * @cssproperty --alkana-color-muted - Secondary text, axis labels.
 * @cssproperty --alkana-color-background - Widget background.
 * @cssproperty --alkana-color-surface - Background of cards, table headers and states.
 * @cssproperty --alkana-color-border - Borders and chart axes.
 * @cssproperty --alkana-color-grid - Chart grid lines.
 * @cssproperty --alkana-color-accent - Buttons and links.
 * @cssproperty --alkana-color-focus - Keyboard focus ring.
 * @cssproperty --alkana-color-danger - Error states.
 * @cssproperty --alkana-badge-text - Text on status and severity badges.
 * @cssproperty --alkana-radius - Corner radius.
 * @cssproperty --alkana-spacing - Inner padding of the widget.
 * @cssproperty --alkana-chart-height - Height of the chart.
 *
 * @csspart header - The title row.
 * @csspart title - The widget title.
 * @csspart subtitle - The line under the title (window, as-of date).
 * @csspart toolbar - The buttons at the top right (table toggle, download).
 * @csspart state - A message that replaces the content: loading, empty, forbidden, unreachable.
 * @csspart retry-button - The retry button of an error state.
 * @csspart chart - The figure around the chart.
 * @csspart chart-canvas - The element ECharts draws into.
 * @csspart table - Every data table.
 * @csspart table-toggle - The button switching between chart and table.
 * @csspart badge - Status and severity badges.
 * @csspart kpis - The row of key figures.
 * @csspart kpi - One key figure.
 *
 * @event alkana-token-expired - The API refused the token; `detail.renewing` tells whether `getToken` is asked again.
 * @event alkana-select - The user picked something; `detail` says what (for example `{ orderNumber }`).
 * @event alkana-error - Loading, the live connection or a download failed; `detail: { kind, message, operation }`.
 */
export abstract class AlkanaElement extends LitElement {
  static styles = [sharedStyles];

  /** GraphQL endpoint; defaults to `<alkana-config>`, then `configure()`, then `/graphql` of the bundle's server. */
  @property() endpoint?: string;

  /** Bearer token; defaults to `<alkana-config>`, then `configure({ getToken })`. Prefer getToken. */
  @property() token?: string;

  /** `vi` or `en`; defaults to the page's `<html lang>`. */
  @property({ reflect: true }) lang!: string;

  /** `light` or `dark`; without it the widget follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme?: "light" | "dark";

  /** Whether the data table is shown instead of the chart. */
  @state() protected tableView = false;

  protected readonly localize = new LocalizeController(this);
  protected readonly chart = new ChartController(this);
  /** A prefix for ids in the shadow root (aria-controls, aria-describedby). */
  protected readonly uid = `alkana-${++uid}`;

  private stopListening: (() => void) | undefined;
  private readonly colorScheme = matchMedia("(prefers-color-scheme: dark)");
  private readonly onColorScheme = () => this.requestUpdate();

  /** Reloads the widget's data (after a configuration change or a retry). */
  protected abstract reload(): void;

  /** The chart to draw after each render, or undefined when none is shown. */
  protected chartContent(): ChartContent | undefined {
    return undefined;
  }

  connectedCallback(): void {
    super.connectedCallback();
    warmUpEarly();
    this.stopListening = onConfigurationChange(() => {
      if (this.hasUpdated) this.reload();
    });
    this.colorScheme.addEventListener("change", this.onColorScheme);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopListening?.();
    this.colorScheme.removeEventListener("change", this.onColorScheme);
  }

  protected updated(changed: PropertyValues): void {
    super.updated(changed);
    this.chart.render(this.tableView ? undefined : this.chartContent());
  }

  /** @internal The strings of the current language. */
  get messages(): Messages {
    return this.localize.messages;
  }

  /** @internal The current language, `vi` or `en`. */
  get language(): Language {
    return this.localize.language;
  }

  protected select(detail: SelectDetail): void {
    emit(this, SELECT, detail);
  }

  protected reportFailure(failure: RequestFailure, operation: ErrorDetail["operation"]): void {
    emit(this, ERROR, { kind: failure.kind, message: failure.message, operation });
  }

  /**
   * The usual states of a widget's data task: loading until the answer is there, the failure
   * (`plant`: the plant a "not authorised" message names), else `complete` with the answer.
   */
  protected renderTask<A extends readonly unknown[], T>(
    task: Task<A, T>,
    complete: (value: T) => TemplateResult | typeof nothing,
    plant?: string,
  ): unknown {
    return task.render({
      initial: () => this.renderLoading(),
      pending: () => this.renderLoading(),
      error: (error) => this.renderFailure(asFailure(error), plant),
      complete,
    });
  }

  protected renderLoading(): TemplateResult {
    return html`<div part="state" data-state="loading" role="status" aria-busy="true"><p>${this.messages.loading}</p></div>`;
  }

  protected renderMessage(message: string, name = "empty"): TemplateResult {
    return html`<div part="state" data-state=${name} role="status"><p>${message}</p></div>`;
  }

  /** The state for a failure, with a retry button where retrying can help. */
  protected renderFailure(failure: RequestFailure, plant?: string): TemplateResult {
    const m = this.messages;
    const text =
      failure.kind === "forbidden"
        ? m.forbidden(plant)
        : failure.kind === "unreachable"
          ? m.unreachable
          : failure.kind === "unauthenticated"
            ? m.unauthenticated
            : failure.kind === "not-found"
              ? m.notFound
              : m.failed(failure.message);
    const retry = failure.kind !== "forbidden";
    return html`<div part="state" data-state=${failure.kind} role="alert">
      <p>${text}</p>
      ${retry ? html`<button part="retry-button" type="button" @click=${() => this.reload()}>${m.retry}</button>` : nothing}
    </div>`;
  }

  protected renderTableToggle(): TemplateResult {
    const m = this.messages;
    return html`<button
      part="table-toggle"
      type="button"
      aria-controls="${this.uid}-view"
      @click=${() => (this.tableView = !this.tableView)}
    >
      ${this.tableView ? m.showChart : m.showTable}
    </button>`;
  }

  /** The chart figure: an accessible name (`label`) and the canvas ECharts draws into. */
  protected renderChart(label: string, height?: string): TemplateResult {
    return html`<figure part="chart" role="figure" aria-label=${label}>
      <div part="chart-canvas" style=${height ? `height:${height}` : ""}></div>
    </figure>`;
  }

  /** A real table; scrolls sideways inside a focusable region when narrow. */
  protected renderTable(caption: string, columns: TableColumn[], rows: TableCell[][], rowKey?: (index: number) => string): TemplateResult {
    return html`<div class="table-scroll" role="region" aria-label=${caption} tabindex="0">
      <table part="table">
        <caption>${caption}</caption>
        <thead>
          <tr>
            ${columns.map((column) => html`<th scope="col" class=${column.numeric ? "number" : ""}>${column.label}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (row, index) =>
              html`<tr data-key=${rowKey?.(index) ?? nothing}>
                ${row.map((cell, column) => html`<td class=${columns[column]?.numeric ? "number" : ""}>${cell}</td>`)}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}
