/**
 * Vitest global setup of the widget tests: builds `dist/widgets` once (vite library mode) when it
 * is missing or older than any widget source, so the browser tests load the real bundle.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const REPOSITORY = fileURLToPath(new URL("../../../", import.meta.url));
export const BUNDLE = join(REPOSITORY, "dist/widgets/alkana.js");
const SOURCES = [join(REPOSITORY, "widgets/src"), join(REPOSITORY, "widgets/vite.config.ts")];

function newestSource(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestSource(join(path, name))));
}

export function bundleIsStale(): boolean {
  if (!existsSync(BUNDLE)) return true;
  const built = statSync(BUNDLE).mtimeMs;
  return SOURCES.some((source) => newestSource(source) > built);
}

export default async function buildWidgetBundle(): Promise<void> {
  if (!bundleIsStale()) return;
  const { build } = await import("vite");
  const started = Date.now();
  await build({ configFile: join(REPOSITORY, "widgets/vite.config.ts"), logLevel: "warn" });
  console.log(`Built dist/widgets for the widget tests in ${Date.now() - started} ms.`);
}
