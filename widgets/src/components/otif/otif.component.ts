import { Task, TaskStatus } from "@lit/task";
import { html, nothing, type TemplateResult } from "lit";
import { property } from "lit/decorators.js";
import { AlkanaElement, type TableCell, type TableColumn } from "../../core/alkana-element.js";
import { asFailure, graphql } from "../../core/api-client.js";
import type { ChartContent } from "../../core/chart-controller.js";
import { ExportController } from "../../core/export-menu.js";
import { chartBase, readPalette } from "../../core/theme.js";
import { tooltipLines, type TooltipParam } from "../../core/tooltip.js";
import styles from "./otif.styles.js";

type OtifStatus = "ON_TIME" | "LATE" | "PENDING";

interface OtifCounts {
  total: number;
  otif: number;
  otifPercent: number | null;
  onTimePercent: number | null;
  inFullPercent: number | null;
  pending: number;
}

interface OtifChannel {
  channel: string;
  division: string;
  deliveries: OtifCounts;
}

interface OtifDelivery {
  delivery: string;
  deliveryDate: string;
  actualGiDate: string | null;
  channel: string;
  shipToName: string | null;
  customerCode: string | null;
  status: OtifStatus;
  otif: boolean | null;
  giDelayDays: number | null;
}

interface OtifData {
  summary: { from: string; to: string; asOfDate: string; deliveries: OtifCounts; byChannel: OtifChannel[] };
  deliveries: { totalCount: number; edges: { node: OtifDelivery }[] };
}

const COUNTS = "total otif otifPercent onTimePercent inFullPercent pending";
const QUERY = `query AlkanaOtif($filter: OtifFilter, $first: Int) {
  otif(filter: $filter) { from to asOfDate deliveries { ${COUNTS} } byChannel { channel division deliveries { ${COUNTS} } } }
  otifDeliveries(filter: $filter, first: $first) { totalCount edges { node {
    delivery deliveryDate actualGiDate channel shipToName customerCode status otif giDelayDays
  } } }
}`;

/**
 * @summary OTIF at delivery-document level (DOMAIN.md §3.9, D11): the share of deliveries shipped
 * on time (goods issue on or before the planned date) and in full, overall and per channel, and the
 * latest deliveries with their verdict.
 *
 * @tag alkana-otif
 *
 * @csspart export-button - The download button.
 * @csspart export-menu - The list of download formats.
 * @csspart export-status - The line under the toolbar telling how a download went.
 *
 * @event alkana-select - A delivery was clicked: `detail: { delivery, customerCode }`.
 */
export class AlkanaOtif extends AlkanaElement {
  static styles = styles;

  /** First planned delivery date, `YYYY-MM-DD`; default the first day of the as-of month. */
  @property() from?: string;

  /** Last planned delivery date, `YYYY-MM-DD`. */
  @property() to?: string;

  /** Distribution channel code (`11`, `13`, `15`); default every channel. */
  @property() channel?: string;

  /** How many deliveries the table lists (1–100). */
  @property({ type: Number }) limit = 20;

  private readonly data = new Task(this, {
    args: () => [this.from, this.to, this.channel, this.limit, this.endpoint, this.token] as const,
    task: async ([from, to, channel, limit], { signal }) => {
      try {
        const filter = { from: from || undefined, to: to || undefined, channel: channel || undefined };
        const first = Math.max(1, Math.min(100, Math.round(limit || 20)));
        const { data } = await graphql<{ otif: OtifData["summary"]; otifDeliveries: OtifData["deliveries"] }>(this, QUERY, { filter, first }, signal);
        return { summary: data.otif, deliveries: data.otifDeliveries } satisfies OtifData;
      } catch (error) {
        if (!signal.aborted) this.reportFailure(asFailure(error), "query");
        throw error;
      }
    },
  });

  private readonly exporter = new ExportController(
    this,
    () => ({ table: "otif-deliveries", params: { from: this.from, to: this.to, channel: this.channel } }),
    `${this.uid}-export`,
  );

  protected reload(): void {
    void this.data.run();
  }

  private get loaded(): OtifData | undefined {
    return this.data.status === TaskStatus.COMPLETE ? this.data.value : undefined;
  }

  protected render(): TemplateResult {
    const m = this.messages;
    const l = this.localize;
    const value = this.loaded;
    const hasContent = !!value && value.summary.deliveries.total > 0;
    return html`
      <header part="header">
        <div>
          <h2 part="title">${m.otif.title}</h2>
          ${value
            ? html`<p part="subtitle">${m.window(l.date(value.summary.from), l.date(value.summary.to))} · ${m.asOf(l.date(value.summary.asOfDate))}</p>`
            : nothing}
        </div>
        <div part="toolbar">${hasContent ? this.renderTableToggle() : nothing} ${this.exporter.render(m)}</div>
      </header>
      <div id="${this.uid}-view">
        ${this.renderTask(this.data, (data) => this.renderContent(data))}
      </div>
    `;
  }

  private channelName(channel: OtifChannel | string, division?: string): string {
    const code = typeof channel === "string" ? channel : channel.channel;
    const m = this.messages;
    return m.channels[code] ?? (division ? m.divisions[division] : undefined) ?? m.channel(code);
  }

