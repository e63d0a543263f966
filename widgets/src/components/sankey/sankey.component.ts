import { Task, TaskStatus } from "@lit/task";
import { html, nothing, type TemplateResult } from "lit";
import { property } from "lit/decorators.js";
import { AlkanaElement, type TableCell, type TableColumn } from "../../core/alkana-element.js";
import { asFailure, graphql } from "../../core/api-client.js";
import type { ChartContent } from "../../core/chart-controller.js";
import { ExportController } from "../../core/export-menu.js";
import { chartBase, readPalette } from "../../core/theme.js";
import { periodOf, tooltipLines } from "../../core/tooltip.js";
import styles from "./sankey.styles.js";

interface FlowNode {
  id: string;
  label: string;
}

interface FlowLink {
  source: string;
  target: string;
  kg: number;
}

interface Flows {
  nodes: FlowNode[];
  links: FlowLink[];
  note: string;
  p03Linked: boolean;
}

const QUERY = `query AlkanaSankey($filter: ProductionFlowFilter) {
  productionFlows(filter: $filter) { nodes { id label } links { source target kg } note p03Linked }
}`;

/** Node colours by role (the canvas needs concrete colours; these read on light and dark). */
const NODE_COLORS: Record<string, string> = {
  "p02-liquid": "#7c5cc4",
  "filling-gain": "#9aa5b1",
  "p01-filled": "#2f6fbd",
  "filling-loss": "#c2410c",
  "by-product": "#b7791f",
  "dc-receipt": "#0f8a6a",
  "not-at-dc": "#9aa5b1",
  "dc-stock": "#52606d",
};

/**
 * @summary The production chain as kilogram flows (DOMAIN.md D7): P02 liquid issued to filling →
 * P01 filled, filling loss and by-product → DC receipt → shipped per channel or still at the DC.
 * P03 bases are not linked to P02 orders in these exports, which the widget says.
 *
 * @tag alkana-sankey
 *
 * @csspart note - The line saying that P03 is not linked.
 * @csspart export-button - The download button.
 * @csspart export-menu - The list of download formats.
 * @csspart export-status - The line under the toolbar telling how a download went.
 */
export class AlkanaSankey extends AlkanaElement {
  static styles = styles;

  /** First ZRPP062 period, `YYYY-MM` (a date is cut to its month); default every loaded period. */
  @property() from?: string;

  /** Last ZRPP062 period, `YYYY-MM`. */
  @property() to?: string;

  /** Plant code; the DC stage appears only when the DC (1401) is included or no plant is given. */
  @property() plant?: string;

  private readonly data = new Task(this, {
    args: () => [this.from, this.to, this.plant, this.endpoint, this.token] as const,
    task: async ([from, to, plant], { signal }) => {
      try {
        const filter = { from: periodOf(from), to: periodOf(to), plants: plant ? [plant] : undefined };
        const { data } = await graphql<{ productionFlows: Flows }>(this, QUERY, { filter }, signal);
        return data.productionFlows;
      } catch (error) {
        if (!signal.aborted) this.reportFailure(asFailure(error), "query");
        throw error;
      }
    },
  });

  /** The links as a table, with the ProductionFlowFilter of the chart. */
  private readonly exporter = new ExportController(
    this,
    () => ({ table: "production-flows", params: { from: periodOf(this.from), to: periodOf(this.to), plants: this.plant } }),
    `${this.uid}-export`,
  );

  protected reload(): void {
    void this.data.run();
  }

  private label(node: FlowNode | string, flows?: Flows): string {
    const m = this.messages.sankey;
    const id = typeof node === "string" ? node : node.id;
    if (m.nodes[id]) return m.nodes[id];
    const channel = /^shipped-(.+)$/.exec(id)?.[1];
    if (channel) return m.shipped(this.messages.channels[channel] ?? this.messages.channel(channel));
    return typeof node === "string" ? (flows?.nodes.find((item) => item.id === id)?.label ?? id) : node.label;
  }

