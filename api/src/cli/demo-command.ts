/** `alkana demo`: writes the deterministic demo exports. */
import { resolve } from "node:path";
import { generateDemo } from "../demo/index.js";

export interface DemoCommandOptions {
  months: number;
  out: string;
  seed: number;
  end: string;
  scale: number;
  format: "xlsx" | "csv";
}

export async function demoCommand(options: DemoCommandOptions): Promise<void> {
  const outDir = resolve(options.out);
  const files = await generateDemo({
    months: options.months,
    seed: options.seed,
    endDate: options.end,
    outDir,
    format: options.format,
    scale: options.scale,
  });
  for (const file of files) {
    const facts = [file.snapshotDate && `--snapshot-date ${file.snapshotDate}`, file.period && `--period ${file.period}`]
      .filter(Boolean)
      .join(" ");
    console.log(`${file.report.padEnd(15)} ${String(file.rows).padStart(9)} rows  ${file.path}${facts ? `  (${facts})` : ""}`);
  }
}
