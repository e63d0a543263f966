import { css } from "lit";
import { sharedStyles } from "../../core/shared.styles.js";

export default [
  sharedStyles,
  css`
    [data-otif-status="ON_TIME"] {
      background: var(--alkana-status-on-time);
    }
    [data-otif-status="LATE"] {
      background: var(--alkana-status-stuck);
    }
    [data-otif-status="PENDING"] {
      background: var(--alkana-status-in-progress);
    }

    .tables {
      display: grid;
      gap: 1rem;
    }
  `,
];
