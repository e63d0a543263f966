import { Task, TaskStatus } from "@lit/task";
import { html, nothing, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import { AlkanaElement, type TableCell, type TableColumn } from "../../core/alkana-element.js";
import { asFailure, graphql } from "../../core/api-client.js";
import type { ChartContent } from "../../core/chart-controller.js";
import { escapeHtml } from "../../core/escape.js";
import { ExportController } from "../../core/export-menu.js";
import { chartBase, readPalette, STAGES, type Stage } from "../../core/theme.js";
import styles from "./leadtime.styles.js";

type OrderType = "MTO" | "MTS";
type LeadTimeStatus = "ON_TIME" | "DELAYED" | "STUCK" | "IN_PROGRESS";

interface LeadTime {
  asOfDate: string;
  preparationDays: number | null;
  productionDays: number | null;
  transitDays: number | null;
  storageDays: number | null;
  deliveryDays: number | null;
  totalDays: number | null;
  status: LeadTimeStatus;
  /** The stage still running (PRODUCTION, TRANSIT or STORAGE), with its days so far. */
  openStage: Stage | null;
  openStageDays: number | null;
}

interface LeadTimeOrder {
  orderNumber: string;
  batch: string;
  type: OrderType;
  plant: string;
  materialCode: string;
  materialDescription: string | null;
  releaseDate: string | null;
  leadTime: LeadTime | null;
}

interface LeadTimeSummary {
  from: string;
  to: string;
  asOfDate: string;
  orderCount: number;
  mtoAverageDays: number | null;
  mtsAverageDays: number | null;
  onTimePercent: number | null;
  onTimeCount: number;
  delayedCount: number;
  stuckCount: number;
  inProgressCount: number;
}

/** `leadTimeStageAverages`: one entry per type, over the closed orders of the whole filter. */
interface StageAveragesOfType extends Record<StageField, number | null> {
  orderType: OrderType;
  orderCount: number;
}

interface OrderPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: LeadTimeOrder }[];
}

type LeadTimeData =
  | {
      kind: "window";
      summary: LeadTimeSummary;
      averages: Record<OrderType, TypeAverages>;
      /** The orders read so far (a page at a time, as "show more" needs them). */
      orders: LeadTimeOrder[];
      totalCount: number;
      nextPage: string | null;
    }
  | { kind: "order"; orderNumber: string; order: LeadTimeOrder | null };

const ORDER_FIELDS = `orderNumber batch type plant materialCode materialDescription releaseDate
  leadTime { asOfDate preparationDays productionDays transitDays storageDays deliveryDays totalDays status openStage openStageDays }`;

const WINDOW_QUERY = `query AlkanaLeadTime($filter: LeadTimeFilter, $first: Int, $after: String) {
  leadTimeSummary(filter: $filter) {
    from to asOfDate orderCount mtoAverageDays mtsAverageDays onTimePercent onTimeCount delayedCount stuckCount inProgressCount
  }
  leadTimeStageAverages(filter: $filter) {
    orderType orderCount preparationDays productionDays transitDays storageDays deliveryDays
  }
  leadTimeOrders(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { ${ORDER_FIELDS} } }
  }
}`;

const MORE_ORDERS_QUERY = `query AlkanaLeadTimeOrders($filter: LeadTimeFilter, $first: Int, $after: String) {
  leadTimeOrders(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { ${ORDER_FIELDS} } }
  }
}`;

const ORDER_QUERY = `query AlkanaLeadTimeOrder($orderNumber: String!) { productionOrder(orderNumber: $orderNumber) { ${ORDER_FIELDS} } }`;

const PAGE_SIZE = 100;
const ORDERS_SHOWN_STEP = 20;
/** Stages per order type (DOMAIN.md §3.4): MTS stops at the warehouse issue. */
const TYPE_STAGES: Record<OrderType, readonly Stage[]> = {
  MTO: STAGES,
  MTS: ["PRODUCTION", "TRANSIT", "STORAGE"],
};
type StageField = "preparationDays" | "productionDays" | "transitDays" | "storageDays" | "deliveryDays";