  protected render(): TemplateResult {
    const m = this.messages;
    const flows = this.data.status === TaskStatus.COMPLETE ? this.data.value : undefined;
    const hasContent = !!flows && flows.links.length > 0;
    return html`
      <header part="header">
        <h2 part="title">${m.sankey.title}</h2>
        <div part="toolbar">${hasContent ? this.renderTableToggle() : nothing} ${this.exporter.render(m)}</div>
      </header>
      <div id="${this.uid}-view">
        ${this.renderTask(this.data, (value) => this.renderContent(value), this.plant)}
      </div>
    `;
  }

  private renderContent(flows: Flows): TemplateResult {
    const m = this.messages;
    const note = flows.p03Linked ? nothing : html`<p part="note">${m.sankey.p03Note}</p>`;
    if (flows.links.length === 0) return html`${this.renderMessage(m.empty)}${note}`;
    if (!this.tableView) return html`${this.renderChart(m.sankey.chart)}${note}`;
    const columns: TableColumn[] = [{ label: m.sankey.from }, { label: m.sankey.to }, { label: m.sankey.kg, numeric: true }];
    const rows: TableCell[][] = flows.links.map((link) => [
      this.label(link.source, flows),
      this.label(link.target, flows),
      this.localize.number(link.kg, 0),
    ]);
    return html`${this.renderTable(m.sankey.caption, columns, rows, (index) => `${flows.links[index].source}>${flows.links[index].target}`)}${note}`;
  }

  protected chartContent(): ChartContent | undefined {
    if (this.data.status !== TaskStatus.COMPLETE) return undefined;
    const flows = this.data.value!;
    if (!flows.links.length) return undefined;
    const l = this.localize;
    const palette = readPalette(this);
    const base = chartBase(palette);
    const narrow = this.clientWidth < 560;
    const ids = new Set(flows.links.flatMap((link) => [link.source, link.target]));
    const nodes = flows.nodes.filter((node) => ids.has(node.id));
    const throughput = (id: string) =>
      Math.max(
        flows.links.filter((link) => link.target === id).reduce((total, link) => total + link.kg, 0),
        flows.links.filter((link) => link.source === id).reduce((total, link) => total + link.kg, 0),
      );
    return {
      description: this.messages.sankey.describe(
        flows.links.map((link) => `${this.label(link.source, flows)} → ${this.label(link.target, flows)} ${l.kg(link.kg)}`),
      ),
      option: {
        textStyle: base.textStyle,
        tooltip: {
          ...base.tooltip,
          trigger: "item",
          formatter: (params: { dataType: string; name: string; data: { source?: string; target?: string; value?: number } }) =>
            params.dataType === "edge"
              ? tooltipLines(`${this.label(params.data.source!, flows)} → ${this.label(params.data.target!, flows)}`, [
                  { label: "kg", value: l.kg(params.data.value) },
                ])
              : tooltipLines(this.label(params.name, flows), [{ label: "kg", value: l.kg(throughput(params.name)) }]),
        },
        series: [
          {
            type: "sankey",
            left: 8,
            right: narrow ? 70 : 230,
            top: 8,
            bottom: 8,
            nodeWidth: 14,
            nodeGap: narrow ? 18 : 16,
            draggable: false,
            emphasis: { focus: "adjacency" },
            lineStyle: { color: "gradient", opacity: 0.35 },
            label: {
              color: palette.text,
              fontFamily: palette.fontFamily,
              fontSize: narrow ? 10 : 12,
              position: "right",
              lineHeight: narrow ? 12 : 14,
              width: narrow ? 66 : 225,
              overflow: narrow ? "truncate" : "break",
              // One line per node (small nodes sit close together); narrow: the kg only, names in the tooltip and table.
              formatter: (params: { name: string }) =>
                narrow ? l.kg(throughput(params.name)) : `${this.label(params.name, flows)} · ${l.kg(throughput(params.name))}`,
            },
            data: nodes.map((node) => ({
              name: node.id,
              itemStyle: { color: NODE_COLORS[node.id] ?? (node.id.startsWith("shipped") ? "#d97706" : palette.accent), borderColor: NODE_COLORS[node.id] ?? "#d97706" },
            })),
            links: flows.links.map((link) => ({ source: link.source, target: link.target, value: link.kg })),
          },
        ],
      },
    };
  }
}
