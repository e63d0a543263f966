import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { printAlkanaSchema, SCHEMA_FILE } from "../api/src/graphql/emit-schema.js";

describe("schema.graphql", () => {
  it("matches the schema the resolvers build", async () => {
    const built = await printAlkanaSchema();
    const committed = readFileSync(SCHEMA_FILE, "utf8");
    expect(
      committed,
      "schema.graphql is out of date: run `npx tsx api/src/graphql/emit-schema.ts` and commit the result",
    ).toBe(built);
  });
});
