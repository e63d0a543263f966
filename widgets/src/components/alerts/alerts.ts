import "../config/config.js";
import { defineElement } from "../../core/define.js";
import { AlkanaAlerts } from "./alerts.component.js";

export { AlkanaAlerts };
export { configure } from "../../core/configuration.js";

defineElement("alkana-alerts", AlkanaAlerts);

declare global {
  interface HTMLElementTagNameMap {
    "alkana-alerts": AlkanaAlerts;
  }
}
