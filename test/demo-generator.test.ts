import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_DEFAULTS, generateDemo, LAYOUTS, type DemoFile } from "../api/src/demo/index.js";

const SAMPLES = fileURLToPath(new URL("../../shared/sap-samples/", import.meta.url));
const SAMPLE_FILE: Record<DemoFile["report"], string> = {
  MB51: "mb51.XLSX",
  COOISPI: "cooispi.XLSX",
  ZRMM024: "zrmm024.XLSX",
  ZRSD002: "zrsd002.XLSX",
  ZRSD004: "zrsd004.XLSX",
  ZRFI005: "ZRFI005.XLSX",
  ZRPP062: "zrpp062.XLSX",
  TARGET: "target.xlsx",
  MATERIAL_MASTER: "11.XLSX",
};

type Table = { headers: string[]; rows: string[][] };

const base = { months: 2, seed: DEMO_DEFAULTS.seed, endDate: DEMO_DEFAULTS.endDate, scale: 1 };
const dirs: string[] = [];
let csvFiles: DemoFile[] = [];
let csvAgain: DemoFile[] = [];
let xlsxFiles: DemoFile[] = [];

function tempDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `alkana-demo-${label}-`));
  dirs.push(dir);
  return dir;
}

function readCsv(file: string): Table {
  const records = parse(fs.readFileSync(file, "utf8"), { relax_column_count: false }) as string[][];
  return { headers: records[0]!, rows: records.slice(1) };
}

function table(files: DemoFile[], report: DemoFile["report"], index = 0): Table {
  const file = files.filter((f) => f.report === report)[index];
  if (!file) throw new Error(`no ${report} file`);
  return readCsv(file.path);
}

function col(t: Table, name: string, occurrence = 0): number {
  let seen = 0;
  for (let i = 0; i < t.headers.length; i++) {
    if (t.headers[i] === name && seen++ === occurrence) return i;
  }
  throw new Error(`no column ${name}`);
}

async function firstRows(file: string, count: number): Promise<ExcelJS.Row[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: "cache", styles: "cache", worksheets: "emit" });
  const rows: ExcelJS.Row[] = [];
  for await (const sheet of reader) {
    for await (const row of sheet) {
      rows.push(row as ExcelJS.Row);
      if (rows.length >= count) break;
    }
    break;
  }
  return rows;
}

function headerValues(row: ExcelJS.Row): string[] {
  const values = row.values as unknown[];
  return values.slice(1).map((v) => String(v ?? "").trim());
}

