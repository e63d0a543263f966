/**
 * The chart colours come from the widget's CSS custom properties, so that one set of `--alkana-…`
 * properties themes both the HTML and the canvas. Each property is resolved to a concrete colour
 * through a hidden probe element (the canvas cannot use `var()`, `color-mix()` or `light-dark()`).
 */

export const STAGES = ["PREPARATION", "PRODUCTION", "TRANSIT", "STORAGE", "DELIVERY"] as const;
export type Stage = (typeof STAGES)[number];

export interface ChartPalette {
  text: string;
  muted: string;
  border: string;
  grid: string;
  background: string;
  surface: string;
  accent: string;
  fontFamily: string;
  stages: Record<Stage, string>;
}

/** Resolves `--alkana-…` properties to colours, using a probe inside the widget's shadow root. */
export function readPalette(host: HTMLElement): ChartPalette {
  const root = host.shadowRoot ?? host;
  let probe = root.querySelector<HTMLElement>("[data-alkana-probe]");
  if (!probe) {
    probe = document.createElement("span");
    probe.dataset.alkanaProbe = "";
    probe.setAttribute("aria-hidden", "true");
    probe.style.cssText = "position:absolute;width:0;height:0;overflow:hidden;visibility:hidden";
    root.appendChild(probe);
  }
  const color = (property: string, fallback: string) => {
    probe!.style.color = fallback;
    probe!.style.color = `var(${property}, ${fallback})`;
    return getComputedStyle(probe!).color || fallback;
  };
  return {
    text: color("--alkana-color-text", "#1f2933"),
    muted: color("--alkana-color-muted", "#52606d"),
    border: color("--alkana-color-border", "#cbd2d9"),
    grid: color("--alkana-color-grid", "#e4e7eb"),
    background: color("--alkana-color-background", "#ffffff"),
    surface: color("--alkana-color-surface", "#f5f7fa"),
    accent: color("--alkana-color-accent", "#0b5cad"),
    fontFamily: getComputedStyle(host).getPropertyValue("--alkana-font-family").trim() || "system-ui, sans-serif",
    stages: {
      PREPARATION: color("--alkana-stage-preparation", "#7c5cc4"),
      PRODUCTION: color("--alkana-stage-production", "#2f6fbd"),
      TRANSIT: color("--alkana-stage-transit", "#d97706"),
      STORAGE: color("--alkana-stage-storage", "#0f8a6a"),
      DELIVERY: color("--alkana-stage-delivery", "#c2410c"),
    },
  };
}

/** The parts of an ECharts option that carry the palette (text, axes, tooltip, legend). */
export function chartBase(palette: ChartPalette) {
  const axisCommon = {
    axisLine: { lineStyle: { color: palette.border } },
    axisTick: { lineStyle: { color: palette.border } },
    axisLabel: { color: palette.muted },
    splitLine: { lineStyle: { color: palette.grid } },
    nameTextStyle: { color: palette.muted },
  };
  return {
    backgroundColor: "transparent",
    textStyle: { color: palette.text, fontFamily: palette.fontFamily },
    legend: { top: 0, textStyle: { color: palette.text }, inactiveColor: palette.border },
    tooltip: {
      backgroundColor: palette.surface,
      borderColor: palette.border,
      textStyle: { color: palette.text, fontFamily: palette.fontFamily },
    },
    axisCommon,
  };
}
