import { Task, TaskStatus } from "@lit/task";
import { html, nothing, type TemplateResult } from "lit";
import { property } from "lit/decorators.js";
import { AlkanaElement } from "../../core/alkana-element.js";
import { asFailure, graphql } from "../../core/api-client.js";
import { ExportController, type ExportRequest } from "../../core/export-menu.js";
import type { LocalizeController } from "../../core/localize.js";
import { periodOf } from "../../core/tooltip.js";
import type { Messages } from "../../i18n/en.js";
import styles from "./kpi.styles.js";

/** The metrics `<alkana-kpi metric="…">` knows. */
export const KPI_METRICS = [
  "revenue",
  "orders",
  "customers",
  "average-order-value",
  "ar-target",
  "collection-rate",
  "bad-debt",
  "mto-lead-time",
  "mts-lead-time",
  "on-time",
  "yield",
  "otif",
] as const;
export type KpiMetric = (typeof KPI_METRICS)[number];

type Source = "sales" | "ar" | "leadtime" | "yield" | "otif";

const SOURCE: Record<KpiMetric, Source> = {
  revenue: "sales",
  orders: "sales",
  customers: "sales",
  "average-order-value": "sales",
  "ar-target": "ar",
  "collection-rate": "ar",
  "bad-debt": "ar",
  "mto-lead-time": "leadtime",
  "mts-lead-time": "leadtime",
  "on-time": "leadtime",
  yield: "yield",
  otif: "otif",
};

const QUERIES: Record<Source, string> = {
  sales: `query AlkanaKpiSales($filter: SalesFilter) { salesSummary(filter: $filter) {
    from to asOfDate revenue orders customers averageOrderValue revenueGrowthPercent
    previous { from to revenue orders customers averageOrderValue } } }`,
  ar: `query AlkanaKpiAr($snapshotDate: Date) { arAging(snapshotDate: $snapshotDate) {
    snapshotDate collectionTarget collectionRealization collectionRatePercent badDebt badDebtPercent } }`,
  leadtime: `query AlkanaKpiLeadTime($filter: LeadTimeFilter) { leadTimeSummary(filter: $filter) {
    from to asOfDate orderCount mtoAverageDays mtsAverageDays onTimePercent onTimeCount delayedCount } }`,
  yield: `query AlkanaKpiYield($filter: YieldFilter) { yieldSummary(filter: $filter) {
    total { yieldPercent lossPercent lossKg inputKg outputKg validOrderCount } byPeriod { period } } }`,
  otif: `query AlkanaKpiOtif($filter: OtifFilter) { otif(filter: $filter) {
    from to asOfDate deliveries { total otif otifPercent onTimePercent inFullPercent } } }`,
};

interface SalesTotals {
  from: string;
  to: string;
  revenue: number;
  orders: number;
  customers: number;
  averageOrderValue: number | null;
}

/** What one card shows: the figure, optionally its change, and a line of context. */
export interface KpiFigure {
  metric: KpiMetric;
  value: number | null;
  kind: "vnd" | "number" | "percent" | "days";
  /** Change against the previous period, % (sales metrics only). */
  growthPercent?: number | null;
  previous?: number | null;
  /** Whether a rise is good news (false for bad debt and lead times). */
  higherIsBetter: boolean;
  context: string;
  empty?: boolean;
}

/**
 * @summary One key figure as a card: revenue, orders, customers and average order value with
 * their change against the previous period of the same length; AR collection target, collection
 * rate and bad debt of a snapshot; MTO / MTS lead time and the on-time share; filling yield; OTIF.
 * Company-wide figures (sales, AR, OTIF) need a token without a plants restriction: a restricted
 * token gets the "not authorised" state. The download button exports the rows behind the figure
 * (customers' revenue, lead-time orders, filling orders, deliveries or AR customers).
 *
 * @tag alkana-kpi
 *
 * @csspart card - The card around the figure.
 * @csspart label - The name of the figure.
 * @csspart value - The figure.
 * @csspart change - The change against the previous period (`data-trend`: up, down, flat; `data-good`: true, false).
 * @csspart context - The line saying what the figure covers.
 * @csspart export-button - The small download button beside the name of the figure.
 * @csspart export-menu - The list of download formats.
 * @csspart export-status - The line telling how a download went.
 *
 * @cssproperty --alkana-kpi-value-size - Font size of the figure (default 1.75rem).
 * @cssproperty --alkana-color-good - Colour of a favourable change.
 * @cssproperty --alkana-color-bad - Colour of an unfavourable change.
 */
