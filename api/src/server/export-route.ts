/**
 * `GET /export/<table>.<csv|xlsx|pdf>` (CONTRACT.md "HTTP routes"): every row the filter selects
 * (up to a cap), with the table's GraphQL filter fields as query parameters plus `lang=vi|en`
 * (default en), authorised like the API: a token in the `Authorization` header, a `plants` claim
 * restricting the tables with a plant and forbidding the company-wide ones (CONTRACT.md "Auth").
 *
 * Answers: the file as an attachment named `<table>-<as-of date>.<format>`; 404 for an unknown
 * table or format, 401 without a valid token, 403 outside the token's plants, 400 naming the bad
 * parameter. A parameter of another export is ignored (one query string may serve every table);
 * any other name is refused, and so are another export's `batch` and `plant` and, on a table with
 * a plant, the plant filter it does not take: a mistyped `plant=` never exports every plant.
 */
import type express from "express";
import { GraphQLError } from "graphql";
import type { AlkanaConfig } from "../config.js";
import type { Database } from "../db/database.js";
import { resolveAsOf } from "../domain/as-of.js";
import { writeCsv } from "../export/format-csv.js";
import { writePdf } from "../export/format-pdf.js";
import { writeXlsx } from "../export/format-xlsx.js";
import { EXPORT_TABLES } from "../export/tables.js";
import { ExportParameterError, LANGUAGES, type ExportDocument, type ExportTable, type Lang, type ParameterSpec } from "../export/types.js";
import { AuthError, type TokenVerifier } from "../graphql/auth.js";

/** Rows at most per file; a PDF of 10,000 rows is already about 250 pages. */
const EXPORT_ROW_LIMITS = { csv: 100_000, xlsx: 100_000, pdf: 10_000 } as const;

type Format = keyof typeof EXPORT_ROW_LIMITS;

const CONTENT_TYPES: Record<Format, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
};

const WRITERS: Record<Format, (document: ExportDocument) => Buffer | Promise<Buffer>> = { csv: writeCsv, xlsx: writeXlsx, pdf: writePdf };

const FILE_NAME = /^([a-z-]+)\.(csv|xlsx|pdf)$/;

/**
 * Names some export takes: ignored by the others, so that one query string can serve every table;
 * except the `exclusive` ones (`batch` and `plant` of batch-movements), which would widen an export.
 */
const OTHER_TABLES_PARAMETERS = new Set(
  [...EXPORT_TABLES.values()].flatMap((table) => Object.entries(table.parameters).filter(([, spec]) => !spec.exclusive).map(([name]) => name)),
);

/** Plant filters: a table with a plant refuses the one it does not take (batch-movements: `plants`). */
const PLANT_FILTERS = new Set(["plant", "plants"]);

export function mountExportRoutes(
  app: express.Express,
  options: { database: Database; config: AlkanaConfig; verifier: TokenVerifier },
): void {
  const { database, config, verifier } = options;

  app.get("/export/:file", async (req, res, next) => {
    try {
      const match = FILE_NAME.exec(req.params.file);
      const table = match ? EXPORT_TABLES.get(match[1]) : undefined;
      if (!match || !table) {
        res.status(404).json({
          error: `no export "${req.params.file}": ask for /export/<table>.<csv|xlsx|pdf> with <table> one of ${[...EXPORT_TABLES.keys()].join(", ")}`,
          code: "NOT_FOUND",
        });
        return;
      }
      const format = match[2] as Format;

      const viewer = await verifier.verify(req.headers.authorization);
      if (table.companyWide && viewer.plants) {
        res.status(403).json({ error: `${table.name} is company-wide data: it needs a token without a plants restriction`, code: "FORBIDDEN" });
        return;
      }

      const { lang, filter, given } = parseQuery(table, req.query as Record<string, unknown>);
      const asOf = (await resolveAsOf(database.db, config.asOf)).date;
      const rowLimit = EXPORT_ROW_LIMITS[format];
      const { rows, resolved } = await table.fetch({ db: database.db, config, viewer, asOf, filter, limit: rowLimit + 1 });
      const truncated = rows.length > rowLimit;
      const document: ExportDocument = {
        table,
        lang,
        rows: truncated ? rows.slice(0, rowLimit) : rows,
        asOf,
        generatedAt: new Date(),
        filters: Object.entries({ ...given, ...resolved }),
        rowLimit,
        truncated,
      };
      const body = await WRITERS[format](document);
      res
        .status(200)
        .set({
          "Content-Type": CONTENT_TYPES[format],
          "Content-Disposition": `attachment; filename="${table.name}-${asOf}.${format}"`,
          "Cache-Control": "no-store",
          "X-Export-Rows": String(document.rows.length),
          "X-Export-Truncated": String(truncated),
        })
        .send(body);
    } catch (error) {
      if (error instanceof AuthError) {
        res.status(401).json({ error: error.message, code: "UNAUTHENTICATED" });
      } else if (error instanceof ExportParameterError) {
        res.status(400).json({ error: `${error.parameter}: ${error.message}`, code: "BAD_USER_INPUT", parameter: error.parameter });
      } else if (error instanceof GraphQLError && error.extensions.code === "FORBIDDEN") {
        // plantScope: plants asked for outside the token's.
        res.status(403).json({ error: error.message, code: "FORBIDDEN" });
      } else if (error instanceof RangeError) {
        res.status(400).json({ error: error.message, code: "BAD_USER_INPUT" });
      } else {
        next(error);
      }
    }
  });
}

