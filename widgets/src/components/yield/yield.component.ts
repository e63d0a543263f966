import { Task, TaskStatus } from "@lit/task";
import { html, nothing, type TemplateResult } from "lit";
import { property } from "lit/decorators.js";
import { AlkanaElement, type TableCell, type TableColumn } from "../../core/alkana-element.js";
import { asFailure, graphql } from "../../core/api-client.js";
import type { ChartContent } from "../../core/chart-controller.js";
import { ExportController } from "../../core/export-menu.js";
import { chartBase, readPalette } from "../../core/theme.js";
import { periodOf, tooltipLines, type TooltipParam } from "../../core/tooltip.js";
import styles from "./yield.styles.js";

interface ParetoEntry {
  material: string;
  materialDescription: string | null;
  lossKg: number;
  lossPercent: number;
  sharePercent: number;
  cumulativePercent: number;
  orderCount: number;
}

interface LossPareto {
  totalLossKg: number;
  materials: ParetoEntry[];
}

const QUERY = `query AlkanaYield($filter: YieldFilter, $limit: Int) {
  lossPareto(filter: $filter, limit: $limit) {
    totalLossKg materials { material materialDescription lossKg lossPercent sharePercent cumulativePercent orderCount }
  }
}`;

/** The `limit` attribute as the number of materials asked for (1–50). */
function materialCount(limit: number): number {
  return Math.max(1, Math.min(50, Math.round(limit || 10)));
}

/**
 * @summary Pareto of the filling loss (DOMAIN.md §3.3, D7): the materials with the largest loss
 * in kg as bars, largest first, and their cumulative share of the total loss as a line.
 *
 * @tag alkana-yield
 *
 * @csspart export-button - The download button.
 * @csspart export-menu - The list of download formats.
 * @csspart export-status - The line under the toolbar telling how a download went.
 *
 * @event alkana-select - A material was clicked: `detail: { material }`.
 */
export class AlkanaYield extends AlkanaElement {
  static styles = styles;

  /** First ZRPP062 period, `YYYY-MM` (a date is cut to its month); default every loaded period. */
  @property() from?: string;

  /** Last ZRPP062 period, `YYYY-MM`. */
  @property() to?: string;

  /** Plant code of the filling orders; default every plant the token may see. */
  @property() plant?: string;

  /** Product group: PH 3 code or its name, e.g. `PU`. */
  @property({ attribute: "product-group" }) productGroup?: string;

  /** How many materials (1–50). */
  @property({ type: Number }) limit = 10;

  private readonly data = new Task(this, {
    args: () => [this.from, this.to, this.plant, this.productGroup, this.limit, this.endpoint, this.token] as const,
    task: async ([from, to, plant, productGroup, limit], { signal }) => {
      try {
        const filter = { from: periodOf(from), to: periodOf(to), plants: plant ? [plant] : undefined, productGroup: productGroup || undefined };
        const { data } = await graphql<{ lossPareto: LossPareto }>(this, QUERY, { filter, limit: materialCount(limit) }, signal);
        return data.lossPareto;
      } catch (error) {
        if (!signal.aborted) this.reportFailure(asFailure(error), "query");
        throw error;
      }
    },
  });

  /** The materials the chart shows, with the same YieldFilter and limit. */
  private readonly exporter = new ExportController(
    this,
    () => ({
      table: "loss-pareto",
      params: {
        from: periodOf(this.from),
        to: periodOf(this.to),
        plants: this.plant,
        productGroup: this.productGroup,
        limit: String(materialCount(this.limit)),
      },
    }),
    `${this.uid}-export`,
  );

  protected reload(): void {
    void this.data.run();
  }

  private get loaded(): LossPareto | undefined {
    return this.data.status === TaskStatus.COMPLETE ? this.data.value : undefined;
  }

  private name(entry: ParetoEntry): string {
    return entry.materialDescription ?? entry.material;
  }

  protected render(): TemplateResult {
    const m = this.messages;
    const value = this.loaded;
    return html`
      <header part="header">
        <h2 part="title">${m.yield.title}</h2>
        <div part="toolbar">${value?.materials.length ? this.renderTableToggle() : nothing} ${this.exporter.render(m)}</div>
      </header>
      <div id="${this.uid}-view">
        ${this.renderTask(this.data, (data) => this.renderContent(data), this.plant)}
      </div>
    `;
  }