export class AlkanaKpi extends AlkanaElement {
  static styles = styles;

  /** Which figure: `revenue`, `orders`, `customers`, `average-order-value`, `ar-target`, `collection-rate`, `bad-debt`, `mto-lead-time`, `mts-lead-time`, `on-time`, `yield`, `otif`. */
  @property({ reflect: true }) metric: string = "revenue";

  /** First day of the window, `YYYY-MM-DD` (yield: its month); default the month of the as-of date. */
  @property() from?: string;

  /** Last day of the window, `YYYY-MM-DD` (yield: its month). */
  @property() to?: string;

  /** Plant code (lead time and yield only; the other figures are company-wide). */
  @property() plant?: string;

  /** Distribution channel code, e.g. `11` (sales and OTIF only). */
  @property() channel?: string;

  /** AR snapshot date, `YYYY-MM-DD` (AR figures only); default the latest. */
  @property({ attribute: "snapshot-date" }) snapshotDate?: string;

  private readonly data = new Task(this, {
    args: () =>
      [this.metric, this.from, this.to, this.plant, this.channel, this.snapshotDate, this.endpoint, this.token] as const,
    task: async ([metric], { signal }) => {
      if (!isMetric(metric)) return undefined;
      try {
        const source = SOURCE[metric];
        const { data } = await graphql<Record<string, unknown>>(this, QUERIES[source], this.variables(source), signal);
        return { metric, source, data };
      } catch (error) {
        if (!signal.aborted) this.reportFailure(asFailure(error), "query");
        throw error;
      }
    },
  });

  private readonly exporter = new ExportController(this, () => this.exportRequest(), `${this.uid}-export`);

  protected reload(): void {
    void this.data.run();
  }

  private variables(source: Source): Record<string, unknown> {
    const plants = this.plant ? [this.plant] : undefined;
    switch (source) {
      case "sales":
        return { filter: { from: this.from || undefined, to: this.to || undefined, channel: this.channel || undefined } };
      case "ar":
        return { snapshotDate: this.snapshotDate || undefined };
      case "leadtime":
        return { filter: { from: this.from || undefined, to: this.to || undefined, plants } };
      case "yield":
        return { filter: { from: periodOf(this.from), to: periodOf(this.to), plants } };
      case "otif":
        return { filter: { from: this.from || undefined, to: this.to || undefined, channel: this.channel || undefined } };
    }
  }

  /**
   * The export behind the figure, with the card's attributes under that table's parameter names:
   * sales → `sales-customers` (from, to, channel); lead time and on-time → `leadtime-orders` (from,
   * to, plants, and type for the MTO / MTS averages); yield → `filling-yields` (periods from, to,
   * plants); OTIF → `otif-deliveries` (from, to, channel); AR → `ar-customers` (snapshotDate, the
   * card's snapshot once loaded).
   */
  private exportRequest(): ExportRequest | undefined {
    const metric = this.metric;
    if (!isMetric(metric)) return undefined;
    switch (SOURCE[metric]) {
      case "sales":
        return { table: "sales-customers", params: { from: this.from, to: this.to, channel: this.channel } };
      case "leadtime": {
        const type = metric === "mto-lead-time" ? "MTO" : metric === "mts-lead-time" ? "MTS" : undefined;
        return { table: "leadtime-orders", params: { from: this.from, to: this.to, plants: this.plant, type } };
      }
      case "yield":
        return { table: "filling-yields", params: { from: periodOf(this.from), to: periodOf(this.to), plants: this.plant } };
      case "otif":
        return { table: "otif-deliveries", params: { from: this.from, to: this.to, channel: this.channel } };
      case "ar": {
        const loaded = this.data.status === TaskStatus.COMPLETE ? (this.data.value?.data.arAging as { snapshotDate: string } | null) : null;
        return { table: "ar-customers", params: { snapshotDate: this.snapshotDate || loaded?.snapshotDate } };
      }
    }
  }

