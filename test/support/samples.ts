/**
 * The company's real exports in ../shared/sap-samples (never copied into this repository). Tests
 * that need them run whenever the folder exists and say plainly when it does not.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const SAMPLES_DIR = fileURLToPath(new URL("../../../shared/sap-samples/", import.meta.url));
export const samplesPresent = existsSync(SAMPLES_DIR);

if (!samplesPresent) {
  console.log(`Tests on the real SAP samples are skipped: ${SAMPLES_DIR} does not exist.`);
}

export function sample(name: string): string {
  return `${SAMPLES_DIR}${name}`;
}

/** Options the contract fixes for loading the samples (CONTRACT.md). */
export const SAMPLE_FACTS = { snapshotDate: "2026-01-21", period: "2026-01" } as const;
