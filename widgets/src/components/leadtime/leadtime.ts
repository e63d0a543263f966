import "../config/config.js";
import { defineElement } from "../../core/define.js";
import { AlkanaLeadtime } from "./leadtime.component.js";

export { AlkanaLeadtime };
export { configure } from "../../core/configuration.js";

defineElement("alkana-leadtime", AlkanaLeadtime);

declare global {
  interface HTMLElementTagNameMap {
    "alkana-leadtime": AlkanaLeadtime;
  }
}