  protected render(): TemplateResult {
    const m = this.messages;
    if (!isMetric(this.metric)) return this.renderMessage(m.kpi.unknownMetric(this.metric), "failed");
    const label = m.kpi.metrics[this.metric];
    return html`<div part="card" role="group" aria-labelledby="${this.uid}-label">
      <div class="heading">
        <h2 part="label title" id="${this.uid}-label">${label}</h2>
        ${this.data.status === TaskStatus.COMPLETE ? this.exporter.render({ download: m.kpi.download(label), downloadAs: m.downloadAs }, { compact: true }) : nothing}
      </div>
      ${this.renderTask(this.data, (result) => (result ? this.renderFigure(figureOf(result.metric, result.data, this.localize, m)) : nothing), this.plant)}
    </div>`;
  }

  private renderFigure(figure: KpiFigure): TemplateResult {
    const m = this.messages;
    if (figure.empty) return this.renderMessage(figure.context);
    const l = this.localize;
    const formatted = formatValue(figure, l);
    let change: TemplateResult | typeof nothing = nothing;
    if (figure.growthPercent !== undefined) {
      if (figure.growthPercent === null) {
        change = html`<p part="change" data-trend="none">${m.kpi.noPrevious}</p>`;
      } else {
        const trend = figure.growthPercent > 0 ? "up" : figure.growthPercent < 0 ? "down" : "flat";
        const good = trend === "flat" ? "neutral" : (trend === "up") === figure.higherIsBetter ? "true" : "false";
        const arrow = trend === "up" ? "▲" : trend === "down" ? "▼" : "■";
        change = html`<p part="change" data-trend=${trend} data-good=${good}>
          <span aria-hidden="true">${arrow}</span> ${m.kpi.growth(l.signedPercent(figure.growthPercent))}
          <span class="previous">(${m.kpi.previous(formatValue({ ...figure, value: figure.previous ?? null }, l))})</span>
        </p>`;
      }
    }
    return html`<p part="value" data-value=${figure.value ?? ""}>${formatted}</p>
      ${change}
      <p part="context">${figure.context}</p>`;
  }
}

function isMetric(metric: string): metric is KpiMetric {
  return (KPI_METRICS as readonly string[]).includes(metric);
}

/** The value formatted as the card shows it. */
export function formatValue(figure: Pick<KpiFigure, "value" | "kind">, l: LocalizeController): string {
  switch (figure.kind) {
    case "vnd":
      return l.vnd(figure.value);
    case "percent":
      return l.percent(figure.value);
    case "days":
      return l.days(figure.value);
    default:
      return l.number(figure.value, 0);
  }
}

function growth(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return ((current - previous) / previous) * 100;
}

