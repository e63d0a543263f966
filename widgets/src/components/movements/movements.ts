import "../config/config.js";
import { defineElement } from "../../core/define.js";
import { AlkanaMovements } from "./movements.component.js";

export { AlkanaMovements };
export { configure } from "../../core/configuration.js";

defineElement("alkana-movements", AlkanaMovements);

declare global {
  interface HTMLElementTagNameMap {
    "alkana-movements": AlkanaMovements;
  }
}
