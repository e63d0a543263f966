import { Task, TaskStatus } from "@lit/task";
import { html, nothing, type TemplateResult } from "lit";
import { property } from "lit/decorators.js";
import { AlkanaElement, type TableCell, type TableColumn } from "../../core/alkana-element.js";
import { asFailure, graphql } from "../../core/api-client.js";
import type { ChartContent } from "../../core/chart-controller.js";
import { escapeHtml } from "../../core/escape.js";
import { ExportController } from "../../core/export-menu.js";
import { daysBetween, plainDate } from "../../core/localize.js";
import { chartBase, readPalette, STAGES, type Stage } from "../../core/theme.js";
import styles from "./batch-trace.styles.js";

interface TraceEvent {
  stage: Stage;
  event: string;
  date: string;
  plant: string | null;
  document: string | null;
}

interface NettedMovement {
  mb51Id: string;
  plant: string;
  material: string;
  materialDescription: string | null;
  movementType: string;
  postingDate: string;
  quantity: number;
  reference: string | null;
  purchaseOrder: string | null;
}

interface Batch {
  batch: string;
  plant: string | null;
  netQuantity: number | null;
  status: string | null;
  movements: NettedMovement[];
  timeline: TraceEvent[];
}

type TraceData = { batch: string; found: Batch | null } | undefined;

const BATCH_QUERY = `query AlkanaBatchTrace($batch: String!, $plant: String) {
  batch(batch: $batch, plant: $plant) {
    batch plant netQuantity status
    movements { mb51Id plant material materialDescription movementType postingDate quantity reference purchaseOrder }
    timeline { stage event date plant document }
  }
}`;

/**
 * @summary The way of one batch from order to customer (DOMAIN.md §3.1, §3.4): a timeline of its
 * lead-time events, its movements after netting, and the netting result. A search field traces
 * another batch. The download menu exports the batch's movements after netting.
 *
 * @tag alkana-batch-trace
 *
 * @csspart search - The batch search form.
 * @csspart movements - The section with the movements table.
 * @csspart export-button - The download button.
 * @csspart export-menu - The list of download formats.
 * @csspart export-status - The line under the toolbar telling how a download went.
 *
 * @cssproperty --alkana-stage-preparation - Colour of preparation events.
 * @cssproperty --alkana-stage-production - Colour of production events.
 * @cssproperty --alkana-stage-transit - Colour of transit events.
 * @cssproperty --alkana-stage-storage - Colour of storage events.
 * @cssproperty --alkana-stage-delivery - Colour of delivery events.
 *
 * @event alkana-select - A timeline event was clicked: `detail: { batch, stage, event, date, document }`.
 */
export class AlkanaBatchTrace extends AlkanaElement {
  static styles = styles;

  /** The batch number, e.g. `26A2597710`. */
  @property({ reflect: true }) batch?: string;

  /** Plant code; default every plant the token may see. */
  @property() plant?: string;

  private readonly data = new Task(this, {
    args: () => [this.batch?.trim(), this.plant, this.endpoint, this.token] as const,
    task: async ([batch, plant], { signal }): Promise<TraceData> => {
      if (!batch) return undefined;
      try {
        const { data } = await graphql<{ batch: Batch | null }>(this, BATCH_QUERY, { batch, plant: plant || undefined }, signal);
        return { batch, found: data.batch && (data.batch.movements.length || data.batch.timeline.length) ? data.batch : null };
      } catch (error) {
        if (!signal.aborted) this.reportFailure(asFailure(error), "query");
        throw error;
      }
    },
  });

  /** `batch` and `plant` are also the parameter names of the `batch-movements` export. */
  private readonly exporter = new ExportController(
    this,
    () => {
      const batch = this.batch?.trim();
      return batch ? { table: "batch-movements", params: { batch, plant: this.plant } } : undefined;
    },
    `${this.uid}-export`,
  );

  protected reload(): void {
    void this.data.run();
  }

  private get found(): Batch | undefined {
    return this.data.status === TaskStatus.COMPLETE ? (this.data.value?.found ?? undefined) : undefined;
  }

  protected render(): TemplateResult {
    const m = this.messages;
    const found = this.found;
    return html`
      <header part="header">
        <div>
          <h2 part="title">${this.batch ? m.trace.titleOf(this.batch) : m.trace.title}</h2>
          ${this.plant ? html`<p part="subtitle">${m.trace.plant} ${this.plant}</p>` : nothing}
        </div>
        <div part="toolbar">
          ${this.renderSearch()} ${found?.timeline.length ? this.renderTableToggle() : nothing}
          ${found?.movements.length ? this.exporter.render(m) : nothing}
        </div>
      </header>
      <div id="${this.uid}-view">
        ${this.data.render({
          initial: () => this.renderMessage(m.trace.prompt, "prompt"),
          pending: () => this.renderLoading(),
          error: (error) => this.renderFailure(asFailure(error), this.plant),
          complete: (data) =>
            !data
              ? this.renderMessage(m.trace.prompt, "prompt")
              : data.found
                ? this.renderBatch(data.found)
                : this.renderMessage(m.trace.notFound(data.batch)),
        })}
      </div>
    `;
  }

  private renderSearch(): TemplateResult {
    const m = this.messages.trace;
    const inputId = `${this.uid}-batch`;
    return html`<form
      part="search"
      role="search"
      @submit=${(event: SubmitEvent) => {
        event.preventDefault();
        const value = (event.currentTarget as HTMLFormElement).querySelector("input")!.value.trim();
        if (value) this.batch = value;
      }}
    >
      <label for=${inputId}>${m.batch}</label>
      <input id=${inputId} name="batch" type="search" autocomplete="off" spellcheck="false" .value=${this.batch ?? ""} />
      <button type="submit">${m.search}</button>
    </form>`;
  }

