import "../config/config.js";
import { defineElement } from "../../core/define.js";
import { AlkanaBatchTrace } from "./batch-trace.component.js";

export { AlkanaBatchTrace };
export { configure } from "../../core/configuration.js";

defineElement("alkana-batch-trace", AlkanaBatchTrace);

declare global {
  interface HTMLElementTagNameMap {
    "alkana-batch-trace": AlkanaBatchTrace;
  }
}
