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
      --alkana-target-on-track: #17663a;
      --alkana-target-warning: #8a4b00;
      --alkana-target-behind: #b42318;
    }

    .without-target {
      margin: 0 0 0.5rem;
      color: var(--alkana-color-muted);
    }

    [data-target-status="ON_TRACK"] {
      background: var(--alkana-target-on-track);
    }
    [data-target-status="WARNING"] {
      background: var(--alkana-target-warning);
    }
    [data-target-status="BEHIND"] {
      background: var(--alkana-target-behind);
    }
    [data-target-status="NO_TARGET"],
    [data-target-status="NOT_STARTED"] {
      background: var(--alkana-severity-medium);
    }
  `,
];