const STAGE_FIELD: Record<Stage, StageField> = {
  PREPARATION: "preparationDays",
  PRODUCTION: "productionDays",
  TRANSIT: "transitDays",
  STORAGE: "storageDays",
  DELIVERY: "deliveryDays",
};

/**
 * @summary Lead time of P01 process orders (DOMAIN.md §3.4, D5): MTO (5 stages) against MTS
 * (3 stages), the averages and each order's stages with its status. With `order` it shows that one
 * order.
 *
 * @tag alkana-leadtime
 *
 * @csspart view-switch - The Averages / Orders buttons.
 * @csspart status-counts - The list of orders per status.
 * @csspart export-button - The download button.
 * @csspart export-menu - The list of download formats.
 * @csspart export-status - The line under the toolbar telling how a download went.
 *
 * @cssproperty --alkana-stage-preparation - Colour of the preparation stage.
 * @cssproperty --alkana-stage-production - Colour of the production stage.
 * @cssproperty --alkana-stage-transit - Colour of the transit stage.
 * @cssproperty --alkana-stage-storage - Colour of the storage stage.
 * @cssproperty --alkana-stage-delivery - Colour of the delivery stage.
 * @cssproperty --alkana-status-on-time - Badge colour of ON_TIME.
 * @cssproperty --alkana-status-delayed - Badge colour of DELAYED.
 * @cssproperty --alkana-status-stuck - Badge colour of STUCK.
 * @cssproperty --alkana-status-in-progress - Badge colour of IN_PROGRESS.
 *
 * @event alkana-select - An order was clicked: `detail: { orderNumber, batch }`.
 */
export class AlkanaLeadtime extends AlkanaElement {
  static styles = styles;

  /** First release date of the window, `YYYY-MM-DD` (default: the month of the as-of date). */
  @property() from?: string;

  /** Last release date of the window, `YYYY-MM-DD`. */
  @property() to?: string;

  /** Plant code, e.g. `1201`; default every plant the token may see. */
  @property() plant?: string;

  /** `MTO` or `MTS`; default both. */
  @property() type?: OrderType;

  /** Only orders with this status: `ON_TIME`, `DELAYED`, `STUCK` or `IN_PROGRESS`. */
  @property() status?: LeadTimeStatus;

  /** A process order number: show that order alone. */
  @property() order?: string;

  /** `averages` or `orders` (ignored with `order`). */
  @property({ reflect: true }) view: "averages" | "orders" = "averages";

  @state() private shownOrders = ORDERS_SHOWN_STEP;

  private readonly data = new Task(this, {
    args: () => [this.order, this.from, this.to, this.plant, this.type, this.status, this.endpoint, this.token] as const,
    task: async ([order], { signal }) => {
      this.shownOrders = ORDERS_SHOWN_STEP;
      try {
        return order ? await this.loadOrder(order, signal) : await this.loadWindow(signal);
      } catch (error) {
        if (!signal.aborted) this.reportFailure(asFailure(error), "query");
        throw error;
      }
    },
  });

  private readonly exporter = new ExportController(
    this,
    () =>
      this.order
        ? undefined
        : {
            table: "leadtime-orders",
            params: { from: this.from, to: this.to, plants: this.plant, type: this.type, status: this.status },
          },
    `${this.uid}-export`,
  );

  protected reload(): void {
    void this.data.run();
  }

  private get filter() {
    return {
      from: this.from || undefined,
      to: this.to || undefined,
      plants: this.plant ? [this.plant] : undefined,
      type: this.type || undefined,
      status: this.status || undefined,
    };
  }

  private async loadOrder(orderNumber: string, signal: AbortSignal): Promise<LeadTimeData> {
    const { data } = await graphql<{ productionOrder: LeadTimeOrder | null }>(this, ORDER_QUERY, { orderNumber }, signal);
    const order = data.productionOrder?.leadTime ? data.productionOrder : null;
    return { kind: "order", orderNumber, order };
  }

  /** One request: the summary, the per-stage averages and the first page of orders. */
  private async loadWindow(signal: AbortSignal): Promise<LeadTimeData> {
    const { data } = await graphql<{ leadTimeSummary: LeadTimeSummary; leadTimeStageAverages: StageAveragesOfType[]; leadTimeOrders: OrderPage }>(
      this,
      WINDOW_QUERY,
      { filter: this.filter, first: PAGE_SIZE },
      signal,
    );
    const page = data.leadTimeOrders;
    return {
      kind: "window",
      summary: data.leadTimeSummary,
      averages: typeAverages(data.leadTimeStageAverages),
      orders: page.edges.map((edge) => edge.node),
      totalCount: page.totalCount,
      nextPage: page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null,
    };
  }

