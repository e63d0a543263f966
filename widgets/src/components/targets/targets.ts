import "../config/config.js";
import { defineElement } from "../../core/define.js";
import { AlkanaTargets } from "./targets.component.js";

export { AlkanaTargets };
export { configure } from "../../core/configuration.js";

defineElement("alkana-targets", AlkanaTargets);

declare global {
  interface HTMLElementTagNameMap {
    "alkana-targets": AlkanaTargets;
  }
}
