import { css } from "lit";
import { sharedStyles } from "../../core/shared.styles.js";

export default [
  sharedStyles,
  css`
    [part~="note"] {
      margin: 0.5rem 0 0;
      font-size: 0.8125rem;
      color: var(--alkana-color-muted);
    }
  `,
];