  /** "Show more": the next step of orders, reading the next page first when they are not here yet. */
  private async showMore(data: Extract<LeadTimeData, { kind: "window" }>): Promise<void> {
    const wanted = this.shownOrders + ORDERS_SHOWN_STEP;
    if (wanted > data.orders.length && data.nextPage) {
      try {
        const next = await graphql<{ leadTimeOrders: OrderPage }>(this, MORE_ORDERS_QUERY, { filter: this.filter, first: PAGE_SIZE, after: data.nextPage });
        // The filters may have changed while the page was on its way.
        if (this.data.value !== data) return;
        data.orders.push(...next.data.leadTimeOrders.edges.map((edge) => edge.node));
        data.nextPage = next.data.leadTimeOrders.pageInfo.hasNextPage ? next.data.leadTimeOrders.pageInfo.endCursor : null;
      } catch (error) {
        this.reportFailure(asFailure(error), "query");
        return;
      }
    }
    this.shownOrders = wanted;
  }

  protected render(): TemplateResult {
    const m = this.messages;
    const value = this.data.status === TaskStatus.COMPLETE ? this.data.value : undefined;
    const title = this.order ? m.leadtime.orderTitle(this.order) : m.leadtime.title;
    return html`
      <header part="header">
        <div>
          <h2 part="title">${title}</h2>
          ${value ? this.renderSubtitle(value) : nothing}
        </div>
        <div part="toolbar">
          ${value && this.hasContent(value) ? this.renderToolbar(value) : nothing}
          ${this.order ? nothing : this.exporter.render(m)}
        </div>
      </header>
      <div id="${this.uid}-view">
        ${this.renderTask(this.data, (data) => this.renderContent(data), this.plant)}
      </div>
    `;
  }

  private hasContent(data: LeadTimeData): boolean {
    return data.kind === "order" ? data.order !== null : data.summary.orderCount > 0 || data.orders.length > 0;
  }

  private renderSubtitle(data: LeadTimeData): TemplateResult {
    const l = this.localize;
    if (data.kind === "order") {
      if (!data.order) return html``;
      const { order } = data;
      return html`<p part="subtitle">
        ${order.materialDescription ?? order.materialCode} · ${this.messages.leadtime.batch} ${order.batch} ·
        ${this.messages.asOf(l.date(order.leadTime!.asOfDate))}
      </p>`;
    }
    const { summary } = data;
    return html`<p part="subtitle">
      ${this.messages.window(l.date(summary.from), l.date(summary.to))} · ${this.messages.asOf(l.date(summary.asOfDate))}
    </p>`;
  }

  private renderToolbar(data: LeadTimeData): TemplateResult {
    const m = this.messages.leadtime;
    const viewSwitch =
      data.kind === "window"
        ? html`<div part="view-switch" role="group" aria-label=${m.viewLabel}>
            ${(["averages", "orders"] as const).map(
              (view) =>
                html`<button type="button" aria-pressed=${this.view === view ? "true" : "false"} @click=${() => (this.view = view)}>
                  ${view === "averages" ? m.averages : m.orders}
                </button>`,
            )}
          </div>`
        : nothing;
    return html`${viewSwitch}${this.renderTableToggle()}`;
  }

  private renderContent(data: LeadTimeData): TemplateResult {
    const m = this.messages;
    if (data.kind === "order") {
      if (!data.order) return this.renderMessage(m.leadtime.noOrder(data.orderNumber));
      return this.renderOrders([data.order], m.leadtime.orderChart(data.orderNumber), m.leadtime.orderCaption(data.orderNumber));
    }
    if (!this.hasContent(data)) return this.renderMessage(m.empty);
    return html`${this.renderSummary(data.summary)}
    ${this.view === "orders"
      ? html`${this.renderOrders(this.shownOf(data), m.leadtime.ordersChart, m.leadtime.ordersCaption)} ${this.renderMore(data)}`
      : this.renderAverages(data)}`;
  }

