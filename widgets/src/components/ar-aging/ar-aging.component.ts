import { Task, TaskStatus } from "@lit/task";
import { html, nothing, type TemplateResult } from "lit";
import { property } from "lit/decorators.js";
import { AlkanaElement, type TableCell, type TableColumn } from "../../core/alkana-element.js";
import { asFailure, graphql } from "../../core/api-client.js";
import type { ChartContent } from "../../core/chart-controller.js";
import { ExportController } from "../../core/export-menu.js";
import { chartBase, readPalette } from "../../core/theme.js";
import { tooltipLines, type TooltipParam } from "../../core/tooltip.js";
import styles from "./ar-aging.styles.js";

type Risk = "HIGH" | "MEDIUM" | "LOW";

interface Bucket {
  bucket: string;
  target: number | null;
  realization: number;
}

interface ArCustomer {
  customerCode: string;
  customerName: string | null;
  division: string;
  collectionTarget: number;
  collectionRealization: number;
  collectionRatePercent: number | null;
  overdueOver30: number;
  badDebt: number;
  risk: Risk;
}

interface ArAging {
  snapshotDate: string;
  collectionTarget: number;
  collectionRealization: number;
  collectionRatePercent: number | null;
  badDebt: number;
  badDebtPercent: number | null;
  overdueOver30: number;
  overdueOver30Percent: number | null;
  customerCount: number;
  buckets: Bucket[];
  customers: { totalCount: number; edges: { node: ArCustomer }[] };
}

const QUERY = `query AlkanaArAging($snapshotDate: Date, $first: Int) {
  arAging(snapshotDate: $snapshotDate) {
    snapshotDate collectionTarget collectionRealization collectionRatePercent badDebt badDebtPercent
    overdueOver30 overdueOver30Percent customerCount
    buckets { bucket target realization }
    customers(first: $first) { totalCount edges { node {
      customerCode customerName division collectionTarget collectionRealization collectionRatePercent overdueOver30 badDebt risk
    } } }
  }
}`;

/**
 * @summary AR collection of one ZRFI005 snapshot (DOMAIN.md §3.8, D10): collection target against
 * collected per aging bucket, the collection rate, overdue > 30 days and bad debt (> 180 days), and
 * the customers with the largest collection target.
 *
 * @tag alkana-ar-aging
 *
 * @csspart export-button - The download button.
 * @csspart export-menu - The list of download formats.
 * @csspart export-status - The line under the toolbar telling how a download went.
 *
 * @cssproperty --alkana-risk-high - Badge colour of HIGH risk.
 * @cssproperty --alkana-risk-medium - Badge colour of MEDIUM risk.
 * @cssproperty --alkana-risk-low - Badge colour of LOW risk.
 *
 * @event alkana-select - A customer was clicked: `detail: { customerCode, customerName }`.
 */
export class AlkanaArAging extends AlkanaElement {
  static styles = styles;

  /** Snapshot date `YYYY-MM-DD`; default the latest loaded snapshot. */
  @property({ attribute: "snapshot-date" }) snapshotDate?: string;

  /** How many customers the table lists (1–100). */
  @property({ type: Number }) limit = 10;

  private readonly data = new Task(this, {
    args: () => [this.snapshotDate, this.limit, this.endpoint, this.token] as const,
    task: async ([snapshotDate, limit], { signal }) => {
      try {
        const first = Math.max(1, Math.min(100, Math.round(limit || 10)));
        const { data } = await graphql<{ arAging: ArAging | null }>(this, QUERY, { snapshotDate: snapshotDate || undefined, first }, signal);
        return data.arAging;
      } catch (error) {
        if (!signal.aborted) this.reportFailure(asFailure(error), "query");
        throw error;
      }
    },
  });

  private readonly exporter = new ExportController(
    this,
    () => ({ table: "ar-customers", params: { snapshotDate: this.snapshotDate || this.loaded?.snapshotDate } }),
    `${this.uid}-export`,
  );

  private get loaded(): ArAging | null | undefined {
    return this.data.status === TaskStatus.COMPLETE ? this.data.value : undefined;
  }

  protected reload(): void {
    void this.data.run();
  }

  protected render(): TemplateResult {
    const m = this.messages;
    const value = this.loaded;
    return html`
      <header part="header">
        <div>
          <h2 part="title">${m.ar.title}</h2>
          ${value ? html`<p part="subtitle">${m.kpi.snapshot(this.localize.date(value.snapshotDate))}</p>` : nothing}
        </div>
        <div part="toolbar">${value ? this.renderTableToggle() : nothing} ${this.exporter.render(m)}</div>
      </header>
      <div id="${this.uid}-view">
        ${this.renderTask(this.data, (data) => (data ? this.renderContent(data) : this.renderMessage(this.snapshotDate ? m.ar.noSnapshot(this.localize.date(this.snapshotDate)) : m.empty)))}
      </div>
    `;
  }

