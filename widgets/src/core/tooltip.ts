/** Tooltip HTML for ECharts with every piece of data escaped (ECharts inserts it as HTML). */
import { escapeHtml } from "./escape.js";

export interface TooltipParam {
  name: string;
  seriesName: string;
  seriesIndex: number;
  value: unknown;
  marker: string;
  dataIndex: number;
}

export function tooltipLines(title: string, lines: { marker?: string; label: string; value: string }[]): string {
  return [
    `<strong>${escapeHtml(title)}</strong>`,
    ...lines.map((line) => `${line.marker ?? ""}${escapeHtml(line.label)}: ${escapeHtml(line.value)}`),
  ].join("<br>");
}

/** The YYYY-MM period of a `YYYY-MM` or `YYYY-MM-DD` attribute. */
export function periodOf(value: string | undefined): string | undefined {
  return value ? value.slice(0, 7) : undefined;
}
