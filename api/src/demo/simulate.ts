/**
 * Day-by-day simulation of the factory → DC → customer flow (DOMAIN §0). Every process order's
 * future (finish, transfer, DC receipt) is decided when it is released, so its COOISPI, ZRMM024
 * and ZRPP062 rows can be written at once; movements are posted as their day comes, so MB51 is
 * written in date order without buffering more than one day. A warm-up period before the window
 * fills the pipeline (stock at the DC, open receivables) and is not written out.
 */
import {
  addWorkingDays,
  firstOfMonth,
  isWorkingDay,
  monthKey,
  monthLetter,
  subWorkingDays,
  ymd,
} from "./calendar.js";
import {
  CUSTOMER_GROUP_NAMES,
  type Account,
  type Base,
  type Catalog,
  type FinishedGood,
  type RawMaterial,
  type Sellable,
  type SfgBase,
} from "./catalog.js";
import { shortPersonName } from "./names.js";
import { Rng, r2, r3 } from "./rng.js";
import type { Cell, RowSink } from "./writers.js";

export interface SimulationSinks {
  mb51: RowSink;
  cooispi: RowSink;
  zrmm024: RowSink;
  zrsd002: RowSink;
  zrsd004: RowSink;
  /** Opens the ZRPP062 file of a window month (YYYY-MM). */
  openZrpp062(period: string): RowSink;
}

export interface SimulationWindow {
  /** First day written out. */
  start: number;
  /** Last day covered (inclusive). */
  end: number;
}

interface Fill {
  no: string;
  fg: FinishedGood;
  batch: string;
  qty: number;
  release: number;
  created: number;
  basicStart: number;
  basicFinish: number;
  finish: number;
  kind: "fill" | "repack" | "cancelled";
  gr: number;
  pcToKg: number;
  sgActual: number;
  byProduct: number;
  gi: number;
  liquid: Liquid | null;
  so: SalesOrder | null;
  po: string;
  transfer: number;
  dcReceipt: number;
  bomText: string;
  recipe: string;
}

interface Liquid {
  no: string;
  base: Base;
  batch: string;
  qty: number;
  delivered: number;
  release: number;
  basicStart: number;
  basicFinish: number;
  finish: number;
  fills: Fill[];
}

interface SfgOrder {
  no: string;
  base: SfgBase;
  batch: string;
  qty: number;
  delivered: number;
  release: number;
  basicStart: number;
  basicFinish: number;
  finish: number;
}

interface SalesOrder {
  no: string;
  date: number;
  account: Account;
  uses: number;
}

interface Portion {
  item: Sellable;
  batch: string;
  qty: number;
  so: SalesOrder | null;
}

interface DeliveryLine {
  item: Sellable;
  qty: number;
  batches: { batch: string; qty: number }[];
}

interface Delivery {
  no: string;
  account: Account;
  so: SalesOrder;
  lines: DeliveryLine[];
  createdBy: string;
  reqType: string | null;
}

interface P03Stock {
  base: SfgBase;
  batch: string;
  kg: number;
}

interface DcBatch {
  item: Sellable;
  batch: string;
}

type Event =
  | { k: "fillFinish"; fill: Fill }
  | { k: "liquidFinish"; liquid: Liquid }
  | { k: "sfgFinish"; order: SfgOrder }
  | { k: "sfgMove"; order: SfgOrder }
  | { k: "transfer"; fill: Fill }
  | { k: "dcReceipt"; fill: Fill }
  | { k: "mtoRelease"; so: SalesOrder; lines: { fg: FinishedGood; qty: number }[] }
  | { k: "qc"; raw: RawMaterial; batch: string; qty: number; po: string }
  | { k: "reissue"; delivery: Delivery }
  | { k: "xpArrive"; item: Sellable; batch: string; qty: number; po: string }
  | { k: "place305"; item: Sellable; batch: string; qty: number };

/** AR aggregate of one customer × channel × salesman row. */
export interface ArRow {
  account: Account;
  target: number[]; // 6 buckets
  realization: number[]; // 7 buckets, [0] = not due
}

export interface SimulationResult {
  ar: Map<Account, ArRow>;
  /** Net revenue per salesman name per "YYYY-S" inside the window. */
  revenue: Map<string, Map<string, number>>;
  zrpp062: { period: string; sink: RowSink }[];
  counts: { p01: number; processOrders: number };
}

const TECO_TEXT = "ZEPP04401_TECO";
const COST_CENTERS = ["12011100", "12011300", "14015000", "14033000", "11011200", "12021100"];
const DEPARTMENTS = ["SI", "SA1", "PR", "PP", "QC", "RD", "MKT"];

function statusText(tokens: readonly string[]): string {
  const cut = tokens.length > 8;
  const text = (cut ? tokens.slice(0, 8) : tokens).map((t) => t.padEnd(4)).join(" ").trimEnd();
  return cut ? text + "*" : text;
}

function sgComma(sg: number): string {
  return sg.toFixed(3).replace(".", ",");
}

export class Simulation {
  private readonly rng: Rng;
  private readonly window: SimulationWindow;
  private readonly simStart: number;
  private readonly rate: number;
  private readonly scale: number;
  private day = 0;
  private emitting = false;

  private readonly events: (Event[] | undefined)[] = [];
  private readonly ships: (Portion[] | undefined)[] = [];

  private orderNo = 10000100000;
  private batchRun = 20000;
  private purchaseRun = 90000;
  private doc49 = 4900200000;
  private doc50 = 5000050000;
  private poSto = 4400020000;
  private po41 = 4100001500;
  private po42 = 4200008000;
  private po46 = 4600003000;
  private prNo = 1100300000;
  private soNo = 210020000;
  private deliveryNo = 1910040000;
  private xDeliveryNo = 1410004000;
  private invoiceNo = 1930040000;

  private readonly baseFgs = new Map<Base, FinishedGood[]>();
  private readonly p03Pool: P03Stock[] = [];
  private readonly recentDc: DcBatch[] = [];
  private recentDcNext = 0;
  private readonly openSo = new Map<Account, SalesOrder>();
  private readonly ar = new Map<Account, ArRow>();
  private readonly revenue = new Map<string, Map<string, number>>();
  private zrpp062: RowSink | null = null;
  private readonly zrpp062Files: { period: string; sink: RowSink }[] = [];
  private dayPo: { po: string; items: number; date: number } | null = null;
  private p01Count = 0;
  private yieldMonth = "";
  private fillsInMonth = 0;
  private lowYieldInMonth = 0;
  private processOrderCount = 0;

  private readonly monthStart: number;
  private readonly monthEnd: number;
  /** First of the last three working days of the window. */
  private readonly closingDays: number;

  constructor(
    private readonly catalog: Catalog,
    private readonly sinks: SimulationSinks,
    window: SimulationWindow,
    seed: number,
    scale: number,
  ) {
    this.rng = Rng.derive(seed, "simulation");
    this.window = window;
    this.scale = scale;
    this.rate = (150 * scale * 12) / 250;
    this.simStart = subWorkingDays(window.start, 45);
    this.monthStart = firstOfMonth(window.end);
    const { y, m } = ymd(window.end);
    this.monthEnd = Date.UTC(y, m, 0) / 86_400_000;
    this.closingDays = subWorkingDays(window.end, 2);
    for (const fg of catalog.fgs) {
      let list = this.baseFgs.get(fg.base);
      if (!list) this.baseFgs.set(fg.base, (list = []));
      list.push(fg);
    }
    const rng = this.rng;
    for (const raw of [...catalog.raws, ...catalog.packaging]) {
      raw.batch = this.purchaseBatch(this.simStart - rng.int(20, 120), raw.imported);
      raw.stock = raw.lot * rng.uniform(0.3, 1);
    }
  }

