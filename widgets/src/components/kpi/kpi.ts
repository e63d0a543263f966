import "../config/config.js";
import { defineElement } from "../../core/define.js";
import { AlkanaKpi } from "./kpi.component.js";

export { AlkanaKpi };
export { configure } from "../../core/configuration.js";

defineElement("alkana-kpi", AlkanaKpi);

declare global {
  interface HTMLElementTagNameMap {
    "alkana-kpi": AlkanaKpi;
  }
}
