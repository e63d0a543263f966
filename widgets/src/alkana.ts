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
import "./components/leadtime/leadtime.js";
import "./components/alerts/alerts.js";
import "./components/batch-trace/batch-trace.js";
import "./components/kpi/kpi.js";
import "./components/sankey/sankey.js";
import "./components/targets/targets.js";
import "./components/ar-aging/ar-aging.js";
import "./components/otif/otif.js";
import "./components/movements/movements.js";
import "./components/yield/yield.js";

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