  // ---------------------------------------------------------------- helpers

  private schedule(day: number, event: Event): void {
    if (day > this.window.end) return;
    const i = day - this.simStart;
    (this.events[i] ??= []).push(event);
  }

  private scheduleShip(day: number, portion: Portion): void {
    if (day > this.window.end) return;
    const i = day - this.simStart;
    (this.ships[i] ??= []).push(portion);
  }

  private nextOrder(): string {
    this.processOrderCount++;
    return String(this.orderNo++);
  }

  private nextBatch(day: number): string {
    const run = this.batchRun++;
    if (this.batchRun > 89999) this.batchRun = 10000;
    const yy = String(ymd(day).y % 100).padStart(2, "0");
    return `${yy}${monthLetter(day)}${String(run).padStart(5, "0")}10`;
  }

  private purchaseBatch(day: number, imported: boolean): string {
    const yy = String(ymd(day).y % 100).padStart(2, "0");
    if (imported) return `${yy}${String(this.rng.int(0, 999999)).padStart(6, "0")}`;
    const run = this.purchaseRun++;
    if (this.purchaseRun > 99999) this.purchaseRun = 90000;
    return `${yy}${monthLetter(day)}${run}10`;
  }

  private line(
    mvt: string,
    plant: string,
    sloc: string | null,
    code: string,
    desc: string,
    batch: string | null,
    qty: number,
    unit: string,
    gl: string | null,
    text: string | null = null,
    reference: string | null = null,
    po: string | null = null,
    costCenter: string | null = null,
  ): Cell[] {
    return [this.day, mvt, plant, sloc, code, desc, batch, qty, unit, costCenter, gl, null, text, reference, "0", po];
  }

  /** Posts one material document (number from the 49… or 50… range) on the current day. */
  private post(lines: Cell[][], range: 49 | 50 = 49, docNo?: number): void {
    const no = docNo ?? (range === 49 ? this.doc49++ : this.doc50++);
    if (!this.emitting || lines.length === 0) return;
    const text = String(no);
    for (const l of lines) {
      l[11] = text;
      this.sinks.mb51.write(l);
    }
  }

  private consume(raw: RawMaterial, qty: number): string {
    if (raw.stock < qty) this.purchase(raw);
    raw.stock -= qty;
    return raw.batch;
  }

  private purchase(raw: RawMaterial): void {
    const rng = this.rng;
    const qty = raw.unit === "PC" ? Math.max(100, Math.round((raw.lot * rng.uniform(0.8, 1.2)) / 100) * 100) : Math.round((raw.lot * rng.uniform(0.8, 1.2)) / 5) * 5;
    const imported = raw.imported;
    const po = imported ? String(this.po41++) : String(this.po42++);
    const batch = this.purchaseBatch(this.day, imported);
    const yy = String(ymd(this.day).y % 100).padStart(2, "0");
    const reference = imported
      ? rng.chance(0.6)
        ? `SOO2${yy}1${String(rng.int(0, 99999)).padStart(5, "0")}`
        : `PL0${String(rng.int(0, 99999)).padStart(5, "0")}`
      : "LOCAL";
    this.post([this.line("101", "1201", "0401", raw.code, raw.desc, batch, qty, raw.unit, null, null, reference, po)], 50);
    raw.batch = batch;
    raw.stock += qty;
    this.schedule(addWorkingDays(this.day, rng.table([[0, 4], [1, 4], [2, 2]] as const)), { k: "qc", raw, batch, qty, po });
  }

  private rawLines(recipe: { raw: RawMaterial; frac: number }[], kg: number, withP03: boolean): Cell[][] {
    const lines: Cell[][] = [];
    for (const part of recipe) {
      const q = r3(kg * part.frac);
      if (q <= 0) continue;
      const batch = this.consume(part.raw, q);
      lines.push(this.line("261", "1201", "0401", part.raw.code, part.raw.desc, batch, -q, "KG", "621100"));
    }
    if (withP03 && this.p03Pool.length > 0) {
      const i = this.rng.int(Math.max(0, this.p03Pool.length - 5), this.p03Pool.length - 1);
      const stock = this.p03Pool[i]!;
      const q = r3(Math.min(stock.kg, kg * this.rng.uniform(0.04, 0.15)));
      if (q > 0) {
        lines.splice(this.rng.int(0, lines.length), 0, this.line("261", "1201", "0401", stock.base.code, stock.base.desc, stock.batch, -q, "KG", "621300"));
        stock.kg = r3(stock.kg - q);
        if (stock.kg <= 0.5) this.p03Pool.splice(i, 1);
      }
    }
    // the same component batch issued twice in one document (real, kept by the loader)
    if (lines.length > 1 && this.rng.chance(0.02)) {
      const dup = lines[this.rng.int(0, lines.length - 1)]!;
      lines.push([...dup]);
    }
    return lines;
  }

  private qtyFor(fg: FinishedGood, factor: number): number {
    const kg = fg.orderKgMedian * factor * Math.exp(this.rng.normal() * 0.8);
    let qty = Math.max(1, Math.round(kg / fg.kgPc));
    if (qty > 200) qty = Math.round(qty / 50) * 50;
    else if (qty > 50) qty = Math.round(qty / 10) * 10;
    return qty;
  }

  // ---------------------------------------------------------------- production

  /** Creates the fill orders (and their liquid order) released today. */
  private release(group: { fg: FinishedGood; qty: number }[], so: SalesOrder | null, kind: Fill["kind"]): Fill[] {
    const rng = this.rng;
    const day = this.day;
    const fills: Fill[] = [];
    for (const { fg, qty } of group) {
      const created = rng.chance(0.95) ? day : subWorkingDays(day, rng.int(1, 3));
      const basicStart = addWorkingDays(day, rng.table([[0, 75], [1, 9], [2, 10], [3, 3], [4, 2], [7, 1]] as const));
      const basicFinish = addWorkingDays(basicStart, rng.table([[0, 90], [1, 6], [3, 4]] as const));
      const prodDays = rng.table([[0, 5], [1, 25], [2, 22], [3, 17], [4, 12], [5, 9], [6, 5], [7, 2], [8, 2], [10, 1]] as const);
      const finish = addWorkingDays(day, prodDays);
      fills.push({
        no: "",
        fg,
        batch: "",
        qty,
        release: day,
        created,
        basicStart,
        basicFinish,
        finish,
        kind,
        gr: 0,
        pcToKg: 0,
        sgActual: 0,
        byProduct: 0,
        gi: 0,
        liquid: null,
        so,
        po: "",
        transfer: 0,
        dcReceipt: 0,
        bomText: `${rng.pick(["ALT", "ALT", "FA"])} 10 REV 0${rng.table([[0, 6], [1, 2], [2, 1], [3, 1]] as const)}`,
        recipe: kind === "repack" ? "PF REPACKING VIETNAM" : rng.chance(0.008) ? "PF PRODUCTION SETTING" : "PF FILLING VIETNAM UNIT-MN",
      });
    }
    for (const f of fills) {
      f.no = this.nextOrder();
      f.batch = this.nextBatch(day);
      this.p01Count++;
    }
    let liquid: Liquid | null = null;
    if (kind === "fill") {
      const base = fills[0]!.fg.base;
      const minFinish = Math.min(...fills.map((f) => f.finish));
      const lf = Math.max(day, subWorkingDays(minFinish, rng.table([[0, 70], [1, 20], [2, 10]] as const)));
      liquid = {
        no: this.nextOrder(),
        base,
        batch: this.nextBatch(day),
        qty: 0,
        delivered: 0,
        release: day,
        basicStart: fills[0]!.basicStart,
        basicFinish: fills[0]!.basicFinish,
        finish: lf,
        fills,
      };
    }
    for (const f of fills) {
      f.liquid = liquid;
      this.planYield(f);
      if (f.kind !== "cancelled") {
        f.transfer = rng.chance(0.92) ? f.finish : addWorkingDays(f.finish, 1);
        // trucks leaving in the last days of the window are still on the road at the cut-off
        const closing = f.transfer >= this.closingDays && f.transfer <= this.window.end;
        const transit = closing && rng.chance(0.3) ? rng.int(1, 3) : rng.table([[0, 80], [1, 13], [2, 3], [3, 2], [-1, 1]] as const);
        f.dcReceipt = transit < 0 ? addWorkingDays(f.transfer, rng.int(5, 12)) : addWorkingDays(f.transfer, transit);
      }
    }
    if (liquid) {
      liquid.qty = r3(fills.reduce((s, f) => s + f.qty * f.fg.kgPc, 0));
      liquid.delivered = r3(fills.reduce((s, f) => s + f.gi, 0));
    }
    this.writeOrders(fills, liquid);
    // a P03 base made in the same MRP run (order number right after the liquid)
    if (liquid && rng.chance(0.1)) this.releaseSfg();
    if (liquid) {
      // raw materials issued to the liquid order at release
      this.post(this.rawLines(liquid.base.recipe, liquid.qty, liquid.base.usesP03));
      this.schedule(liquid.finish, { k: "liquidFinish", liquid });
    }
    for (const f of fills) if (f.kind !== "cancelled") this.schedule(f.finish, { k: "fillFinish", fill: f });
    return fills;
  }

