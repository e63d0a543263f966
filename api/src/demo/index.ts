/**
 * Deterministic demo data in the exact layouts of Alkana's SAP exports (DOMAIN.md §1).
 *
 * `generateDemo` simulates a paint factory (plant 1201) shipping through its distribution
 * centre (1401) to invented Vietnamese customers, and writes the nine reports the loader reads:
 *
 * - `mb51`     material documents: process-order receipts (101 @1201/0201, documents 50…), the
 *              liquid issued to filling orders (261 `ZEPP04401_TECO`), raw-material and
 *              packaging consumption (261 @0401), by-product receipts (531), stock-transport
 *              issues (351 pairs, PO 44…), DC receipts (101 @1401/0101 with the PO), customer
 *              goods issues (601, Reference = delivery 191…) with occasional same-day 602
 *              reversals and re-issues, vendor purchases (101, PO 41…/42…) with their 321 QC
 *              release, cross-plant deliveries from 1203 (641, PO 46…) and everyday noise
 *              (201, 262, 311, 413, 551, Z71/Z72, 303/305, a few exact duplicate lines);
 * - `cooispi`  P01 filling orders N with their P02 liquid order N+1 (batch running number + 1),
 *              some P03 bases; about a third make-to-order (type 201O with the sales order);
 * - `zrmm024`  stock-transport PO items (1201 → 1401) with GI / receipt / in-transit quantities;
 * - `zrsd004`  delivery lines (planned vs actual GI date), `zrsd002` the invoices (193…)
 *              referencing them, 8 % VAT, discounts;
 * - `ZRFI005`  one AR-collection snapshot (snapshot date = `endDate`);
 * - `zrpp062-YYYY-MM` filling yield per P01 order of each month (loss identities exact);
 * - `target`   semester targets per salesman for every semester of the years the window touches;
 * - `11`/`13`/`15` the material master per distribution channel.
 *
 * Same options → same bytes for CSV and the same cell values for XLSX (seeded mulberry32; no
 * clock, no Math.random). CSV is streamed, so `scale: 40, months: 12` (≈ 1.6 M MB51 lines)
 * runs in bounded memory. Names of people, customers and places are assembled from syllables.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { addMonths, dateOf, dayOf, firstOfMonth, isoOf, ymd } from "./calendar.js";
import { buildCatalog, type Account, type Catalog, type Sellable } from "./catalog.js";
import {
  COOISPI,
  MATERIAL_MASTER,
  MB51,
  TARGET,
  ZRFI005,
  ZRMM024,
  ZRPP062,
  ZRSD002,
  ZRSD004,
  type ReportKind,
} from "./layouts.js";
import { Rng } from "./rng.js";
import { Simulation, type ArRow } from "./simulate.js";
import { openSink, type RowSink } from "./writers.js";

export { LAYOUTS } from "./layouts.js";

export interface DemoOptions {
  months: number;
  seed: number;
  /** YYYY-MM-DD, last day covered. */
  endDate: string;
  outDir: string;
  format: "xlsx" | "csv";
  /** Volume multiplier, default 1 (≈ 150 P01 orders per month). */
  scale?: number;
}

export interface DemoFile {
  path: string;
  report: ReportKind;
  snapshotDate?: string;
  /** YYYY-MM */
  period?: string;
  rows: number;
}

export { DEMO_DEFAULTS } from "./defaults.js";

export async function generateDemo(options: DemoOptions): Promise<DemoFile[]> {
  const months = Math.floor(options.months);
  if (!Number.isFinite(months) || months < 1 || months > 60) throw new Error(`months must be between 1 and 60, got ${options.months}`);
  const scale = options.scale ?? 1;
  if (!(scale > 0) || scale > 1000) throw new Error(`scale must be a positive number up to 1000, got ${options.scale}`);
  if (options.format !== "xlsx" && options.format !== "csv") throw new Error(`format must be xlsx or csv, got ${String(options.format)}`);
  const seed = Math.floor(options.seed) >>> 0;
  const end = dayOf(options.endDate);
  const start = addMonths(firstOfMonth(end), -(months - 1));
  const ext = options.format;
  const fixedTimestamp = dateOf(end);
  await mkdir(options.outDir, { recursive: true });
  const open = (name: string, layout: typeof MB51): RowSink => openSink(options.format, join(options.outDir, `${name}.${ext}`), layout, fixedTimestamp);

  const catalog = buildCatalog(seed, scale);

  const mb51 = open("mb51", MB51);
  const cooispi = open("cooispi", COOISPI);
  const zrmm024 = open("zrmm024", ZRMM024);
  const zrsd002 = open("zrsd002", ZRSD002);
  const zrsd004 = open("zrsd004", ZRSD004);
  const yieldSinks: RowSink[] = [];
  const simulation = new Simulation(
    catalog,
    {
      mb51,
      cooispi,
      zrmm024,
      zrsd002,
      zrsd004,
      openZrpp062: (period) => {
        const sink = open(`zrpp062-${period}`, ZRPP062);
        yieldSinks.push(sink);
        return sink;
      },
    },
    { start, end },
    seed,
    scale,
  );
  const result = await simulation.run();

  const files: DemoFile[] = [];
  const close = async (sink: RowSink, report: ReportKind, extra: Partial<DemoFile> = {}) => {
    const rows = await sink.close();
    files.push({ path: sink.path, report, rows, ...extra });
  };
  await close(mb51, "MB51");
  await close(cooispi, "COOISPI");
  await close(zrmm024, "ZRMM024");
  await close(zrsd002, "ZRSD002");
  await close(zrsd004, "ZRSD004");

  const ar = open("ZRFI005", ZRFI005);
  writeReceivables(ar, catalog, result.ar, seed);
  await close(ar, "ZRFI005", { snapshotDate: isoOf(end) });

  for (const { period, sink } of result.zrpp062) await close(sink, "ZRPP062", { period });

  const target = open("target", TARGET);
  writeTargets(target, catalog, result.revenue, start, end, seed);
  await close(target, "TARGET");

  for (const channel of catalog.masterChannels) {
    const sink = open(channel, MATERIAL_MASTER);
    writeMaster(sink, catalog, channel);
    await close(sink, "MATERIAL_MASTER");
  }
  return files;
}

