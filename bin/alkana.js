#!/usr/bin/env node
// Entry point of the `alkana` command: runs the TypeScript CLI through tsx (no build step).
import { register } from "tsx/esm/api";

register();
await import("../api/src/cli/main.ts");