  private renderContent(data: LossPareto): TemplateResult {
    const m = this.messages;
    const l = this.localize;
    if (!data.materials.length) return this.renderMessage(m.empty);
    const last = data.materials[data.materials.length - 1];
    const kpis = html`<dl part="kpis">
      <div part="kpi" data-kpi="totalLossKg"><dt>${m.yield.totalLoss}</dt><dd>${l.kg(data.totalLossKg)}</dd></div>
      <div part="kpi" data-kpi="shownShare">
        <dt>${m.yield.shownShare(data.materials.length)}</dt>
        <dd>${l.percent(last.cumulativePercent)}</dd>
      </div>
    </dl>`;
    if (!this.tableView) return html`${kpis}${this.renderChart(m.yield.chart)}`;
    const columns: TableColumn[] = [
      { label: m.yield.material },
      { label: m.yield.description },
      { label: m.yield.lossKg, numeric: true },
      { label: m.yield.lossPercent, numeric: true },
      { label: m.yield.share, numeric: true },
      { label: m.yield.cumulative, numeric: true },
      { label: m.yield.orders, numeric: true },
    ];
    const rows: TableCell[][] = data.materials.map((entry) => [
      html`<button class="link" type="button" @click=${() => this.select({ material: entry.material })}>${entry.material}</button>`,
      entry.materialDescription ?? m.notAvailable,
      l.kg(entry.lossKg, 1),
      l.percent(entry.lossPercent),
      l.percent(entry.sharePercent),
      l.percent(entry.cumulativePercent),
      l.number(entry.orderCount, 0),
    ]);
    return html`${kpis}${this.renderTable(m.yield.caption, columns, rows, (index) => data.materials[index].material)}`;
  }

  protected chartContent(): ChartContent | undefined {
    const data = this.loaded;
    if (!data?.materials.length) return undefined;
    const m = this.messages;
    const l = this.localize;
    const palette = readPalette(this);
    const base = chartBase(palette);
    const entries = data.materials;
    return {
      description: m.yield.describe(entries.map((entry) => `${this.name(entry)} ${l.kg(entry.lossKg, 1)} (${l.percent(entry.cumulativePercent)})`)),
      onClick: (index) => {
        const entry = entries[index];
        if (entry) this.select({ material: entry.material });
      },
      option: {
        textStyle: base.textStyle,
        legend: { ...base.legend, data: [m.yield.lossKg, m.yield.cumulative] },
        grid: { top: 40, bottom: 8, left: 8, right: 8, containLabel: true },
        tooltip: {
          ...base.tooltip,
          trigger: "axis",
          axisPointer: { type: "shadow" },
          formatter: (params: TooltipParam[]) => {
            const entry = entries[params[0]?.dataIndex ?? -1];
            if (!entry) return "";
            return tooltipLines(`${entry.material} · ${this.name(entry)}`, [
              { label: m.yield.lossKg, value: l.kg(entry.lossKg, 1) },
              { label: m.yield.lossPercent, value: l.percent(entry.lossPercent) },
              { label: m.yield.share, value: l.percent(entry.sharePercent) },
              { label: m.yield.cumulative, value: l.percent(entry.cumulativePercent) },
            ]);
          },
        },
        xAxis: {
          type: "category",
          data: entries.map((entry) => entry.material),
          ...base.axisCommon,
          axisLabel: { ...base.axisCommon.axisLabel, rotate: 40, fontSize: 11 },
        },
        yAxis: [
          { type: "value", name: "kg", ...base.axisCommon },
          {
            type: "value",
            min: 0,
            max: 100,
            ...base.axisCommon,
            splitLine: { show: false },
            axisLabel: { ...base.axisCommon.axisLabel, formatter: (value: number) => l.percent(value) },
          },
        ],
        series: [
          {
            type: "bar",
            name: m.yield.lossKg,
            barMaxWidth: 36,
            cursor: "pointer",
            itemStyle: { color: "#c2410c" },
            data: entries.map((entry) => Math.round(entry.lossKg * 10) / 10),
          },
          {
            type: "line",
            name: m.yield.cumulative,
            yAxisIndex: 1,
            symbolSize: 6,
            itemStyle: { color: palette.accent },
            lineStyle: { color: palette.accent, width: 2 },
            data: entries.map((entry) => Math.round(entry.cumulativePercent * 10) / 10),
          },
        ],
      },
    };
  }
}
