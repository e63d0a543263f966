/**
 * Static pages: the example portal and the widget bundle. PLACEHOLDER: for now only `/`, a small page
 * linking to GraphiQL; whoever adds `/widgets/alkana.js` and the examples replaces this function
 * (startServer calls it after the API routes and before the 404 handler).
 */
import type { Express } from "express";

const INDEX_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Alkana Analytics</title>
</head>
<body>
<h1>Alkana Analytics</h1>
<ul>
<li><a href="/graphiql">GraphiQL</a>: explore and query the GraphQL API (<code>/graphql</code>)</li>
<li><a href="/health">Health</a></li>
</ul>
</body>
</html>
`;

export function mountStaticRoutes(app: Express): void {
  app.get("/", (_req, res) => {
    res.type("html").send(INDEX_HTML);
  });
}
