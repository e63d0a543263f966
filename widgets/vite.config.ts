/**
 * The widget bundle (TOOLCHAIN.md §5, §6): vite 8 library mode, ES module, Lit and the modular
 * ECharts set bundled in, minified. `dist/widgets/alkana.js` defines every element; each widget also
 * has an entry of its own (`dist/widgets/<name>.js`); shared code sits in hashed `chunks/`, so
 * loading several entries on one page loads each chunk once.
 *
 *   npm run build:widgets      (vite build -c widgets/vite.config.ts)
 */
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Entry name → source; the name is the file served as `/widgets/<name>.js`. */
export const widgetEntries: Record<string, string> = {
  alkana: "widgets/src/alkana.ts",
  leadtime: "widgets/src/components/leadtime/leadtime.ts",
  alerts: "widgets/src/components/alerts/alerts.ts",
  "batch-trace": "widgets/src/components/batch-trace/batch-trace.ts",
  kpi: "widgets/src/components/kpi/kpi.ts",
  sankey: "widgets/src/components/sankey/sankey.ts",
  targets: "widgets/src/components/targets/targets.ts",
  "ar-aging": "widgets/src/components/ar-aging/ar-aging.ts",
  otif: "widgets/src/components/otif/otif.ts",
  movements: "widgets/src/components/movements/movements.ts",
  yield: "widgets/src/components/yield/yield.ts",
};

/**
 * The chart controller asks the browser to preload ECharts' chunk, whose content-hashed name is
 * known only once the chunks are written: its placeholder becomes that name. (The shared chunk's
 * own hash already follows ECharts' name: it imports the chunk by that name.)
 */
const ECHARTS_CHUNK_PLACEHOLDER = "__ALKANA_ECHARTS_CHUNK__";
const echartsChunkName: Plugin = {
  name: "alkana-echarts-chunk-name",
  generateBundle(_options, bundle) {
    const chunks = Object.values(bundle).flatMap((file) => (file.type === "chunk" ? [file] : []));
    const echarts = chunks.find((chunk) => chunk.name === "echarts");
    const users = chunks.filter((chunk) => chunk.code.includes(ECHARTS_CHUNK_PLACEHOLDER));
    if (!echarts || users.length === 0) this.error("ECharts' chunk or the chart controller's placeholder for its name is missing");
    for (const chunk of users) chunk.code = chunk.code.replaceAll(ECHARTS_CHUNK_PLACEHOLDER, `./${basename(echarts.fileName)}`);
  },
};

export default defineConfig({
  root,
  publicDir: false,
  plugins: [echartsChunkName],
  // Library mode leaves `process.env.NODE_ENV` in ECharts' code: in a browser that is a ReferenceError.
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
  // The production builds of Lit & co. whatever NODE_ENV says: vitest sets it to `test`, and Vite
  // would then resolve the `development` export condition (Lit's dev build, 15 kB more) when the
  // widget tests' global setup builds the bundle.
  resolve: { conditions: ["module", "browser", "production"] },
  build: {
    outDir: "dist/widgets",
    emptyOutDir: true,
    target: "es2022",
    reportCompressedSize: true,
    lib: {
      entry: Object.fromEntries(Object.entries(widgetEntries).map(([name, path]) => [name, `${root}${path}`])),
      formats: ["es"],
      fileName: (_format, entryName) => `${entryName}.js`,
    },
    rolldownOptions: {
      output: {
        minify: true,
        chunkFileNames: "chunks/[name]-[hash].js",
        // Everything but the entries in one shared chunk: a page loads its entry and that chunk,
        // whatever entries it uses. (A chunk per widget saved a one-widget page about 50 kB but cost
        // eleven more requests, which queue behind the browser's six connections per host and
        // delayed the first chart by about 0.1 s.) Each entry defines only its own elements.
        // ECharts (imported dynamically by the chart controller) is a second shared chunk.
        codeSplitting: {
          groups: [
            { name: "echarts", test: /node_modules[\\/](echarts|zrender|tslib)[\\/]|widgets[\\/]src[\\/]core[\\/]echarts\.ts/ },
            { name: "alkana-core", test: /node_modules|widgets[\\/]src[\\/](core|i18n|components[\\/]config|components[\\/][^\\/]+[\\/][^\\/]+\.(component|styles)\.ts)/ },
          ],
        },
      },
    },
  },
});
