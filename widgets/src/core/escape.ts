/**
 * HTML escaping for the one place text from the data goes through innerHTML: ECharts' HTML
 * tooltips. Lit templates never need it (bindings are text).
 */
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (character) => ENTITIES[character]);
}
