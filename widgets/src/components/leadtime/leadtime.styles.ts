import { css } from "lit";
import { sharedStyles } from "../../core/shared.styles.js";

export default [
  sharedStyles,
  css`
    [part~="view-switch"] {
      display: inline-flex;
      gap: 0;
    }

    [part~="view-switch"] button:first-of-type {
      border-start-end-radius: 0;
      border-end-end-radius: 0;
    }

    [part~="view-switch"] button:last-of-type {
      border-start-start-radius: 0;
      border-end-start-radius: 0;
      border-inline-start: none;
    }

    [part~="status-counts"] {
      display: flex;
      flex-wrap: wrap;
      gap: 0.375rem;
      align-items: center;
      margin: 0 0 0.75rem;
      padding: 0;
      list-style: none;
    }

    .more {
      margin-top: 0.5rem;
      display: flex;
      gap: 0.75rem;
      align-items: center;
      color: var(--alkana-color-muted);
    }
  `,
];