beforeAll(async () => {
  csvFiles = await generateDemo({ ...base, outDir: tempDir("csv"), format: "csv" });
  csvAgain = await generateDemo({ ...base, outDir: tempDir("csv2"), format: "csv" });
  xlsxFiles = await generateDemo({ ...base, outDir: tempDir("xlsx"), format: "xlsx" });
}, 60_000);

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("demo generator", () => {
  it("writes all nine reports with the expected names", () => {
    const names = xlsxFiles.map((f) => path.basename(f.path));
    expect(names).toEqual([
      "mb51.xlsx",
      "cooispi.xlsx",
      "zrmm024.xlsx",
      "zrsd002.xlsx",
      "zrsd004.xlsx",
      "ZRFI005.xlsx",
      "zrpp062-2025-12.xlsx",
      "zrpp062-2026-01.xlsx",
      "target.xlsx",
      "11.xlsx",
      "13.xlsx",
      "15.xlsx",
    ]);
    expect(new Set(xlsxFiles.map((f) => f.report)).size).toBe(9);
    expect(xlsxFiles.find((f) => f.report === "ZRFI005")!.snapshotDate).toBe("2026-01-31");
    expect(xlsxFiles.filter((f) => f.report === "ZRPP062").map((f) => f.period)).toEqual(["2025-12", "2026-01"]);
    for (const f of xlsxFiles) expect(f.rows, f.path).toBeGreaterThan(0);
    const mb51 = csvFiles.find((f) => f.report === "MB51")!;
    expect(mb51.rows).toBeGreaterThan(4000);
    expect(mb51.rows).toBe(xlsxFiles.find((f) => f.report === "MB51")!.rows);
  });

  it("is deterministic: the same options give byte-identical CSV", () => {
    expect(csvAgain.map((f) => path.basename(f.path))).toEqual(csvFiles.map((f) => path.basename(f.path)));
    for (let i = 0; i < csvFiles.length; i++) {
      const a = fs.readFileSync(csvFiles[i]!.path);
      const b = fs.readFileSync(csvAgain[i]!.path);
      expect(a.equals(b), path.basename(csvFiles[i]!.path)).toBe(true);
    }
  });

  it("uses the exact real header rows (CSV and XLSX, and the sample files when present)", async () => {
    const haveSamples = fs.existsSync(SAMPLES);
    for (const f of csvFiles) expect(readCsv(f.path).headers, f.path).toEqual(LAYOUTS[f.report].headers);
    for (const f of xlsxFiles) {
      const [header] = await firstRows(f.path, 1);
      expect(headerValues(header!), f.path).toEqual(LAYOUTS[f.report].headers);
    }
    if (haveSamples) {
      for (const [report, file] of Object.entries(SAMPLE_FILE)) {
        const [header] = await firstRows(path.join(SAMPLES, file), 1);
        expect(LAYOUTS[report as DemoFile["report"]].headers, file).toEqual(headerValues(header!));
      }
    }
  });

  it("writes real cell types in XLSX: text codes, date cells, numbers, comma text", async () => {
    const get = (report: DemoFile["report"]) => xlsxFiles.find((f) => f.report === report)!.path;
    const mb = await firstRows(get("MB51"), 400);
    const h = LAYOUTS.MB51.headers;
    const row = mb.find((r) => r.getCell(h.indexOf("Storage Location") + 1).value === "0201")!;
    expect(row).toBeDefined();
    const posting = row.getCell(h.indexOf("Posting Date") + 1);
    expect(posting.value).toBeInstanceOf(Date);
    expect((posting.value as Date).getUTCHours()).toBe(0);
    expect(posting.numFmt).toBe("m/d/yy");
    expect(typeof row.getCell(h.indexOf("Qty in Un. of Entry") + 1).value).toBe("number");
    expect(typeof row.getCell(h.indexOf("Material Document") + 1).value).toBe("string");
    expect(row.getCell(h.indexOf("Reason for Movement") + 1).value).toBe("0");

    const yieldRows = (await firstRows(get("ZRPP062"), 200)).slice(1);
    const y = LAYOUTS.ZRPP062.headers;
    const liquid = yieldRows.map((r) => r.getCell(y.indexOf("Order SFG Liquid") + 1).value).find((v) => v !== null);
    expect(liquid).toMatch(/^010000\d{6}$/);
    const sg = yieldRows.map((r) => r.getCell(y.indexOf("SG Actual") + 1).value).filter((v) => typeof v === "string");
    expect(sg.some((v) => /^\d,\d{3}$/.test(v as string))).toBe(true);
    expect(sg.some((v) => v === "?")).toBe(true);

    const zr = (await firstRows(get("ZRMM024"), 3))[1]!;
    const z = LAYOUTS.ZRMM024.headers;
    expect(zr.getCell(z.indexOf("Mat. Doc. GI") + 1).value).toBe("Summary");
    expect(zr.getCell(z.indexOf("GI Date") + 1).value).toBeNull();
    expect(zr.getCell(z.indexOf("Item") + 1).value).toBe("10");

    const status = (await firstRows(get("COOISPI"), 50)).slice(1).map((r) => String(r.getCell(LAYOUTS.COOISPI.headers.indexOf("System Status") + 1).value));
    expect(status.some((s) => s.endsWith("*") && s.includes("  "))).toBe(true);

    const target = (await firstRows(get("TARGET"), 2))[1]!;
    expect(typeof target.getCell(4).value).toBe("number");
    expect(target.getCell(4).numFmt).toContain("#,##0");

    const ar = (await firstRows(get("ZRFI005"), 2))[1]!;
    expect(ar.getCell(LAYOUTS.ZRFI005.headers.indexOf("Distribution Channel") + 1).value).toMatch(/^1[135]$/);
    expect(ar.getCell(LAYOUTS.ZRFI005.headers.indexOf("Customer Group") + 1).value).toMatch(/^\d\d$/);
  });

  it("keeps the report identities", () => {
    for (let i = 0; i < 2; i++) {
      const t = table(csvFiles, "ZRPP062", i);
      const [gi, gr, pc, bp, loss, pct, qty, variance, variancePct] = [
        "GI SFG Liquid to Order Filling",
        "GR Qty to 0201",
        "Pc to Kg (actual)",
        "GR By-Product",
        "Lossess FG Result (Kg)",
        "Lossess FG Result (%)",
        "Process Order Qty",
        "Variant FG (PC)",
        "Variant FG (%)",
      ].map((n) => col(t, n));
      for (const r of t.rows) {
        const n = (i: number) => Number(r[i!]);
        expect(n(loss)).toBeCloseTo(n(gi) - n(gr) * n(pc) - n(bp), 6);
        if (n(gi) > 0) expect(n(pct)).toBeCloseTo((n(loss) / n(gi)) * 100, 1);
        else expect(n(pct)).toBe(0);
        expect(n(variance)).toBe(n(gr) - n(qty));
        expect(n(variancePct)).toBeCloseTo((n(variance) / n(qty)) * 100, 1);
      }
      expect(t.rows.length).toBeGreaterThan(50);
    }

    const ar = table(csvFiles, "ZRFI005");
    const targets = ["Target 1-30 Days", "Target 31-60 Days", "Target 61 - 90 Days", "Target 91 - 120 Days", "Target 121 - 180 Days", "Target > 180 Days"].map((n) => col(ar, n));
    const realizations = [
      "Realization Not Due",
      "Realization 1 - 30 Days",
      "Realization 31 - 60 Days",
      "Realization 61 - 90 Days",
      "Realization 91 - 120 Days",
      "Realization 121 - 180 Days",
      "Realization > 180 Days",
    ].map((n) => col(ar, n));
    for (const r of ar.rows) {
      expect(Number(r[col(ar, "Total Target")])).toBe(targets.reduce((s, i) => s + Number(r[i]), 0));
      expect(Number(r[col(ar, "Total Realization")])).toBe(realizations.reduce((s, i) => s + Number(r[i]), 0));
    }
    expect(ar.rows.some((r) => Number(r[col(ar, "Target > 180 Days")]) > 0)).toBe(true);

    const bill = table(csvFiles, "ZRSD002");
    for (const r of bill.rows) {
      const n = (name: string) => Number(r[col(bill, name)]);
      expect(n("Total")).toBe(n("Net Value") + n("Tax"));
      expect(n("Net Value")).toBe(n("Total Price") - n("Discount Item") - n("Discount (Header)"));
      expect(n("Total Price")).toBe(n("Price") * n("Billing Qty"));
    }

    const po = table(csvFiles, "ZRMM024");
    for (const r of po.rows) {
      const n = (name: string) => Number(r[col(po, name)]);
      expect(n("Tonnage Order")).toBeCloseTo(n("Qty. Order") * n("Gross Weight"), 6);
      expect(n("Qty. GI")).toBe(n("Qty. Receipt") + n("Qty. Intransit"));
      expect(["@5B@", "@5C@"]).toContain(r[col(po, "GR Status")]);
    }
    expect(po.rows.some((r) => Number(r[col(po, "Qty. Intransit")]) > 0)).toBe(true);
  });

  it("links one make-to-order chain end to end", () => {
    const orders = table(csvFiles, "COOISPI");
    const mb = table(csvFiles, "MB51");
    const pos = table(csvFiles, "ZRMM024");
    const deliveries = table(csvFiles, "ZRSD004");
    const invoices = table(csvFiles, "ZRSD002");
    const m = (name: string) => col(mb, name);
    const byBatch = new Map<string, string[][]>();
    for (const r of mb.rows) {
      const b = r[m("Batch")]!;
      if (!byBatch.has(b)) byBatch.set(b, []);
      byBatch.get(b)!.push(r);
    }
    let linked = 0;
    for (const o of orders.rows) {
      if (o[col(orders, "Order Type")] !== "201O" || !o[col(orders, "Actual finish date")]) continue;
      const so = o[col(orders, "Sales Order")]!;
      expect(so).toMatch(/^21\d{7}$/);
      expect(o[col(orders, "MRP controller")]).toBe("P01");
      const batch = o[col(orders, "Batch")]!;
      const lines = byBatch.get(batch) ?? [];
      const prod = lines.find((r) => r[m("Movement Type")] === "101" && r[m("Plant")] === "1201" && r[m("Storage Location")] === "0201");
      const gi351 = lines.find((r) => r[m("Movement Type")] === "351" && r[m("Plant")] === "1201");
      const dc = lines.find((r) => r[m("Movement Type")] === "101" && r[m("Plant")] === "1401");
      const pgi = lines.find((r) => r[m("Movement Type")] === "601" && r[m("Plant")] === "1401");
      if (!prod || !gi351 || !dc || !pgi) continue;
      const poNo = dc[m("Purchase Order")]!;
      expect(poNo).toMatch(/^44\d{8}$/);
      expect(gi351[m("Purchase Order")]).toBe(poNo);
      expect(prod[m("Material Document")]).toMatch(/^50\d{8}$/);
      expect(Number(prod[m("Qty in Un. of Entry")])).toBe(Number(o[col(orders, "Delivered quantity (GMEIN)")]));
      const poRow = pos.rows.find((r) => r[col(pos, "Purch. Order")] === poNo && r[col(pos, "Material")] === o[col(orders, "Material Number")]);
      if (!poRow) continue; // PO dated before the window
      expect(poRow[col(pos, "MTS / MTO")]).toBe("MTO");
      expect(poRow[col(pos, "Purch. Date")]! <= o[col(orders, "Release date (actual)")]!).toBe(true);
      // the in-transit half of the 351 pair has blank sloc and batch
      expect(mb.rows.some((r) => r[m("Movement Type")] === "351" && r[m("Plant")] === "1401" && r[m("Purchase Order")] === poNo && r[m("Storage Location")] === "" && r[m("Batch")] === "")).toBe(true);
      const delivery = pgi[m("Reference")]!;
      expect(delivery).toMatch(/^191\d{7}$/);
      const dLine = deliveries.rows.find((r) => r[col(deliveries, "Delivery")] === delivery && r[col(deliveries, "Description")] === pgi[m("Material Description")]);
      expect(dLine, `delivery ${delivery}`).toBeDefined();
      expect(dLine![col(deliveries, "SO Reference")]).toBe(so);
      const invoice = invoices.rows.find((r) => r[col(invoices, "Doc Reference (OD).")] === delivery);
      expect(invoice, `invoice for ${delivery}`).toBeDefined();
      expect(invoice![col(invoices, "Billing Document")]).toMatch(/^193\d{7}$/);
      expect(invoice![col(invoices, "SO No.")]).toBe(so);
      expect(invoice![col(invoices, "Billing Date")]).toBe(dLine![col(deliveries, "Actual GI Date")]);
      linked++;
    }
    expect(linked).toBeGreaterThan(5);
  });

  it("has the situations the dashboards look for", () => {
    for (const f of csvFiles) {
      const text = fs.readFileSync(f.path, "utf8");
      expect(text === text.normalize("NFC"), `${f.path} is NFC`).toBe(true);
    }
    const orders = table(csvFiles, "COOISPI");
    const wip = orders.rows.filter((r) => r[col(orders, "MRP controller")] === "P01" && r[col(orders, "Actual finish date")] === "");
    expect(wip.length).toBeGreaterThan(0);
    expect(wip.every((r) => r[col(orders, "Release date (actual)")]! >= "2026-01-01")).toBe(true);

    const mb = table(csvFiles, "MB51");
    const m = (name: string) => col(mb, name);
    const dcBatches = new Set(mb.rows.filter((r) => r[m("Movement Type")] === "101" && r[m("Plant")] === "1401").map((r) => r[m("Batch")]));
    const issued = mb.rows.filter((r) => r[m("Movement Type")] === "351" && r[m("Plant")] === "1201");
    expect(issued.some((r) => !dcBatches.has(r[m("Batch")]!))).toBe(true); // still in transit at the cut-off

    const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();
    const dcDate = new Map(mb.rows.filter((r) => r[m("Movement Type")] === "101" && r[m("Plant")] === "1401").map((r) => [r[m("Batch")]!, r[m("Posting Date")]!]));
    expect(issued.some((r) => weekday(r[m("Posting Date")]!) === 5 && weekday(dcDate.get(r[m("Batch")]!) ?? "1970-01-01") === 1)).toBe(true);

    const seen = new Set<string>();
    let duplicates = 0;
    for (const r of mb.rows) {
      const key = r.join("\u0001");
      if (seen.has(key)) duplicates++;
      seen.add(key);
    }
    expect(duplicates).toBeGreaterThan(0);

    for (let i = 0; i < 2; i++) {
      const y = table(csvFiles, "ZRPP062", i);
      expect(y.rows.some((r) => Number(r[col(y, "GI SFG Liquid to Order Filling")]) > 0 && Number(r[col(y, "Lossess FG Result (%)")]) > 15)).toBe(true);
    }
  });

  it("links fills to liquids and nets deliveries against MB51", () => {
    const orders = table(csvFiles, "COOISPI");
    const yieldRows = table(csvFiles, "ZRPP062", 1);
    const byOrder = new Map(orders.rows.map((r) => [r[col(orders, "Order")]!, r]));
    let adjacent = 0;
    for (const r of yieldRows.rows) {
      const liquid = r[col(yieldRows, "Order SFG Liquid")]!;
      if (!liquid) continue;
      const p02 = byOrder.get(liquid.replace(/^0+/, ""));
      if (!p02) continue;
      expect(p02[col(orders, "MRP controller")]).toBe("P02");
      if (Number(liquid) === Number(r[col(yieldRows, "Process Order")]) + 1) {
        adjacent++;
        const batch = r[col(yieldRows, "Batch")]!;
        const run = Number(batch.slice(3, 8));
        expect(p02[col(orders, "Batch")]).toBe(batch.slice(0, 3) + String(run + 1).padStart(5, "0") + "10");
      }
    }
    expect(adjacent).toBeGreaterThan(50);

    // Σ delivery qty per (delivery, description) = net −601 + 602 at 1401 for that reference
    const mb = table(csvFiles, "MB51");
    const deliveries = table(csvFiles, "ZRSD004");
    const net = new Map<string, number>();
    for (const r of mb.rows) {
      const mvt = r[col(mb, "Movement Type")];
      if ((mvt !== "601" && mvt !== "602") || r[col(mb, "Plant")] !== "1401") continue;
      const key = `${r[col(mb, "Reference")]}|${r[col(mb, "Material Description")]}`;
      net.set(key, (net.get(key) ?? 0) - Number(r[col(mb, "Qty in Un. of Entry")]));
    }
    let checked = 0;
    const sums = new Map<string, number>();
    for (const r of deliveries.rows) {
      if (r[col(deliveries, "Delivery Type")] !== "ZDA1") continue;
      const key = `${r[col(deliveries, "Delivery")]}|${r[col(deliveries, "Description")]}`;
      sums.set(key, (sums.get(key) ?? 0) + Number(r[col(deliveries, "Delivery Qty")]));
    }
    for (const [key, qty] of sums) {
      expect(net.get(key), key).toBe(qty);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
    expect(mb.rows.some((r) => r[col(mb, "Movement Type")] === "602")).toBe(true);
  });
});
