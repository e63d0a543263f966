/**
 * The whole widget bundle, served as `/widgets/alkana.js`: importing it defines every `alkana-*`
 * element (a second import, or another copy on the page, defines nothing twice) and exports
 * `configure`.
 *
 * ```html
 * <script type="module">
 *   import { configure } from "/widgets/alkana.js";
 *   configure({ endpoint: "/graphql", getToken: async () => (await (await fetch("/my/token")).json()).token });
 * </script>
 * <alkana-leadtime plant="1201"></alkana-leadtime>
 * ```
 */
import "./components/config/config.js";
import { AlkanaAlerts } from "./components/alerts/alerts.component.js";
import { AlkanaArAging } from "./components/ar-aging/ar-aging.component.js";
import { AlkanaBatchTrace } from "./components/batch-trace/batch-trace.component.js";
import { AlkanaKpi } from "./components/kpi/kpi.component.js";
import { AlkanaLeadtime } from "./components/leadtime/leadtime.component.js";
import { AlkanaMovements } from "./components/movements/movements.component.js";
import { AlkanaOtif } from "./components/otif/otif.component.js";
import { AlkanaSankey } from "./components/sankey/sankey.component.js";
import { AlkanaTargets } from "./components/targets/targets.component.js";
import { AlkanaYield } from "./components/yield/yield.component.js";
import { defineElement } from "./core/define.js";

// The elements are defined here rather than by importing each widget's entry (`leadtime.ts`, …):
// an entry imported by another entry stays a file of its own, and the page would load eleven of them.
defineElement("alkana-leadtime", AlkanaLeadtime);
defineElement("alkana-alerts", AlkanaAlerts);
defineElement("alkana-batch-trace", AlkanaBatchTrace);
defineElement("alkana-kpi", AlkanaKpi);
defineElement("alkana-sankey", AlkanaSankey);
defineElement("alkana-targets", AlkanaTargets);
defineElement("alkana-ar-aging", AlkanaArAging);
defineElement("alkana-otif", AlkanaOtif);
defineElement("alkana-movements", AlkanaMovements);
defineElement("alkana-yield", AlkanaYield);

export { configure, type AlkanaConfiguration } from "./core/configuration.js";
export { TOKEN_EXPIRED, SELECT, ERROR } from "./core/events.js";
export type { TokenExpiredDetail, SelectDetail, ErrorDetail, FailureKind } from "./core/events.js";
export { AlkanaConfig } from "./components/config/config.component.js";
export { AlkanaLeadtime } from "./components/leadtime/leadtime.component.js";
export { AlkanaAlerts } from "./components/alerts/alerts.component.js";
export { AlkanaBatchTrace } from "./components/batch-trace/batch-trace.component.js";
export { AlkanaKpi } from "./components/kpi/kpi.component.js";
export { AlkanaSankey } from "./components/sankey/sankey.component.js";
export { AlkanaTargets } from "./components/targets/targets.component.js";
export { AlkanaArAging } from "./components/ar-aging/ar-aging.component.js";
export { AlkanaOtif } from "./components/otif/otif.component.js";
export { AlkanaMovements } from "./components/movements/movements.component.js";
export { AlkanaYield } from "./components/yield/yield.component.js";
