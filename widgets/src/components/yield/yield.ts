import "../config/config.js";
import { defineElement } from "../../core/define.js";
import { AlkanaYield } from "./yield.component.js";

export { AlkanaYield };
export { configure } from "../../core/configuration.js";

defineElement("alkana-yield", AlkanaYield);

declare global {
  interface HTMLElementTagNameMap {
    "alkana-yield": AlkanaYield;
  }
}
