import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // graphql 16 has no exports map: keep one instance for Vite and Node (TOOLCHAIN.md §2c).
    alias: [{ find: /^graphql$/, replacement: "graphql/index.js" }],
  },
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite instances are ~0.8 GB each: keep parallelism modest on 2 cores.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
