/**
 * Movement analytics (DOMAIN.md §3.10, binding D12): net movement and throughput in kg per
 * plant/material, weekly inbound/outbound, ABC velocity, top movers, dead stock and DC batch
 * positions, over the classified MB51 lines of the view `movement_line` (sql/040_movements.sql).
 *
 * No opening balance exists, so every figure is a *net movement* in a date window, never stock on
 * hand. Figures are always per plant: the same pallet is received at 1201 and again at 1401 (§2.1),
 * so kg are never summed across plants. Lines on the receiving half of a two-step transfer
 * (`IN_TRANSIT`) are left out, since the receipt that follows counts the same goods at that plant.
 */
import { sql, type RawBuilder } from "kysely";
import type { Db } from "../db/database.js";

/** Material categories by material-number prefix (§2.7): FG 10, SFG 12, RM 15. */
export type MaterialCategory = "FG" | "SFG" | "RM";

/** The filters every movement and data-quality query accepts. */
export interface MovementFilter {
  /** First day, YYYY-MM-DD; default: the first day of the as-of month (CONTRACT.md). */
  from?: string | null;
  /** Last day (inclusive), YYYY-MM-DD; default: the last day of the as-of month. */
  to?: string | null;
  /** Plant codes; `null`/absent = every plant, `[]` = none (an auth restriction intersected to nothing). */
  plants?: readonly string[] | null;
  /** Material number (leading zeros ignored). */
  material?: string | null;
  category?: MaterialCategory | null;
}

export interface DateWindow {
  from: string;
  to: string;
}

/** The distribution centre (§2.1): receives the factory's STO and ships to customers. */
export const DC_PLANT = "1401";

export interface MaterialMovement {
  plant: string;
  material: string;
  materialDescription: string | null;
  category: MaterialCategory | null;
  /** Unit of entry; `null` when the material moved in several units (then `netQuantity` is null too). */
  unit: string | null;
  lines: number;
  inboundLines: number;
  outboundLines: number;
  netQuantity: number | null;
  /** Σ signed kg; `null` when some line has no kg (see `linesWithoutKg`). */
  netKg: number | null;
  inboundKg: number | null;
  /** Positive: kg that left the plant's stock. */
  outboundKg: number | null;
  /** inbound + outbound kg. */
  throughputKg: number | null;
  linesWithoutKg: number;
  lastMovementDate: string;
}

export interface PlantMovement {
  plant: string;
  lines: number;
  materials: number;
  /** Over the lines with a kg value; `linesWithoutKg` says how many lines could not be converted. */
  netKg: number;
  inboundKg: number;
  outboundKg: number;
  throughputKg: number;
  linesWithoutKg: number;
}

export interface WeeklyFlow {
  /** Monday of the ISO week, YYYY-MM-DD. */
  weekStart: string;
  /** ISO week, e.g. `2026-W03`. */
  isoWeek: string;
  plant: string;
  inboundKg: number;
  /** Positive. */
  outboundKg: number;
  netKg: number;
  inboundLines: number;
  outboundLines: number;
  linesWithoutKg: number;
}

export interface MovementSummary extends DateWindow {
  lines: number;
  plants: number;
  materials: number;
  /** Distinct (plant, material) pairs that moved. */
  activeItems: number;
  linesWithoutKg: number;
  /** kg figures, per plant only. */
  byPlant: PlantMovement[];
}

export type AbcClass = "A" | "B" | "C";

export interface MaterialVelocity {
  plant: string;
  material: string;
  materialDescription: string | null;
  category: MaterialCategory | null;
  /** Outbound lines of 601 and 261 in the window. */
  velocity: number;
  /** 1 = fastest at the plant. */
  rank: number;
  /** Materials ranked at the plant. */
  rankedMaterials: number;
  abcClass: AbcClass;
  outboundKg: number | null;
  netQuantity: number | null;
  netKg: number | null;
  unit: string | null;
}

export interface DcBatchPosition {
  plant: string;
  material: string;
  materialDescription: string | null;
  batch: string;
  unit: string | null;
  /** Netted receipts: Σ(101 − 102) and other receipts (305, 653, …). */
  receivedQuantity: number;
  /** Netted issues, positive: −Σ(601 − 602) and other issues (201, 551, …). */
  issuedQuantity: number;
  /** Postings that are neither (309 material-to-material, …); internal transfers sum to 0. */
  otherQuantity: number;
  /** Net movement of the batch at the DC in the window = received − issued + other. */
  netPosition: number;
  netPositionKg: number | null;
  firstReceiptDate: string | null;
  lastMovementDate: string;
  /**
   * D12: true only when the batch's first receipt lies inside the window and nothing was issued
   * before it (the running net movement never drops below 0); otherwise part of its history
   * predates the loaded data and the position is not the whole story.
   */
  complete: boolean;
}

