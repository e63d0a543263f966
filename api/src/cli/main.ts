/**
 * The `alkana` command line (CONTRACT.md, README.md): migrate, ingest, demo, serve, start.
 */
import { Command, InvalidArgumentError, Option } from "commander";
import { config } from "../config.js";
import { DEMO_DEFAULTS } from "../demo/defaults.js";

// Each command loads its modules when it runs: `--help` and small commands start fast.
const migrateCommand = async (...args: Parameters<typeof import("./migrate-command.js").migrateCommand>) =>
  (await import("./migrate-command.js")).migrateCommand(...args);
const ingestCommand = async (...args: Parameters<typeof import("./ingest-command.js").ingestCommand>) =>
  (await import("./ingest-command.js")).ingestCommand(...args);
const demoCommand = async (...args: Parameters<typeof import("./demo-command.js").demoCommand>) =>
  (await import("./demo-command.js")).demoCommand(...args);
const tokenCommand = async (...args: Parameters<typeof import("./token-command.js").tokenCommand>) =>
  (await import("./token-command.js")).tokenCommand(...args);
const serveCommand = async (...args: Parameters<typeof import("./serve-command.js").serveCommand>) =>
  (await import("./serve-command.js")).serveCommand(...args);
const startCommand = async (...args: Parameters<typeof import("./serve-command.js").startCommand>) =>
  (await import("./serve-command.js")).startCommand(...args);

const program = new Command()
  .name("alkana")
  .description("Alkana Analytics: load SAP exports, model the business, serve the GraphQL API and widgets.")
  .showHelpAfterError();

program
  .command("migrate")
  .description("apply the database migrations in sql/ (safe to re-run)")
  .action(() => migrateCommand(config()));

program
  .command("ingest")
  .description("load SAP exports (.XLSX or .csv files, or folders of them) into the database")
  .argument("<paths...>", "files or folders")
  .option("--snapshot-date <date>", "ZRFI005 snapshot date (YYYY-MM-DD); required for that report", isoDate)
  .option("--period <month>", "ZRPP062 period (YYYY-MM); default: derived from the batch numbers", isoMonth)
  .option("--allow-rejects", "store the valid rows of a file with invalid rows, and list the rest", false)
  .option("--decimal-comma", "CSV numbers use a decimal comma and dot thousands (1.234,5)", false)
  .addOption(new Option("--date-order <order>", "order of slash dates in CSV text").choices(["MDY", "DMY"]).default("MDY"))
  .option("--json", "print one JSON object per line per file", false)
  .action(async (paths: string[], options) => {
    process.exitCode = await ingestCommand(config(), paths, options);
  });

program
  .command("demo")
  .description("write deterministic demo exports in the real SAP layouts")
  .option("--months <n>", "months of data", positiveInteger, DEMO_DEFAULTS.months)
  .option("--out <dir>", "output folder", "demo-exports")
  .option("--seed <n>", "random seed", positiveInteger, DEMO_DEFAULTS.seed)
  .option("--end <date>", "last day covered (YYYY-MM-DD)", isoDate, DEMO_DEFAULTS.endDate)
  .option("--scale <n>", "volume multiplier", positiveNumber, 1)
  .addOption(new Option("--format <format>", "file format").choices(["xlsx", "csv"]).default(DEMO_DEFAULTS.format))
  .action((options) => demoCommand(options));

program
  .command("token")
  .description("mint a token signed with ALKANA_JWT_SECRET and print it")
  .addOption(new Option("--role <role>", "role").choices(["viewer", "analyst", "admin"]).default("viewer"))
  .option("--plants <codes>", "comma-separated plants the token is restricted to")
  .option("--sub <user>", "user the token is for", "alkana-cli")
  .option("--ttl <duration>", "lifetime, e.g. 30m, 8h, 7d", "8h")
  .action((options) => tokenCommand(config(), options));

program
  .command("serve")
  .description("serve the GraphQL API, GraphiQL, widgets and the example portal")
  .action(() => serveCommand(config()));

program
  .command("start")
  .description("migrate, load the demo data when the database is empty, and serve (npm start)")
  .action(() => startCommand(config()));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Expected failures (a busy data folder, a bad setting, an unreachable server) are told in one line.
  console.error(`alkana: ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.ALKANA_DEBUG) console.error(error);
  process.exitCode = 1;
}

function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InvalidArgumentError("expected a date YYYY-MM-DD");
  }
  return value;
}

function isoMonth(value: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) throw new InvalidArgumentError("expected a month YYYY-MM");
  return value;
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError("expected a whole number ≥ 1");
  return number;
}

function positiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError("expected a number > 0");
  return number;
}
