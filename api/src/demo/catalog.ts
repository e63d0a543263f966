/**
 * Invented master data: product hierarchy, finished goods with their liquid (P02) bases,
 * SFG bases (P03), raw and packaging materials, trading goods, salesmen and customers.
 * Shapes follow the real exports (code ranges, description patterns, pack codes, hierarchy
 * code lengths 1/2/4/6/8/9/11); no row is copied from them.
 */
import { Rng, cumulate, r2, r3 } from "./rng.js";
import { companyName, nfc, personName, place } from "./names.js";

export interface Hierarchy {
  ph1: string;
  division: string;
  ph2: string;
  business: string;
  ph3: string;
  sub: string;
  ph4: string;
  group: string;
  ph5: string;
  group1: string;
  ph6: string;
  group2: string;
}

export interface Pack {
  code: string; // e.g. "20LP"
  size: number;
  unit: "K" | "L";
  container: string; // P pail, K keg/drum, J jerrycan, S set, B barrel, "" can
}

export interface Base {
  code: string; // 12…
  desc: string;
  sg: number;
  recipe: { raw: RawMaterial; frac: number }[];
  usesP03: boolean;
  colour: boolean;
}

export interface Sellable {
  code: string;
  desc: string;
  type: "ZFGD" | "ZTRD";
  uom: "PC" | "SET";
  hier: Hierarchy;
  ph7: string;
  series: string;
  channels: string[];
  kgPc: number; // billing net weight per unit
  volPc: number; // litres per unit
  litreProduct: boolean;
  grossWeight: number;
  price: number; // VND per unit, before discounts
  group1: string | null; // "I01" or null
}

export interface FinishedGood extends Sellable {
  base: Base;
  pack: Pack;
  sg: number;
  pv: string;
  safetyStock: number;
  packaging: PackagingMaterial[];
  orderKgMedian: number;
}

export interface RawMaterial {
  code: string;
  desc: string;
  unit: "KG" | "PC";
  lot: number;
  kind: "raw" | "pack";
  imported: boolean;
  batch: string;
  stock: number;
}

export type PackagingMaterial = RawMaterial;

export interface SfgBase {
  code: string;
  desc: string;
  recipe: { raw: RawMaterial; frac: number }[];
}

export interface Salesman {
  id: string;
  name: string;
  channel: string;
}

export interface Account {
  customer: Customer;
  channel: string;
  salesman: Salesman;
  group: string; // code, e.g. "01"
  discountRegular: number; // percent
  discountPromo: number; // percent
  weight: number;
}

export interface Customer {
  code: string;
  name: string;
  city: string;
  address: string;
  shipTo: string;
  shipName: string;
  shipCity: string;
  shipAddress: string;
  top: number;
  payDelayMean: number;
  payDelaySd: number;
  chronic: boolean;
  usage: string | null;
}

export const CUSTOMER_GROUP_NAMES: Record<string, string> = {
  "01": "Local Furniture",
  "02": "Contractor Furniture",
  "03": "Export Furniture",
  "04": "Metal Industry",
  "05": "Can Industry",
  "06": "Chemical Industry",
  "07": "Workshop",
  "30": "Distributor / Agent",
  "31": "Sub Distributor",
  "32": "Dealer / Shop",
  "33": "End User",
  "59": "Alkana Employee",
  "60": "Painting Applicator",
  "61": "Developer",
  "62": "Contractor",
  "63": "Project Owner",
};

interface FamilySpec {
  h: Hierarchy;
  prefix: string;
  digits: number;
  variants: readonly string[];
  numbers?: readonly string[];
  colours?: boolean;
  vn: number; // probability that a base carries " VN"
  packs: readonly string[];
  sg: readonly [number, number];
  priceKg: readonly [number, number];
  channels: readonly string[];
  extraChannels?: readonly string[];
  series: number;
  weight: number;
  mto: number;
  retailPrice?: boolean;
}

function h(ph1: string, division: string, ph2: string, business: string, ph3: string, sub: string, ph4: string, group: string, ph5: string, group1: string, ph6: string, group2: string): Hierarchy {
  return { ph1, division, ph2, business, ph3, sub, ph4, group, ph5, group1, ph6, group2 };
}

const COLOURS = ["WHITE", "BLACK", "GREY", "RED OXIDE", "YELLOW", "GREEN", "BLUE", "BROWN", "IVORY", "BEIGE", "ORANGE", "CREAM", "DARK GREY", "LIGHT GREY", "OCHRE"];
const WOOD_TONES = ["WALNUT", "TEAK", "MAHOGANY", "OAK", "CHERRY", "EBONY", "HONEY", "CHESTNUT", "COFFEE", "TOBACCO", "NATURAL GLOSS", "NATURAL SATIN", "CLEAR GLOSS", "PINE", "ROSEWOOD", "AMBER"];

