/**
 * One ECharts instance per widget, bound to the element with `part="chart-canvas"` in its shadow
 * root: created when that element appears (the template may recreate it between states), resized
 * with it, disposed with the widget. Every option gets ECharts' aria support with the description
 * the widget gives, so the canvas has an accessible name (`role="img"`, `aria-label`).
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { ECharts, EChartsCoreOption } from "./echarts.js";

/**
 * ECharts is a chunk of its own. The browser fetches and compiles it as soon as the first widget
 * appears (preloadEcharts), off the main thread; it is run once the first widget has sent its
 * request (loadEcharts, see warm-up.ts) and not waited for: its evaluation (about 60 ms of a cold
 * page's main thread) falls while the widgets wait for their data, instead of before they can send
 * it.
 */
let echarts: typeof import("./echarts.js") | undefined;
let echartsLoaded: Promise<unknown> | undefined;
let echartsPreloaded = false;

/** ECharts' chunk (`echarts-<hash>.js`, beside the shared chunk): the build writes its name here (vite.config.ts). */
const ECHARTS_CHUNK = "__ALKANA_ECHARTS_CHUNK__";

export function loadEcharts(): Promise<unknown> {
  echartsLoaded ??= import("./echarts.js").then((module) => (echarts = module));
  return echartsLoaded;
}

/**
 * A `modulepreload` link for ECharts' chunk: downloaded and compiled without being run. Fetched
 * only when asked for, the chunk (570 kB) arrived after the widgets' data on a cold page, and the
 * first chart waited for it.
 */
export function preloadEcharts(): void {
  if (echartsPreloaded || echartsLoaded) return;
  echartsPreloaded = true;
  const link = document.createElement("link");
  link.rel = "modulepreload";
  link.href = new URL(ECHARTS_CHUNK, import.meta.url).href;
  document.head.append(link);
}

export interface ChartContent {
  option: EChartsCoreOption;
  /** A sentence or two saying what the chart shows, with its figures (read by screen readers). */
  description: string;
  /** Called with the index of the clicked data item and its series name. */
  onClick?: (dataIndex: number, seriesName: string | undefined) => void;
}

/** Whether an element lies wholly above or below the viewport (or is not laid out). */
function outOfView(element: HTMLElement): boolean {
  const box = element.getBoundingClientRect();
  return box.bottom <= 0 || box.top >= innerHeight || (box.width === 0 && box.height === 0);
}

export class ChartController implements ReactiveController {
  private chart: ECharts | undefined;
  private resizeObserver: ResizeObserver | undefined;
  private onClick: ChartContent["onClick"];
  /** What was drawn last (the option without its functions, and the description). */
  private drawn: string | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  /** A first drawing put off while its element is out of view. */
  private deferred: { element: HTMLElement; content: ChartContent; cancel: () => void } | undefined;

  /**
   * Draws `content` into the current chart element; disposes the chart when there is none. A
   * chart's first drawing waits while its element is below or above the viewport, until it comes
   * near the view or the page is idle (at most two seconds): on a portal of many widgets, the
   * charts in view then paint without waiting for those further down.
   */
  render(content: ChartContent | undefined): void {
    const element = this.host.shadowRoot?.querySelector<HTMLElement>('[part~="chart-canvas"]') ?? null;
    if (this.deferred && (this.deferred.element !== element || !content)) this.cancelDeferred();
    if (this.chart && this.chart.getDom() !== element) this.dispose();
    if (!element || !content) return;
    if (!this.chart) {
      if (this.deferred) {
        this.deferred.content = content;
        return;
      }
      if (outOfView(element)) {
        this.defer(element, content);
        return;
      }
    }
    this.draw(element, content);
  }

  private defer(element: HTMLElement, content: ChartContent): void {
    const drawNow = () => {
      const pending = this.deferred;
      this.cancelDeferred();
      if (pending) this.draw(pending.element, pending.content);
    };
    const visibility = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && drawNow(), { rootMargin: "200px" });
    visibility.observe(element);
    const idle = requestIdleCallback(drawNow, { timeout: 2000 });
    this.deferred = {
      element,
      content,
      cancel: () => {
        visibility.disconnect();
        cancelIdleCallback(idle);
      },
    };
  }

  private cancelDeferred(): void {
    this.deferred?.cancel();
    this.deferred = undefined;
  }

  private draw(element: HTMLElement, content: ChartContent): void {
    if (!echarts) {
      // Before ECharts has arrived (rare: a cached answer on a cold page): draw what the widget
      // shows then.
      void loadEcharts().then(() => this.host.requestUpdate());
      return;
    }
    if (!this.chart) {
      this.chart = echarts.init(element, undefined, { renderer: "canvas" });
      this.chart.on("click", (params: { dataIndex?: number; seriesName?: string }) => {
        if (typeof params.dataIndex === "number") this.onClick?.(params.dataIndex, params.seriesName);
      });
      // A performance mark when this widget's chart first paints a frame (read by bench:widgets;
      // "finished" would wait for the end of the entry animation).
      const chart = this.chart;
      const onRendered = () => {
        chart.off("rendered", onRendered);
        performance.mark("alkana-chart-rendered", { detail: this.host.localName });
      };
      chart.on("rendered", onRendered);
      // The observer also reports the size the chart was created with: a resize then would lay
      // the whole chart out a second time before its first frame.
      this.resizeObserver = new ResizeObserver(() => {
        if (this.chart && (element.clientWidth !== this.chart.getWidth() || element.clientHeight !== this.chart.getHeight())) this.chart.resize();
      });
      this.resizeObserver.observe(element);
    }
    this.onClick = content.onClick;
    // The host re-renders for reasons of its own (a menu opening): redraw only what changed.
    const key = JSON.stringify([content.option, content.description]);
    if (key === this.drawn) return;
    this.drawn = key;
    this.chart.setOption(
      { ...content.option, aria: { enabled: true, label: { enabled: true, description: content.description } } },
      { notMerge: true },
    );
  }

  hostDisconnected(): void {
    this.dispose();
  }

  private dispose(): void {
    this.cancelDeferred();
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    this.chart?.dispose();
    this.chart = undefined;
    this.drawn = undefined;
  }
}
