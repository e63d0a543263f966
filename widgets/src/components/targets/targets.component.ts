import { Task, TaskStatus } from "@lit/task";
import { html, nothing, type TemplateResult } from "lit";
import { property } from "lit/decorators.js";
import { AlkanaElement, type TableCell, type TableColumn } from "../../core/alkana-element.js";
import { asFailure, graphql } from "../../core/api-client.js";
import type { ChartContent } from "../../core/chart-controller.js";
import { ExportController } from "../../core/export-menu.js";
import { chartBase, readPalette } from "../../core/theme.js";
import { tooltipLines, type TooltipParam } from "../../core/tooltip.js";
import styles from "./targets.styles.js";

type TargetStatus = "ON_TRACK" | "WARNING" | "BEHIND" | "NO_TARGET" | "NOT_STARTED";

interface SalesmanTarget {
  salesmanName: string;
  actual: number;
  target: number | null;
  proRatedTarget: number | null;
  achievementPercent: number | null;
  proRatedAchievementPercent: number | null;
  status: TargetStatus;
}

interface SalesTargets {
  year: number;
  semester: number;
  asOfDate: string;
  elapsedDays: number;
  semesterDays: number;
  semesterStart: string;
  semesterEnd: string;
  revenueWithoutTarget: number;
  totals: Omit<SalesmanTarget, "salesmanName">;
  salesmen: SalesmanTarget[];
}

const FIELDS = "actual target proRatedTarget achievementPercent proRatedAchievementPercent status";
const QUERY = `query AlkanaTargets($year: Int!, $semester: Int!, $search: String) {
  salesTargets(year: $year, semester: $semester, search: $search) {
    year semester asOfDate elapsedDays semesterDays semesterStart semesterEnd revenueWithoutTarget
    totals { ${FIELDS} }
    salesmen { salesmanName ${FIELDS} }
  }
}`;
const AS_OF_QUERY = `query AlkanaTargetsAsOf { salesSummary { asOfDate } }`;

/** Salesmen drawn in the chart (the table lists all). */
const CHART_LIMIT = 15;

/**
 * @summary The semester leaderboard per salesman (DOMAIN.md D9): revenue so far against the
 * semester target and the pro-rated target (elapsed days ÷ semester days), achievement and a
 * status badge judged on the pro-rated figure (on track ≥ 90 %, warning 70–90 %, behind < 70 %).
 *
 * @tag alkana-targets
 *
 * @csspart export-button - The download button.
 * @csspart export-menu - The list of download formats.
 * @csspart export-status - The line under the toolbar telling how a download went.
 *
 * @cssproperty --alkana-target-on-track - Badge colour of ON_TRACK.
 * @cssproperty --alkana-target-warning - Badge colour of WARNING.
 * @cssproperty --alkana-target-behind - Badge colour of BEHIND.
 *
 * @event alkana-select - A salesman was clicked: `detail: { salesman }`.
 */
export class AlkanaTargets extends AlkanaElement {
  static styles = styles;

  /** Year, e.g. `2026`; default the year of the as-of date. */
  @property({ type: Number }) year?: number;

  /** `1` (January–June) or `2` (July–December); default the semester of the as-of date. */
  @property({ type: Number }) semester?: number;

  /** Only salesmen whose name contains this. */
  @property() search?: string;

  private readonly data = new Task(this, {
    args: () => [this.year, this.semester, this.search, this.endpoint, this.token] as const,
    task: async ([year, semester, search], { signal }) => {
      try {
        if (!year || !semester) {
          const { data } = await graphql<{ salesSummary: { asOfDate: string } }>(this, AS_OF_QUERY, {}, signal);
          const [asOfYear, asOfMonth] = data.salesSummary.asOfDate.split("-").map(Number);
          year ||= asOfYear;
          semester ||= asOfMonth <= 6 ? 1 : 2;
        }
        const { data } = await graphql<{ salesTargets: SalesTargets }>(this, QUERY, { year, semester, search: search || undefined }, signal);
        return data.salesTargets;
      } catch (error) {
        if (!signal.aborted) this.reportFailure(asFailure(error), "query");
        throw error;
      }
    },
  });

  private readonly exporter = new ExportController(
    this,
    () => {
      const shown = this.data.status === TaskStatus.COMPLETE ? this.data.value : undefined;
      const year = this.year ?? shown?.year;
      const semester = this.semester ?? shown?.semester;
      return { table: "sales-targets", params: { year: year ? String(year) : undefined, semester: semester ? String(semester) : undefined } };
    },
    `${this.uid}-export`,
  );

  protected reload(): void {
    void this.data.run();
  }

  protected render(): TemplateResult {
    const m = this.messages;
    const value = this.data.status === TaskStatus.COMPLETE ? this.data.value : undefined;
    const hasContent = !!value && value.salesmen.length > 0;
    return html`
      <header part="header">
        <div>
          <h2 part="title">${value ? m.targets.title(value.semester, value.year) : m.targets.heading}</h2>
          ${value ? this.renderSubtitle(value) : nothing}
        </div>
        <div part="toolbar">${hasContent ? this.renderTableToggle() : nothing} ${this.exporter.render(m)}</div>
      </header>
      <div id="${this.uid}-view">
        ${this.renderTask(this.data, (data) => this.renderContent(data))}
      </div>
    `;
  }

  private renderSubtitle(data: SalesTargets): TemplateResult {
    const l = this.localize;
    const m = this.messages;
    return html`<p part="subtitle">
      ${m.window(l.date(data.semesterStart), l.date(data.semesterEnd))} · ${m.targets.elapsed(data.elapsedDays, data.semesterDays)} ·
      ${m.asOf(l.date(data.asOfDate))}
    </p>`;
  }

