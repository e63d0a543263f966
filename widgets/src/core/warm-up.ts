/**
 * The first `Intl` formatter of a page costs 50–80 ms (ICU starts up) and the first canvas text
 * measurement about 10 ms (fonts are resolved). Both would otherwise fall between a widget's data
 * arriving and its chart painting; done once, right after the first request has gone out (not
 * before: they would hold it back), they run while the page waits for the answer. ECharts' own
 * chunk is asked for at the same moment (chart-controller.ts).
 */
import { loadEcharts } from "./chart-controller.js";
import { dateFormat, languageOf, localeOf, numberFormat } from "./localize.js";

let done = false;

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