/**
 * The query string as the table's filter: each name must be one of its parameters or `lang`; lists
 * are repeated or comma-separated (`plants=1201,1401`); an empty value counts as not given.
 */
function parseQuery(
  table: ExportTable,
  query: Record<string, unknown>,
): { lang: Lang; filter: Record<string, unknown>; given: Record<string, string> } {
  const filter: Record<string, unknown> = {};
  const given: Record<string, string> = {};
  let lang: Lang = "en";
  for (const [name, raw] of Object.entries(query)) {
    const values = (Array.isArray(raw) ? raw : [raw]).map((value) => {
      if (typeof value !== "string") throw new ExportParameterError(name, "give it as plain text, e.g. name=value");
      return value.trim();
    });
    if (values.every((value) => value === "")) continue;
    if (name === "lang") {
      const value = single(name, values).toLowerCase();
      if (!(LANGUAGES as readonly string[]).includes(value)) throw new ExportParameterError(name, `must be vi or en, got "${value}"`);
      lang = value as Lang;
      continue;
    }
    const spec = Object.hasOwn(table.parameters, name) ? table.parameters[name] : undefined;
    if (!spec) {
      const widens = !table.companyWide && PLANT_FILTERS.has(name);
      if (OTHER_TABLES_PARAMETERS.has(name) && !widens) continue;
      throw new ExportParameterError(
        name,
        `${widens ? `not taken by ${table.name}, and ignored it would export every plant` : `unknown parameter for ${table.name}`}; ` +
          `it takes ${[...Object.keys(table.parameters), "lang"].join(", ")}`,
      );
    }
    const value = parseValue(name, spec, values);
    filter[name] = value;
    given[name] = Array.isArray(value) ? value.join(", ") : String(value);
  }
  if (typeof filter.from === "string" && typeof filter.to === "string" && filter.from > filter.to) {
    throw new ExportParameterError("from", `${filter.from} is after to (${filter.to})`);
  }
  return { lang, filter, given };
}

function parseValue(name: string, spec: ParameterSpec, values: string[]): unknown {
  switch (spec.kind) {
    case "date": {
      const value = single(name, values);
      if (!isIsoDate(value)) throw new ExportParameterError(name, `must be a date YYYY-MM-DD, got "${value}"`);
      return value;
    }
    case "period": {
      const value = single(name, values);
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) throw new ExportParameterError(name, `must be a period YYYY-MM, got "${value}"`);
      return value;
    }
    case "text": {
      const value = single(name, values);
      if (value.length > 200) throw new ExportParameterError(name, "must be at most 200 characters");
      return value;
    }
    case "integer": {
      const value = single(name, values);
      const number = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
      if (!(number >= spec.min && number <= spec.max)) {
        throw new ExportParameterError(name, `must be a whole number from ${spec.min} to ${spec.max}, got "${value}"`);
      }
      return number;
    }
    case "choice":
      return choice(name, spec.values, single(name, values));
    case "choices":
      return [...new Set(list(values).map((value) => choice(name, spec.values, value)))];
    case "codes": {
      const codes = [...new Set(list(values))];
      const bad = codes.find((code) => !/^[A-Za-z0-9_.-]{1,40}$/.test(code));
      if (bad !== undefined) throw new ExportParameterError(name, `"${bad}" is not a code (letters, digits, - _ . only)`);
      return codes;
    }
  }
}

function single(name: string, values: string[]): string {
  const present = values.filter((value) => value !== "");
  if (present.length > 1) throw new ExportParameterError(name, "give it once");
  return present[0];
}

function list(values: string[]): string[] {
  return values.flatMap((value) => value.split(",")).map((value) => value.trim()).filter((value) => value !== "");
}

function choice(name: string, allowed: readonly string[], value: string): string {
  const canonical = allowed.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
  if (canonical === undefined) throw new ExportParameterError(name, `must be one of ${allowed.join(", ")}, got "${value}"`);
  return canonical;
}

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