  private renderBatch(batch: Batch): TemplateResult {
    const m = this.messages;
    const l = this.localize;
    return html`
      <dl part="kpis">
        <div part="kpi" data-kpi="netQuantity"><dt>${m.trace.netQuantity}</dt><dd>${l.number(batch.netQuantity, 3)}</dd></div>
        <div part="kpi" data-kpi="status">
          <dt>${m.trace.nettingStatus}</dt>
          <dd>${batch.status ? (m.trace.nettingStatuses[batch.status] ?? batch.status) : m.notAvailable}</dd>
        </div>
        <div part="kpi" data-kpi="movementCount"><dt>${m.trace.movementCount}</dt><dd>${l.number(batch.movements.length, 0)}</dd></div>
      </dl>
      ${batch.timeline.length === 0
        ? html`<p class="note">${m.trace.noTimeline}</p>`
        : this.tableView
          ? this.renderTimelineTable(batch)
          : this.renderChart(m.trace.timelineChart(batch.batch))}
      <section part="movements">
        <h3>${m.trace.movementsTitle}</h3>
        ${batch.movements.length ? this.renderMovements(batch) : html`<p class="note">${m.trace.noMovements}</p>`}
      </section>
    `;
  }

  private eventName(event: TraceEvent): string {
    return this.messages.trace.events[event.event] ?? event.event;
  }

  private renderTimelineTable(batch: Batch): TemplateResult {
    const m = this.messages;
    const l = this.localize;
    const columns: TableColumn[] = [
      { label: m.trace.date },
      { label: m.trace.stage },
      { label: m.trace.event },
      { label: m.trace.plant },
      { label: m.trace.document },
      { label: m.trace.sincePrevious, numeric: true },
    ];
    const rows: TableCell[][] = batch.timeline.map((event, index) => [
      l.date(event.date),
      m.stages[event.stage] ?? event.stage,
      this.eventName(event),
      event.plant ?? m.notAvailable,
      event.document ?? m.notAvailable,
      index === 0 ? m.notAvailable : l.days(daysBetween(batch.timeline[index - 1].date, event.date), 0),
    ]);
    return this.renderTable(m.trace.timelineCaption(batch.batch), columns, rows);
  }

  private renderMovements(batch: Batch): TemplateResult {
    const m = this.messages;
    const l = this.localize;
    const columns: TableColumn[] = [
      { label: m.trace.date },
      { label: m.trace.plant },
      { label: m.trace.movementType },
      { label: m.trace.quantity, numeric: true },
      { label: m.trace.reference },
      { label: m.trace.purchaseOrder },
      { label: m.trace.materialDescription },
    ];
    const rows: TableCell[][] = batch.movements.map((movement) => [
      l.date(movement.postingDate),
      movement.plant,
      movement.movementType,
      l.number(movement.quantity, 3),
      movement.reference ?? m.notAvailable,
      movement.purchaseOrder ?? m.notAvailable,
      movement.materialDescription ?? movement.material,
    ]);
    return this.renderTable(m.trace.movementsCaption(batch.batch), columns, rows, (index) => batch.movements[index].mb51Id);
  }

  protected chartContent(): ChartContent | undefined {
    const batch = this.found;
    if (!batch?.timeline.length) return undefined;
    const m = this.messages;
    const l = this.localize;
    const palette = readPalette(this);
    const base = chartBase(palette);
    const events = batch.timeline;
    const stageLabel = (stage: Stage) => m.stages[stage] ?? stage;
    return {
      description: m.trace.describeTimeline(
        batch.batch,
        events.map((event) => `${l.date(event.date)} ${stageLabel(event.stage)}: ${this.eventName(event)}`),
      ),
      onClick: (index) => {
        const event = events[index];
        if (event) this.select({ batch: batch.batch, stage: event.stage, event: event.event, date: event.date, document: event.document });
      },
      option: {
        useUTC: true,
        textStyle: base.textStyle,
        grid: { top: 20, bottom: 30, left: 10, right: 30, containLabel: true },
        tooltip: {
          ...base.tooltip,
          trigger: "item",
          formatter: (param: { dataIndex: number; marker: string }) => {
            const event = events[param.dataIndex];
            if (!event) return "";
            const details = [event.plant && `${m.trace.plant} ${event.plant}`, event.document && `${m.trace.document} ${event.document}`]
              .filter(Boolean)
              .join(" · ");
            return `${param.marker}<strong>${escapeHtml(this.eventName(event))}</strong><br>${escapeHtml(l.date(event.date))} · ${escapeHtml(
              stageLabel(event.stage),
            )}${details ? `<br>${escapeHtml(details)}` : ""}`;
          },
        },
        xAxis: {
          type: "time",
          minInterval: 86_400_000,
          ...base.axisCommon,
          axisLabel: { ...base.axisCommon.axisLabel, hideOverlap: true, formatter: (value: number) => l.date(new Date(value).toISOString()) },
        },
        yAxis: { type: "category", inverse: true, data: STAGES.map(stageLabel), ...base.axisCommon },
        series: [
          {
            type: "line",
            name: m.trace.timelineChart(batch.batch),
            symbol: "circle",
            symbolSize: 12,
            cursor: "pointer",
            lineStyle: { color: palette.border, width: 2 },
            data: events.map((event) => ({
              value: [plainDate(event.date).getTime(), stageLabel(event.stage)],
              itemStyle: { color: palette.stages[event.stage] ?? palette.accent },
            })),
          },
        ],
      },
    };
  }
}