/** Turns the API's answer into the card's figure. */
export function figureOf(metric: KpiMetric, data: Record<string, unknown>, l: LocalizeController, m: Messages): KpiFigure {
  switch (SOURCE[metric]) {
    case "sales": {
      const summary = data.salesSummary as SalesTotals & { revenueGrowthPercent: number | null; previous: SalesTotals };
      const field = ({ revenue: "revenue", orders: "orders", customers: "customers", "average-order-value": "averageOrderValue" } as const)[
        metric as "revenue"
      ];
      const value = summary[field];
      const previous = summary.previous.revenue > 0 || summary.previous.orders > 0 ? summary.previous[field] : null;
      return {
        metric,
        value,
        previous,
        growthPercent: metric === "revenue" ? summary.revenueGrowthPercent : growth(value, previous),
        kind: metric === "revenue" || metric === "average-order-value" ? "vnd" : "number",
        higherIsBetter: true,
        context: m.window(l.date(summary.from), l.date(summary.to)),
      };
    }
    case "ar": {
      const ar = data.arAging as {
        snapshotDate: string;
        collectionTarget: number;
        collectionRealization: number;
        collectionRatePercent: number | null;
        badDebt: number;
        badDebtPercent: number | null;
      } | null;
      if (!ar) return { metric, value: null, kind: "number", higherIsBetter: true, context: m.notFound, empty: true };
      const snapshot = m.kpi.snapshot(l.date(ar.snapshotDate));
      if (metric === "ar-target") return { metric, value: ar.collectionTarget, kind: "vnd", higherIsBetter: false, context: snapshot };
      if (metric === "collection-rate") {
        return {
          metric,
          value: ar.collectionRatePercent,
          kind: "percent",
          higherIsBetter: true,
          context: `${m.kpi.collected(l.vnd(ar.collectionRealization), l.vnd(ar.collectionTarget))} · ${snapshot}`,
        };
      }
      return {
        metric,
        value: ar.badDebt,
        kind: "vnd",
        higherIsBetter: false,
        context: `${m.kpi.shareOfTarget(l.percent(ar.badDebtPercent))} · ${snapshot}`,
      };
    }
    case "leadtime": {
      const summary = data.leadTimeSummary as {
        from: string;
        to: string;
        orderCount: number;
        mtoAverageDays: number | null;
        mtsAverageDays: number | null;
        onTimePercent: number | null;
        onTimeCount: number;
        delayedCount: number;
      };
      const window = m.window(l.date(summary.from), l.date(summary.to));
      if (summary.orderCount === 0) return { metric, value: null, kind: "days", higherIsBetter: false, context: m.empty, empty: true };
      if (metric === "on-time") {
        return {
          metric,
          value: summary.onTimePercent,
          kind: "percent",
          higherIsBetter: true,
          context: `${m.kpi.onTimeOf(l.number(summary.onTimeCount, 0), l.number(summary.onTimeCount + summary.delayedCount, 0))} · ${window}`,
        };
      }
      return {
        metric,
        value: metric === "mto-lead-time" ? summary.mtoAverageDays : summary.mtsAverageDays,
        kind: "days",
        higherIsBetter: false,
        context: window,
      };
    }
    case "yield": {
      const summary = data.yieldSummary as {
        total: { yieldPercent: number | null; lossKg: number; inputKg: number; validOrderCount: number };
        byPeriod: { period: string }[];
      };
      if (summary.total.validOrderCount === 0) return { metric, value: null, kind: "percent", higherIsBetter: true, context: m.empty, empty: true };
      const periods = summary.byPeriod.map((period) => period.period);
      const range = periods.length ? ` · ${m.kpi.periods(periods[0], periods[periods.length - 1])}` : "";
      return {
        metric,
        value: summary.total.yieldPercent,
        kind: "percent",
        higherIsBetter: true,
        context: `${m.kpi.yieldDetail(l.kg(summary.total.lossKg), l.kg(summary.total.inputKg))}${range}`,
      };
    }
    case "otif": {
      const otif = data.otif as { from: string; to: string; deliveries: { total: number; otif: number; otifPercent: number | null } };
      if (otif.deliveries.total === 0) return { metric, value: null, kind: "percent", higherIsBetter: true, context: m.empty, empty: true };
      return {
        metric,
        value: otif.deliveries.otifPercent,
        kind: "percent",
        higherIsBetter: true,
        context: `${m.kpi.otifDetail(l.number(otif.deliveries.otif, 0), l.number(otif.deliveries.total, 0))} · ${m.window(l.date(otif.from), l.date(otif.to))}`,
      };
    }
  }
}