  private planYield(f: Fill): void {
    const rng = this.rng;
    const fg = f.fg;
    if (f.kind === "cancelled") {
      f.pcToKg = fg.kgPc;
      return;
    }
    let gr = f.qty;
    const v = rng.next();
    if (v < 0.07 && f.qty > 1) gr = Math.max(1, Math.floor(f.qty * rng.uniform(0.85, 0.99)));
    else if (v < 0.12 && f.qty >= 10) gr = Math.ceil(f.qty * rng.uniform(1.01, 1.06));
    f.gr = gr;
    const sgActual = r3(fg.sg * rng.uniform(0.985, 1.015));
    f.sgActual = sgActual;
    f.pcToKg =
      fg.pack.unit === "L"
        ? Math.max(0.01, r2(fg.pack.size * sgActual))
        : rng.chance(0.8)
          ? fg.pack.size
          : r2(fg.pack.size * rng.uniform(1.0, 1.015));
    if (f.kind === "repack") return;
    const out = gr * f.pcToKg;
    f.byProduct = rng.chance(0.3) ? Math.max(1, Math.round(out * rng.uniform(0.002, 0.02))) : 0;
    let lossPct = rng.table<number>([
      [0, 20],
      [rng.uniform(0.05, 1), 22],
      [rng.uniform(1, 2), 22],
      [rng.uniform(2, 5), 27],
      [rng.uniform(5, 12), 6],
      [-rng.uniform(0.05, 0.6), 2],
      [rng.uniform(15, 45), 0.8],
    ]);
    // every month has a few low-yield fills (yield < 85 %), whatever the volume
    const month = monthKey(f.release);
    if (month !== this.yieldMonth) {
      this.yieldMonth = month;
      this.fillsInMonth = 0;
      this.lowYieldInMonth = 0;
    }
    this.fillsInMonth++;
    if (lossPct >= 15) this.lowYieldInMonth++;
    else if (this.lowYieldInMonth < 2 && this.fillsInMonth % 50 === 0) {
      lossPct = rng.uniform(15, 40);
      this.lowYieldInMonth++;
    }
    const raw = (out + f.byProduct) / (1 - lossPct / 100);
    f.gi = lossPct === 0 ? r3(raw) : raw > 50 && rng.chance(0.7) ? Math.ceil(raw) : r3(raw);
  }

  private releaseSfg(): SfgOrder {
    const rng = this.rng;
    const day = this.day;
    const base = rng.pick(this.catalog.sfgBases);
    const qty = rng.chance(0.6) ? rng.int(2, 60) * 10 : r3(rng.uniform(15, 400));
    const basicStart = addWorkingDays(day, rng.table([[0, 40], [1, 15], [2, 20], [3, 10], [4, 10], [5, 5]] as const));
    const order: SfgOrder = {
      no: this.nextOrder(),
      base,
      batch: this.nextBatch(day),
      qty,
      delivered: r3(qty * rng.uniform(0.97, 1.05)),
      release: day,
      basicStart,
      basicFinish: addWorkingDays(basicStart, rng.table([[0, 80], [1, 20]] as const)),
      finish: addWorkingDays(day, rng.table([[0, 10], [1, 30], [2, 25], [3, 15], [4, 10], [6, 10]] as const)),
    };
    const done = order.finish <= this.window.end;
    if (this.emitting) {
      const tokens = done
        ? ["TECO", rng.chance(0.7) ? "PRT" : "PPRT", "PCNF", "DLV", "PRC", "BASC", "BCRQ", "GMPS", "MACM"]
        : ["REL", "PRT", "PRC", "BASC", "BCRQ", "GMPS", "MACM", "SETC"];
      this.sinks.cooispi.write([
        "1201",
        null,
        order.no,
        "201S",
        base.code,
        order.basicStart,
        day,
        done ? order.finish : null,
        base.desc,
        "10",
        order.batch,
        statusText(tokens),
        "P03",
        order.qty,
        done ? order.delivered : 0,
        "KG",
        day,
        order.basicFinish,
      ]);
    }
    this.post(this.rawLines(base.recipe, qty, false));
    this.schedule(order.finish, { k: "sfgFinish", order });
    return order;
  }

  private writeOrders(fills: Fill[], liquid: Liquid | null): void {
    const rng = this.rng;
    const end = this.window.end;
    if (!this.emitting) return;
    for (const f of fills) {
      const done = f.finish <= end;
      const tokens =
        f.kind === "cancelled"
          ? ["TECO", "MSPT", "PRT", "DLV", "PRC", "BASC", "BCRQ", "SETC"]
          : done
            ? rng.chance(0.9)
              ? ["TECO", "MSPT", "PRT", "PCNF", "DLV", "PRC", "BASC", "BCRQ", "GMPS"]
              : ["TECO", "PRT", "PCNF", "DLV", "PRC", "BASC", "BCRQ", "GMPS", "SETC"]
            : ["REL", "MSPT", "PRT", "PRC", "BASC", "BCRQ", "GMPS", "SETC"];
      this.sinks.cooispi.write([
        "1201",
        f.so ? f.so.no : null,
        f.no,
        f.so ? "201O" : "201S",
        f.fg.code,
        f.basicStart,
        f.release,
        done ? f.finish : null,
        f.fg.desc,
        rng.chance(0.97) ? "10" : "12",
        f.batch,
        statusText(tokens),
        "P01",
        f.qty,
        done ? f.gr : 0,
        f.fg.uom,
        f.created,
        f.basicFinish,
      ]);
    }
    if (liquid) {
      const done = liquid.finish <= end;
      const tokens = done
        ? ["TECO", rng.chance(0.72) ? "PRT" : "PPRT", "PCNF", "DLV", "PRC", "BASC", "BCRQ", "GMPS", "MACM"]
        : ["REL", "PRT", "PRC", "BASC", "BCRQ", "GMPS", "MACM", "SETC"];
      this.sinks.cooispi.write([
        "1201",
        null,
        liquid.no,
        "201S",
        liquid.base.code,
        liquid.basicStart,
        liquid.release,
        done ? liquid.finish : null,
        liquid.base.desc,
        rng.chance(0.95) ? "10" : rng.pick(["12", "61"]),
        liquid.batch,
        statusText(tokens),
        "P02",
        liquid.qty,
        done ? liquid.delivered : 0,
        "KG",
        fills[0]!.created,
        liquid.basicFinish,
      ]);
    }
    for (const f of fills) this.writeYield(f);
  }

