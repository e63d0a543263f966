import "../config/config.js";
import { defineElement } from "../../core/define.js";
import { AlkanaArAging } from "./ar-aging.component.js";

export { AlkanaArAging };
export { configure } from "../../core/configuration.js";

defineElement("alkana-ar-aging", AlkanaArAging);

declare global {
  interface HTMLElementTagNameMap {
    "alkana-ar-aging": AlkanaArAging;
  }
}
