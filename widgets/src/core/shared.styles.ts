/**
 * Styles every widget shares: the `--alkana-…` custom properties with their light and dark
 * defaults on `:host`, and the look of states, toolbars, tables, badges and buttons. A page
 * overrides a property on the element (or a class on it): `alkana-leadtime { --alkana-color-accent: #7a1f5c; }`.
 */
import { css } from "lit";

export const sharedStyles = css`
  :host {
    --alkana-font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif;
    --alkana-font-size: 0.875rem;
    --alkana-color-text: #1f2933;
    --alkana-color-muted: #52606d;
    --alkana-color-background: #ffffff;
    --alkana-color-surface: #f5f7fa;
    --alkana-color-border: #cbd2d9;
    --alkana-color-grid: #e4e7eb;
    --alkana-color-accent: #0b5cad;
    --alkana-color-focus: #0b5cad;
    --alkana-color-danger: #b42318;
    --alkana-badge-text: #ffffff;
    --alkana-stage-preparation: #7c5cc4;
    --alkana-stage-production: #2f6fbd;
    --alkana-stage-transit: #d97706;
    --alkana-stage-storage: #0f8a6a;
    --alkana-stage-delivery: #c2410c;
    --alkana-status-on-time: #17663a;
    --alkana-status-delayed: #8a4b00;
    --alkana-status-stuck: #b42318;
    --alkana-status-in-progress: #175cd3;
    --alkana-severity-critical: #b42318;
    --alkana-severity-high: #8a4b00;
    --alkana-severity-medium: #3e4c59;
    --alkana-radius: 6px;
    --alkana-spacing: 0.75rem;
    --alkana-chart-height: 18rem;

    display: block;
    box-sizing: border-box;
    position: relative;
    padding: var(--alkana-spacing);
    border: 1px solid var(--alkana-color-border);
    border-radius: var(--alkana-radius);
    background: var(--alkana-color-background);
    color: var(--alkana-color-text);
    font-family: var(--alkana-font-family);
    font-size: var(--alkana-font-size);
    line-height: 1.45;
    container-type: inline-size;
  }

  :host([theme="dark"]) {
    --alkana-color-text: #e6e9ee;
    --alkana-color-muted: #b3bcc7;
    --alkana-color-background: #1b1f24;
    --alkana-color-surface: #252b33;
    --alkana-color-border: #46505c;
    --alkana-color-grid: #323a44;
    --alkana-color-accent: #7cb8ff;
    --alkana-color-focus: #7cb8ff;
    --alkana-color-danger: #ff9c92;
    --alkana-stage-preparation: #a78bfa;
    --alkana-stage-production: #60a5fa;
    --alkana-stage-transit: #fbbf24;
    --alkana-stage-storage: #34d399;
    --alkana-stage-delivery: #fb923c;
    color-scheme: dark;
  }

  @media (prefers-color-scheme: dark) {
    :host(:not([theme="light"])) {
      --alkana-color-text: #e6e9ee;
      --alkana-color-muted: #b3bcc7;
      --alkana-color-background: #1b1f24;
      --alkana-color-surface: #252b33;
      --alkana-color-border: #46505c;
      --alkana-color-grid: #323a44;
      --alkana-color-accent: #7cb8ff;
      --alkana-color-focus: #7cb8ff;
      --alkana-color-danger: #ff9c92;
      --alkana-stage-preparation: #a78bfa;
      --alkana-stage-production: #60a5fa;
      --alkana-stage-transit: #fbbf24;
      --alkana-stage-storage: #34d399;
      --alkana-stage-delivery: #fb923c;
      color-scheme: dark;
    }
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  [hidden] {
    display: none !important;
  }

  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  [part~="header"] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    margin-bottom: 0.5rem;
  }

  [part~="title"] {
    margin: 0;
    font-size: 1rem;
    font-weight: 600;
  }

  [part~="subtitle"] {
    margin: 0;
    color: var(--alkana-color-muted);
  }

  [part~="toolbar"] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.375rem;
  }

  button {
    font: inherit;
    color: var(--alkana-color-accent);
    background: var(--alkana-color-background);
    border: 1px solid var(--alkana-color-accent);
    border-radius: var(--alkana-radius);
    padding: 0.25rem 0.625rem;
    cursor: pointer;
  }

  button:hover {
    background: var(--alkana-color-surface);
  }

  button[aria-pressed="true"] {
    background: var(--alkana-color-accent);
    color: var(--alkana-color-background);
  }

  button:disabled {
    cursor: progress;
    opacity: 0.75;
  }

  button.link {
    border: none;
    padding: 0;
    background: none;
    text-decoration: underline;
    text-underline-offset: 2px;
  }

  input,
  textarea,
  select {
    font: inherit;
    color: var(--alkana-color-text);
    background: var(--alkana-color-background);
    border: 1px solid var(--alkana-color-muted);
    border-radius: var(--alkana-radius);
    padding: 0.25rem 0.5rem;
  }

  :focus-visible {
    outline: 2px solid var(--alkana-color-focus);
    outline-offset: 2px;
  }

  [part~="state"] {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.5rem;
    padding: 1rem;
    border-radius: var(--alkana-radius);
    background: var(--alkana-color-surface);
    color: var(--alkana-color-text);
  }

  [part~="state"][data-state="forbidden"],
  [part~="state"][data-state="unreachable"],
  [part~="state"][data-state="unauthenticated"],
  [part~="state"][data-state="failed"],
  [part~="state"][data-state="not-found"] {
    border-left: 4px solid var(--alkana-color-danger);
  }

  [part~="state"] p {
    margin: 0;
  }

  [part~="kpis"] {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
    gap: 0.5rem;
    margin: 0 0 0.75rem;
  }

  [part~="kpi"] {
    margin: 0;
    padding: 0.5rem 0.625rem;
    border-radius: var(--alkana-radius);
    background: var(--alkana-color-surface);
  }

  [part~="kpi"] dt {
    color: var(--alkana-color-muted);
    font-size: 0.8125rem;
  }

  [part~="kpi"] dd {
    margin: 0;
    font-size: 1.25rem;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }

  [part~="chart"] {
    margin: 0;
  }

  [part~="chart-canvas"] {
    width: 100%;
    height: var(--alkana-chart-height);
  }

  .table-scroll {
    overflow-x: auto;
    max-width: 100%;
  }

  table {
    width: 100%;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }

  caption {
    text-align: start;
    color: var(--alkana-color-muted);
    padding-bottom: 0.25rem;
  }

  th,
  td {
    padding: 0.3rem 0.5rem;
    border-bottom: 1px solid var(--alkana-color-border);
    text-align: start;
    vertical-align: top;
  }

  th {
    font-weight: 600;
    background: var(--alkana-color-surface);
  }

  td.number,
  th.number {
    text-align: end;
  }

  [part~="badge"] {
    display: inline-block;
    padding: 0.0625rem 0.5rem;
    border-radius: 999px;
    font-size: 0.8125rem;
    font-weight: 600;
    white-space: nowrap;
    color: var(--alkana-badge-text);
    background: var(--alkana-color-muted);
  }

  [data-status="ON_TIME"] {
    background: var(--alkana-status-on-time);
  }
  [data-status="DELAYED"] {
    background: var(--alkana-status-delayed);
  }
  [data-status="STUCK"] {
    background: var(--alkana-status-stuck);
  }
  [data-status="IN_PROGRESS"] {
    background: var(--alkana-status-in-progress);
  }
  [data-severity="CRITICAL"] {
    background: var(--alkana-severity-critical);
  }
  [data-severity="HIGH"] {
    background: var(--alkana-severity-high);
  }
  [data-severity="MEDIUM"] {
    background: var(--alkana-severity-medium);
  }

  .export {
    position: relative;
  }

  [part~="export-menu"] {
    position: absolute;
    inset-inline-end: 0;
    top: calc(100% + 0.25rem);
    z-index: 10;
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    min-width: 10rem;
    margin: 0;
    padding: 0.375rem;
    list-style: none;
    background: var(--alkana-color-background);
    border: 1px solid var(--alkana-color-border);
    border-radius: var(--alkana-radius);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.18);
  }

  [part~="export-menu"] button {
    width: 100%;
    text-align: start;
  }

  [part~="export-status"] {
    flex-basis: 100%;
    margin: 0;
    font-size: 0.8125rem;
  }

  [part~="export-status"][data-failed] {
    color: var(--alkana-color-danger);
  }
`;