/** ABC cut-offs (§3.10): A = first 20 % of the ranked materials (at least one), B up to 50 %. */
const ABC_A_SHARE = 0.2;
const ABC_B_SHARE = 0.5;
/** Category filter of ABC, top movers and dead stock when none is given (§3.10). */
const VELOCITY_CATEGORIES: readonly MaterialCategory[] = ["FG", "SFG", "RM"];

/**
 * The query window: `from`/`to` as given, a missing bound taken from the calendar month of `asOf`
 * (CONTRACT.md: default window = the as-of month).
 */
export function movementWindow(asOf: string, filter: Pick<MovementFilter, "from" | "to"> = {}): DateWindow {
  const [year, month] = isoDate(asOf, "asOf").split("-").map(Number);
  const monthStart = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-01`;
  const monthEnd = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  const window = {
    from: filter.from ? isoDate(filter.from, "from") : monthStart,
    to: filter.to ? isoDate(filter.to, "to") : monthEnd,
  };
  if (window.from > window.to) throw new RangeError(`from (${window.from}) is after to (${window.to}).`);
  return window;
}

/** Net movement, inbound, outbound and throughput per plant and material, busiest first. */
export async function materialMovements(
  db: Db,
  asOf: string,
  filter: MovementFilter = {},
  options: { limit?: number; offset?: number } = {},
): Promise<MaterialMovement[]> {
  const window = movementWindow(asOf, filter);
  const offset = options.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`offset must be a whole number ≥ 0, got ${offset}.`);
  const { rows } = await sql<MaterialMovement>`
    with per_material as (${perMaterial(window, filter, sql`true`)})
    select * from per_material
    order by "throughputKg" desc nulls last, plant, material
    ${limitClause(options.limit)} ${offset ? sql`offset ${offset}` : sql``}`.execute(db);
  return rows;
}

/** How many (plant, material) rows `materialMovements` lists with the same filter (no limit). */
export async function countMaterialMovements(db: Db, asOf: string, filter: MovementFilter = {}): Promise<number> {
  const window = movementWindow(asOf, filter);
  const { rows } = await sql<{ n: number }>`
    select count(*) as n from (
      select 1 from movement_line where ${lineConditions(window, filter)} group by plant, material
    ) pairs`.execute(db);
  return Number(rows[0].n);
}

/** Kg in, out and net per plant (over the convertible lines). */
export async function plantMovements(db: Db, asOf: string, filter: MovementFilter = {}): Promise<PlantMovement[]> {
  const window = movementWindow(asOf, filter);
  const { rows } = await sql<PlantMovement>`
    select
      plant,
      count(*) as lines,
      count(distinct material) as materials,
      coalesce(sum(kg), 0) as "netKg",
      coalesce(sum(kg) filter (where flow = 'INBOUND'), 0) as "inboundKg",
      coalesce(-sum(kg) filter (where flow = 'OUTBOUND'), 0) as "outboundKg",
      coalesce(sum(abs(kg)) filter (where flow in ('INBOUND', 'OUTBOUND')), 0) as "throughputKg",
      count(*) filter (where kg is null) as "linesWithoutKg"
    from movement_line
    where ${lineConditions(window, filter)}
    group by plant
    order by plant`.execute(db);
  return rows;
}

/** Inbound and outbound kg per ISO week (Monday start) and plant. */
export async function weeklyFlows(db: Db, asOf: string, filter: MovementFilter = {}): Promise<WeeklyFlow[]> {
  const window = movementWindow(asOf, filter);
  const { rows } = await sql<WeeklyFlow>`
    select
      week_start as "weekStart",
      min(iso_week) as "isoWeek",
      plant,
      coalesce(sum(kg) filter (where flow = 'INBOUND'), 0) as "inboundKg",
      coalesce(-sum(kg) filter (where flow = 'OUTBOUND'), 0) as "outboundKg",
      coalesce(sum(kg), 0) as "netKg",
      count(*) filter (where flow = 'INBOUND') as "inboundLines",
      count(*) filter (where flow = 'OUTBOUND') as "outboundLines",
      count(*) filter (where kg is null) as "linesWithoutKg"
    from movement_line
    where ${lineConditions(window, filter)}
    group by week_start, plant
    order by week_start, plant`.execute(db);
  return rows;
}

/** Counts for the KPI cards, with the kg figures per plant. */
export async function movementSummary(db: Db, asOf: string, filter: MovementFilter = {}): Promise<MovementSummary> {
  const window = movementWindow(asOf, filter);
  const { rows } = await sql<Omit<MovementSummary, "from" | "to" | "byPlant">>`
    select
      count(*) as lines,
      count(distinct plant) as plants,
      count(distinct material) as materials,
      count(distinct (plant, material)) as "activeItems",
      count(*) filter (where kg is null) as "linesWithoutKg"
    from movement_line
    where ${lineConditions(window, filter)}`.execute(db);
  return { ...window, ...rows[0], byPlant: await plantMovements(db, asOf, filter) };
}

/**
 * ABC velocity per plant (§3.10): velocity = outbound 601/261 lines in the window; materials ranked
 * by velocity (ties by material number), A = the first 20 % (at least one), B up to 50 %, C the rest.
 * Every material that moved at the plant is ranked; default categories FG, SFG and RM.
 */
export async function abcVelocity(db: Db, asOf: string, filter: MovementFilter = {}): Promise<MaterialVelocity[]> {
  const { rows } = await sql<MaterialVelocity>`
    ${rankedVelocity(asOf, filter)}
    select * from ranked order by plant, rank`.execute(db);
  return rows;
}

/** The fastest materials (velocity > 0) per plant, at most `limit` per plant. */
export async function topMovers(db: Db, asOf: string, filter: MovementFilter = {}, limit = 10): Promise<MaterialVelocity[]> {
  const { rows } = await sql<MaterialVelocity>`
    ${rankedVelocity(asOf, filter)}
    select * from ranked where velocity > 0 and rank <= ${positiveInteger(limit, "limit")}
    order by plant, rank`.execute(db);
  return rows;
}

/**
 * Dead stock per plant (§3.10, rebuilt): materials with a positive net movement (net receipts) and
 * no outbound line in the window, largest net kg first.
 */
export async function deadStock(
  db: Db,
  asOf: string,
  filter: MovementFilter = {},
  options: { limit?: number } = {},
): Promise<MaterialMovement[]> {
  const window = movementWindow(asOf, filter);
  const { rows } = await sql<MaterialMovement>`
    with per_material as (${perMaterial(window, filter, velocityCategories(filter))})
    select * from per_material
    where "outboundLines" = 0 and coalesce("netQuantity", "netKg") > 0
    order by "netKg" desc nulls last, "netQuantity" desc, plant, material
    ${limitClause(options.limit)}`.execute(db);
  return rows;
}

/**
 * Net movement per batch at the DC (D12): netted receipts − netted issues over the window, flagged
 * `complete` only when the batch's whole history lies inside the window. The DC must be among the
 * filter's plants.
 */
export async function dcBatchPositions(
  db: Db,
  asOf: string,
  filter: MovementFilter = {},
  options: { batch?: string | null } = {},
): Promise<DcBatchPosition[]> {
  if (filter.plants && !filter.plants.includes(DC_PLANT)) return [];
  const window = movementWindow(asOf, filter);
  const batch = options.batch?.trim() || null;
  // One pass per (batch, day), then the running net movement per batch: no self-join, so the
  // plan does not depend on table statistics.
  const { rows } = await sql<DcBatchPosition>`
    with daily as (
      select
        plant, material, batch, posting_date,
        max(material_description) as material_description,
        min(unit) as lowest_unit,
        max(unit) as highest_unit,
        coalesce(sum(quantity) filter (where position_side = 'RECEIPT'), 0) as received,
        coalesce(-sum(quantity) filter (where position_side = 'ISSUE'), 0) as issued,
        coalesce(sum(quantity) filter (where position_side = 'TRANSFER'), 0) as other,
        sum(quantity) as net,
        sum(kg) as kg,
        count(*) - count(kg) as lines_without_kg,
        count(*) filter (where position_side = 'RECEIPT' and quantity > 0) as receipt_lines
      from movement_line
      where ${lineConditions(window, { ...filter, plants: [DC_PLANT] })}
        and batch is not null
        and (${batch}::text is null or batch = ${batch}::text)
      group by plant, material, batch, posting_date
    ),
    running as (
      select *, sum(net) over (partition by plant, material, batch order by posting_date) as running_position
      from daily
    )
    select
      plant,
      material,
      max(material_description) as "materialDescription",
      batch,
      case when min(lowest_unit) = max(highest_unit) then min(lowest_unit) end as unit,
      sum(received) as "receivedQuantity",
      sum(issued) as "issuedQuantity",
      sum(other) as "otherQuantity",
      sum(net) as "netPosition",
      case when sum(lines_without_kg) = 0 then sum(kg) end as "netPositionKg",
      min(posting_date) filter (where receipt_lines > 0) as "firstReceiptDate",
      max(posting_date) as "lastMovementDate",
      sum(receipt_lines) > 0 and min(running_position) >= 0 as complete
    from running
    group by plant, material, batch
    order by batch, material`.execute(db);
  return rows;
}

function perMaterial(window: DateWindow, filter: MovementFilter, categories: RawBuilder<unknown>): RawBuilder<unknown> {
  // Per-material kg are exact or null: a partial sum would look like a real figure.
  const allKg = (condition: RawBuilder<unknown>, value: RawBuilder<unknown>) =>
    sql`case when count(*) filter (where ${condition} and kg is null) = 0 then coalesce(${value}, 0) end`;
  return sql`
    select
      plant,
      material,
      max(material_description) as "materialDescription",
      min(category) as category,
      case when count(distinct unit) = 1 then min(unit) end as unit,
      count(*) as lines,
      count(*) filter (where flow = 'INBOUND') as "inboundLines",
      count(*) filter (where flow = 'OUTBOUND') as "outboundLines",
      case when count(distinct unit) = 1 then sum(quantity) end as "netQuantity",
      ${allKg(sql`true`, sql`sum(kg)`)} as "netKg",
      ${allKg(sql`flow = 'INBOUND'`, sql`sum(kg) filter (where flow = 'INBOUND')`)} as "inboundKg",
      ${allKg(sql`flow = 'OUTBOUND'`, sql`-sum(kg) filter (where flow = 'OUTBOUND')`)} as "outboundKg",
      ${allKg(sql`flow in ('INBOUND', 'OUTBOUND')`, sql`sum(abs(kg)) filter (where flow in ('INBOUND', 'OUTBOUND'))`)} as "throughputKg",
      count(*) filter (where kg is null) as "linesWithoutKg",
      max(posting_date) as "lastMovementDate"
    from movement_line
    where ${lineConditions(window, filter)} and ${categories}
    group by plant, material`;
}

function rankedVelocity(asOf: string, filter: MovementFilter): RawBuilder<unknown> {
  const window = movementWindow(asOf, filter);
  return sql`
    with per_material as (
      select
        plant,
        material,
        max(material_description) as "materialDescription",
        min(category) as category,
        count(*) filter (where flow = 'OUTBOUND' and movement_type in ('601', '261')) as velocity,
        case when count(*) filter (where flow = 'OUTBOUND' and kg is null) = 0
          then coalesce(-sum(kg) filter (where flow = 'OUTBOUND'), 0) end as "outboundKg",
        case when count(distinct unit) = 1 then sum(quantity) end as "netQuantity",
        case when count(kg) = count(*) then sum(kg) end as "netKg",
        case when count(distinct unit) = 1 then min(unit) end as unit
      from movement_line
      where ${lineConditions(window, filter)} and ${velocityCategories(filter)}
      group by plant, material
    ),
    numbered as (
      select *,
        row_number() over (partition by plant order by velocity desc, material) as rank,
        count(*) over (partition by plant) as "rankedMaterials"
      from per_material
    ),
    ranked as (
      select *,
        case
          when rank <= greatest(1, floor("rankedMaterials" * ${ABC_A_SHARE}::numeric)) then 'A'
          when rank <= floor("rankedMaterials" * ${ABC_B_SHARE}::numeric) then 'B'
          else 'C'
        end as "abcClass"
      from numbered
    )`;
}

/** The window and filters on `movement_line`, every value a parameter; transit halves left out. */
function lineConditions(window: DateWindow, filter: MovementFilter): RawBuilder<unknown> {
  const plants = filter.plants ? [...filter.plants] : null;
  const material = filter.material?.trim() || null;
  const category = filter.category ?? null;
  return sql`flow <> 'IN_TRANSIT'
    and posting_date between ${window.from}::date and ${window.to}::date
    and (${plants}::text[] is null or plant = any(${plants}::text[]))
    and (${material}::text is null or ltrim(material, '0') = ltrim(${material}::text, '0'))
    and (${category}::text is null or category = ${category}::text)`;
}

function velocityCategories(filter: MovementFilter): RawBuilder<unknown> {
  return filter.category ? sql`true` : sql`category = any(${[...VELOCITY_CATEGORIES]}::text[])`;
}

function limitClause(limit: number | undefined): RawBuilder<unknown> {
  return limit === undefined ? sql`` : sql`limit ${positiveInteger(limit, "limit")}`;
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive whole number, got ${value}.`);
  return value;
}

function isoDate(value: string, name: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new RangeError(`${name} must be a date in the form YYYY-MM-DD, got "${value}".`);
  }
  return value;
}
