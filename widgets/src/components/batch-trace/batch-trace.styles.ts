import { css } from "lit";
import { sharedStyles } from "../../core/shared.styles.js";

export default [
  sharedStyles,
  css`
    [part~="search"] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.375rem;
    }

    [part~="search"] input {
      width: 9rem;
    }

    h3 {
      margin: 1rem 0 0.375rem;
      font-size: 0.9375rem;
      font-weight: 600;
    }

    .note {
      margin: 0 0 0.5rem;
      color: var(--alkana-color-muted);
    }
  `,
];
