/**
 * `POST /ingest` (CONTRACT.md "HTTP routes"): admin only; multipart with one or more `file` fields
 * and the optional fields `snapshotDate`, `period`, `allowRejects`, `decimalComma`, `dateOrder`;
 * answers with the CLI's JSON objects as an array, after loading each file and refreshing the model.
 * Uploads are untrusted: size-limited, written to a private temporary folder and deleted afterwards.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type express from "express";
import multer from "multer";
import { sql } from "kysely";
import type { AlkanaConfig } from "../config.js";
import type { Database } from "../db/database.js";
import { refreshAfterLoad } from "../domain/refresh.js";
import type { DateOrder } from "../ingest/cells.js";
import { loadFile, type IngestReport } from "../ingest/load.js";
import { AuthError, isAdmin, type TokenVerifier } from "../graphql/auth.js";
import { INGEST_CHANNEL } from "./fan-out.js";

const MAX_FILES = 50;

export function mountIngestRoute(
  app: express.Express,
  options: { database: Database; config: AlkanaConfig; verifier: TokenVerifier; afterLoads?: () => Promise<void> },
): void {
  const { database, config, verifier } = options;
  const maxUploadBytes = Math.round(config.maxUploadMb * 1024 * 1024);
  const upload = multer({
    storage: multer.diskStorage({
      destination: (req, _file, callback) => callback(null, (req as UploadRequest).uploadDir),
      filename: (_req, file, callback) => callback(null, `${Date.now()}-${Math.random().toString(36).slice(2)}${extension(file.originalname)}`),
    }),
    limits: { fileSize: maxUploadBytes, files: MAX_FILES, fields: 20 },
  }).array("file", MAX_FILES);

  app.post(
    "/ingest",
    async (req, res, next) => {
      try {
        const viewer = await verifier.verify(req.headers.authorization);
        if (!isAdmin(viewer)) {
          res.status(403).json({ error: "loading files needs the admin role", code: "FORBIDDEN" });
          return;
        }
        (req as UploadRequest).loadedBy = viewer.user;
        (req as UploadRequest).uploadDir = mkdtempSync(join(tmpdir(), "alkana-upload-"));
        next();
      } catch (error) {
        if (error instanceof AuthError) res.status(401).json({ error: error.message, code: "UNAUTHENTICATED" });
        else next(error);
      }
    },
    (req, res, next) => {
      upload(req, res, (error: unknown) => {
        if (!error) return next();
        cleanUp(req as UploadRequest);
        if (error instanceof multer.MulterError) {
          const status = error.code === "LIMIT_FILE_SIZE" ? 413 : 400;
          const message =
            error.code === "LIMIT_FILE_SIZE" ? `a file is larger than the ${config.maxUploadMb} MB upload limit (ALKANA_MAX_UPLOAD_MB)` : error.message;
          res.status(status).json({ error: message, code: "BAD_USER_INPUT" });
          return;
        }
        next(error);
      });
    },
    async (req, res, next) => {
      const request = req as UploadRequest;
      try {
        const files = (req.files as Express.Multer.File[] | undefined) ?? [];
        if (files.length === 0) {
          res.status(400).json({ error: "send the exports as multipart form fields named `file`", code: "BAD_USER_INPUT" });
          return;
        }
        const fields = req.body as Record<string, string | undefined>;
        const dateOrder = (fields.dateOrder ?? "MDY").toUpperCase();
        if (dateOrder !== "MDY" && dateOrder !== "DMY") {
          res.status(400).json({ error: `dateOrder must be MDY or DMY, got "${fields.dateOrder}"`, code: "BAD_USER_INPUT" });
          return;
        }
        const reports: IngestReport[] = [];
        for (const file of files) {
          reports.push(
            await loadFile(database, file.path, {
              fileName: file.originalname,
              snapshotDate: fields.snapshotDate || undefined,
              period: fields.period || undefined,
              allowRejects: truthy(fields.allowRejects),
              decimalComma: truthy(fields.decimalComma),
              dateOrder: dateOrder as DateOrder,
              loadedBy: request.loadedBy,
              afterMerge: refreshAfterLoad(config),
            }),
          );
        }
        await options.afterLoads?.();
        const loadIds = reports.map((report) => report.loadId);
        await sql`select pg_notify(${INGEST_CHANNEL}, json_build_object('loadIds', ${JSON.stringify(loadIds)}::jsonb, 'schema', current_schema())::text)`.execute(database.db);
        res.json(
          reports.map(({ file, report, status, rowsRead, inserted, updated, unchanged, replaced, skipped, rejected, errors, warnings, ms, loadId }) => ({
            file,
            report,
            status,
            rowsRead,
            inserted,
            updated,
            unchanged,
            replaced,
            skipped,
            rejected,
            errors,
            warnings,
            ms,
            loadId,
          })),
        );
      } catch (error) {
        next(error);
      } finally {
        cleanUp(request);
      }
    },
  );
}

interface UploadRequest extends express.Request {
  uploadDir: string;
  loadedBy: string;
}

function cleanUp(request: UploadRequest): void {
  if (request.uploadDir) rmSync(request.uploadDir, { recursive: true, force: true });
}

function truthy(value: string | undefined): boolean {
  return value !== undefined && ["1", "true", "yes", "on"].includes(value.trim().toLowerCase());
}

function extension(name: string): string {
  const match = /\.(xlsx|csv|txt)$/i.exec(name);
  return match ? `.${match[1].toLowerCase()}` : "";
}