  private writeYield(f: Fill): void {
    const rng = this.rng;
    const fg = f.fg;
    const sink = this.zrpp062;
    if (!sink) return;
    const done = f.finish <= this.window.end;
    const active = done && f.kind !== "cancelled";
    const gi = active && f.kind === "fill" ? f.gi : 0;
    const gr = active ? f.gr : 0;
    const bp = active ? f.byProduct : 0;
    const pc = active ? f.pcToKg : fg.pack.size;
    const loss = active ? r3(gi - gr * pc - bp) : 0;
    const lossPct = gi > 0 ? r2((loss / gi) * 100) : 0;
    const variance = gr - f.qty;
    const sgTheoretical = rng.chance(0.35) ? 0 : r2(fg.sg);
    const sgActual = !active ? (rng.chance(0.85) ? "?" : null) : f.kind === "repack" ? null : rng.chance(0.1) ? "?" : sgComma(f.sgActual);
    const packUnit = fg.pack.unit === "L" ? "LT" : "KG";
    sink.write([
      "P01",
      rng.chance(0.015) ? rng.pick(["WATER BASE", "SOLVENT BASE"]) : null,
      null,
      fg.code,
      fg.desc,
      f.batch,
      f.no,
      f.liquid ? "0" + f.liquid.no : null,
      f.liquid ? f.liquid.qty : 0,
      "TB",
      fg.pv,
      "10",
      f.bomText,
      f.recipe,
      f.qty,
      fg.uom,
      r3(f.qty * fg.pack.size),
      packUnit,
      done ? "TECO" : "REL",
      done ? (rng.chance(0.93) ? "Accepted" : "Accepted by Consensus") : rng.chance(0.1) ? "Accepted" : null,
      0,
      null,
      gi,
      gi > 0 ? "KG" : null,
      gr,
      r3(gr * fg.pack.size),
      packUnit,
      bp,
      bp > 0 ? "KG" : null,
      rng.chance(0.22) ? rng.int(1, 10) : 0,
      rng.pick([1, 2, 2, 3, 4, 5, 5, 10, 10, 15, 20, 0.01]),
      sgTheoretical,
      sgActual,
      0,
      variance,
      r2((variance / f.qty) * 100),
      loss,
      lossPct,
      pc,
      null,
      null,
    ]);
  }

  /** ZRMM024 rows of a stock-transport PO (new, or further items on an existing one). */
  private writePo(items: Fill[], poDate: number, mto: boolean, existing?: { po: string; offset: number }): void {
    const po = existing ? existing.po : String(this.poSto++);
    const offset = existing ? existing.offset : 0;
    for (const f of items) f.po = po;
    if (!this.emitting || poDate < this.window.start) return;
    const rng = this.rng;
    const end = this.window.end;
    const year = String(ymd(poDate).y);
    const requested = poDate + rng.table([[0, 8], [1, 25], [2, 5], [3, 18], [4, 12], [5, 4], [6, 22], [7, 6]] as const);
    items.forEach((f, i) => {
      const fg = f.fg;
      const shipped = f.kind !== "cancelled" && f.finish <= end && f.transfer <= end ? f.gr : 0;
      const received = shipped > 0 && f.dcReceipt <= end ? shipped : 0;
      const intransit = shipped - received;
      const status = received > 0 && intransit === 0 ? "@5B@" : "@5C@";
      const pct = r2((received / f.qty) * 100);
      const pr = rng.next();
      const prNumber = pr < 0.9 ? String(this.prNo++) : pr < 0.96 ? `18200${rng.int(10000, 99999)}` : null;
      const w = fg.grossWeight;
      this.sinks.zrmm024.write([
        po,
        String((offset + i + 1) * 10),
        poDate,
        "1201",
        "1401",
        fg.code,
        fg.desc,
        f.qty,
        0,
        w,
        r3(f.qty * w),
        0,
        0,
        f.qty,
        requested,
        shipped,
        r3(shipped * w),
        "Summary",
        year,
        null,
        received,
        r3(received * w),
        "Summary",
        year,
        null,
        intransit,
        r3(intransit * w),
        status,
        prNumber,
        prNumber ? "10" : "0",
        rng.chance(0.94) ? "Finished Goo" : null,
        null,
        "0",
        pct,
        pct,
        status === "@5B@" && (received >= f.qty || rng.chance(0.85)) ? "X" : null,
        "Summary",
        "0",
        "Summary",
        "0",
        0,
        0,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        fg.series,
        fg.channels.includes("11") ? "11" : null,
        fg.channels.includes("13") ? "13" : null,
        fg.channels.includes("15") ? "15" : null,
        fg.safetyStock,
        mto || rng.chance(0.02) ? "MTO" : "MTS",
        0,
      ]);
    });
  }

  private releaseMts(): void {
    const rng = this.rng;
    const fg = this.catalog.fgs[rng.pickCumulative(this.catalog.mtsCumulative)]!;
    const r = rng.next();
    const kind: Fill["kind"] = r < 0.02 ? "repack" : r < 0.025 ? "cancelled" : "fill";
    const group = [{ fg, qty: this.qtyFor(fg, 1) }];
    if (kind === "fill") {
      const siblings = (this.baseFgs.get(fg.base) ?? []).filter((x) => x !== fg);
      if (siblings.length > 0 && rng.chance(0.08)) {
        group.push({ fg: rng.pick(siblings), qty: 0 });
        group[1]!.qty = this.qtyFor(group[1]!.fg, 0.6);
        if (siblings.length > 1 && rng.chance(0.15)) {
          const third = siblings.find((x) => x !== group[1]!.fg)!;
          group.push({ fg: third, qty: this.qtyFor(third, 0.5) });
        }
        // the fills of one liquid order are numbered together, bigger packs first
        group.sort((a, b) => a.fg.pack.size - b.fg.pack.size);
      }
    }
    const fills = this.release(group, null, kind);
    const poDate = subWorkingDays(this.day, rng.table([[0, 60], [1, 25], [2, 8], [3, 5], [5, 2]] as const));
    if (fills.length === 1 && this.dayPo && this.dayPo.date === poDate && rng.chance(0.12)) {
      // another item on the DC's purchase order of the day
      this.writePo(fills, poDate, false, { po: this.dayPo.po, offset: this.dayPo.items });
      this.dayPo.items++;
    } else {
      this.writePo(fills, poDate, false);
      this.dayPo = { po: fills[0]!.po, items: fills.length, date: poDate };
    }
  }

  // ---------------------------------------------------------------- events

