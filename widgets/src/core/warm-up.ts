/**
 * Work every cold page does before its first chart, moved to where it costs the least:
 *
 * - As soon as the first widget appears (warmUpEarly): ECharts' chunk is fetched and compiled
 *   without being run (chart-controller.ts).
 * - Right after the first request has gone out (warmUpWhileWaiting; not before: they would hold it
 *   back): ECharts is run, and the first `Intl` formatter (50–80 ms: ICU starts up) and the first
 *   canvas text measurement (about 10 ms: fonts are resolved) are made while the page waits for
 *   the answer.
 */
import { loadEcharts, preloadEcharts } from "./chart-controller.js";
import { dateFormat, languageOf, localeOf, numberFormat } from "./localize.js";

let done = false;

/** Called by every widget as it connects (only the first call does anything). */
export function warmUpEarly(): void {
  preloadEcharts();
}

/** `host`: the widget that sent the request (its language, and the font its charts will use). */
export function warmUpWhileWaiting(host: HTMLElement): void {
  if (done) return;
  done = true;
  const locale = localeOf(languageOf(host));
  void loadEcharts();
  setTimeout(() => {
    numberFormat(locale, { maximumFractionDigits: 1 }).format(1234.5);
    dateFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(0);
  });
  setTimeout(() => {
    const context = document.createElement("canvas").getContext("2d");
    if (!context) return;
    const fontFamily = getComputedStyle(host).getPropertyValue("--alkana-font-family").trim() || "sans-serif";
    context.font = `12px ${fontFamily}`;
    context.measureText("0123456789 Aa ạ");
  });
}
