/**
 * `npm run screenshots`: the example portal (examples/portal.html, served at `/`) in headless
 * Chromium at desktop (1440×900) and narrow (390×844) width, against the API on an in-memory PGlite
 * with the SAP samples (or demo data). Waits until every widget has left its loading state and the
 * charts have drawn, then writes docs/screenshots/portal-desktop.png and portal-narrow.png.
 */
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { launchChromium } from "../test/support/harness.js";
import { startPortalServer } from "./portal-server.js";

const OUT = fileURLToPath(new URL("../../docs/screenshots/", import.meta.url));
const VIEWPORTS = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "narrow", width: 390, height: 844 },
] as const;

const server = await startPortalServer();
const browser = await launchChromium();
try {
  mkdirSync(OUT, { recursive: true });
  for (const viewport of VIEWPORTS) {
    const page = await browser.newPage({ viewport: { width: viewport.width, height: viewport.height }, colorScheme: "light" });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${server.base}/`);
    // Every widget settled (no loading state left) and every chart canvas drawn.
    await page.waitForFunction(
      () => {
        const widgets = [...document.querySelectorAll("main *")].filter(
          (element) => element.localName.startsWith("alkana-") && !(element as HTMLElement).hidden,
        );
        return (
          widgets.length > 0 &&
          widgets.every((widget) => widget.shadowRoot && !widget.shadowRoot.querySelector('[data-state="loading"]')) &&
          widgets.every((widget) => {
            const canvas = widget.shadowRoot!.querySelector('[part~="chart-canvas"]');
            return !canvas || canvas.querySelector("canvas");
          })
        );
      },
      undefined,
      { timeout: 60_000, polling: 200 },
    );
    await page.waitForTimeout(1500); // ECharts' entry animation
    const path = `${OUT}portal-${viewport.name}.png`;
    await page.screenshot({ path, fullPage: true });
    console.log(`${path} (${viewport.width}×${viewport.height}, full page)${errors.length ? `; page errors: ${errors.join("; ")}` : ""}`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