const FAMILIES: readonly FamilySpec[] = [
  { h: h("1", "INDUSTRY", "11", "WOOD COATINGS", "1103", "PU", "110321", "PU LACQUER", "11032101", "PU LACQUER", "110321011", "PU LACQUER"), prefix: "PUL-5", digits: 4, variants: ["CLEAR", "AC EX CLEAR", "LY CLEAR", "HS CLEAR", "MATT CLEAR"], numbers: ["05", "10", "20", "30", "40", "50", "60", "70", "90"], vn: 0.85, packs: ["20LP", "18KP", "200LK", "4L", "5L"], sg: [0.94, 1.0], priceKg: [95_000, 135_000], channels: ["11"], extraChannels: ["13"], series: 9, weight: 14, mto: 0.35 },
  { h: h("1", "INDUSTRY", "11", "WOOD COATINGS", "1103", "PU", "110322", "PU PRIMER", "11032201", "PU PRIMER", "110322011", "PU PRIMER"), prefix: "PUP-5", digits: 4, variants: ["WHITE", "CLEAR", "AC WHITE", "GREY", "BLACK"], numbers: ["01", "02", "10"], vn: 0.8, packs: ["20KP", "200KB", "4K", "18KP"], sg: [1.2, 1.5], priceKg: [80_000, 110_000], channels: ["11"], series: 6, weight: 9, mto: 0.3 },
  { h: h("1", "INDUSTRY", "11", "WOOD COATINGS", "1103", "PU", "110319", "PU COLOR", "11031901", "PU COLOR", "110319011", "PU COLOR"), prefix: "PUC-5", digits: 4, variants: COLOURS, numbers: ["10", "20", "30", "50", "90"], colours: true, vn: 0.8, packs: ["20KP", "4K", "18KP"], sg: [1.1, 1.4], priceKg: [110_000, 150_000], channels: ["11"], series: 6, weight: 8, mto: 0.55 },
  { h: h("1", "INDUSTRY", "11", "WOOD COATINGS", "1103", "PU", "110320", "PU HARDENER", "11032001", "PU HARDENER", "110320011", "PU HARDENER"), prefix: "PUH-5", digits: 4, variants: ["", "S", "LY", "HS", "NY"], vn: 0.9, packs: ["20KP", "4K", "20LP", "4L", "18KP"], sg: [0.98, 1.06], priceKg: [120_000, 160_000], channels: ["11"], extraChannels: ["13"], series: 5, weight: 9, mto: 0.2 },
  { h: h("1", "INDUSTRY", "11", "WOOD COATINGS", "1103", "PU", "110323", "PU SANDING SEALER", "11032301", "PU SANDING SEALER", "110323011", "PU SANDING SEALER"), prefix: "PUSS-5", digits: 4, variants: ["", "AC EX", "HS", "LC"], vn: 0.9, packs: ["20KP", "200KB", "18KP"], sg: [0.95, 1.05], priceKg: [85_000, 115_000], channels: ["11"], series: 5, weight: 7, mto: 0.25 },
  { h: h("1", "INDUSTRY", "11", "WOOD COATINGS", "1104", "NC", "110405", "NC SYSTEM", "11040502", "NC CLEAR", "110405022", "NC LACQUER"), prefix: "NCL-1", digits: 4, variants: ["CLEAR", "LC CLEAR", "AC CLEAR"], numbers: ["10", "30", "50", "80"], vn: 0.8, packs: ["20LP", "200LB", "18KP"], sg: [0.9, 0.98], priceKg: [60_000, 85_000], channels: ["11"], series: 4, weight: 5, mto: 0.3 },
  { h: h("1", "INDUSTRY", "11", "WOOD COATINGS", "1104", "NC", "110405", "NC SYSTEM", "11040501", "NC SANDING SEALER", "110405012", "NC SANDING SEALER"), prefix: "NCSS-1", digits: 4, variants: ["", "LC", "AC"], vn: 0.8, packs: ["20LP", "200LB"], sg: [0.92, 1.0], priceKg: [55_000, 75_000], channels: ["11"], series: 3, weight: 4, mto: 0.3 },
  { h: h("1", "INDUSTRY", "11", "WOOD COATINGS", "1106", "UV", "110606", "UV SYSTEM", "11060601", "UV STAIN", "110606011", "UV STAIN"), prefix: "UVS-2", digits: 4, variants: ["BASE YELLOW", "BASE BLACK", "BASE RED", "SLP", "CLEAR"], numbers: ["01", "03"], vn: 0.9, packs: ["5K", "20KP", "18KP"], sg: [1.05, 1.2], priceKg: [100_000, 140_000], channels: ["11"], series: 3, weight: 3, mto: 0.4 },
  { h: h("1", "INDUSTRY", "11", "WOOD COATINGS", "1106", "UV", "110607", "UV COATING", "11060702", "UV PRIMER", "110607021", "UV PRIMER"), prefix: "UVP-6", digits: 4, variants: ["WHITE SC", "CSN SC", "CLEAR SC", "EC CSN SC"], vn: 0.9, packs: ["20KP", "18KP"], sg: [1.3, 1.6], priceKg: [95_000, 125_000], channels: ["11"], series: 3, weight: 3, mto: 0.5 },
  { h: h("1", "INDUSTRY", "11", "WOOD COATINGS", "1109", "STAIN & GLAZE INTERIOR", "110903", "STAIN INTERIOR", "11090304", "SOLVENT STAIN", "110903042", "SOLVENT STAIN"), prefix: "SST-1", digits: 4, variants: WOOD_TONES, numbers: ["01", "02", "03", "10", "13"], colours: true, vn: 0.7, packs: ["16KJ", "20LJ", "4K", "160KK"], sg: [0.85, 0.95], priceKg: [90_000, 130_000], channels: ["11"], series: 4, weight: 6, mto: 0.5 },
  { h: h("1", "INDUSTRY", "11", "WOOD COATINGS", "1118", "COMPLEMENTARY", "111807", "PASTA", "11180701", "PASTA CONCENTRATE", "111807011", "PASTA CONCENTRATE ALKYD"), prefix: "PCA-3", digits: 4, variants: ["WHITE PASTE", "BLACK PASTE", "RED PASTE", "YELLOW PASTE", "BLUE PASTE", "GREEN PASTE", "BROWN PASTE", "OXIDE RED PASTE"], vn: 0.7, packs: ["4K", "20LJ", "1K"], sg: [1.0, 1.6], priceKg: [120_000, 220_000], channels: ["11"], extraChannels: ["13"], series: 3, weight: 5, mto: 0.2 },
  { h: h("1", "INDUSTRY", "11", "WOOD COATINGS", "1119", "WATERBASED", "111902", "WATERBASED SYSTEM INTERIOR", "11190206", "WATERBASED SYSTEM", "111902062", "WATERBASED COLOR"), prefix: "WBC-6", digits: 4, variants: COLOURS, numbers: ["10", "20", "MF"], colours: true, vn: 0.9, packs: ["20KP", "5K", "4K"], sg: [1.05, 1.35], priceKg: [110_000, 160_000], channels: ["11"], series: 3, weight: 3, mto: 0.6 },
  { h: h("1", "INDUSTRY", "14", "THINNER", "1411", "THINNER PU", "141101", "THINNER PU", "14110101", "THINNER PU", "141101011", "THINNER PU"), prefix: "THPU-7", digits: 4, variants: ["", "ST", "SB", "EST"], vn: 0.9, packs: ["200LK", "20LJ", "30LJ"], sg: [0.86, 0.9], priceKg: [35_000, 45_000], channels: ["11"], extraChannels: ["13", "15"], series: 4, weight: 8, mto: 0.25 },
  { h: h("1", "INDUSTRY", "14", "THINNER", "1412", "THINNER CLEANING", "141203", "THINNER CLEANING", "14120301", "THINNER CLEANING", "141203011", "THINNER CLEANING"), prefix: "THC-7", digits: 4, variants: ["", "402", "452", "552", "007"], vn: 0.9, packs: ["200LK", "20LJ", "180KK"], sg: [0.85, 0.9], priceKg: [30_000, 40_000], channels: ["11"], series: 3, weight: 6, mto: 0.2 },
  { h: h("1", "INDUSTRY", "14", "THINNER", "1413", "THINNER NC", "141301", "THINNER NC", "14130101", "THINNER NC", "141301011", "THINNER NC"), prefix: "THNC-7", digits: 4, variants: ["", "SD", "LC"], vn: 0.9, packs: ["200LK", "20LJ"], sg: [0.86, 0.92], priceKg: [32_000, 42_000], channels: ["11"], series: 2, weight: 4, mto: 0.2 },
  { h: h("1", "INDUSTRY", "16", "METAL COATINGS", "1601", "METAL COATINGS", "160101", "METAL COATINGS", "16010111", "METAL EPOXY PRIMER", "160101114", "METAL EPOXY PRIMER"), prefix: "MEP-1", digits: 4, variants: ["WHITE", "GREY", "RED OXIDE", "CLEAR BASE", "GLASS"], vn: 0.8, packs: ["16KP", "18KP", "4K"], sg: [1.3, 1.6], priceKg: [80_000, 110_000], channels: ["11"], extraChannels: ["13", "15"], series: 3, weight: 3, mto: 0.5 },
  { h: h("2", "RETAIL", "24", "WOOD FINISH", "2413", "WOOD FINISH RETAIL", "241304", "WOOD STAIN RETAIL", "24130401", "SOLVENT BASE", "241304011", "WOOD STAIN"), prefix: "EL-5", digits: 2, variants: WOOD_TONES, numbers: ["8012", "9013", "2003", "0015", "0016", "8301"], colours: true, vn: 0.95, packs: ["1L", "4L", "0.8L", "18LP"], sg: [0.82, 0.9], priceKg: [150_000, 220_000], channels: ["13"], extraChannels: ["15"], series: 3, weight: 4, mto: 0.05, retailPrice: true },
  { h: h("2", "RETAIL", "24", "WOOD FINISH", "2413", "WOOD FINISH RETAIL", "241311", "DECORATIVE VARNISH", "24131101", "SOLVENT BASE", "241311011", "DECORATIVE VARNISH"), prefix: "V-", digits: 2, variants: WOOD_TONES, numbers: ["2004", "8206", "8303", "0007", "1105", "7710"], colours: true, vn: 1, packs: ["0.8L", "4L"], sg: [0.8, 0.88], priceKg: [120_000, 150_000], channels: ["13"], series: 3, weight: 6, mto: 0.02, retailPrice: true },
  { h: h("2", "RETAIL", "28", "CPC2", "2807", "WATERPROOFING", "280701", "WATERPROOFING", "28070101", "WATER BASE", "280701011", "WATERPROOFING"), prefix: "US-9", digits: 2, variants: COLOURS, numbers: ["3108", "8125", "1101", "2207"], colours: true, vn: 1, packs: ["4K", "20KP", "6K"], sg: [1.2, 1.4], priceKg: [70_000, 90_000], channels: ["13"], extraChannels: ["15"], series: 2, weight: 3, mto: 0.05, retailPrice: true },
  { h: h("2", "RETAIL", "22", "WF2", "2216", "PU MULTIPURPOSE", "221601", "PU MULTIPURPOSE", "22160101", "SOLVENT BASE", "221601012", "PU COATING"), prefix: "PUC-7", digits: 2, variants: ["2K TRẮNG BÓNG", "2K TRẮNG MỜ", "2K ĐEN BÓNG", "2K XÁM MỜ", "2K BÓNG 70", "2K MỜ 90%"], vn: 1, packs: ["1KS", "1LS", "4KS"], sg: [1.0, 1.2], priceKg: [160_000, 230_000], channels: ["13"], series: 2, weight: 2, mto: 0.05, retailPrice: true },
  { h: h("5", "PROJECT", "57", "FLOOR & STRUCTURE", "5701", "FLOOR COATINGS", "570107", "FLOOR COATINGS", "57010701", "EPOXY FLOOR", "570107011", "EPOXY FLOOR"), prefix: "UFM-9", digits: 2, variants: ["LIGHT GREY", "DARK GREY", "GREEN", "BLUE", "BEIGE", "CLEAR"], vn: 1, packs: ["6K", "20KP", "18KP"], sg: [1.3, 1.5], priceKg: [60_000, 90_000], channels: ["15"], extraChannels: ["13"], series: 2, weight: 2, mto: 0.6 },
  { h: h("5", "PROJECT", "57", "FLOOR & STRUCTURE", "5702", "PRIMER & SEALER", "570201", "PRIMER & SEALER", "57020101", "EPOXY PRIMER", "570201011", "EPOXY PRIMER"), prefix: "UPR-9", digits: 2, variants: ["BASE A", "BASE D", "CLEAR", "WHITE"], vn: 1, packs: ["20KP", "6K"], sg: [1.2, 1.45], priceKg: [65_000, 95_000], channels: ["15"], extraChannels: ["13", "11"], series: 2, weight: 2, mto: 0.5 },
];