  private renderSummary(summary: LeadTimeSummary): TemplateResult {
    const l = this.localize;
    const m = this.messages;
    const statuses: [LeadTimeStatus, number][] = [
      ["ON_TIME", summary.onTimeCount],
      ["DELAYED", summary.delayedCount],
      ["STUCK", summary.stuckCount],
      ["IN_PROGRESS", summary.inProgressCount],
    ];
    return html`<dl part="kpis">
        <div part="kpi" data-kpi="mtoAverageDays"><dt>${m.leadtime.mtoAverage}</dt><dd>${l.days(summary.mtoAverageDays)}</dd></div>
        <div part="kpi" data-kpi="mtsAverageDays"><dt>${m.leadtime.mtsAverage}</dt><dd>${l.days(summary.mtsAverageDays)}</dd></div>
        <div part="kpi" data-kpi="onTimePercent"><dt>${m.leadtime.onTimePercent}</dt><dd>${l.percent(summary.onTimePercent)}</dd></div>
        <div part="kpi" data-kpi="orderCount"><dt>${m.leadtime.orderCount}</dt><dd>${l.number(summary.orderCount, 0)}</dd></div>
      </dl>
      <ul part="status-counts" aria-label=${m.leadtime.statusCounts}>
        ${statuses.map(
          ([status, count]) =>
            html`<li><span part="badge" data-status=${status}>${m.leadTimeStatus[status]}: ${l.number(count, 0)}</span></li>`,
        )}
      </ul>`;
  }

  private renderAverages(data: Extract<LeadTimeData, { kind: "window" }>): TemplateResult {
    const m = this.messages;
    const l = this.localize;
    if (this.tableView) {
      const averages = data.averages;
      const columns: TableColumn[] = [
        { label: m.leadtime.type },
        { label: m.leadtime.closedOrders, numeric: true },
        ...STAGES.map((stage) => ({ label: m.stages[stage], numeric: true })),
        { label: m.leadtime.averageTotal, numeric: true },
      ];
      const rows: TableCell[][] = (["MTO", "MTS"] as const).map((type) => [
        type,
        l.number(averages[type].count, 0),
        ...STAGES.map((stage) => (TYPE_STAGES[type].includes(stage) ? l.days(averages[type].stages[stage]) : m.notAvailable)),
        l.days(type === "MTO" ? data.summary.mtoAverageDays : data.summary.mtsAverageDays),
      ]);
      return this.renderTable(m.leadtime.averagesCaption, columns, rows, (index) => (index === 0 ? "MTO" : "MTS"));
    }
    return this.renderChart(m.leadtime.averagesChart);
  }

  private renderOrders(orders: LeadTimeOrder[], chartLabel: string, caption: string): TemplateResult {
    if (!this.tableView) return this.renderChart(chartLabel, `max(var(--alkana-chart-height), ${orders.length * 1.75 + 5}rem)`);
    const m = this.messages;
    const l = this.localize;
    const columns: TableColumn[] = [
      { label: m.leadtime.order },
      { label: m.leadtime.batch },
      { label: m.leadtime.type },
      { label: m.leadtime.material },
      { label: m.leadtime.released },
      ...STAGES.map((stage) => ({ label: m.stages[stage], numeric: true })),
      { label: m.leadtime.total, numeric: true },
      { label: m.leadtime.status },
    ];
    const rows: TableCell[][] = orders.map((order) => [
      html`<button class="link" type="button" @click=${() => this.selectOrder(order)}>${order.orderNumber}</button>`,
      order.batch,
      order.type,
      order.materialDescription ?? order.materialCode,
      l.date(order.releaseDate),
      ...STAGES.map((stage) => this.stageText(order, stage)),
      l.days(order.leadTime?.totalDays, 0),
      order.leadTime
        ? html`<span part="badge" data-status=${order.leadTime.status}>${m.leadTimeStatus[order.leadTime.status]}</span>`
        : m.notAvailable,
    ]);
    return this.renderTable(caption, columns, rows, (index) => orders[index].orderNumber);
  }