  private onFillFinish(f: Fill): void {
    const rng = this.rng;
    const fg = f.fg;
    this.post([this.line("101", "1201", "0201", fg.code, fg.desc, f.batch, f.gr, fg.uom, "631000")], 50);
    if (rng.chance(0.01)) {
      // receipt posted, reversed and posted again (101 − 102 still equals the delivered quantity)
      this.post([this.line("102", "1201", "0201", fg.code, fg.desc, f.batch, -f.gr, fg.uom, "631000")], 50);
      this.post([this.line("101", "1201", "0201", fg.code, fg.desc, f.batch, f.gr, fg.uom, "631000")], 50);
    }
    if (f.kind === "fill" && f.liquid) {
      const l = f.liquid;
      this.post([this.line("261", "1201", "0201", l.base.code, l.base.desc, l.batch, -f.gi, "KG", "621300", TECO_TEXT)]);
    }
    if (f.kind === "repack") {
      const bigger = (this.baseFgs.get(fg.base) ?? []).filter((x) => x.kgPc > fg.kgPc);
      if (bigger.length > 0) {
        const src = rng.pick(bigger);
        const q = Math.max(1, Math.ceil((f.gr * f.pcToKg) / src.kgPc));
        this.post([this.line("261", "1201", "0401", src.code, src.desc, this.nextBatchLike(src), -q, src.uom, "621400")]);
      }
    }
    const pack: Cell[][] = [];
    for (const p of fg.packaging) {
      const q = p.desc.startsWith("ST ") ? f.gr : f.gr + (rng.chance(0.08) ? rng.int(1, 2) : 0);
      const batch = this.consume(p, q);
      pack.push(this.line("261", "1201", "0401", p.code, p.desc, batch, -q, "PC", "621200"));
    }
    this.post(pack);
    if (f.byProduct > 0 && f.liquid) {
      const l = f.liquid;
      this.post([this.line("531", "1201", "0201", l.base.code, l.base.desc, l.batch, f.byProduct, "KG", "631000")]);
    }
    if (f.transfer === this.day) this.onTransfer(f);
    else this.schedule(f.transfer, { k: "transfer", fill: f });
  }

  private nextBatchLike(fg: FinishedGood): string {
    const recent = this.recentDc.find((b) => b.item === fg);
    return recent ? recent.batch : this.nextBatch(this.day - 40);
  }

  private onTransfer(f: Fill): void {
    const fg = f.fg;
    this.post([
      this.line("351", "1201", "0201", fg.code, fg.desc, f.batch, -f.gr, fg.uom, null, null, null, f.po),
      this.line("351", "1401", null, fg.code, fg.desc, null, f.gr, fg.uom, null, null, null, f.po),
    ]);
    if (f.dcReceipt === this.day) this.onDcReceipt(f);
    else this.schedule(f.dcReceipt, { k: "dcReceipt", fill: f });
  }

  private rememberDc(item: Sellable, batch: string): void {
    const entry = { item, batch };
    if (this.recentDc.length < 400) this.recentDc.push(entry);
    else {
      this.recentDc[this.recentDcNext] = entry;
      this.recentDcNext = (this.recentDcNext + 1) % 400;
    }
  }

  private onDcReceipt(f: Fill): void {
    const rng = this.rng;
    const fg = f.fg;
    this.post([this.line("101", "1401", "0101", fg.code, fg.desc, f.batch, f.gr, fg.uom, null, null, null, f.po)]);
    this.rememberDc(fg, f.batch);
    if (f.so) {
      if (rng.chance(0.3)) {
        const q = f.gr;
        this.post([
          this.line("413", "1401", "0101", fg.code, fg.desc, f.batch, q, fg.uom, null),
          this.line("413", "1401", "0101", fg.code, fg.desc, f.batch, -q, fg.uom, null),
        ]);
      }
      const parts = f.gr > 1 && rng.chance(0.1) ? 2 : 1;
      const first = parts === 2 ? rng.int(1, f.gr - 1) : f.gr;
      let day = addWorkingDays(this.day, rng.table([[0, 35], [1, 30], [2, 15], [3, 8], [4, 6], [6, 6]] as const));
      this.scheduleShip(day, { item: fg, batch: f.batch, qty: first, so: f.so });
      if (parts === 2) {
        day = addWorkingDays(day, rng.int(1, 8));
        this.scheduleShip(day, { item: fg, batch: f.batch, qty: f.gr - first, so: f.so });
      }
    } else {
      this.scheduleStock(fg, f.batch, f.gr);
    }
  }

  /** Splits a DC batch into customer shipments on future days (make-to-stock). */
  private scheduleStock(item: Sellable, batch: string, qty: number): void {
    const rng = this.rng;
    const k = Math.min(qty, rng.table([[1, 15], [2, 25], [3, 25], [4, 20], [5, 15]] as const));
    const cuts = new Set<number>();
    while (cuts.size < k - 1) cuts.add(rng.int(1, qty - 1));
    const points = [0, ...[...cuts].sort((a, b) => a - b), qty];
    for (let i = 0; i < k; i++) {
      const q = points[i + 1]! - points[i]!;
      const storage = rng.table<number>([
        [rng.int(0, 3), 30],
        [rng.int(4, 15), 45],
        [rng.int(16, 45), 25],
      ]);
      this.scheduleShip(addWorkingDays(this.day, storage), { item, batch, qty: q, so: null });
    }
  }

  private onLiquidFinish(l: Liquid): void {
    this.post([this.line("101", "1201", "0201", l.base.code, l.base.desc, l.batch, l.delivered, "KG", "631000")], 50);
  }

  private onSfgFinish(o: SfgOrder): void {
    this.post([this.line("101", "1201", "0201", o.base.code, o.base.desc, o.batch, o.delivered, "KG", "631000")], 50);
    if (this.rng.chance(0.7)) this.onSfgMove(o);
    else this.schedule(addWorkingDays(this.day, 1), { k: "sfgMove", order: o });
  }

  private onSfgMove(o: SfgOrder): void {
    this.post([
      this.line("311", "1201", "0201", o.base.code, o.base.desc, o.batch, -o.delivered, "KG", null),
      this.line("311", "1201", "0401", o.base.code, o.base.desc, o.batch, o.delivered, "KG", null),
    ]);
    this.p03Pool.push({ base: o.base, batch: o.batch, kg: o.delivered });
    if (this.p03Pool.length > 60) this.p03Pool.shift();
  }

  private onQc(e: { raw: RawMaterial; batch: string; qty: number; po: string }): void {
    const a = this.line("321", "1201", "0401", e.raw.code, e.raw.desc, e.batch, -e.qty, e.raw.unit, null, null, null, e.po);
    const b = this.line("321", "1201", "0401", e.raw.code, e.raw.desc, e.batch, e.qty, e.raw.unit, null, null, null, e.po);
    this.post(this.rng.chance(0.5) ? [a, b] : [b, a]);
  }

  // ---------------------------------------------------------------- sales

  private newSalesOrder(account: Account, date: number): SalesOrder {
    return { no: String(this.soNo++), date, account, uses: 0 };
  }

  private soFor(account: Account): SalesOrder {
    const rng = this.rng;
    const open = this.openSo.get(account);
    if (open && this.day - open.date <= 20 && open.uses < 4 && rng.chance(0.45)) {
      open.uses++;
      return open;
    }
    const back = rng.table<number>([
      [0, 30],
      [rng.int(1, 3), 30],
      [rng.int(4, 15), 30],
      [rng.int(16, 90), 10],
    ]);
    const so = this.newSalesOrder(account, this.day - back);
    so.uses = 1;
    this.openSo.set(account, so);
    return so;
  }

