import { sharedStyles } from "../../core/shared.styles.js";

export default [sharedStyles];