  private renderMore(data: Extract<LeadTimeData, { kind: "window" }>): TemplateResult {
    const shown = this.shownOf(data).length;
    const m = this.messages.leadtime;
    return html`<div class="more">
      <span>${m.shown(shown, data.totalCount)}</span>
      ${shown < data.orders.length || data.nextPage
        ? html`<button type="button" @click=${() => void this.showMore(data)}>${m.showMore}</button>`
        : nothing}
    </div>`;
  }

  private shownOf(data: Extract<LeadTimeData, { kind: "window" }>): LeadTimeOrder[] {
    return data.orders.slice(0, this.shownOrders);
  }

  /** Days of a stage; a stage still running shows its days so far, marked open. */
  private stageText(order: LeadTimeOrder, stage: Stage): string {
    const leadTime = order.leadTime;
    const closed = leadTime?.[STAGE_FIELD[stage]];
    if (closed !== null && closed !== undefined) return this.localize.days(closed, 0);
    if (leadTime?.openStage === stage) return this.messages.leadtime.open(this.localize.days(leadTime.openStageDays, 0));
    return this.messages.notAvailable;
  }

  private selectOrder(order: LeadTimeOrder): void {
    this.select({ orderNumber: order.orderNumber, batch: order.batch });
  }

  protected chartContent(): ChartContent | undefined {
    if (this.data.status !== TaskStatus.COMPLETE) return undefined;
    const data = this.data.value!;
    if (data.kind === "order") return data.order ? this.ordersChart([data.order]) : undefined;
    if (!this.hasContent(data)) return undefined;
    return this.view === "orders" ? this.ordersChart(this.shownOf(data)) : this.averagesChart(data);
  }

  private averagesChart(data: Extract<LeadTimeData, { kind: "window" }>): ChartContent {
    const narrow = this.clientWidth < 480;
    const m = this.messages;
    const l = this.localize;
    const palette = readPalette(this);
    const base = chartBase(palette);
    const averages = data.averages;
    const types = ["MTO", "MTS"] as const;
    const typeLabel = (type: OrderType) => (type === "MTO" ? m.leadtime.mtoAverage : m.leadtime.mtsAverage);
    const value = (type: OrderType, stage: Stage) =>
      TYPE_STAGES[type].includes(stage) ? round(averages[type].stages[stage]) : null;
    const description = m.leadtime.describeAverages(
      types.map((type) =>
        m.leadtime.describeType(
          typeLabel(type),
          l.days(sum(TYPE_STAGES[type].map((stage) => averages[type].stages[stage]))),
          TYPE_STAGES[type].map((stage) => `${m.stages[stage]} ${l.days(averages[type].stages[stage])}`).join(", "),
        ),
      ),
    );
    return {
      description,
      option: {
        textStyle: base.textStyle,
        legend: { ...base.legend, data: STAGES.map((stage) => m.stages[stage]) },
        // Narrow: the legend wraps to two lines, and the long type names break instead of vanishing.
        grid: { top: narrow ? 64 : 40, bottom: 30, left: 10, right: 10, containLabel: true },
        tooltip: {
          ...base.tooltip,
          trigger: "axis",
          axisPointer: { type: "shadow" },
          formatter: (params: TooltipParam[]) => tooltipHtml(params[0]?.name ?? "", params, (v) => l.days(v)),
        },
        xAxis: {
          type: "category",
          data: types.map(typeLabel),
          ...base.axisCommon,
          axisLabel: { ...base.axisCommon.axisLabel, interval: 0, width: narrow ? 110 : 200, overflow: "break" },
        },
        yAxis: { type: "value", name: m.days("").trim(), ...base.axisCommon },
        series: STAGES.map((stage) => ({
          type: "bar",
          name: m.stages[stage],
          stack: "lead-time",
          barMaxWidth: 80,
          itemStyle: { color: palette.stages[stage] },
          data: types.map((type) => value(type, stage)),
        })),
      },
    };
  }

