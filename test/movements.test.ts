/**
 * Movement analytics on the real samples (DOMAIN.md §3.10, D12): weekly inbound/outbound equal the
 * raw MB51 sums computed here independently, ABC classes partition each plant's materials by the
 * 20/50 % rule, and the DC batch position of worked example A (§3.1) is 8 received − 7 shipped = 1.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../api/src/db/database.js";
import {
  abcVelocity,
  dcBatchPositions,
  deadStock,
  materialMovements,
  movementSummary,
  movementWindow,
  plantMovements,
  topMovers,
  weeklyFlows,
} from "../api/src/domain/movements.js";
import { loadFile } from "../api/src/ingest/load.js";
import { backends } from "./support/databases.js";
import { SAMPLE_FACTS, sample, samplesPresent } from "./support/samples.js";

const FILES = ["mb51.XLSX", "zrsd002.XLSX"];
const AS_OF = "2026-01-21";
const INBOUND = new Set(["101", "531", "262", "653", "305", "Z71"]);
const OUTBOUND = new Set(["601", "261", "201", "551", "Z72", "351"]);

interface RawLine {
  posting_date: string;
  plant: string;
  storage_location: string | null;
  material: string;
  movement_type: string;
  quantity: number;
  unit_of_entry: string;
}

describe("movementWindow", () => {
  it("defaults to the calendar month of the as-of date and keeps given bounds", () => {
    expect(movementWindow("2026-01-21")).toEqual({ from: "2026-01-01", to: "2026-01-31" });
    expect(movementWindow("2024-02-10")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(movementWindow("2026-01-21", { from: "2025-12-15" })).toEqual({ from: "2025-12-15", to: "2026-01-31" });
    expect(() => movementWindow("2026-01-21", { from: "2026-02-01", to: "2026-01-01" })).toThrow(/after/);
    expect(() => movementWindow("21/01/2026")).toThrow(/YYYY-MM-DD/);
  });
});

describe.skipIf(!samplesPresent).each(backends)("movement analytics on $name", (backend) => {
  let database: Database;
  let lines: RawLine[];
  let kgPerUnit: Map<string, number>;

  beforeAll(async () => {
    database = await backend.open();
    for (const file of FILES) {
      await loadFile(database, sample(file), {
        allowRejects: false,
        decimalComma: false,
        dateOrder: "MDY",
        loadedBy: "test",
        ...SAMPLE_FACTS,
      });
    }
    lines = (
      await sql<RawLine>`
        select posting_date, plant, storage_location, material, movement_type, quantity, unit_of_entry
        from raw_mb51`.execute(database.db)
    ).rows;
    kgPerUnit = await billingFactors(database);
  }, 600_000);
  afterAll(async () => database?.close());

  it("weekly inbound and outbound kg equal the raw sums per ISO week and plant", async () => {
    const expected = new Map<string, { inboundKg: number; outboundKg: number; inboundLines: number; outboundLines: number }>();
    for (const line of lines) {
      const inbound = line.quantity > 0 && INBOUND.has(line.movement_type);
      const outbound = line.quantity < 0 && OUTBOUND.has(line.movement_type);
      if (!inbound && !outbound) continue;
      const key = `${mondayOf(line.posting_date)} ${line.plant}`;
      const sums = expected.get(key) ?? { inboundKg: 0, outboundKg: 0, inboundLines: 0, outboundLines: 0 };
      const kg = kgOf(line, kgPerUnit) ?? 0;
      if (inbound) {
        sums.inboundKg += kg;
        sums.inboundLines += 1;
      } else {
        sums.outboundKg -= kg;
        sums.outboundLines += 1;
      }
      expected.set(key, sums);
    }

    const weeks = await weeklyFlows(database.db, AS_OF);
    const withFlows = weeks.filter((week) => week.inboundLines + week.outboundLines > 0);
    expect(withFlows.map((week) => `${week.weekStart} ${week.plant}`).sort()).toEqual([...expected.keys()].sort());
    for (const week of withFlows) {
      const sums = expected.get(`${week.weekStart} ${week.plant}`)!;
      expect(week.inboundLines).toBe(sums.inboundLines);
      expect(week.outboundLines).toBe(sums.outboundLines);
      expect(week.inboundKg).toBeCloseTo(sums.inboundKg, 6);
      expect(week.outboundKg).toBeCloseTo(sums.outboundKg, 6);
    }
    // ISO weeks start on Monday: the sample's first posting day, Friday 2026-01-02, is in 2026-W01.
    expect(weeks[0]).toMatchObject({ weekStart: "2025-12-29", isoWeek: "2026-W01" });
  });

  it("leaves the in-transit halves of transfers out of the per-plant figures", async () => {
    const inTransit = lines.filter(
      (line) => !line.storage_location && ["351", "352", "303", "304", "641", "642"].includes(line.movement_type),
    );
    expect(inTransit).toHaveLength(413); // DOMAIN.md §1.1: 413 lines with a blank storage location
    const summary = await movementSummary(database.db, AS_OF);
    expect(summary).toMatchObject({ from: "2026-01-01", to: "2026-01-31", lines: 11_168 - 413, plants: 4 });
    expect(summary.byPlant.map((plant) => plant.plant)).toEqual(["1101", "1201", "1203", "1401"]);
    const dc = summary.byPlant.find((plant) => plant.plant === "1401")!;
    expect(dc.lines).toBe(lines.filter((line) => line.plant === "1401").length - inTransit.filter((l) => l.plant === "1401").length);
  });

  it("nets a material's signed quantities per plant, kg null (never 0) when a line cannot be converted", async () => {
    const rows = await materialMovements(database.db, AS_OF, { plants: ["1401"], material: "100000002" });
    expect(rows).toHaveLength(1);
    const raw = lines.filter((line) => line.plant === "1401" && line.material === "100000002" && line.storage_location);
    const net = raw.reduce((sum, line) => sum + line.quantity, 0);
    expect(rows[0]).toMatchObject({ plant: "1401", material: "100000002", unit: "PC", lines: raw.length, netQuantity: net });
    // 11-260 AF PU THINNER-200LK: 4,752 kg ÷ 27 PC = 176 kg/PC from billing (DOMAIN.md §3.2).
    expect(rows[0].netKg).toBeCloseTo(net * 176, 6);
    expect(rows[0].throughputKg).toBeCloseTo(rows[0].inboundKg! + rows[0].outboundKg!, 6);

    const all = await materialMovements(database.db, AS_OF);
    for (const row of all.filter((r) => r.linesWithoutKg > 0)) expect(row.netKg).toBeNull();
    expect(all.every((row) => row.plant && row.material)).toBe(true);
    expect(new Set(all.map((row) => `${row.plant} ${row.material}`)).size).toBe(all.length);
  });

  it("ranks ABC per plant: velocity = outbound 601/261 lines, A = first 20 % (at least one), B up to 50 %", async () => {
    const velocity = new Map<string, number>();
    for (const line of lines) {
      if (!["10", "12", "15"].includes(line.material.slice(0, 2))) continue;
      if (line.storage_location === null && ["351", "352", "303", "304", "641", "642"].includes(line.movement_type)) continue;
      const key = `${line.plant} ${line.material}`;
      const outbound = line.quantity < 0 && (line.movement_type === "601" || line.movement_type === "261");
      velocity.set(key, (velocity.get(key) ?? 0) + (outbound ? 1 : 0));
    }

    const ranked = await abcVelocity(database.db, AS_OF);
    expect(new Map(ranked.map((row) => [`${row.plant} ${row.material}`, row.velocity]))).toEqual(velocity);
    for (const plant of new Set(ranked.map((row) => row.plant))) {
      const materials = ranked.filter((row) => row.plant === plant);
      const n = materials.length;
      const aCount = Math.max(1, Math.floor(n * 0.2));
      const bCount = Math.max(0, Math.floor(n * 0.5) - aCount);
      expect(materials.map((row) => row.rank)).toEqual(materials.map((_, index) => index + 1));
      expect(materials.every((row) => row.rankedMaterials === n)).toBe(true);
      expect(materials.filter((row) => row.abcClass === "A")).toHaveLength(aCount);
      expect(materials.filter((row) => row.abcClass === "B")).toHaveLength(bCount);
      expect(materials.filter((row) => row.abcClass === "C")).toHaveLength(n - aCount - bCount);
      const classOrder = materials.map((row) => row.abcClass).join("");
      expect(classOrder).toMatch(/^A+B*C*$/);
      for (let i = 1; i < n; i += 1) expect(materials[i].velocity).toBeLessThanOrEqual(materials[i - 1].velocity);
    }
    // The default category filter is FG, SFG and RM (§3.10).
    expect(new Set(ranked.map((row) => row.category))).toEqual(new Set(["FG", "SFG", "RM"]));
  });

  it("lists top movers per plant and dead stock (positive net receipts, no outbound line)", async () => {
    const movers = await topMovers(database.db, AS_OF, { category: "FG" }, 5);
    for (const plant of new Set(movers.map((row) => row.plant))) {
      const atPlant = movers.filter((row) => row.plant === plant);
      expect(atPlant.length).toBeLessThanOrEqual(5);
      expect(atPlant.every((row) => row.velocity > 0 && row.category === "FG")).toBe(true);
    }
    // The DC's fastest finished good: 118 customer shipments of V-09 REDDISH CLAY 2004 VN-0.8L.
    expect(movers.find((row) => row.plant === "1401" && row.rank === 1)).toMatchObject({ material: "100001787", velocity: 118 });

    const dead = await deadStock(database.db, AS_OF);
    expect(dead.length).toBeGreaterThan(0);
    for (const row of dead) {
      expect(row.outboundLines).toBe(0);
      expect(row.netQuantity ?? row.netKg).toBeGreaterThan(0);
      const raw = lines.filter((line) => line.plant === row.plant && line.material === row.material);
      expect(raw.some((line) => line.quantity < 0 && OUTBOUND.has(line.movement_type))).toBe(false);
    }
  });

  it("gives the DC batch position of worked example A: 8 received − 7 shipped = 1, complete", async () => {
    const [position] = await dcBatchPositions(database.db, AS_OF, {}, { batch: "26A2597910" });
    expect(position).toEqual({
      plant: "1401",
      material: "100000002",
      materialDescription: "11-260 AF PU THINNER-200LK",
      batch: "26A2597910",
      unit: "PC",
      receivedQuantity: 8,
      issuedQuantity: 7,
      otherQuantity: 0,
      netPosition: 1,
      netPositionKg: 176,
      firstReceiptDate: "2026-01-08",
      lastMovementDate: "2026-01-21",
      complete: true,
    });
  });

  it("flags a DC batch position complete only when its first receipt precedes every issue in the window", async () => {
    const positions = await dcBatchPositions(database.db, AS_OF);
    expect(positions.every((p) => p.plant === "1401")).toBe(true);
    for (const p of positions) expect(p.netPosition).toBeCloseTo(p.receivedQuantity - p.issuedQuantity + p.otherQuantity, 9);
    // Shipped from a receipt before the loaded window: no receipt seen, so never complete.
    const shippedOnly = positions.filter((p) => p.firstReceiptDate === null);
    expect(shippedOnly.length).toBeGreaterThan(0);
    expect(shippedOnly.every((p) => !p.complete)).toBe(true);
    // Received on 01-08 and shipped on 01-15 to 01-21: a window starting on 01-10 misses the receipt.
    const [late] = await dcBatchPositions(database.db, AS_OF, { from: "2026-01-10" }, { batch: "26A2597910" });
    expect(late).toMatchObject({ receivedQuantity: 0, issuedQuantity: 7, netPosition: -7, complete: false });
  });

  it("applies the plant, material, category and date filters", async () => {
    expect(await plantMovements(database.db, AS_OF, { plants: [] })).toEqual([]);
    expect((await plantMovements(database.db, AS_OF, { plants: ["1201"] })).map((p) => p.plant)).toEqual(["1201"]);
    expect(await dcBatchPositions(database.db, AS_OF, { plants: ["1201"] })).toEqual([]);
    expect(await weeklyFlows(database.db, "2026-02-10")).toEqual([]);
    const rm = await materialMovements(database.db, AS_OF, { category: "RM", plants: ["1201"] }, { limit: 20 });
    expect(rm).toHaveLength(20);
    expect(rm.every((row) => row.category === "RM" && row.material.startsWith("15"))).toBe(true);
    const week3 = await weeklyFlows(database.db, AS_OF, { from: "2026-01-12", to: "2026-01-18" });
    expect(new Set(week3.map((week) => week.isoWeek))).toEqual(new Set(["2026-W03"]));
  });
});

async function billingFactors(database: Database): Promise<Map<string, number>> {
  const { rows } = await sql<{ material: string; billing_quantity: number; net_weight: number | null; weight_unit: string; sales_unit: string }>`
    select material, billing_quantity, net_weight, weight_unit, sales_unit from raw_zrsd002`.execute(database.db);
  const totals = new Map<string, { weight: number; quantity: number }>();
  for (const row of rows) {
    if (!(row.billing_quantity > 0) || row.net_weight === null || row.weight_unit !== "KG") continue;
    if (!["PC", "SET", "EA"].includes(row.sales_unit)) continue;
    const total = totals.get(row.material) ?? { weight: 0, quantity: 0 };
    total.weight += row.net_weight;
    total.quantity += row.billing_quantity;
    totals.set(row.material, total);
  }
  return new Map([...totals].filter(([, t]) => t.weight > 0).map(([material, t]) => [material, t.weight / t.quantity]));
}

function kgOf(line: RawLine, kgPerUnit: Map<string, number>): number | null {
  if (line.unit_of_entry === "KG") return line.quantity;
  const factor = ["PC", "SET", "EA"].includes(line.unit_of_entry) ? kgPerUnit.get(line.material) : undefined;
  return factor === undefined ? null : line.quantity * factor;
}

function mondayOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}