function writeReceivables(sink: RowSink, catalog: Catalog, rows: Map<Account, ArRow>, seed: number): void {
  const rng = Rng.derive(seed, "receivables");
  // old debts from before the window (invoices not in ZRSD002), so the > 180 days bucket is used
  let legacy = 0;
  catalog.accounts.forEach((account, i) => {
    const forced = legacy < 2 && i >= catalog.accounts.length - 2;
    if (!forced && !rng.chance(0.05)) return;
    legacy++;
    let row = rows.get(account);
    if (!row) rows.set(account, (row = { account, target: [0, 0, 0, 0, 0, 0], realization: [0, 0, 0, 0, 0, 0, 0] }));
    const amount = Math.round(rng.uniform(3e6, 150e6));
    row.target[5]! += amount;
    if (rng.chance(0.3)) row.target[4]! += Math.round(rng.uniform(2e6, 60e6));
    if (rng.chance(0.15)) row.realization[6]! += Math.round(amount * rng.uniform(0.05, 0.3));
  });
  const sorted = [...rows.values()].sort((a, b) =>
    a.account.customer.code === b.account.customer.code
      ? a.account.channel < b.account.channel
        ? -1
        : 1
      : a.account.customer.code < b.account.customer.code
        ? -1
        : 1,
  );
  for (const row of sorted) {
    const t = row.target;
    const r = row.realization;
    const totalTarget = t.reduce((x, y) => x + y, 0);
    const totalRealization = r.reduce((x, y) => x + y, 0);
    if (totalTarget === 0 && totalRealization === 0) continue;
    const a = row.account;
    sink.write(["1000", "1100", a.channel, null, a.group, a.salesman.id, a.salesman.name, a.customer.code, a.customer.name, "VND", ...t, totalTarget, ...r, totalRealization]);
  }
}

function writeTargets(sink: RowSink, catalog: Catalog, revenue: Map<string, Map<string, number>>, start: number, end: number, seed: number): void {
  const rng = Rng.derive(seed, "targets");
  const windowDays = end - start + 1;
  const totals = new Map<string, number>();
  for (const s of catalog.salesmen) {
    let sum = 0;
    for (const v of revenue.get(s.name)?.values() ?? []) sum += v;
    totals.set(s.name, sum);
  }
  const active = [...totals.values()].filter((v) => v > 0);
  const averageRate = active.length > 0 ? active.reduce((a, b) => a + b, 0) / active.length / windowDays : 1e8;
  const firstYear = ymd(start).y;
  const lastYear = ymd(end).y;
  const rows: [string, number, number, number][] = [];
  for (const s of catalog.salesmen) {
    const factor = rng.uniform(0.8, 1.45);
    const rate = totals.get(s.name)! > 0 ? totals.get(s.name)! / windowDays : averageRate * rng.uniform(0.05, 0.15);
    let growth = 1;
    for (let year = firstYear; year <= lastYear; year++) {
      const semesterDays = 182;
      const raw = rate * semesterDays * factor * growth;
      const unit = raw >= 5e9 ? 1e8 : raw >= 5e8 ? 1e7 : 1e6;
      const value = Math.max(unit, Math.round(raw / unit) * unit);
      rows.push([s.name, 1, year, value]);
      rows.push([s.name, 2, year, value]);
      growth *= rng.uniform(1.05, 1.15);
    }
  }
  // alphabetical without diacritics (locale-independent, so the bytes never depend on ICU data)
  const key = (name: string) => name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/Đ/g, "D") + "\u0000" + name;
  rows.sort((a, b) => a[2] - b[2] || a[1] - b[1] || (key(a[0]) < key(b[0]) ? -1 : key(a[0]) > key(b[0]) ? 1 : 0));
  for (const r of rows) sink.write(r);
}

function writeMaster(sink: RowSink, catalog: Catalog, channel: string): void {
  const rows: { code: string; cells: (string | null)[] }[] = [];
  const hierarchyCells = (item: Sellable): (string | null)[] => {
    const h = item.hier;
    return [h.ph1, h.division, h.ph2, h.business, h.ph3, h.sub, h.ph4, h.group, h.ph5, h.group1, h.ph6, h.group2, item.ph7, item.series, null, null, null, null, item.group1];
  };
  for (const item of [...catalog.fgs, ...catalog.trading]) {
    if (!item.channels.includes(channel)) continue;
    rows.push({ code: item.code, cells: ["1000", channel, item.code, item.desc, item.type, item.uom, ...hierarchyCells(item)] });
  }
  if (channel === "11") {
    // some liquid (SFG) materials are sold to industry customers too
    const seen = new Set<string>();
    catalog.fgs.forEach((fg, i) => {
      if (seen.has(fg.base.code) || !fg.channels.includes("11") || i % 4 !== 0) return;
      seen.add(fg.base.code);
      rows.push({ code: fg.base.code, cells: ["1000", channel, fg.base.code, fg.base.desc, "ZSFG", "KG", ...hierarchyCells(fg)] });
    });
  }
  rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  for (const r of rows) sink.write(r.cells);
}