  private pickAccount(channels: readonly string[]): Account {
    const ch = channels.length === 1 ? channels[0]! : this.rng.pick(channels);
    const table = this.catalog.accountsByChannel.get(ch)!;
    return table.items[this.rng.pickCumulative(table.cumulative)]!;
  }

  private newMtoOrders(): void {
    const rng = this.rng;
    const n = rng.poisson((this.rate * 0.33) / 1.25);
    for (let i = 0; i < n; i++) {
      const account = this.catalog.accounts[rng.pickCumulative(this.catalog.accountCumulative)]!;
      const table = this.catalog.mtoByChannel.get(account.channel)!;
      if (table.items.length === 0) continue;
      const so = this.newSalesOrder(account, this.day);
      const count = rng.table([[1, 80], [2, 15], [3, 5]] as const);
      const lines: { fg: FinishedGood; qty: number }[] = [];
      for (let j = 0; j < count; j++) {
        const fg = table.items[rng.pickCumulative(table.cumulative)]!;
        if (lines.some((l) => l.fg === fg)) continue;
        lines.push({ fg, qty: this.qtyFor(fg, 0.4) });
      }
      const gap = rng.table<number>([
        [0, 25],
        [1, 20],
        [2, 15],
        [3, 10],
        [rng.int(4, 8), 18],
        [rng.int(9, 20), 12],
      ]);
      if (rng.chance(0.85) || lines.length === 1) this.schedule(addWorkingDays(this.day, gap), { k: "mtoRelease", so, lines });
      else for (const l of lines) this.schedule(addWorkingDays(this.day, gap + rng.int(0, 3)), { k: "mtoRelease", so, lines: [l] });
    }
  }

  private onMtoRelease(so: SalesOrder, lines: { fg: FinishedGood; qty: number }[]): void {
    const fills: Fill[] = [];
    for (const l of lines) fills.push(...this.release([l], so, "fill"));
    const k = this.rng.table([[0, 60], [1, 25], [2, 8], [3, 5], [5, 2]] as const);
    const poDate = Math.max(so.date, subWorkingDays(this.day, k));
    this.writePo(fills, poDate, true);
  }

  private shipToday(portions: Portion[]): void {
    const rng = this.rng;
    const deliveries: Delivery[] = [];
    const bySo = new Map<SalesOrder, Delivery>();
    const newDelivery = (account: Account, so: SalesOrder): Delivery => {
      const d: Delivery = {
        no: String(this.deliveryNo++),
        account,
        so,
        lines: [],
        createdBy: rng.chance(0.58) ? "AL17007" : "AL1700F",
        reqType: rng.table([["KSV", 85], ["KEV", 13], [null, 2]] as const),
      };
      deliveries.push(d);
      return d;
    };
    const stockPortions: Portion[] = [];
    for (const p of portions) {
      if (!p.so) {
        stockPortions.push(p);
        continue;
      }
      let d = bySo.get(p.so);
      if (!d) {
        d = newDelivery(p.so.account, p.so);
        bySo.set(p.so, d);
      }
      addToDelivery(d, p);
    }
    const stockDeliveries: Delivery[] = [];
    const target = Math.max(1, Math.round(stockPortions.length / 2.3));
    for (const p of stockPortions) {
      let chosen: Delivery | null = null;
      if (stockDeliveries.length >= target) {
        for (let tries = 0; tries < 4 && !chosen; tries++) {
          const d = rng.pick(stockDeliveries);
          if (p.item.channels.includes(d.account.channel)) chosen = d;
        }
      }
      if (!chosen) {
        const account = stockDeliveries.length < target && rng.chance(0.7) ? this.catalog.accounts[rng.pickCumulative(this.catalog.accountCumulative)]! : this.pickAccount(p.item.channels);
        const usable = p.item.channels.includes(account.channel) ? account : this.pickAccount(p.item.channels);
        chosen = newDelivery(usable, this.soFor(usable));
        stockDeliveries.push(chosen);
      }
      addToDelivery(chosen, p);
    }
    for (const d of deliveries) this.issue(d);

    function addToDelivery(d: Delivery, p: Portion): void {
      let line = d.lines.find((l) => l.item === p.item);
      if (!line) d.lines.push((line = { item: p.item, qty: 0, batches: [] }));
      line.qty += p.qty;
      const b = line.batches.find((x) => x.batch === p.batch);
      if (b) b.qty += p.qty;
      else line.batches.push({ batch: p.batch, qty: p.qty });
    }
  }

  private issueLines(d: Delivery, mvt: "601" | "602"): Cell[][] {
    const lines: Cell[][] = [];
    for (const l of d.lines)
      for (const b of l.batches) {
        const q = mvt === "601" ? -b.qty : b.qty;
        lines.push(this.line(mvt, "1401", "0101", l.item.code, l.item.desc, b.batch, q, l.item.uom, "632100", null, d.no));
      }
    return lines;
  }

  /** Goods issue of a delivery; sometimes reversed (602) and issued again. */
  private issue(d: Delivery): void {
    const rng = this.rng;
    if (!rng.chance(0.03)) {
      this.post(this.issueLines(d, "601"));
      this.completeDelivery(d);
      return;
    }
    const later = rng.chance(0.2) ? addWorkingDays(this.day, rng.int(1, 3)) : this.day;
    if (later !== this.day && later <= this.window.end) {
      this.post(this.issueLines(d, "601"));
      this.post(this.issueLines(d, "602"));
      this.schedule(later, { k: "reissue", delivery: d });
      return;
    }
    // same day: the reversal document number is lower than the re-issue (DOMAIN §3.1)
    let original: number;
    let reversal: number;
    if (rng.chance(0.5)) {
      reversal = this.doc49++;
      original = this.doc49++;
    } else {
      original = this.doc49++;
      reversal = this.doc49++;
    }
    const reissue = this.doc49++;
    this.post(this.issueLines(d, "602"), 49, reversal);
    this.post(this.issueLines(d, "601"), 49, reissue);
    this.post(this.issueLines(d, "601"), 49, original);
    this.completeDelivery(d);
  }

