import { defineElement } from "../../core/define.js";
import { AlkanaConfig } from "./config.component.js";

export { AlkanaConfig };
export { configure } from "../../core/configuration.js";

defineElement("alkana-config", AlkanaConfig);

declare global {
  interface HTMLElementTagNameMap {
    "alkana-config": AlkanaConfig;
  }
}