  private renderContent(data: OtifData): TemplateResult {
    const m = this.messages;
    const l = this.localize;
    const d = data.summary.deliveries;
    if (d.total === 0) return this.renderMessage(m.empty);
    const kpis = html`<dl part="kpis">
      <div part="kpi" data-kpi="otifPercent"><dt>${m.otif.otif}</dt><dd>${l.percent(d.otifPercent)}</dd></div>
      <div part="kpi" data-kpi="onTimePercent"><dt>${m.otif.onTime}</dt><dd>${l.percent(d.onTimePercent)}</dd></div>
      <div part="kpi" data-kpi="inFullPercent"><dt>${m.otif.inFull}</dt><dd>${l.percent(d.inFullPercent)}</dd></div>
      <div part="kpi" data-kpi="deliveries"><dt>${m.otif.deliveries}</dt><dd>${l.number(d.total, 0)}</dd></div>
      <div part="kpi" data-kpi="pending"><dt>${m.otif.pending}</dt><dd>${l.number(d.pending, 0)}</dd></div>
    </dl>`;
    if (!this.tableView) return html`${kpis}${this.renderChart(m.otif.chart)}`;
    const channelColumns: TableColumn[] = [
      { label: m.otif.channel },
      { label: m.otif.deliveries, numeric: true },
      { label: m.otif.otif, numeric: true },
      { label: m.otif.onTime, numeric: true },
      { label: m.otif.inFull, numeric: true },
    ];
    const channelRows: TableCell[][] = data.summary.byChannel.map((channel) => [
      `${channel.channel} · ${this.channelName(channel, channel.division)}`,
      l.number(channel.deliveries.total, 0),
      l.percent(channel.deliveries.otifPercent),
      l.percent(channel.deliveries.onTimePercent),
      l.percent(channel.deliveries.inFullPercent),
    ]);
    const deliveries = data.deliveries.edges.map((edge) => edge.node);
    const columns: TableColumn[] = [
      { label: m.otif.delivery },
      { label: m.otif.planned },
      { label: m.otif.goodsIssue },
      { label: m.otif.delay, numeric: true },
      { label: m.otif.shipTo },
      { label: m.otif.channel },
      { label: m.otif.status },
      { label: m.otif.otif },
    ];
    const rows: TableCell[][] = deliveries.map((delivery) => [
      html`<button class="link" type="button" @click=${() => this.select({ delivery: delivery.delivery, customerCode: delivery.customerCode })}>
        ${delivery.delivery}</button
      >`,
      l.date(delivery.deliveryDate),
      l.date(delivery.actualGiDate),
      delivery.giDelayDays === null ? m.notAvailable : l.number(delivery.giDelayDays, 0),
      delivery.shipToName ?? delivery.customerCode ?? m.notAvailable,
      this.channelName(delivery.channel),
      html`<span part="badge" data-otif-status=${delivery.status}>${m.otif.statuses[delivery.status]}</span>`,
      delivery.otif === null ? m.notAvailable : delivery.otif ? m.otif.yes : m.otif.no,
    ]);
    return html`${kpis}
      <div class="tables">
        ${this.renderTable(m.otif.caption(deliveries.length, data.deliveries.totalCount), columns, rows, (index) => deliveries[index].delivery)}
        ${this.renderTable(m.otif.channelCaption, channelColumns, channelRows, (index) => data.summary.byChannel[index].channel)}
      </div>`;
  }

  protected chartContent(): ChartContent | undefined {
    const data = this.loaded;
    if (!data || data.summary.deliveries.total === 0) return undefined;
    const m = this.messages;
    const l = this.localize;
    const palette = readPalette(this);
    const base = chartBase(palette);
    const channels = data.summary.byChannel;
    const names = channels.map((channel) => this.channelName(channel, channel.division));
    const series = [
      { name: m.otif.otif, color: palette.accent, pick: (c: OtifCounts) => c.otifPercent },
      { name: m.otif.onTime, color: "#0f8a6a", pick: (c: OtifCounts) => c.onTimePercent },
      { name: m.otif.inFull, color: "#d97706", pick: (c: OtifCounts) => c.inFullPercent },
    ];
    const round = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
    return {
      description: m.otif.describe(
        channels.map(
          (channel, index) =>
            `${names[index]}: ${m.otif.otif} ${l.percent(channel.deliveries.otifPercent)}, ${m.otif.onTime} ${l.percent(channel.deliveries.onTimePercent)}, ${m.otif.inFull} ${l.percent(channel.deliveries.inFullPercent)} (${l.number(channel.deliveries.total, 0)})`,
        ),
      ),
      option: {
        textStyle: base.textStyle,
        legend: { ...base.legend, data: series.map((s) => s.name) },
        grid: { top: 36, bottom: 8, left: 8, right: 16, containLabel: true },
        tooltip: {
          ...base.tooltip,
          trigger: "axis",
          axisPointer: { type: "shadow" },
          formatter: (params: TooltipParam[]) => {
            const channel = channels[params[0]?.dataIndex ?? -1];
            if (!channel) return "";
            return tooltipLines(`${names[params[0].dataIndex]} (${channel.channel})`, [
              ...params.map((param) => ({ marker: param.marker, label: param.seriesName, value: l.percent(param.value as number | null) })),
              { label: m.otif.deliveries, value: l.number(channel.deliveries.total, 0) },
            ]);
          },
        },
        xAxis: { type: "category", data: names, ...base.axisCommon },
        yAxis: {
          type: "value",
          max: 100,
          ...base.axisCommon,
          axisLabel: { ...base.axisCommon.axisLabel, formatter: (value: number) => l.percent(value) },
        },
        series: series.map((s) => ({
          type: "bar",
          name: s.name,
          barMaxWidth: 32,
          itemStyle: { color: s.color },
          data: channels.map((channel) => round(s.pick(channel.deliveries))),
        })),
      },
    };
  }
}
