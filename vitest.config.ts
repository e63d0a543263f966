import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // graphql 16 has no exports map: keep one instance for Vite and Node (TOOLCHAIN.md §2c).
    alias: [{ find: /^graphql$/, replacement: "graphql/index.js" }],
  },
  test: {
    environment: "node",
    testTimeout: 300_000,
    hookTimeout: 600_000,
    // PGlite instances are ~0.8 GB each: keep parallelism modest on 2 cores.
    maxWorkers: 2,
    fileParallelism: true,
    projects: [
      { extends: true, test: { name: "api", include: ["test/**/*.test.ts"] } },
      {
        extends: true,
        test: {
          // Node tests that drive Debian's Chromium (playwright-core) against a real API server;
          // the global setup builds dist/widgets when it is missing or stale.
          name: "widgets",
          include: ["widgets/test/**/*.test.ts"],
          globalSetup: ["widgets/test/support/build-bundle.ts"],
        },
      },
    ],
  },
});
