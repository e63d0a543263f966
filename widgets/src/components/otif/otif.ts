import "../config/config.js";
import { defineElement } from "../../core/define.js";
import { AlkanaOtif } from "./otif.component.js";

export { AlkanaOtif };
export { configure } from "../../core/configuration.js";

defineElement("alkana-otif", AlkanaOtif);

declare global {
  interface HTMLElementTagNameMap {
    "alkana-otif": AlkanaOtif;
  }
}