  private completeDelivery(d: Delivery): void {
    const rng = this.rng;
    const gi = this.day;
    const lateness = rng.table<number>([
      [0, 35],
      [1, 33],
      [2, 4],
      [3, 10],
      [rng.int(4, 7), 4],
      [rng.int(8, 25), 3],
      [-1, 8],
      [-rng.int(2, 4), 3],
    ]);
    const planned = Math.max(d.so.date, gi - lateness);
    const acc = d.account;
    const c = acc.customer;
    const sm = acc.salesman;
    const emitting = this.emitting;
    if (emitting) {
      d.lines.forEach((l, i) => {
        const item = l.item;
        const netWeight = r3(l.qty * item.kgPc);
        const volume = r3(l.qty * item.volPc);
        this.sinks.zrsd004.write([
          planned,
          gi,
          d.no,
          d.so.no,
          d.reqType,
          "ZDA1",
          "1401",
          "0101",
          "1401",
          acc.channel,
          CUSTOMER_GROUP_NAMES[acc.group] ?? null,
          c.code,
          c.shipTo,
          c.shipName,
          c.shipCity,
          "OTHERS",
          null,
          sm.id,
          sm.name,
          item.code,
          item.desc,
          l.qty,
          item.litreProduct ? volume : netWeight,
          "LT/KG",
          l.qty,
          item.uom,
          netWeight,
          "KG",
          volume,
          "LT",
          d.createdBy,
          item.ph7,
          (i + 1) * 10,
          "C",
        ]);
      });
    }
    // invoice on the goods-issue day
    const invoice = String(this.invoiceNo++);
    const taxFree = rng.chance(0.002);
    const headerDiscount = rng.chance(0.015) ? rng.uniform(0.005, 0.02) : 0;
    const createdBy = rng.chance(0.7) ? "AL1701B" : "AL17014";
    let invoiceTotal = 0;
    let invoiceNet = 0;
    d.lines.forEach((l, i) => {
      const item = l.item;
      const price = item.price;
      const totalPrice = price * l.qty;
      const reg = acc.discountRegular;
      const promo = acc.discountPromo;
      const rate = 1 - (1 - reg / 100) * (1 - promo / 100);
      const discountItem = Math.round(totalPrice * rate);
      const discountHeader = Math.round((totalPrice - discountItem) * headerDiscount);
      const net = totalPrice - discountItem - discountHeader;
      const tax = taxFree ? 0 : Math.round(net * 0.08);
      const total = net + tax;
      invoiceTotal += total;
      invoiceNet += net;
      if (!emitting) return;
      const discountText = reg > 0 ? `|Discount Regular (${reg.toFixed(2)} %)${promo > 0 ? ` |Discount Promo 2 (${promo.toFixed(2)} %)` : ""}` : null;
      const netWeight = r3(l.qty * item.kgPc);
      const volume = r3(l.qty * item.volPc);
      this.sinks.zrsd002.write([
        gi,
        invoice,
        "0101",
        taxFree ? "3" : "1",
        c.top,
        "ZBA1",
        "1000",
        "1401",
        acc.channel,
        c.code,
        c.code,
        c.code,
        c.name,
        c.city,
        acc.group,
        null,
        "OTHERS",
        c.shipTo,
        c.shipName,
        c.shipAddress,
        c.usage,
        sm.id,
        sm.name,
        (i + 1) * 10,
        item.code,
        item.type,
        item.desc,
        null,
        item.ph7,
        l.qty,
        item.uom,
        "VND",
        1,
        "1",
        price,
        totalPrice,
        discountItem,
        discountHeader,
        0,
        discountText,
        net,
        tax,
        total,
        netWeight,
        "KG",
        volume,
        "LT",
        null,
        d.so.no,
        d.so.date,
        d.no,
        null,
        null,
        item.litreProduct ? volume : netWeight,
        "LT/KG",
        createdBy,
        "C",
        0,
      ]);
    });
    if (emitting) {
      const { y, m } = ymd(gi);
      const key = `${y}-${m <= 6 ? 1 : 2}`;
      let map = this.revenue.get(sm.name);
      if (!map) this.revenue.set(sm.name, (map = new Map()));
      map.set(key, (map.get(key) ?? 0) + invoiceNet);
    }
    this.recordReceivable(acc, gi, invoiceTotal);
  }

  private recordReceivable(acc: Account, billed: number, amount: number): void {
    const rng = this.rng;
    const c = acc.customer;
    const due = billed + c.top;
    const never = c.chronic && rng.chance(0.35);
    const paid = never ? null : Math.max(billed, Math.round(due + c.payDelayMean + rng.normal() * c.payDelaySd));
    let row = this.ar.get(acc);
    const S = this.window.end;
    const inTarget = due <= this.monthEnd && (paid === null || paid >= this.monthStart);
    const inRealization = paid !== null && paid >= this.monthStart && paid <= S;
    if (!inTarget && !inRealization) return;
    if (!row) this.ar.set(acc, (row = { account: acc, target: [0, 0, 0, 0, 0, 0], realization: [0, 0, 0, 0, 0, 0, 0] }));
    if (inTarget) row.target[agingBucket(S - due)]! += amount;
    if (inRealization) {
      if (paid! < due) row.realization[0]! += amount;
      else row.realization[1 + agingBucket(paid! - due)]! += amount;
    }
  }

  private onReissue(d: Delivery): void {
    this.post(this.issueLines(d, "601"));
    this.completeDelivery(d);
  }

  // ---------------------------------------------------------------- other movements

  private crossPlant(): void {
    const rng = this.rng;
    const trading = this.catalog.trading;
    if (trading.length === 0) return;
    const item = rng.pick(trading);
    const qty = rng.int(2, 40) * (item.price < 60000 ? 10 : 1);
    const yy = String(ymd(this.day).y % 100).padStart(2, "0");
    const batch = `${yy}${String(rng.int(10, 12)).padStart(2, "0")}${String(rng.int(0, 9999)).padStart(4, "0")}`;
    const delivery = String(this.xDeliveryNo++);
    const po = String(this.po46++);
    this.post([
      this.line("641", "1203", "1001", item.code, item.desc, batch, -qty, item.uom, null, null, delivery, po),
      this.line("641", "1401", null, item.code, item.desc, null, qty, item.uom, null, null, delivery, po),
    ]);
    if (this.emitting) {
      const netWeight = r3(qty * item.kgPc);
      this.sinks.zrsd004.write([
        this.day - rng.int(0, 30),
        this.day,
        delivery,
        po,
        null,
        "ZDD1",
        "1203",
        null,
        null,
        "99",
        null,
        null,
        "1401",
        "BINH DUONG",
        "TP THỦ DẦU MỘT",
        "OTHERS",
        null,
        "0",
        null,
        item.code,
        item.desc,
        qty,
        netWeight,
        "LT/KG",
        qty,
        item.uom,
        netWeight,
        "KG",
        r3(qty * item.volPc),
        "LT",
        "AL17004",
        item.ph7,
        10,
        "C",
      ]);
    }
    this.schedule(addWorkingDays(this.day, rng.int(1, 2)), { k: "xpArrive", item, batch, qty, po });
  }

  private onCrossPlantArrival(e: { item: Sellable; batch: string; qty: number; po: string }): void {
    this.post([this.line("101", "1401", "0101", e.item.code, e.item.desc, e.batch, e.qty, e.item.uom, null, null, null, e.po)]);
    this.rememberDc(e.item, e.batch);
    this.scheduleStock(e.item, e.batch, e.qty);
  }

