import { Task, TaskStatus } from "@lit/task";
import { html, nothing, type TemplateResult } from "lit";
import { property } from "lit/decorators.js";
import { AlkanaElement, type TableCell, type TableColumn } from "../../core/alkana-element.js";
import { asFailure, graphql } from "../../core/api-client.js";
import type { ChartContent } from "../../core/chart-controller.js";
import { ExportController } from "../../core/export-menu.js";
import { chartBase, readPalette } from "../../core/theme.js";
import { numberFormat } from "../../core/localize.js";
import { tooltipLines, type TooltipParam } from "../../core/tooltip.js";
import styles from "./movements.styles.js";

interface WeeklyFlow {
  isoWeek: string;
  weekStart: string;
  plant: string;
  inboundKg: number;
  outboundKg: number;
  netKg: number;
}

interface WeeklyFlows {
  from: string;
  to: string;
  asOfDate: string;
  weeks: WeeklyFlow[];
}

/** One ISO week, summed over the plants shown. */
export interface WeekTotals {
  isoWeek: string;
  weekStart: string;
  inboundKg: number;
  outboundKg: number;
  netKg: number;
}

const QUERY = `query AlkanaMovements($filter: MovementFilter) {
  weeklyFlows(filter: $filter) { from to asOfDate weeks { isoWeek weekStart plant inboundKg outboundKg netKg } }
}`;

/** Sums the per-plant rows of each week, in week order. */
export function weekTotals(weeks: WeeklyFlow[]): WeekTotals[] {
  const byWeek = new Map<string, WeekTotals>();
  for (const row of weeks) {
    const week = byWeek.get(row.isoWeek) ?? { isoWeek: row.isoWeek, weekStart: row.weekStart, inboundKg: 0, outboundKg: 0, netKg: 0 };
    week.inboundKg += row.inboundKg;
    week.outboundKg += row.outboundKg;
    week.netKg += row.netKg;
    byWeek.set(row.isoWeek, week);
  }
  return [...byWeek.values()].sort((a, b) => a.isoWeek.localeCompare(b.isoWeek));
}

/**
 * @summary Inbound against outbound kilograms per ISO week (Monday start), with the net movement
 * of the week. No opening balance exists in the exports, so this is a net movement, never stock
 * on hand (DOMAIN.md D12).
 *
 * @tag alkana-movements
 *
 * @csspart note - The line saying that these are net movements, not stock on hand.
 * @csspart export-button - The download button.
 * @csspart export-menu - The list of download formats.
 * @csspart export-status - The line under the toolbar telling how a download went.
 */
export class AlkanaMovements extends AlkanaElement {
  static styles = styles;

  /** First posting date, `YYYY-MM-DD`; default the first day of the as-of month. */
  @property() from?: string;

  /** Last posting date, `YYYY-MM-DD`. */
  @property() to?: string;

  /** Plant code, e.g. `1201`; default every plant the token may see. */
  @property() plant?: string;

  private readonly data = new Task(this, {
    args: () => [this.from, this.to, this.plant, this.endpoint, this.token] as const,
    task: async ([from, to, plant], { signal }) => {
      try {
        const filter = { from: from || undefined, to: to || undefined, plants: plant ? [plant] : undefined };
        const { data } = await graphql<{ weeklyFlows: WeeklyFlows }>(this, QUERY, { filter }, signal);
        return { ...data.weeklyFlows, totals: weekTotals(data.weeklyFlows.weeks) };
      } catch (error) {
        if (!signal.aborted) this.reportFailure(asFailure(error), "query");
        throw error;
      }
    },
  });

  private readonly exporter = new ExportController(
    this,
    () => ({ table: "movements", params: { from: this.from, to: this.to, plants: this.plant } }),
    `${this.uid}-export`,
  );

  protected reload(): void {
    void this.data.run();
  }

  private get loaded() {
    return this.data.status === TaskStatus.COMPLETE ? this.data.value : undefined;
  }

  private hasContent(totals: WeekTotals[]): boolean {
    return totals.some((week) => week.inboundKg !== 0 || week.outboundKg !== 0 || week.netKg !== 0);
  }

