import "../config/config.js";
import { defineElement } from "../../core/define.js";
import { AlkanaSankey } from "./sankey.component.js";

export { AlkanaSankey };
export { configure } from "../../core/configuration.js";

defineElement("alkana-sankey", AlkanaSankey);

declare global {
  interface HTMLElementTagNameMap {
    "alkana-sankey": AlkanaSankey;
  }
}