  private noise(): void {
    const rng = this.rng;
    const s = this.scale;
    const raws = this.catalog.raws;
    // internal use (201) with cost centre and free text
    for (let n = rng.poisson(0.8 * s); n > 0; n--) {
      const who = shortPersonName(rng);
      const dept = rng.pick(DEPARTMENTS);
      const cc = rng.pick(COST_CENTERS);
      const gl = rng.chance(0.55) ? "641200" : "627200";
      const lines: Cell[][] = [];
      if (rng.chance(0.75) || this.recentDc.length === 0) {
        const text = `${who}-${dept}-Nguyên liệu dùng nội bộ`;
        for (let k = rng.table([[1, 6], [2, 2], [4, 1], [6, 1]] as const); k > 0; k--) {
          const raw = rng.pick(raws);
          const q = r3(rng.uniform(0.2, 40));
          lines.push(this.line("201", "1201", "0401", raw.code, raw.desc, this.consume(raw, q), -q, "KG", gl, text, null, null, cc));
        }
      } else {
        const b = rng.pick(this.recentDc);
        lines.push(this.line("201", "1401", "0101", b.item.code, b.item.desc, b.batch, -rng.int(1, 4), b.item.uom, gl, `${who}-${dept}-sử dụng nội bộ`, null, null, cc));
      }
      this.post(lines);
    }
    // returns of unused components (262)
    for (let n = rng.poisson(0.4 * s); n > 0; n--) {
      if (rng.chance(0.7)) {
        const raw = rng.pick(raws);
        const q = r3(rng.uniform(0.5, 30));
        raw.stock += q;
        this.post([this.line("262", "1201", "0401", raw.code, raw.desc, raw.batch, q, "KG", "621100", rng.chance(0.3) ? "return" : null)]);
      } else {
        const p = rng.pick(this.catalog.packaging);
        const q = rng.int(1, 20);
        p.stock += q;
        this.post([this.line("262", "1201", "0401", p.code, p.desc, p.batch, q, "PC", "621200", rng.chance(0.3) ? "return" : null)]);
      }
    }
    // sales-order stock moves at the DC (413 pairs)
    for (let n = rng.poisson(0.8 * s); n > 0 && this.recentDc.length > 0; n--) {
      const b = rng.pick(this.recentDc);
      const q = rng.int(1, 5);
      const plus = this.line("413", "1401", "0101", b.item.code, b.item.desc, b.batch, q, b.item.uom, null);
      const minus = this.line("413", "1401", "0101", b.item.code, b.item.desc, b.batch, -q, b.item.uom, null);
      this.post(rng.chance(0.5) ? [plus, minus] : [minus, plus]);
    }
    // leftover liquid moved to the component store (311)
    for (let n = rng.poisson(0.6 * s); n > 0; n--) {
      const base = rng.pick(this.catalog.bases);
      const q = rng.int(2, 40);
      const batch = this.recentBatch();
      this.post([
        this.line("311", "1201", "0201", base.code, base.desc, batch, -q, "KG", null),
        this.line("311", "1201", "0401", base.code, base.desc, batch, q, "KG", null),
      ]);
    }
    // DC stock written off to the reprocess location
    for (let n = rng.poisson(0.05 * s); n > 0 && this.recentDc.length > 0; n--) {
      const b = rng.pick(this.recentDc);
      const q = rng.int(1, 3);
      this.post([
        this.line("311", "1401", "0101", b.item.code, b.item.desc, b.batch, -q, b.item.uom, null, "dead moving-scrap off"),
        this.line("311", "1401", "0501", b.item.code, b.item.desc, b.batch, q, b.item.uom, null, "dead moving-scrap off"),
      ]);
    }
    // scrapping of expired raw material (311 to scrap, then 551)
    for (let n = rng.poisson(0.04 * s); n > 0; n--) {
      const raw = rng.pick(raws);
      const q = r3(rng.uniform(1, 60));
      const batch = this.consume(raw, q);
      this.post([
        this.line("311", "1201", "0401", raw.code, raw.desc, batch, -q, "KG", null, "hàng hết hạn"),
        this.line("311", "1201", "9901", raw.code, raw.desc, batch, q, "KG", null, "hàng hết hạn"),
      ]);
      this.post([this.line("551", "1201", "9901", raw.code, raw.desc, batch, -q, "KG", "229400", "hàng hết hạn")]);
    }
    // stock count adjustments
    for (let n = rng.poisson(0.06 * s); n > 0; n--) {
      const raw = rng.pick(raws);
      const q = r3(rng.uniform(0.1, 25));
      const up = rng.chance(0.4);
      if (up) raw.stock += q;
      else raw.stock -= q;
      this.post([this.line(up ? "Z71" : "Z72", "1201", "0401", raw.code, raw.desc, raw.batch, up ? q : -q, "KG", "632100", "Điều chỉnh tồn kho")]);
    }
    // bases sent from the DC to the factory for tinting (303, then 305)
    for (let n = rng.poisson(0.05 * s); n > 0 && this.recentDc.length > 0; n--) {
      const b = rng.pick(this.recentDc);
      const q = rng.int(1, 4);
      this.post([
        this.line("303", "1401", "0101", b.item.code, b.item.desc, b.batch, -q, b.item.uom, null, "for tinting"),
        this.line("303", "1201", null, b.item.code, b.item.desc, null, q, b.item.uom, null, "for tinting"),
      ]);
      this.schedule(addWorkingDays(this.day, rng.int(1, 2)), { k: "place305", item: b.item, batch: b.batch, qty: q });
    }
  }

  /** A production batch number from the last few weeks (for small moves of leftover liquid). */
  private recentBatch(): string {
    let run = this.batchRun - this.rng.int(10, 400);
    if (run < 10000) run += 80000;
    const yy = String(ymd(this.day).y % 100).padStart(2, "0");
    return `${yy}${monthLetter(this.day)}${String(run).padStart(5, "0")}10`;
  }

  // ---------------------------------------------------------------- main loop

  async run(): Promise<SimulationResult> {
    const rng = this.rng;
    const { start, end } = this.window;
    let month = "";
    for (let day = this.simStart; day <= end; day++) {
      this.day = day;
      this.emitting = day >= start;
      if (this.emitting && monthKey(day) !== month) {
        month = monthKey(day);
        this.zrpp062 = this.sinks.openZrpp062(month);
        this.zrpp062Files.push({ period: month, sink: this.zrpp062 });
      }
      const idx = day - this.simStart;
      if (!isWorkingDay(day)) {
        this.events[idx] = undefined;
        this.ships[idx] = undefined;
        continue;
      }
      this.dayPo = null;
      this.newMtoOrders();
      const bucket = this.events[idx];
      if (bucket) {
        for (let i = 0; i < bucket.length; i++) {
          const e = bucket[i]!;
          switch (e.k) {
            case "fillFinish":
              this.onFillFinish(e.fill);
              break;
            case "liquidFinish":
              this.onLiquidFinish(e.liquid);
              break;
            case "sfgFinish":
              this.onSfgFinish(e.order);
              break;
            case "sfgMove":
              this.onSfgMove(e.order);
              break;
            case "transfer":
              this.onTransfer(e.fill);
              break;
            case "dcReceipt":
              this.onDcReceipt(e.fill);
              break;
            case "mtoRelease":
              this.onMtoRelease(e.so, e.lines);
              break;
            case "qc":
              this.onQc(e);
              break;
            case "reissue":
              this.onReissue(e.delivery);
              break;
            case "xpArrive":
              this.onCrossPlantArrival(e);
              break;
            case "place305":
              this.post([this.line("305", "1201", "0401", e.item.code, e.item.desc, e.batch, e.qty, e.item.uom, null, "for tinting")]);
              break;
          }
        }
        this.events[idx] = undefined;
      }
      const mts = rng.poisson((this.rate * 0.67) / 1.08);
      for (let i = 0; i < mts; i++) this.releaseMts();
      for (let i = rng.poisson(this.rate * 0.14); i > 0; i--) this.releaseSfg();
      for (let i = rng.poisson(0.15 * this.scale); i > 0; i--) this.crossPlant();
      this.noise();
      const ships = this.ships[idx];
      if (ships) {
        this.shipToday(ships);
        this.ships[idx] = undefined;
      }
      await this.drain();
    }
    return {
      ar: this.ar,
      revenue: this.revenue,
      zrpp062: this.zrpp062Files,
      counts: { p01: this.p01Count, processOrders: this.processOrderCount },
    };
  }

  private async drain(): Promise<void> {
    const s = this.sinks;
    await s.mb51.drain();
    await s.cooispi.drain();
    await s.zrmm024.drain();
    await s.zrsd002.drain();
    await s.zrsd004.drain();
    if (this.zrpp062) await this.zrpp062.drain();
  }
}

/** 0: ≤30 days, 1: 31–60, 2: 61–90, 3: 91–120, 4: 121–180, 5: >180. */
export function agingBucket(days: number): number {
  if (days <= 30) return 0;
  if (days <= 60) return 1;
  if (days <= 90) return 2;
  if (days <= 120) return 3;
  if (days <= 180) return 4;
  return 5;
}