const TRADING = [
  { desc: (r: Rng) => `AEROSOL ${r.pick(COLOURS)} ${r.int(100, 999)}-0.4L`, h: h("X", "TRD RETAIL", "XA", "PCR", "XA03", "AEROSOL", "XA0302", "SPRAY PAINT", "XA030201", "SOLVENT BASE", "XA0302011", "AEROSOL"), channel: "13", price: [38_000, 65_000], kg: 0.45, vol: 0.4, series: "SPRAY" },
  { desc: (r: Rng) => `WOOD FILLER ${r.pick(WOOD_TONES)}-1K`, h: h("X", "TRD RETAIL", "X6", "SFC", "X604", "FILLER", "X60402", "WOOD FILLER", "X6040201", "WATER BASE", "X60402011", "WOOD FILLER"), channel: "13", price: [55_000, 90_000], kg: 1, vol: 0.8, series: "FILLER" },
  { desc: (r: Rng) => `SANDING SPONGE P${r.pick([120, 180, 240, 320, 400])}`, h: h("W", "TRD INDUSTRY", "W2", "ABRASIVE", "W201", "ABRASIVE", "W20101", "SANDING", "W2010101", "SPONGE", "W20101011", "SANDING SPONGE"), channel: "11", price: [12_000, 25_000], kg: 0.05, vol: 0.1, series: "SANDING" },
  { desc: (r: Rng) => `SPRAY GUN NOZZLE ${r.pick(["1.3", "1.5", "1.8", "2.0"])} MM`, h: h("W", "TRD INDUSTRY", "W3", "EQUIPMENT", "W301", "SPRAY EQUIPMENT", "W30101", "SPRAY PARTS", "W3010101", "NOZZLE", "W30101011", "NOZZLE"), channel: "11", price: [150_000, 420_000], kg: 0.1, vol: 0.05, series: "SPRAY PARTS" },
];