  protected render(): TemplateResult {
    const m = this.messages;
    const l = this.localize;
    const value = this.loaded;
    return html`
      <header part="header">
        <div>
          <h2 part="title">${m.movements.title}</h2>
          ${value
            ? html`<p part="subtitle">
                ${m.window(l.date(value.from), l.date(value.to))}${this.plant ? ` · ${this.plant}` : ""} · ${m.asOf(l.date(value.asOfDate))}
              </p>`
            : nothing}
        </div>
        <div part="toolbar">${value && this.hasContent(value.totals) ? this.renderTableToggle() : nothing} ${this.exporter.render(m)}</div>
      </header>
      <div id="${this.uid}-view">
        ${this.renderTask(this.data, (data) => this.renderContent(data.totals), this.plant)}
      </div>
      <p part="note">${m.movements.note}</p>
    `;
  }

  private renderContent(totals: WeekTotals[]): TemplateResult {
    const m = this.messages;
    const l = this.localize;
    if (!this.hasContent(totals)) return this.renderMessage(m.empty);
    if (!this.tableView) return this.renderChart(m.movements.chart);
    const columns: TableColumn[] = [
      { label: m.movements.week },
      { label: m.movements.weekStart },
      { label: m.movements.inbound, numeric: true },
      { label: m.movements.outbound, numeric: true },
      { label: m.movements.net, numeric: true },
    ];
    const rows: TableCell[][] = totals.map((week) => [
      week.isoWeek,
      l.date(week.weekStart),
      l.number(week.inboundKg, 0),
      l.number(week.outboundKg, 0),
      l.number(week.netKg, 0),
    ]);
    return this.renderTable(m.movements.caption, columns, rows, (index) => totals[index].isoWeek);
  }

  protected chartContent(): ChartContent | undefined {
    const value = this.loaded;
    if (!value || !this.hasContent(value.totals)) return undefined;
    const totals = value.totals;
    const m = this.messages;
    const l = this.localize;
    const palette = readPalette(this);
    const base = chartBase(palette);
    const round = (kg: number) => Math.round(kg);
    return {
      description: m.movements.describe(
        totals.map((week) => `${week.isoWeek} ${l.kg(week.inboundKg)} / ${l.kg(week.outboundKg)} / ${l.kg(week.netKg)}`),
      ),
      option: {
        textStyle: base.textStyle,
        legend: { ...base.legend, data: [m.movements.inbound, m.movements.outbound, m.movements.net] },
        grid: { top: this.clientWidth < 480 ? 60 : 36, bottom: 8, left: 8, right: 16, containLabel: true },
        tooltip: {
          ...base.tooltip,
          trigger: "axis",
          axisPointer: { type: "shadow" },
          formatter: (params: TooltipParam[]) =>
            tooltipLines(
              `${params[0]?.name ?? ""} (${l.date(totals[params[0]?.dataIndex ?? 0]?.weekStart)})`,
              params.map((param) => ({ marker: param.marker, label: param.seriesName, value: l.kg(param.value as number) })),
            ),
        },
        xAxis: { type: "category", data: totals.map((week) => week.isoWeek), ...base.axisCommon },
        yAxis: {
          type: "value",
          name: "kg",
          ...base.axisCommon,
          axisLabel: { ...base.axisCommon.axisLabel, formatter: (kg: number) => numberFormat(l.locale, { notation: "compact" }).format(kg) },
        },
        series: [
          { type: "bar", name: m.movements.inbound, barMaxWidth: 32, itemStyle: { color: "#0f8a6a" }, data: totals.map((w) => round(w.inboundKg)) },
          { type: "bar", name: m.movements.outbound, barMaxWidth: 32, itemStyle: { color: "#c2410c" }, data: totals.map((w) => round(w.outboundKg)) },
          {
            type: "line",
            name: m.movements.net,
            symbolSize: 7,
            itemStyle: { color: palette.accent },
            lineStyle: { color: palette.accent, width: 2 },
            data: totals.map((w) => round(w.netKg)),
          },
        ],
      },
    };
  }
}
