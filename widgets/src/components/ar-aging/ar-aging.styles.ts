import { css } from "lit";
import { sharedStyles } from "../../core/shared.styles.js";

export default [
  sharedStyles,
  css`
    /* Whole VND amounts need wider cells than the shared default. */
    [part~="kpis"] {
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 12.5rem), 1fr));
    }

    :host {
      --alkana-risk-high: #b42318;
      --alkana-risk-medium: #8a4b00;
      --alkana-risk-low: #17663a;
    }

    [data-risk="HIGH"] {
      background: var(--alkana-risk-high);
    }
    [data-risk="MEDIUM"] {
      background: var(--alkana-risk-medium);
    }
    [data-risk="LOW"] {
      background: var(--alkana-risk-low);
    }

    .tables {
      display: grid;
      gap: 1rem;
    }
  `,
];