  private renderContent(data: ArAging): TemplateResult {
    const m = this.messages;
    const l = this.localize;
    const kpis = html`<dl part="kpis">
      <div part="kpi" data-kpi="collectionTarget"><dt>${m.ar.collectionTarget}</dt><dd>${l.vnd(data.collectionTarget)}</dd></div>
      <div part="kpi" data-kpi="collectionRealization"><dt>${m.ar.realization}</dt><dd>${l.vnd(data.collectionRealization)}</dd></div>
      <div part="kpi" data-kpi="collectionRate"><dt>${m.ar.collectionRate}</dt><dd>${l.percent(data.collectionRatePercent)}</dd></div>
      <div part="kpi" data-kpi="overdueOver30"><dt>${m.ar.overdue30}</dt><dd>${l.vnd(data.overdueOver30)}</dd></div>
      <div part="kpi" data-kpi="badDebt"><dt>${m.ar.badDebt}</dt><dd>${l.vnd(data.badDebt)}</dd></div>
    </dl>`;
    if (!this.tableView) return html`${kpis}${this.renderChart(m.ar.chart)}`;
    const bucketColumns: TableColumn[] = [
      { label: m.ar.bucket },
      { label: m.ar.collectionTarget, numeric: true },
      { label: m.ar.realization, numeric: true },
    ];
    const bucketRows: TableCell[][] = data.buckets.map((bucket) => [
      m.ar.buckets[bucket.bucket] ?? bucket.bucket,
      l.vnd(bucket.target),
      l.vnd(bucket.realization),
    ]);
    const customers = data.customers.edges.map((edge) => edge.node);
    const customerColumns: TableColumn[] = [
      { label: m.ar.customer },
      { label: m.ar.division },
      { label: m.ar.collectionTarget, numeric: true },
      { label: m.ar.realization, numeric: true },
      { label: m.ar.collectionRate, numeric: true },
      { label: m.ar.overdue30, numeric: true },
      { label: m.ar.badDebt, numeric: true },
      { label: m.ar.risk },
    ];
    const customerRows: TableCell[][] = customers.map((customer) => [
      html`<button class="link" type="button" @click=${() => this.select({ customerCode: customer.customerCode, customerName: customer.customerName })}>
        ${customer.customerName ?? customer.customerCode}</button
      >`,
      m.divisions[customer.division] ?? customer.division,
      l.vnd(customer.collectionTarget),
      l.vnd(customer.collectionRealization),
      l.percent(customer.collectionRatePercent),
      l.vnd(customer.overdueOver30),
      l.vnd(customer.badDebt),
      html`<span part="badge" data-risk=${customer.risk}>${m.ar.risks[customer.risk]}</span>`,
    ]);
    return html`${kpis}
      <div class="tables">
        ${this.renderTable(m.ar.customerCaption(customers.length), customerColumns, customerRows, (index) => customers[index].customerCode)}
        ${this.renderTable(m.ar.bucketCaption, bucketColumns, bucketRows, (index) => data.buckets[index].bucket)}
      </div>`;
  }

  protected chartContent(): ChartContent | undefined {
    const data = this.loaded;
    if (!data) return undefined;
    const m = this.messages;
    const l = this.localize;
    const palette = readPalette(this);
    const base = chartBase(palette);
    const names = data.buckets.map((bucket) => m.ar.buckets[bucket.bucket] ?? bucket.bucket);
    return {
      description: m.ar.describe(
        data.buckets.map((bucket, index) => `${names[index]} ${l.vnd(bucket.target)} / ${l.vnd(bucket.realization)}`),
      ),
      option: {
        textStyle: base.textStyle,
        legend: { ...base.legend, data: [m.ar.collectionTarget, m.ar.realization] },
        grid: { top: 36, bottom: 16, left: 8, right: 16, containLabel: true },
        tooltip: {
          ...base.tooltip,
          trigger: "axis",
          axisPointer: { type: "shadow" },
          formatter: (params: TooltipParam[]) =>
            tooltipLines(
              params[0]?.name ?? "",
              params.map((param) => ({ marker: param.marker, label: param.seriesName, value: l.vnd(param.value as number | null) })),
            ),
        },
        xAxis: {
          type: "category",
          data: names,
          ...base.axisCommon,
          // Narrow: slanted labels rather than seven wrapped ones running into each other.
          axisLabel:
            this.clientWidth < 520
              ? { ...base.axisCommon.axisLabel, interval: 0, fontSize: 10, rotate: 40 }
              : { ...base.axisCommon.axisLabel, interval: 0, hideOverlap: false, fontSize: 11, width: 64, overflow: "break" },
        },
        yAxis: {
          type: "value",
          ...base.axisCommon,
          axisLabel: { ...base.axisCommon.axisLabel, formatter: (value: number) => l.vndCompact(value) },
        },
        series: [
          { type: "bar", name: m.ar.collectionTarget, barMaxWidth: 36, itemStyle: { color: palette.accent }, data: data.buckets.map((b) => b.target) },
          { type: "bar", name: m.ar.realization, barMaxWidth: 36, itemStyle: { color: "#0f8a6a" }, data: data.buckets.map((b) => b.realization) },
        ],
      },
    };
  }
}