  private ordersChart(orders: LeadTimeOrder[]): ChartContent {
    const narrow = this.clientWidth < 480;
    const m = this.messages;
    const l = this.localize;
    const palette = readPalette(this);
    const base = chartBase(palette);
    const describeOrder = (order: LeadTimeOrder) =>
      m.leadtime.describeOrder(
        order.orderNumber,
        l.days(order.leadTime?.totalDays, 0),
        order.leadTime ? m.leadTimeStatus[order.leadTime.status] : m.notAvailable,
        TYPE_STAGES[order.type].map((stage) => `${m.stages[stage]} ${this.stageText(order, stage)}`).join(", "),
      );
    const described = orders.slice(0, 10).map(describeOrder);
    return {
      description: orders.length === 1 ? described[0] : m.leadtime.describeOrders(orders.length, described),
      onClick: (index) => {
        const order = orders[index];
        if (order) this.selectOrder(order);
      },
      option: {
        textStyle: base.textStyle,
        legend: { ...base.legend, data: STAGES.map((stage) => m.stages[stage]) },
        grid: { top: narrow ? 64 : 40, bottom: 20, left: 10, right: 20, containLabel: true },
        tooltip: {
          ...base.tooltip,
          trigger: "axis",
          axisPointer: { type: "shadow" },
          formatter: (params: TooltipParam[]) => {
            const order = orders[params[0]?.dataIndex ?? -1];
            if (!order) return "";
            const title = `${order.orderNumber} · ${order.materialDescription ?? order.materialCode}`;
            const status = order.leadTime ? m.leadTimeStatus[order.leadTime.status] : m.notAvailable;
            const lines = params
              .filter((param) => TYPE_STAGES[order.type].includes(STAGES[param.seriesIndex]))
              .map((param) => `${param.marker}${escapeHtml(param.seriesName)}: ${escapeHtml(this.stageText(order, STAGES[param.seriesIndex]))}`);
            const total = `${escapeHtml(m.leadtime.total)}: ${escapeHtml(l.days(order.leadTime?.totalDays, 0))} · ${escapeHtml(status)}`;
            return [`<strong>${escapeHtml(title)}</strong>`, ...lines, total].join("<br>");
          },
        },
        yAxis: { type: "category", inverse: true, data: orders.map((order) => order.orderNumber), ...base.axisCommon },
        xAxis: { type: "value", name: m.days("").trim(), minInterval: 1, ...base.axisCommon },
        series: STAGES.map((stage) => ({
          type: "bar",
          name: m.stages[stage],
          stack: "lead-time",
          barMaxWidth: 22,
          cursor: "pointer",
          itemStyle: { color: palette.stages[stage] },
          // A running stage is drawn with its days so far, faded.
          data: orders.map((order) =>
            order.leadTime?.openStage === stage
              ? { value: order.leadTime.openStageDays, itemStyle: { opacity: 0.45 } }
              : (order.leadTime?.[STAGE_FIELD[stage]] ?? null),
          ),
        })),
      },
    };
  }
}

interface TooltipParam {
  name: string;
  seriesName: string;
  seriesIndex: number;
  value: number | null;
  marker: string;
  dataIndex: number;
}

/** Tooltip HTML with every piece of data escaped (ECharts inserts it as HTML). */
function tooltipHtml(title: string, params: TooltipParam[], format: (value: number) => string): string {
  const lines = params
    .filter((param) => param.value !== null && param.value !== undefined)
    .map((param) => `${param.marker}${escapeHtml(param.seriesName)}: ${escapeHtml(format(param.value as number))}`);
  return [`<strong>${escapeHtml(title)}</strong>`, ...lines].join("<br>");
}

interface TypeAverages {
  count: number;
  stages: Record<Stage, number | null>;
}

/** The API's averages per type, with the stages a type does not have (MTS: preparation, delivery) left empty. */
function typeAverages(rows: StageAveragesOfType[]): Record<OrderType, TypeAverages> {
  const result = {} as Record<OrderType, TypeAverages>;
  for (const type of ["MTO", "MTS"] as const) {
    const row = rows.find((candidate) => candidate.orderType === type);
    const stages = {} as Record<Stage, number | null>;
    for (const stage of STAGES) stages[stage] = TYPE_STAGES[type].includes(stage) ? (row?.[STAGE_FIELD[stage]] ?? null) : null;
    result[type] = { count: row?.orderCount ?? 0, stages };
  }
  return result;
}

function sum(values: (number | null)[]): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length ? present.reduce((total, value) => total + value, 0) : null;
}

function round(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}
