/**
 * Static routes: the widget bundle and the example portal (startServer mounts them after the API
 * routes and before the 404 handler).
 *
 *   GET /widgets/<entry>.js         dist/widgets/<entry>.js — `alkana.js` defines every widget,
 *                                   `<name>.js` one widget; `Cache-Control: public, max-age=300`
 *                                   and an ETag, so a new build reaches pages within five minutes
 *   GET /widgets/chunks/<name>-<hash>.js   shared code; content-hashed names, cached for a year
 *   GET /                           examples/portal.html, the example intranet page
 *
 * When the bundle has not been built, `/widgets/*.js` answers 503 saying to run
 * `npm run build:widgets` (`npm start` builds it first).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import express, { type Express } from "express";

const REPOSITORY = fileURLToPath(new URL("../../../", import.meta.url));

export interface StaticRoutesOptions {
  /** Folder of the built widgets (default `dist/widgets` of the repository). */
  widgetsDir?: string;
  /** The page served at `/` (default `examples/portal.html`). */
  portalFile?: string;
}

const ENTRY_CACHE = "public, max-age=300";
const CHUNK_CACHE = "public, max-age=31536000, immutable";

export function mountStaticRoutes(app: Express, options: StaticRoutesOptions = {}): void {
  const widgetsDir = options.widgetsDir ?? join(REPOSITORY, "dist/widgets");
  const portalFile = options.portalFile ?? join(REPOSITORY, "examples/portal.html");

  app.use("/widgets", (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    if (!/\.js$/.test(req.path) || existsSync(join(widgetsDir, "alkana.js"))) return next();
    res
      .status(503)
      .set({ "Cache-Control": "no-store", "Retry-After": "30" })
      .type("text/plain")
      .send("The widget bundle has not been built. Run `npm run build:widgets` (npm start does it), then reload.\n");
  });

  app.use(
    "/widgets",
    express.static(widgetsDir, {
      index: false,
      redirect: false,
      fallthrough: true,
      etag: true,
      lastModified: true,
      setHeaders(res, path) {
        const chunk = path.startsWith(join(widgetsDir, "chunks"));
        res.setHeader("Cache-Control", chunk ? CHUNK_CACHE : ENTRY_CACHE);
        // The bundle may be loaded by intranet pages on other hosts (`<script type="module" src>` uses CORS).
        res.setHeader("Access-Control-Allow-Origin", "*");
      },
    }),
  );

  const portal = cachedFile(portalFile);
  app.get("/", (req, res) => {
    const page = portal();
    if (!page) {
      res.status(404).type("text/plain").send(`${portalFile} is missing.\n`);
      return;
    }
    res.set({ "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache", ETag: page.etag });
    if (req.headers["if-none-match"] === page.etag) {
      res.status(304).end();
      return;
    }
    res.send(page.body);
  });
}

/** Reads a file again only when its modification time changed (edits show without a restart). */
function cachedFile(path: string): () => { body: Buffer; etag: string } | undefined {
  let cached: { mtimeMs: number; body: Buffer; etag: string } | undefined;
  return () => {
    if (!existsSync(path)) return undefined;
    const { mtimeMs } = statSync(path);
    if (cached?.mtimeMs !== mtimeMs) {
      const body = readFileSync(path);
      cached = { mtimeMs, body, etag: `"${createHash("sha1").update(body).digest("base64url")}"` };
    }
    return cached;
  };
}