  private badge(status: TargetStatus): TemplateResult {
    return html`<span part="badge" data-target-status=${status}>${this.messages.targets.statuses[status]}</span>`;
  }

  private renderContent(data: SalesTargets): TemplateResult {
    const m = this.messages;
    const l = this.localize;
    if (!data.salesmen.length) return this.renderMessage(m.empty);
    const t = data.totals;
    const kpis = html`<dl part="kpis">
      <div part="kpi" data-kpi="actual"><dt>${m.targets.actual}</dt><dd>${l.vnd(t.actual)}</dd></div>
      <div part="kpi" data-kpi="proRatedTarget"><dt>${m.targets.proRated}</dt><dd>${l.vnd(t.proRatedTarget)}</dd></div>
      <div part="kpi" data-kpi="proRatedAchievement"><dt>${m.targets.achievement}</dt><dd>${l.percent(t.proRatedAchievementPercent)}</dd></div>
      <div part="kpi" data-kpi="status"><dt>${m.targets.status}</dt><dd>${this.badge(t.status)}</dd></div>
    </dl>`;
    const without =
      data.revenueWithoutTarget > 0 ? html`<p class="without-target">${m.targets.withoutTarget(l.vnd(data.revenueWithoutTarget))}</p>` : nothing;
    if (!this.tableView) {
      const shown = Math.min(data.salesmen.length, CHART_LIMIT);
      return html`${kpis}${without}${this.renderChart(m.targets.chart, `max(var(--alkana-chart-height), ${shown * 1.9 + 4}rem)`)}`;
    }
    const columns: TableColumn[] = [
      { label: m.targets.salesman },
      { label: m.targets.actual, numeric: true },
      { label: m.targets.target, numeric: true },
      { label: m.targets.proRated, numeric: true },
      { label: m.targets.achievement, numeric: true },
      { label: m.targets.status },
    ];
    const rows: TableCell[][] = data.salesmen.map((salesman) => [
      html`<button class="link" type="button" @click=${() => this.select({ salesman: salesman.salesmanName })}>${salesman.salesmanName}</button>`,
      l.vnd(salesman.actual),
      l.vnd(salesman.target),
      l.vnd(salesman.proRatedTarget),
      l.percent(salesman.proRatedAchievementPercent),
      this.badge(salesman.status),
    ]);
    return html`${kpis}${without}${this.renderTable(m.targets.caption, columns, rows, (index) => data.salesmen[index].salesmanName)}`;
  }

  protected chartContent(): ChartContent | undefined {
    if (this.data.status !== TaskStatus.COMPLETE) return undefined;
    const data = this.data.value!;
    if (!data.salesmen.length) return undefined;
    const m = this.messages;
    const l = this.localize;
    const palette = readPalette(this);
    const base = chartBase(palette);
    const salesmen = data.salesmen.slice(0, CHART_LIMIT);
    const narrow = this.clientWidth < 480;
    return {
      description: m.targets.describe(
        salesmen.map(
          (s) => `${s.salesmanName} ${l.vnd(s.actual)} / ${l.vnd(s.proRatedTarget)} (${l.percent(s.proRatedAchievementPercent)}, ${m.targets.statuses[s.status]})`,
        ),
      ),
      onClick: (index) => {
        const salesman = salesmen[index];
        if (salesman) this.select({ salesman: salesman.salesmanName });
      },
      option: {
        textStyle: base.textStyle,
        legend: { ...base.legend, data: [m.targets.actual, m.targets.proRated, m.targets.target] },
        grid: { top: narrow ? 60 : 36, bottom: 24, left: 8, right: 24, containLabel: true },
        tooltip: {
          ...base.tooltip,
          trigger: "axis",
          axisPointer: { type: "shadow" },
          formatter: (params: TooltipParam[]) => {
            const salesman = salesmen[params[0]?.dataIndex ?? -1];
            if (!salesman) return "";
            return tooltipLines(salesman.salesmanName, [
              { label: m.targets.actual, value: l.vnd(salesman.actual) },
              { label: m.targets.proRated, value: l.vnd(salesman.proRatedTarget) },
              { label: m.targets.target, value: l.vnd(salesman.target) },
              { label: m.targets.achievement, value: l.percent(salesman.proRatedAchievementPercent) },
              { label: m.targets.status, value: m.targets.statuses[salesman.status] },
            ]);
          },
        },
        yAxis: {
          type: "category",
          inverse: true,
          data: salesmen.map((s) => s.salesmanName),
          ...base.axisCommon,
          axisLabel: { ...base.axisCommon.axisLabel, width: narrow ? 92 : 130, overflow: "truncate" },
        },
        xAxis: {
          type: "value",
          ...base.axisCommon,
          axisLabel: { ...base.axisCommon.axisLabel, formatter: (value: number) => l.vndCompact(value), hideOverlap: true },
        },
        series: [
          { type: "bar", name: m.targets.actual, barMaxWidth: 14, itemStyle: { color: palette.accent }, data: salesmen.map((s) => s.actual) },
          { type: "bar", name: m.targets.proRated, barMaxWidth: 14, itemStyle: { color: "#d97706" }, data: salesmen.map((s) => s.proRatedTarget) },
          { type: "bar", name: m.targets.target, barMaxWidth: 14, itemStyle: { color: palette.border }, data: salesmen.map((s) => s.target) },
        ],
      },
    };
  }
}
