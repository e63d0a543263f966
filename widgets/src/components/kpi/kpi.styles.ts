import { css } from "lit";
import { sharedStyles } from "../../core/shared.styles.js";

export default [
  sharedStyles,
  css`
    :host {
      --alkana-kpi-value-size: 1.75rem;
      --alkana-color-good: #17663a;
      --alkana-color-bad: #b42318;
    }

    :host([theme="dark"]) {
      --alkana-color-good: #6ee7a0;
      --alkana-color-bad: #ff9c92;
    }

    @media (prefers-color-scheme: dark) {
      :host(:not([theme="light"])) {
        --alkana-color-good: #6ee7a0;
        --alkana-color-bad: #ff9c92;
      }
    }

    [part~="card"] {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
    }

    /* The name takes the room left by the download button and wraps itself; the status line of a
       download takes a line of its own. */
    .heading {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 0.25rem 0.5rem;
    }

    .heading [part~="label"] {
      flex: 1 1 0;
      min-width: 0;
    }

    /* The card's download button: an icon, at least 24 px square (WCAG 2.5.8). */
    [part~="export-button"].compact {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      min-width: 1.5rem;
      min-height: 1.5rem;
      padding: 0.125rem;
    }

    [part~="label"] {
      font-size: 0.875rem;
      font-weight: 600;
      color: var(--alkana-color-muted);
    }

    [part~="value"] {
      margin: 0;
      /* One line: shrinks with the card (the host is a size container) rather than wrapping digits. */
      font-size: min(var(--alkana-kpi-value-size), 10.5cqi);
      font-weight: 700;
      line-height: 1.2;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }

    [part~="change"],
    [part~="context"] {
      margin: 0;
      font-size: 0.8125rem;
      color: var(--alkana-color-muted);
    }

    [part~="change"][data-good="true"] {
      color: var(--alkana-color-good);
    }

    [part~="change"][data-good="false"] {
      color: var(--alkana-color-bad);
    }

    [part~="change"] .previous {
      color: var(--alkana-color-muted);
    }
  `,
];