function parsePack(code: string): Pack {
  const m = /^(\d+(?:\.\d+)?)([KL])([PKJSB]?)$/.exec(code);
  if (!m) throw new Error(`bad pack ${code}`);
  return { code, size: Number(m[1]), unit: m[2] as "K" | "L", container: m[3]! };
}

function tare(pack: Pack): number {
  switch (pack.container) {
    case "K":
      return 16;
    case "B":
      return 12;
    case "P":
      return 1.43;
    case "J":
      return 1.05;
    case "S":
      return 0.25;
    default:
      return pack.size >= 4 ? 0.4 : 0.12;
  }
}

export interface Catalog {
  fgs: FinishedGood[];
  bases: Base[];
  sfgBases: SfgBase[];
  raws: RawMaterial[];
  packaging: PackagingMaterial[];
  stickers: PackagingMaterial[];
  trading: Sellable[];
  salesmen: Salesman[];
  customers: Customer[];
  accounts: Account[];
  /** Cumulative production weights over `fgs` for make-to-stock orders. */
  mtsCumulative: number[];
  /** Per channel: FGs eligible for make-to-order and their cumulative weights. */
  mtoByChannel: Map<string, { items: FinishedGood[]; cumulative: number[] }>;
  /** Per channel: accounts and cumulative weights. */
  accountsByChannel: Map<string, { items: Account[]; cumulative: number[] }>;
  accountCumulative: number[];
  /** Master file rows: material × channel. */
  masterChannels: string[];
}

