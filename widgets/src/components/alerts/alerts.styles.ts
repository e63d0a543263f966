import { css } from "lit";
import { sharedStyles } from "../../core/shared.styles.js";

export default [
  sharedStyles,
  css`
    [part~="live-status"] {
      display: inline-flex;
      align-items: center;
      gap: 0.375rem;
      color: var(--alkana-color-muted);
    }

    [part~="live-status"]::before {
      content: "";
      width: 0.5rem;
      height: 0.5rem;
      border-radius: 50%;
      background: var(--alkana-color-muted);
    }

    [part~="live-status"][data-status="live"]::before {
      background: var(--alkana-status-on-time);
    }

    [part~="resolve-form"] {
      display: flex;
      flex-wrap: wrap;
      gap: 0.375rem;
      align-items: flex-end;
    }

    [part~="resolve-form"] label {
      display: flex;
      flex-direction: column;
      gap: 0.125rem;
      font-size: 0.8125rem;
    }

    [part~="resolve-error"] {
      margin: 0.25rem 0 0;
      color: var(--alkana-color-danger);
    }

    td.message {
      min-width: 16rem;
      overflow-wrap: anywhere;
    }

    tr.new td {
      animation: arrive 2s ease-out;
    }

    @keyframes arrive {
      from {
        background: var(--alkana-color-surface);
      }
    }

    @media (prefers-reduced-motion: reduce) {
      tr.new td {
        animation: none;
      }
    }
  `,
];
