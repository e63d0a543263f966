/** The demo's defaults (CONTRACT.md "Rules settled here"): 6 months ending 2026-01-31, seed 42, .xlsx. */
export const DEMO_DEFAULTS = { months: 6, seed: 42, endDate: "2026-01-31", format: "xlsx" } as const;