function uniqueCode(used: Set<string>, make: () => string): string {
  for (;;) {
    const c = make();
    if (!used.has(c)) {
      used.add(c);
      return c;
    }
  }
}

export function buildCatalog(seed: number, scale: number): Catalog {
  const rng = Rng.derive(seed, "catalog");

  // Raw materials (15…) and packaging (16…)
  const raws: RawMaterial[] = [];
  const usedDesc = new Set<string>();
  let rawCode = 150000020;
  const addRaw = (desc: string, lot: number, imported: boolean): RawMaterial => {
    rawCode += rng.int(1, 7);
    return { code: String(rawCode), desc: nfc(desc), unit: "KG", lot, kind: "raw", imported, batch: "", stock: 0 };
  };
  const rawSpecs: [string, () => string, number, [number, number], boolean][] = [
    ["solvent", () => `S ${rng.int(100, 799)}`, 16, [8000, 20000], false],
    ["resin", () => `RS ${rng.int(1000, 9899)}${rng.chance(0.5) ? " VN" : ""}`, 22, [1500, 6000], true],
    ["additive", () => `AD ${rng.int(1000, 99999)}${rng.chance(0.6) ? " VN" : ""}`, 24, [25, 300], true],
    ["pigment", () => `PG ${rng.pick(["W", "B", "R", "Y", "G", "O"])}${rng.int(10, 990)} ${rng.pick(COLOURS)}`, 14, [200, 1200], true],
    ["filler", () => `FL ${rng.int(10, 99)} ${rng.pick(["TALC", "BARYTE", "SILICA", "CALCITE"])}`, 8, [1000, 5000], true],
    ["cotton", () => `NC COTTON ${rng.pick(["1/2", "1/4", "1/8"])} ${rng.pick(["VN", "SECOND", "A"])}`, 3, [2000, 5000], true],
  ];
  const rawByKind = new Map<string, RawMaterial[]>();
  for (const [kind, make, count, lot, imp] of rawSpecs) {
    const list: RawMaterial[] = [];
    for (let i = 0; i < count; i++) {
      let desc = make();
      while (usedDesc.has(desc)) desc = make();
      usedDesc.add(desc);
      const imported = imp && rng.chance(0.5);
      list.push(addRaw(desc, Math.round(rng.uniform(lot[0], lot[1]) / 5) * 5, imported));
    }
    rawByKind.set(kind, list);
    raws.push(...list);
  }
  raws.sort((a, b) => (a.code < b.code ? -1 : 1));

  let packCode = 160000003;
  const packaging: PackagingMaterial[] = [];
  const packMaterial = new Map<string, PackagingMaterial>();
  const packFor = (desc: string, lot: number): PackagingMaterial => {
    let m = packMaterial.get(desc);
    if (!m) {
      packCode += rng.int(1, 5);
      m = { code: String(packCode), desc, unit: "PC", lot, kind: "pack", imported: false, batch: "", stock: 0 };
      packMaterial.set(desc, m);
      packaging.push(m);
    }
    return m;
  };
  const stickers = [packFor("ST LABEL 10X15", 20000), packFor("ST LABEL 15X20", 20000), packFor("ST LABEL 20X30", 10000)];

  const containerFor = (pack: Pack): PackagingMaterial[] => {
    const s = pack.size;
    switch (pack.container) {
      case "K":
        return [packFor(s >= 190 ? "DRUM 200L SM" : "DRUM 200L BM", 400)];
      case "B":
        return [packFor("BARREL 200 KG", 300)];
      case "P":
        return [packFor(`PAIL ${s >= 19 ? 20 : 18} LT ${rng.chance(0.5) ? "BM" : "SM"}`, 3000)];
      case "J":
        return [packFor(`JERRY CAN ${s >= 25 ? 30 : 20} LT`, 2000)];
      case "S":
        return [packFor(`SET BOX ${s} ${pack.unit === "K" ? "KG" : "LT"}`, 3000), packFor(`CAN & CAP ${s} ${pack.unit === "K" ? "KG" : "LT"} COMP.A`, 5000)];
      default:
        return [packFor(`CAN ${s} LT ${s < 1 ? "VN" : "WHITE SM"}`, 8000)];
    }
  };

  // SFG bases (P03, 12…)
  const sfgBases: SfgBase[] = [];
  let baseCode = 120000040;
  const recipeFor = (colour: boolean, primer: boolean): { raw: RawMaterial; frac: number }[] => {
    const parts: { raw: RawMaterial; w: number }[] = [];
    const take = (kind: string, n: number, lo: number, hi: number) => {
      const list = rawByKind.get(kind)!;
      for (let i = 0; i < n; i++) parts.push({ raw: rng.pick(list), w: rng.uniform(lo, hi) });
    };
    take("solvent", rng.int(1, 3), 15, 40);
    take("resin", rng.int(1, 3), 25, 50);
    take("additive", rng.int(2, 6), 0.3, 3);
    if (colour) take("pigment", rng.int(1, 3), 2, 15);
    if (primer) take("filler", 1, 10, 25);
    if (rng.chance(0.1)) take("cotton", 1, 5, 12);
    const merged = new Map<RawMaterial, number>();
    for (const p of parts) merged.set(p.raw, (merged.get(p.raw) ?? 0) + p.w);
    const total = [...merged.values()].reduce((a, b) => a + b, 0);
    return [...merged.entries()].map(([raw, w]) => ({ raw, frac: w / total }));
  };
  for (let i = 0; i < 26; i++) {
    baseCode += rng.int(1, 9);
    const desc = rng.table([
      [`L ${rng.pick(["DZ", "PW", "NC", "AC"])} ${rng.int(100, 29999)} (10%)${rng.chance(0.5) ? " VN" : ""}`, 3],
      [`PASTA PCA ${String(rng.int(1, 9)).padStart(2, "0")} ${rng.pick(COLOURS)} ${rng.int(10, 99)} ${rng.pick(["AFB", "FBB", "AF"])} VN`, 2],
      [`RESIN SOL ${rng.int(10, 99)} VN`, 1],
    ] as const);
    sfgBases.push({ code: String(baseCode), desc: nfc(desc), recipe: recipeFor(desc.startsWith("PASTA"), false) });
  }

  // Finished goods with their liquid bases
  const fgs: FinishedGood[] = [];
  const bases: Base[] = [];
  const weights: number[] = [];
  let fgCode = 100000100;
  const usedSeries = new Set<string>();
  const usedFgDesc = new Set<string>();
  const seriesPerFamilyFactor = Math.max(1, Math.min(1.6, 0.9 + Math.log10(Math.max(1, scale)) * 0.4));
  for (const fam of FAMILIES) {
    const seriesCount = Math.max(1, Math.round(fam.series * seriesPerFamilyFactor));
    for (let s = 0; s < seriesCount; s++) {
      const series = uniqueCode(usedSeries, () => `${fam.prefix}${String(rng.int(0, 10 ** fam.digits - 1)).padStart(fam.digits, "0")}`);
      const ph7 = fam.h.ph6 + String(s + 1).padStart(2, "0");
      const seriesWeight = Math.exp(rng.normal() * 0.8);
      const channels = [...fam.channels];
      for (const extra of fam.extraChannels ?? []) if (rng.chance(0.35)) channels.push(extra);
      channels.sort();
      const baseCount = rng.int(2, 6);
      const usedVariants = new Set<string>();
      for (let b = 0; b < baseCount; b++) {
        let variant = "";
        for (let tries = 0; tries < 20; tries++) {
          const word = rng.pick(fam.variants);
          const num = fam.numbers && rng.chance(0.7) ? rng.pick(fam.numbers) : "";
          variant = [word, num].filter(Boolean).join(" ");
          if (!usedVariants.has(variant)) break;
        }
        if (usedVariants.has(variant)) continue;
        usedVariants.add(variant);
        const vn = rng.chance(fam.vn) ? " VN" : "";
        const baseDesc = nfc(`${series}${variant ? " " + variant : ""}${vn}`.replace(/\s+/g, " ").trim());
        const sg = r3(rng.uniform(fam.sg[0], fam.sg[1]));
        baseCode += rng.int(1, 9);
        const base: Base = {
          code: String(baseCode),
          desc: baseDesc,
          sg,
          recipe: recipeFor(!!fam.colours, fam.h.group.includes("PRIMER")),
          usesP03: rng.chance(0.3),
          colour: !!fam.colours,
        };
        bases.push(base);
        const packCount = Math.min(fam.packs.length, rng.table([
          [1, 5],
          [2, 3],
          [3, 2],
        ] as const));
        const packs = [...fam.packs];
        for (let i = packs.length - 1; i > 0; i--) {
          const j = rng.int(0, i);
          [packs[i], packs[j]] = [packs[j]!, packs[i]!];
        }
        const baseWeight = seriesWeight * Math.exp(rng.normal() * 0.7);
        for (const packCodeText of packs.slice(0, packCount)) {
          const pack = parsePack(packCodeText);
          const desc = nfc(`${baseDesc}-${pack.code}`);
          if (usedFgDesc.has(desc)) continue;
          usedFgDesc.add(desc);
          fgCode += rng.int(1, 6);
          const litreProduct = pack.unit === "L";
          const kgPc = litreProduct ? r3(pack.size * sg) : pack.size;
          const volPc = litreProduct ? pack.size : r3(pack.size / sg);
          const priceKg = rng.uniform(fam.priceKg[0], fam.priceKg[1]);
          let price: number;
          if (fam.retailPrice) {
            const gross = Math.max(1000, Math.round((kgPc * priceKg * 1.08) / 1000) * 1000);
            price = Math.round(gross / 1.08);
          } else {
            price = Math.max(100, Math.round((kgPc * priceKg) / 100) * 100);
          }
          const pv = kgPc < 2 ? "10A0" : kgPc < 10 ? "10B0" : kgPc < 60 ? "10C0" : "10D0";
          const fg: FinishedGood = {
            code: String(fgCode),
            desc,
            type: "ZFGD",
            uom: pack.container === "S" ? "SET" : "PC",
            hier: fam.h,
            ph7,
            series,
            channels,
            kgPc,
            volPc,
            litreProduct,
            grossWeight: r2(kgPc + tare(pack)),
            price,
            group1: rng.chance(0.9) ? "I01" : null,
            base,
            pack,
            sg,
            pv,
            safetyStock: rng.table([
              [0, 40],
              [1, 8],
              [2, 10],
              [4, 6],
              [5, 10],
              [10, 8],
              [20, 6],
            ] as const),
            packaging: [...containerFor(pack), ...(rng.chance(0.6) ? [rng.pick(stickers)] : [])],
            orderKgMedian: kgPc < 2 ? 250 : kgPc < 10 ? 300 : kgPc < 60 ? 450 : 900,
          };
          fgs.push(fg);
          const packPreference = pack.size >= 100 ? 0.7 : pack.size >= 15 ? 1.2 : 1;
          weights.push(fam.weight * baseWeight * packPreference);
        }
      }
    }
  }

  // Trading goods (17…)
  const trading: Sellable[] = [];
  let trdCode = 170000030;
  for (const spec of TRADING) {
    const n = rng.int(4, 8);
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) {
      const desc = nfc(spec.desc(rng));
      if (seen.has(desc)) continue;
      seen.add(desc);
      trdCode += rng.int(1, 12);
      trading.push({
        code: String(trdCode),
        desc,
        type: "ZTRD",
        uom: "PC",
        hier: spec.h,
        ph7: spec.h.ph6 + "01",
        series: spec.series,
        channels: [spec.channel],
        kgPc: spec.kg,
        volPc: spec.vol,
        litreProduct: false,
        grossWeight: r2(spec.kg * 1.1),
        price: Math.round(rng.uniform(spec.price[0], spec.price[1]) / 100) * 100,
        group1: "I01",
      });
    }
  }

  // Salesmen
  const salesmanCount = scale >= 10 ? 24 : 18;
  const salesmen: Salesman[] = [];
  const usedNames = new Set<string>();
  const usedIds = new Set<string>();
  for (let i = 0; i < salesmanCount; i++) {
    let name = personName(rng);
    while (usedNames.has(name)) name = personName(rng);
    usedNames.add(name);
    const id = uniqueCode(usedIds, () => `10${rng.int(100000, 999999)}`);
    const channel = i < salesmanCount * 0.5 ? "11" : i < salesmanCount * 0.85 ? "13" : "15";
    salesmen.push({ id, name, channel });
  }
  const salesmenByChannel = new Map<string, Salesman[]>();
  for (const s of salesmen) {
    if (!salesmenByChannel.has(s.channel)) salesmenByChannel.set(s.channel, []);
    salesmenByChannel.get(s.channel)!.push(s);
  }
  // one salesman per channel-11 group stays without customers (targets only), like real data
  const activeSalesmen = new Map<string, { items: Salesman[]; cumulative: number[] }>();
  for (const [ch, list] of salesmenByChannel) {
    const active = list.length > 3 ? list.slice(0, list.length - 1) : list;
    activeSalesmen.set(ch, { items: active, cumulative: cumulate(active.map(() => Math.exp(rng.normal() * 0.6))) });
  }

  // Customers and accounts
  const customerCount = Math.max(40, Math.round(120 * Math.sqrt(Math.max(scale, 0.05))));
  const customers: Customer[] = [];
  const accounts: Account[] = [];
  const usedCustomerNames = new Set<string>();
  let custNo = 100;
  let shipNo = 200;
  const groupFor = (ch: string): string =>
    ch === "11"
      ? rng.table([
          ["01", 85],
          ["05", 5],
          ["04", 4],
          ["02", 3],
          ["07", 3],
        ] as const)
      : ch === "13"
        ? rng.table([
            ["30", 55],
            ["31", 20],
            ["32", 20],
            ["33", 5],
          ] as const)
        : rng.table([
            ["63", 45],
            ["62", 25],
            ["60", 20],
            ["61", 10],
          ] as const);
  const makeAccount = (customer: Customer, channel: string, weight: number): Account => {
    const sm = activeSalesmen.get(channel)!;
    const salesman = sm.items[rng.pickCumulative(sm.cumulative)]!;
    let discountRegular = 0;
    let discountPromo = 0;
    if (channel === "13") {
      discountRegular = rng.chance(0.7) ? 15 : 10;
      if (rng.chance(0.7)) discountPromo = rng.int(2, 7);
    } else if (channel === "11" && rng.chance(0.15)) discountRegular = rng.pick([5, 10]);
    else if (channel === "15" && rng.chance(0.3)) discountRegular = 10;
    return { customer, channel, salesman, group: groupFor(channel), discountRegular, discountPromo, weight };
  };
  for (let i = 0; i < customerCount; i++) {
    const channel = rng.table([
      ["11", 50],
      ["13", 42],
      ["15", 8],
    ] as const);
    let name = channel === "13" && rng.chance(0.15) ? personName(rng) : companyName(rng);
    while (usedCustomerNames.has(name)) name = companyName(rng);
    usedCustomerNames.add(name);
    custNo += rng.int(1, 12);
    const code = `12000${String(custNo).padStart(5, "0")}`;
    const home = place(rng);
    const separateShipTo = rng.chance(0.15);
    const ship = separateShipTo ? place(rng) : home;
    if (separateShipTo) shipNo += rng.int(1, 4);
    const chronic = rng.chance(0.04);
    const customer: Customer = {
      code,
      name,
      city: home.city,
      address: home.address,
      shipTo: separateShipTo ? `15000${String(shipNo).padStart(5, "0")}` : code,
      shipName: name,
      shipCity: ship.city,
      shipAddress: ship.address,
      top: rng.table([
        [60, 40],
        [30, 28],
        [45, 23],
        [0, 5],
        [7, 2],
        [75, 1],
        [14, 0.5],
        [90, 0.5],
      ] as const),
      payDelayMean: chronic ? rng.uniform(90, 220) : rng.uniform(-5, 20),
      payDelaySd: rng.uniform(3, 14),
      chronic,
      usage: channel === "15" && rng.chance(0.4) ? "Housing" : null,
    };
    customers.push(customer);
    const size = Math.exp(rng.normal() * 1.1) * (channel === "11" ? 2.2 : channel === "13" ? 1 : 0.6);
    accounts.push(makeAccount(customer, channel, size));
    if (rng.chance(0.06)) {
      const other = channel === "11" ? "13" : channel === "13" ? (rng.chance(0.5) ? "15" : "11") : "13";
      accounts.push(makeAccount(customer, other, size * 0.3));
    }
  }

  const accountsByChannel = new Map<string, { items: Account[]; cumulative: number[] }>();
  for (const ch of ["11", "13", "15"]) {
    const items = accounts.filter((a) => a.channel === ch);
    accountsByChannel.set(ch, { items, cumulative: cumulate(items.map((a) => a.weight)) });
  }

  const mtoByChannel = new Map<string, { items: FinishedGood[]; cumulative: number[] }>();
  const famOf = new Map<Hierarchy, FamilySpec>(FAMILIES.map((f) => [f.h, f]));
  for (const ch of ["11", "13", "15"]) {
    const items: FinishedGood[] = [];
    const w: number[] = [];
    fgs.forEach((fg, i) => {
      if (!fg.channels.includes(ch)) return;
      const fam = famOf.get(fg.hier)!;
      items.push(fg);
      w.push(weights[i]! * fam.mto * (fg.pack.size >= 100 ? 1.6 : 1));
    });
    mtoByChannel.set(ch, { items, cumulative: cumulate(w) });
  }
  const mtsWeights = fgs.map((fg, i) => weights[i]! * (1 - famOf.get(fg.hier)!.mto * 0.6));

  return {
    fgs,
    bases,
    sfgBases,
    raws,
    packaging,
    stickers,
    trading,
    salesmen,
    customers,
    accounts,
    mtsCumulative: cumulate(mtsWeights),
    mtoByChannel,
    accountsByChannel,
    accountCumulative: cumulate(accounts.map((a) => a.weight)),
    masterChannels: ["11", "13", "15"],
  };
}
