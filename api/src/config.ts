/**
 * The whole configuration of Alkana Analytics: one typed object, read once from the environment.
 * Names and defaults of the environment variables are fixed by CONTRACT.md; thresholds default to
 * DOMAIN.md §6. Documented for operators in docs/configuration.md.
 */
export interface AlkanaConfig {
  /** PostgreSQL server; when undefined the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | undefined;
  /** PGlite data folder. */
  dataDir: string;
  /** HTTP and WebSocket port. */
  port: number;
  auth: {
    jwtSecret: string | undefined;
    jwksUrl: string | undefined;
  };
  /** As-of date rule (DOMAIN D1): the data cut-off, today, or a fixed date. */
  asOf: AsOfSetting;
  calendar: {
    /** ISO weekdays (1 = Monday … 7 = Sunday) that are working days. */
    workingDays: number[];
    /** Dates (YYYY-MM-DD) that are not working days. */
    holidays: string[];
  };
  reevaluateMinutes: number;
  /** Largest file `POST /ingest` accepts, in MB. */
  maxUploadMb: number;
  /** Whether the GraphQL schema may be introspected (GraphiQL needs it). */
  introspection: boolean;
  /** Whether whole responses to model queries are cached per model version (server/response-cache.ts). */
  responseCache: boolean;
  leadTime: {
    mtsTargetDays: number;
    mtoTargetDays: number;
    transitLimitDays: number;
    storageLimitDays: number;
    productionMinLimitDays: number;
    productionPlannedFactor: number;
  };
  alerts: {
    transitWorkingDays: number;
    transitHighAboveWorkingDays: number;
    transitCriticalAboveWorkingDays: number;
    lowYieldPercent: number;
    lowYieldHighBelowPercent: number;
    lowYieldCriticalBelowPercent: number;
  };
  yield: { attentionLossPercent: number };
  sales: { onTrackPercent: number; warningPercent: number };
}

export type AsOfSetting = { kind: "cutoff" } | { kind: "now" } | { kind: "date"; date: string };

export class ConfigError extends Error {}

/** Reads the configuration from an environment (default: process.env). Throws ConfigError on a bad value. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): AlkanaConfig {
  return {
    databaseUrl: nonEmpty(env.DATABASE_URL),
    dataDir: nonEmpty(env.ALKANA_DATA_DIR) ?? ".alkana/data",
    port: integer(env, "PORT", 4000),
    auth: { jwtSecret: nonEmpty(env.ALKANA_JWT_SECRET), jwksUrl: nonEmpty(env.ALKANA_JWKS_URL) },
    asOf: asOfSetting(env.ALKANA_AS_OF),
    calendar: {
      workingDays: weekdays(env.ALKANA_WORKING_DAYS ?? "1,2,3,4,5,6"),
      holidays: dates(env, "ALKANA_HOLIDAYS"),
    },
    reevaluateMinutes: integer(env, "ALKANA_REEVALUATE_MINUTES", 15),
    maxUploadMb: number(env, "ALKANA_MAX_UPLOAD_MB", 100),
    introspection: boolean(env, "ALKANA_INTROSPECTION", true),
    responseCache: boolean(env, "ALKANA_RESPONSE_CACHE", true),
    leadTime: {
      mtsTargetDays: integer(env, "ALKANA_MTS_TARGET_DAYS", 14),
      mtoTargetDays: integer(env, "ALKANA_MTO_TARGET_DAYS", 21),
      transitLimitDays: integer(env, "ALKANA_TRANSIT_LIMIT_DAYS", 2),
      storageLimitDays: integer(env, "ALKANA_STORAGE_LIMIT_DAYS", 30),
      productionMinLimitDays: integer(env, "ALKANA_PRODUCTION_MIN_LIMIT_DAYS", 3),
      productionPlannedFactor: number(env, "ALKANA_PRODUCTION_PLANNED_FACTOR", 2),
    },
    alerts: {
      transitWorkingDays: integer(env, "ALKANA_TRANSIT_ALERT_WORKING_DAYS", 2),
      transitHighAboveWorkingDays: integer(env, "ALKANA_TRANSIT_HIGH_ABOVE_WORKING_DAYS", 2),
      transitCriticalAboveWorkingDays: integer(env, "ALKANA_TRANSIT_CRITICAL_ABOVE_WORKING_DAYS", 3),
      lowYieldPercent: number(env, "LOW_YIELD_THRESHOLD", 85),
      lowYieldHighBelowPercent: number(env, "ALKANA_LOW_YIELD_HIGH_BELOW", 80),
      lowYieldCriticalBelowPercent: number(env, "ALKANA_LOW_YIELD_CRITICAL_BELOW", 70),
    },
    yield: { attentionLossPercent: number(env, "ALKANA_YIELD_ATTENTION_LOSS_PERCENT", 2) },
    sales: {
      onTrackPercent: number(env, "ALKANA_TARGET_ON_TRACK_PERCENT", 90),
      warningPercent: number(env, "ALKANA_TARGET_WARNING_PERCENT", 70),
    },
  };
}

let current: AlkanaConfig | undefined;

/** The process-wide configuration, read from process.env on first use. */
export function config(): AlkanaConfig {
  current ??= readConfig();
  return current;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = number(env, name, fallback);
  if (!Number.isInteger(value)) throw new ConfigError(`${name} must be a whole number, got "${env[name]}"`);
  return value;
}

function number(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new ConfigError(`${name} must be a number, got "${raw}"`);
  return value;
}

function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = nonEmpty(env[name])?.toLowerCase();
  if (raw === undefined) return fallback;
  if (["1", "true", "yes", "on"].includes(raw)) return true;
  if (["0", "false", "no", "off"].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`);
}

function asOfSetting(raw: string | undefined): AsOfSetting {
  const value = nonEmpty(raw);
  if (value === undefined) return { kind: "cutoff" };
  if (value.toLowerCase() === "now") return { kind: "now" };
  if (ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))) return { kind: "date", date: value };
  throw new ConfigError(`ALKANA_AS_OF must be YYYY-MM-DD, "now" or unset, got "${value}"`);
}

function weekdays(raw: string): number[] {
  const days = raw.split(",").map((part) => part.trim()).filter(Boolean).map(Number);
  if (days.length === 0 || days.some((day) => !Number.isInteger(day) || day < 1 || day > 7)) {
    throw new ConfigError(`ALKANA_WORKING_DAYS must list ISO weekdays 1-7, got "${raw}"`);
  }
  return [...new Set(days)].sort();
}

function dates(env: NodeJS.ProcessEnv, name: string): string[] {
  const list = (env[name] ?? "").split(",").map((part) => part.trim()).filter(Boolean);
  for (const date of list) {
    if (!ISO_DATE.test(date)) throw new ConfigError(`${name} must be comma-separated YYYY-MM-DD dates, got "${date}"`);
  }
  return list;
}
