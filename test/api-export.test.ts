/**
 * Exports (`GET /export/<table>.<csv|xlsx|pdf>`) against a running server with the real samples
 * loaded: every table in every format answers with its content type; the XLSX parses back (exceljs)
 * with the rows the domain functions return, as typed cells, and headers in the asked language; the
 * CSV has as many rows; the PDF renders (pdftoppm, when poppler-utils is installed) and shows its
 * title in the asked language; plant scoping, 401, 403, 404 and 400. The five tables beyond
 * CONTRACT.md hold, in CSV and XLSX, exactly the rows of their GraphQL field for the same filter and
 * token. The writers' own rules (CSV formula injection, truncation notes) are checked on small
 * documents without a server.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../api/src/db/database.js";
import { listAlerts } from "../api/src/domain/alert-list.js";
import { arCustomers } from "../api/src/domain/ar.js";
import { resolveAsOf } from "../api/src/domain/as-of.js";
import { nettedMovementsOfBatches } from "../api/src/domain/batch-trace.js";
import { leadTimeOrders } from "../api/src/domain/lead-time.js";
import { materialMovements } from "../api/src/domain/movements.js";
import { otifDeliveries } from "../api/src/domain/otif.js";
import { productionFlows } from "../api/src/domain/production-flows.js";
import { salesByCustomer } from "../api/src/domain/sales.js";
import { semesterAchievement } from "../api/src/domain/targets.js";
import { fillingYieldOrderNumbers, fillingYields, lossPareto } from "../api/src/domain/yield.js";
import { writeCsv } from "../api/src/export/format-csv.js";
import { pdfFontEmbedded, writePdf } from "../api/src/export/format-pdf.js";
import { writeXlsx } from "../api/src/export/format-xlsx.js";
import { businessWallClock, formatCell } from "../api/src/export/localize.js";
import { EXPORT_TABLES } from "../api/src/export/tables.js";
import type { CellValue, ExportColumn, ExportDocument, ExportTable, Lang } from "../api/src/export/types.js";
import type { Role } from "../api/src/graphql/auth.js";
import { startApiFixture, type ApiFixture } from "./support/api-fixture.js";
import { backends } from "./support/databases.js";
import { samplesPresent } from "./support/samples.js";

const FILES = [
  "mb51.XLSX",
  "cooispi.XLSX",
  "zrmm024.XLSX",
  "zrsd002.XLSX",
  "zrsd004.XLSX",
  "ZRFI005.XLSX",
  "zrpp062.XLSX",
  "target.xlsx",
  "11.XLSX",
  "13.XLSX",
  "15.XLSX",
];

const TABLE_NAMES = [
  "leadtime-orders",
  "alerts",
  "sales-targets",
  "ar-customers",
  "otif-deliveries",
  "movements",
  "batch-movements",
  "production-flows",
  "loss-pareto",
  "filling-yields",
  "sales-customers",
] as const;
type TableName = (typeof TABLE_NAMES)[number];
const PLANT_TABLES = ["leadtime-orders", "alerts", "movements", "production-flows", "loss-pareto", "filling-yields"] as const;
const COMPANY_WIDE_TABLES = ["sales-targets", "ar-customers", "otif-deliveries", "sales-customers"] as const;
/** Tables whose `from`/`to` are ZRPP062 periods (YYYY-MM), as in their GraphQL filters. */
const PERIOD_TABLES = ["production-flows", "loss-pareto", "filling-yields"] as const;
/** A batch at the factory (1201) and the DC (1401), partially reversed there (DOMAIN.md example A). */
const BATCH = "26A2597910";
/** What a table needs beyond the defaults: batch-movements has no default batch. */
const REQUIRED_QUERY: Partial<Record<TableName, string>> = { "batch-movements": `batch=${BATCH}` };
const FORMATS = ["csv", "xlsx", "pdf"] as const;
const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
};
/** A Vietnamese header of each table, to recognise `lang=vi`. */
const VIETNAMESE_HEADER: Record<TableName, string> = {
  "leadtime-orders": "Lệnh sản xuất",
  alerts: "Mức độ",
  "sales-targets": "Nhân viên kinh doanh",
  "ar-customers": "Tên khách hàng",
  "otif-deliveries": "Ngày giao kế hoạch",
  movements: "Mã vật tư",
  "batch-movements": "Loại chuyển động",
  "production-flows": "Đến",
  "loss-pareto": "Tỷ trọng cộng dồn",
  "filling-yields": "Hiệu suất",
  "sales-customers": "Doanh thu (VND)",
};
const NO_LIMIT = 1_000_000;

const hasPoppler = spawnSync("pdftoppm", ["-v"]).error === undefined;
const pictures = mkdtempSync(join(tmpdir(), "alkana-export-test-"));

function table(name: TableName): ExportTable {
  return EXPORT_TABLES.get(name)!;
}

/** `/export/<name>.<format>` with what the table needs and the given parameters. */
function exportPath(name: TableName, format: string, query = ""): string {
  const parameters = [REQUIRED_QUERY[name], query].filter(Boolean).join("&");
  return `/export/${name}.${format}${parameters ? `?${parameters}` : ""}`;
}

/** How the CSV writes a value: formatted in en, text that looks like a formula prefixed with `'`. */
function csvCell(column: ExportColumn<unknown>, value: CellValue): string {
  const text = formatCell(value, column, "en");
  return column.type === "text" && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** What a typed XLSX cell holds for a value (exceljs reads dates back as UTC `Date`s). */
function xlsxCell(column: ExportColumn<unknown>, value: CellValue): unknown {
  if (value === null) return null;
  switch (column.type) {
    case "percent":
      return (value as number) / 100;
    case "date":
      return new Date(`${value as string}T00:00:00Z`);
    case "datetime":
      return businessWallClock(value as Date);
    default:
      return value;
  }
}

async function readXlsx(body: Buffer): Promise<{ header: unknown[]; rows: unknown[][]; sheet: ExcelJS.Worksheet; workbook: ExcelJS.Workbook }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const lines: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values = (row.values as unknown[]).slice(1);
    lines.push(Array.from({ length: sheet.columnCount }, (_, index) => values[index] ?? null));
  });
  const [header, ...rows] = lines;
  return { header, rows, sheet, workbook };
}

function pdfText(pdf: Buffer, lastPage = 1): string {
  const file = join(pictures, `text-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return spawnSync("pdftotext", ["-l", String(lastPage), "-layout", file, "-"], { encoding: "utf8" }).stdout;
}

/** How the PDF writes text: without diacritics when the Vietnamese font package is not installed. */
function asPdfShowsIt(text: string): string {
  return pdfFontEmbedded() ? text : text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D");
}

describe.skipIf(!samplesPresent).each(backends)("export routes on $name", (backend) => {
  let api: ApiFixture;
  let database: Database;
  let config: ApiFixture["config"];
  let asOf: string;
  let admin: string;
  let domainRows: Record<TableName, unknown[]>;
  const token = (role: Role, plants?: string[]) => api.token(role, plants);

  beforeAll(async () => {
    api = await startApiFixture(backend, { files: FILES });
    ({ database, config } = api);
    admin = await token("admin");
    const db = database.db;
    asOf = (await resolveAsOf(db, config.asOf)).date;
    // The rows each export must hold with no filter, read straight from the domain layer.
    domainRows = {
      "leadtime-orders": (await leadTimeOrders(db, {}, asOf, config, { limit: NO_LIMIT, offset: 0 })).orders,
      alerts: await listAlerts(db, { status: "ACTIVE" }, { limit: NO_LIMIT }),
      "sales-targets": (await semesterAchievement(db, asOf, config)).salesmen,
      "ar-customers": (await arCustomers(db, { limit: NO_LIMIT }))!.customers,
      "otif-deliveries": (await otifDeliveries(db, asOf, { limit: NO_LIMIT })).deliveries,
      movements: await materialMovements(db, asOf, {}),
      "batch-movements": await nettedMovementsOfBatches(db, [BATCH]),
      "production-flows": await productionFlows(db, {}).then(({ nodes, links }) => {
        const labels = new Map(nodes.map((node) => [node.id, node.label]));
        return links.map((link) => ({ ...link, sourceLabel: labels.get(link.source), targetLabel: labels.get(link.target) }));
      }),
      "loss-pareto": (await lossPareto(db, {}, 10)).materials,
      "filling-yields": await fillingYieldOrderNumbers(db, {}, { limit: NO_LIMIT, offset: 0 }).then(async (numbers) => {
        const found = await fillingYields(db, numbers, config);
        return numbers.map((number) => found.get(number));
      }),
      "sales-customers": (await salesByCustomer(db, asOf, {})).customers,
    };
  }, 600_000);
  afterAll(async () => {
    await api?.close();
  });

  async function download(path: string, bearer: string | null = admin) {
    const response = await fetch(`${api.base}${path}`, { headers: bearer ? { Authorization: `Bearer ${bearer}` } : {} });
    const body = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, body, json: () => JSON.parse(body.toString("utf8")) };
  }

  it("has rows in every table of the samples (otherwise the comparisons below prove little)", () => {
    expect(asOf).toBe("2026-01-21");
    for (const name of TABLE_NAMES) expect(domainRows[name].length, name).toBeGreaterThan(0);
  });

  describe.each(TABLE_NAMES)("%s", (name) => {
    it.each(FORMATS)("answers .%s with 200, its content type and an attachment named after the as-of date", async (format) => {
      const response = await download(exportPath(name, format));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe(CONTENT_TYPES[format]);
      expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${name}-${asOf}.${format}"`);
      expect(response.headers.get("x-export-rows")).toBe(String(Math.min(domainRows[name].length, format === "pdf" ? 10_000 : 100_000)));
      expect(response.headers.get("x-export-truncated")).toBe("false");
    });

    it("XLSX parses back with the domain's rows as typed cells and English headers by default", async () => {
      const { header, rows, sheet, workbook } = await readXlsx((await download(exportPath(name, "xlsx"))).body);
      const columns = table(name).columns;
      expect(header).toEqual(columns.map((column) => column.header.en));
      expect(rows).toHaveLength(domainRows[name].length);
      expect(rows).toEqual(domainRows[name].map((row) => columns.map((column) => xlsxCell(column, column.value(row)))));
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(sheet.getRow(1).font?.bold).toBe(true);
      const dateColumn = columns.findIndex((column) => column.type === "date");
      if (dateColumn >= 0) expect(sheet.getRow(2).getCell(dateColumn + 1).numFmt).toBe("mm/dd/yyyy");
      expect(workbook.worksheets[1].getCell("B3").value).toBe("01/21/2026");
    });

    it("XLSX has Vietnamese headers and day-first dates with lang=vi", async () => {
      const { header, rows, sheet } = await readXlsx((await download(exportPath(name, "xlsx", "lang=vi"))).body);
      const columns = table(name).columns;
      expect(header).toEqual(columns.map((column) => column.header.vi));
      expect(header).toContain(VIETNAMESE_HEADER[name]);
      expect(rows).toHaveLength(domainRows[name].length);
      const dateColumn = columns.findIndex((column) => column.type === "date");
      if (dateColumn >= 0) expect(sheet.getRow(2).getCell(dateColumn + 1).numFmt).toBe("dd/mm/yyyy");
    });

    it("CSV (UTF-8 with BOM) has the same rows, headers in the language, numbers and dates formatted for it", async () => {
      const columns = table(name).columns;
      for (const lang of ["en", "vi"] as Lang[]) {
        const response = await download(exportPath(name, "csv", lang === "vi" ? "lang=vi" : ""));
        expect([...response.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const [header, ...rows] = parse(response.body.toString("utf8"), { bom: true }) as string[][];
        expect(header).toEqual(columns.map((column) => column.header[lang]));
        expect(rows).toHaveLength(domainRows[name].length);
        const dateColumn = columns.findIndex((column) => column.type === "date");
        const firstDate = rows.map((row) => row[dateColumn]).find((value) => value);
        if (dateColumn >= 0 && firstDate) {
          const [year, month, day] = (columns[dateColumn].value(domainRows[name][rows.findIndex((row) => row[dateColumn])]) as string).split("-");
          expect(firstDate).toBe(lang === "vi" ? `${day}/${month}/${year}` : `${month}/${day}/${year}`);
        }
      }
    });

    it("PDF renders, with its title in the asked language", async () => {
      for (const lang of ["en", "vi"] as Lang[]) {
        const response = await download(exportPath(name, "pdf", `lang=${lang}`));
        expect(response.body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
        if (!hasPoppler) continue;
        const pdf = join(pictures, `${name}-${lang}.pdf`);
        writeFileSync(pdf, response.body);
        const render = spawnSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, join(pictures, `${name}-${lang}`)]);
        expect(render.status, render.stderr?.toString()).toBe(0);
        expect(statSync(join(pictures, `${name}-${lang}.png`)).size).toBeGreaterThan(10_000);
        expect(pdfText(response.body)).toContain(asPdfShowsIt(table(name).title[lang]));
      }
    });
  });

  it.skipIf(!hasPoppler)("PDF embeds a font and shows Vietnamese diacritics when the font package is installed", async () => {
    const response = await download(`/export/movements.pdf?lang=vi`);
    const file = join(pictures, "movements-fonts.pdf");
    writeFileSync(file, response.body);
    const fonts = spawnSync("pdffonts", [file], { encoding: "utf8" }).stdout;
    const text = pdfText(response.body);
    if (pdfFontEmbedded()) {
      expect(fonts).toMatch(/NotoSans-Regular\s+CID TrueType\s+Identity-H\s+yes/);
      expect(text).toContain("Biến động vật tư");
      expect(text).toContain("Khối lượng");
    } else {
      expect(text).toContain("Bien dong vat tu");
      expect(text).toContain("@fontsource/noto-sans");
    }
  });

  it("applies the filters like the API (lead time by status, movements by plant and window)", async () => {
    const delayed = await readXlsx((await download(`/export/leadtime-orders.xlsx?status=delayed`)).body);
    const expected = (await leadTimeOrders(database.db, { status: "DELAYED" }, asOf, config, { limit: NO_LIMIT, offset: 0 })).orders;
    expect(expected.length).toBeGreaterThan(0);
    expect(delayed.rows.map((row) => row[0])).toEqual(expected.map((order) => order.orderNumber));

    const window = { from: "2026-01-05", to: "2026-01-15" };
    const movements = await readXlsx((await download(`/export/movements.xlsx?plants=1401&from=${window.from}&to=${window.to}`)).body);
    const expectedMovements = await materialMovements(database.db, asOf, { ...window, plants: ["1401"] });
    expect(movements.rows.map((row) => `${row[0]}/${row[1]}`)).toEqual(expectedMovements.map((m) => `${m.plant}/${m.material}`));
  });

  it("gives a plant-restricted token only its plants, and 403 for company-wide tables or other plants", async () => {
    const restricted = await token("viewer", ["1201"]);
    const expectedOrders = (await leadTimeOrders(database.db, { plants: ["1201"] }, asOf, config, { limit: NO_LIMIT, offset: 0 })).orders;
    const expectedMovements = await materialMovements(database.db, asOf, { plants: ["1201"] });
    const expectedAlerts = await listAlerts(database.db, { status: "ACTIVE", plants: ["1201"] }, { limit: NO_LIMIT });
    expect(expectedOrders.length).toBeGreaterThan(0);
    expect(expectedMovements.length).toBeGreaterThan(0);
    expect(expectedMovements.length).toBeLessThan(domainRows.movements.length);

    const orders = await readXlsx((await download(`/export/leadtime-orders.xlsx`, restricted)).body);
    expect(orders.rows.map((row) => row[0])).toEqual(expectedOrders.map((order) => order.orderNumber));
    expect(new Set(orders.rows.map((row) => row[2]))).toEqual(new Set(["1201"]));

    const movements = await readXlsx((await download(`/export/movements.xlsx`, restricted)).body);
    expect(movements.rows).toHaveLength(expectedMovements.length);
    expect(movements.rows.every((row) => row[0] === "1201")).toBe(true);

    const alerts = await readXlsx((await download(`/export/alerts.xlsx`, restricted)).body);
    expect(alerts.rows.map((row) => row[0])).toEqual(expectedAlerts.map((alert) => alert.id));
    expect(alerts.rows.every((row) => row[5] === "1201")).toBe(true);

    for (const name of COMPANY_WIDE_TABLES) {
      for (const format of FORMATS) {
        const response = await download(`/export/${name}.${format}`, restricted);
        expect(response.status, `${name}.${format}`).toBe(403);
        expect(response.json().code).toBe("FORBIDDEN");
      }
    }
    for (const name of PLANT_TABLES) {
      const response = await download(`/export/${name}.csv?plants=1401`, restricted);
      expect(response.status, name).toBe(403);
    }
  });

  /** The CSV and the XLSX of an export hold exactly `expected` (values in column order), under English headers. */
  async function expectRows(name: TableName, query: string, expected: CellValue[][], bearer = admin) {
    const columns = table(name).columns;
    const csv = await download(`/export/${name}.csv?${query}`, bearer);
    expect(csv.status, `${name}?${query}`).toBe(200);
    expect(csv.headers.get("x-export-rows")).toBe(String(expected.length));
    const [header, ...rows] = parse(csv.body.toString("utf8"), { bom: true }) as string[][];
    expect(header).toEqual(columns.map((column) => column.header.en));
    expect(rows).toEqual(expected.map((row) => row.map((value, index) => csvCell(columns[index], value))));
    const xlsx = await readXlsx((await download(`/export/${name}.xlsx?${query}`, bearer)).body);
    expect(xlsx.rows).toEqual(expected.map((row) => row.map((value, index) => xlsxCell(columns[index], value))));
  }

  /** Every node of a GraphQL connection, following `endCursor` 100 at a time. */
  async function allNodes(field: string, args: string, selection: string, bearer = admin): Promise<Record<string, unknown>[]> {
    const nodes: Record<string, unknown>[] = [];
    let after: string | null = null;
    do {
      const result = await api.graphql(
        `query($after: String) { ${field}(first: 100, after: $after${args ? `, ${args}` : ""}) {
          edges { node { ${selection} } } pageInfo { hasNextPage endCursor } } }`,
        { token: bearer, variables: { after } },
      );
      expect(result.errors, field).toBeUndefined();
      const page = result.data![field];
      nodes.push(...page.edges.map((edge: { node: Record<string, unknown> }) => edge.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after !== null);
    return nodes;
  }

  describe("the tables beyond CONTRACT.md hold the rows of their GraphQL field", () => {
    const MOVEMENT = ["plant", "material", "materialDescription", "movementType", "postingDate", "quantity", "reference", "purchaseOrder", "mb51Id"];
    const movementRow = (m: Record<string, unknown>): CellValue[] => MOVEMENT.map((field) => (field === "mb51Id" ? Number(m[field]) : (m[field] as CellValue)));
    const batchMovements = async (batch: string, plant: string | null, bearer = admin) => {
      const result = await api.graphql(`query($batch: String!, $plant: String) { batch(batch: $batch, plant: $plant) { movements { ${MOVEMENT.join(" ")} } } }`, {
        token: bearer,
        variables: { batch, plant },
      });
      return result;
    };

    it("batch-movements: batch(batch, plant) { movements }, every plant or one", async () => {
      const every = (await batchMovements(BATCH, null)).data!.batch.movements as Record<string, unknown>[];
      expect(new Set(every.map((m) => m.plant))).toEqual(new Set(["1201", "1401"]));
      await expectRows("batch-movements", `batch=${BATCH}`, every.map(movementRow));
      const dc = (await batchMovements(BATCH, "1401")).data!.batch.movements as Record<string, unknown>[];
      expect(dc.length).toBeGreaterThan(0);
      expect(dc.length).toBeLessThan(every.length);
      await expectRows("batch-movements", `batch=${BATCH}&plant=1401`, dc.map(movementRow));
    });

    it("batch-movements: an unknown batch is an empty file, as GraphQL answers null", async () => {
      expect((await batchMovements("NO-SUCH-BATCH", null)).data!.batch).toBeNull();
      await expectRows("batch-movements", "batch=NO-SUCH-BATCH", []);
    });

    it("batch-movements: a plant-restricted token sees its plants, and 403 for another plant, as GraphQL", async () => {
      const dcOnly = await token("viewer", ["1401"]);
      const seen = (await batchMovements(BATCH, null, dcOnly)).data!.batch.movements as Record<string, unknown>[];
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((m) => m.plant === "1401")).toBe(true);
      await expectRows("batch-movements", `batch=${BATCH}`, seen.map(movementRow), dcOnly);

      const refused = await batchMovements(BATCH, "1201", dcOnly);
      expect(refused.errors?.[0].extensions.code).toBe("FORBIDDEN");
      for (const format of FORMATS) {
        const response = await download(`/export/batch-movements.${format}?batch=${BATCH}&plant=1201`, dcOnly);
        expect(response.status, format).toBe(403);
        expect(response.json().code).toBe("FORBIDDEN");
      }
    });

    const flows = async (filter: Record<string, unknown>, bearer = admin) => {
      const result = await api.graphql(`query($filter: ProductionFlowFilter) { productionFlows(filter: $filter) { nodes { id label } links { source target kg } } }`, {
        token: bearer,
        variables: { filter },
      });
      const { nodes, links } = result.data!.productionFlows as { nodes: { id: string; label: string }[]; links: { source: string; target: string; kg: number }[] };
      const labels = new Map(nodes.map((node) => [node.id, node.label]));
      return links.map((link): CellValue[] => [labels.get(link.source)!, labels.get(link.target)!, link.kg, link.source, link.target]);
    };

    it("production-flows: productionFlows(filter) { links } with their nodes' labels", async () => {
      const all = await flows({});
      expect(all.length).toBeGreaterThan(3);
      await expectRows("production-flows", "", all);
      const factory = await flows({ from: "2026-01", to: "2026-01", plants: ["1201"] });
      expect(factory.some((row) => row[3] === "dc-receipt")).toBe(false);
      await expectRows("production-flows", "from=2026-01&to=2026-01&plants=1201", factory);
      const factoryToken = await token("viewer", ["1201"]);
      await expectRows("production-flows", "", await flows({}, factoryToken), factoryToken);
    });

    const PARETO = ["material", "materialDescription", "lossKg", "inputKg", "lossPercent", "sharePercent", "cumulativePercent", "orderCount"];
    const pareto = async (filter: Record<string, unknown>, limit?: number, bearer = admin) => {
      const result = await api.graphql(`query($filter: YieldFilter, $limit: Int) { lossPareto(filter: $filter, limit: $limit) { materials { ${PARETO.join(" ")} } } }`, {
        token: bearer,
        variables: { filter, ...(limit === undefined ? {} : { limit }) },
      });
      return (result.data!.lossPareto.materials as Record<string, CellValue>[]).map((entry) => PARETO.map((field) => entry[field]));
    };

    it("loss-pareto: lossPareto(filter, limit), 10 materials by default", async () => {
      const top = await pareto({});
      expect(top).toHaveLength(10);
      await expectRows("loss-pareto", "", top);
      await expectRows("loss-pareto", "limit=3&from=2026-01&to=2026-01&plants=1201", await pareto({ from: "2026-01", to: "2026-01", plants: ["1201"] }, 3));
      const about = (await readXlsx((await download("/export/loss-pareto.xlsx")).body)).workbook.worksheets[1];
      expect(JSON.stringify(about.getSheetValues())).toContain("limit = 10");
    });

    const FILL = [
      "orderNumber", "period", "plant", "material", "materialDescription", "batch", "liquidOrder", "productGroupCode", "productGroup",
      "grQuantity", "grUnit", "kgPerUnit", "inputKg", "outputKg", "byProductKg", "lossKg", "lossPercent", "yieldPercent", "valid",
      "exclusionReason", "lowYield", "highLoss",
    ];
    const fillRows = (nodes: Record<string, unknown>[]) => nodes.map((node) => FILL.map((field) => node[field] as CellValue));

    it("filling-yields: every page of fillingYields(filter), in its order", async () => {
      const all = await allNodes("fillingYields", "", FILL.join(" "));
      expect(all.length).toBeGreaterThan(100);
      await expectRows("filling-yields", "", fillRows(all));
      const group = all.find((node) => node.productGroup)!.productGroup as string;
      const filter = `filter: { productGroup: ${JSON.stringify(group)}, plants: ["1201"], from: "2026-01" }`;
      const some = await allNodes("fillingYields", filter, FILL.join(" "));
      expect(some.length).toBeGreaterThan(0);
      expect(some.length).toBeLessThan(all.length);
      await expectRows("filling-yields", `productGroup=${encodeURIComponent(group)}&plants=1201&from=2026-01`, fillRows(some));
    });

    const CUSTOMER = ["customerCode", "customerName", "channels", "revenue", "orders", "averageOrderValue", "billingLines"];
    const customerRows = (nodes: Record<string, unknown>[]) =>
      nodes.map((node) => CUSTOMER.map((field) => (field === "channels" ? (node[field] as string[]).join(", ") : (node[field] as CellValue))));

    it("sales-customers: every page of salesCustomers(filter); 403 to a plant-restricted token, as GraphQL", async () => {
      const month = await allNodes("salesCustomers", "", CUSTOMER.join(" "));
      expect(month.length).toBeGreaterThan(0);
      await expectRows("sales-customers", "", customerRows(month));
      const retail = await allNodes("salesCustomers", `filter: { channel: "13", from: "2026-01-01", to: "2026-01-15" }`, CUSTOMER.join(" "));
      expect(retail.length).toBeGreaterThan(0);
      expect(retail.length).toBeLessThan(month.length);
      await expectRows("sales-customers", "channel=13&from=2026-01-01&to=2026-01-15", customerRows(retail));

      const restricted = await token("viewer", ["1201"]);
      const refused = await api.graphql(`{ salesCustomers(first: 1) { totalCount } }`, { token: restricted });
      expect(refused.errors?.[0].extensions.code).toBe("FORBIDDEN");
      expect((await download("/export/sales-customers.csv", restricted)).status).toBe(403);
    });
  });

  it("answers 401 without a token or with a bad one", async () => {
    for (const bearer of [null, "not-a-token"]) {
      const response = await download(`/export/movements.xlsx`, bearer);
      expect(response.status).toBe(401);
      expect(response.json().code).toBe("UNAUTHENTICATED");
    }
  });

  it("answers 404 for an unknown table or format", async () => {
    for (const path of ["/export/orders.csv", "/export/movements.json", "/export/movements"]) {
      const response = await download(path);
      expect(response.status, path).toBe(404);
      expect(response.json().code).toBe("NOT_FOUND");
    }
  });

  it("answers 400 naming the bad parameter", async () => {
    const cases: [string, string][] = [
      ["/export/leadtime-orders.csv?from=2026-02-30", "from"],
      ["/export/leadtime-orders.csv?from=2026-01-20&to=2026-01-10", "from"],
      ["/export/leadtime-orders.csv?status=LATE", "status"],
      ["/export/leadtime-orders.csv?plant=1201", "plant"],
      ["/export/movements.xlsx?lang=fr", "lang"],
      ["/export/movements.xlsx?category=XX", "category"],
      ["/export/movements.xlsx?plants=12%2001", "plants"],
      ["/export/alerts.pdf?types=LOW_YIELD,UNKNOWN", "types"],
      ["/export/sales-targets.csv?semester=3", "semester"],
      ["/export/sales-targets.csv?year=2026&year=2025", "year"],
      ["/export/ar-customers.csv?snapshotDate=2020-01-01", "snapshotDate"],
      ["/export/ar-customers.csv?risk=EXTREME", "risk"],
      ["/export/otif-deliveries.csv?to=yesterday", "to"],
      ["/export/batch-movements.csv", "batch"],
      ["/export/batch-movements.xlsx?plant=1401", "batch"],
      [`/export/batch-movements.csv?batch=${BATCH}&plants=1401`, "plants"],
      [`/export/movements.csv?batch=${BATCH}`, "batch"],
      ["/export/production-flows.csv?from=2026-01-01", "from"],
      ["/export/production-flows.csv?from=2026-02&to=2026-01", "from"],
      ["/export/filling-yields.csv?to=2026-13", "to"],
      ["/export/loss-pareto.csv?limit=51", "limit"],
      ["/export/loss-pareto.csv?limit=0", "limit"],
      ["/export/sales-customers.csv?from=2026-01-20&to=2026-01-10", "from"],
    ];
    for (const [path, parameter] of cases) {
      const response = await download(path);
      expect(response.status, path).toBe(400);
      expect(response.json(), path).toMatchObject({ code: "BAD_USER_INPUT", parameter });
      expect(response.json().error, path).toContain(parameter);
    }
  });

  it("ignores the parameters of other exports, so that one query string serves every table", async () => {
    const shared = "from=2026-01-01&to=2026-01-31&year=2025&semester=1&snapshotDate=2026-01-21&limit=5";
    for (const name of TABLE_NAMES.filter((name) => !(PERIOD_TABLES as readonly string[]).includes(name))) {
      const response = await download(exportPath(name, "csv", shared));
      expect(response.status, name).toBe(200);
    }
    // The yield tables take periods where the others take dates, as their GraphQL filters do.
    for (const name of PERIOD_TABLES) {
      const response = await download(`/export/${name}.csv?from=2026-01&to=2026-01&year=2025&channel=11&status=ACTIVE`);
      expect(response.status, name).toBe(200);
    }
  });

  it("takes lists repeated or comma-separated, and company-wide filters by their GraphQL names", async () => {
    const both = await download(`/export/movements.csv?plants=1201,1401`);
    const repeated = await download(`/export/movements.csv?plants=1201&plants=1401`);
    expect(both.status).toBe(200);
    expect(repeated.body.toString("utf8").split("\r\n").length).toBe(both.body.toString("utf8").split("\r\n").length);

    const ar = await readXlsx((await download(`/export/ar-customers.xlsx?snapshotDate=2026-01-21&risk=HIGH`)).body);
    const expectedAr = (await arCustomers(database.db, { snapshot: "2026-01-21", risk: "HIGH", limit: NO_LIMIT }))!.customers;
    expect(ar.rows.map((row) => row[0])).toEqual(expectedAr.map((customer) => customer.customerCode));

    const otif = await readXlsx((await download(`/export/otif-deliveries.xlsx?channel=11&status=ON_TIME`)).body);
    const expectedOtif = (await otifDeliveries(database.db, asOf, { channel: "11", status: "ON_TIME", limit: NO_LIMIT })).deliveries;
    expect(otif.rows.map((row) => row[0])).toEqual(expectedOtif.map((delivery) => delivery.delivery));

    const targets = await readXlsx((await download(`/export/sales-targets.xlsx?year=2025&semester=2`)).body);
    const expectedTargets = (await semesterAchievement(database.db, asOf, config, { year: 2025, semester: 2 })).salesmen;
    expect(targets.rows.map((row) => row[0])).toEqual(expectedTargets.map((salesman) => salesman.salesmanName));
  });
});

describe("export writers", () => {
  const sampleTable: ExportTable<{ note: string; amount: number | null; share: number; day: string; flag: boolean }> = {
    name: "sample",
    title: { en: "Sample", vi: "Mẫu thử" },
    sheetName: { en: "Sample", vi: "Mẫu thử" },
    companyWide: false,
    parameters: {},
    columns: [
      { header: { en: "Note", vi: "Ghi chú" }, type: "text", width: 20, value: (row) => row.note },
      { header: { en: "Amount", vi: "Số tiền" }, type: "number", width: 12, value: (row) => row.amount },
      { header: { en: "Share", vi: "Tỷ lệ" }, type: "percent", width: 8, value: (row) => row.share },
      { header: { en: "Day", vi: "Ngày" }, type: "date", width: 10, value: (row) => row.day },
      { header: { en: "Flag", vi: "Cờ" }, type: "boolean", width: 6, value: (row) => row.flag },
    ],
    fetch: async () => ({ rows: [], resolved: {} }),
  };
  const rows = [
    { note: "=HYPERLINK(\"http://x\")", amount: -1234567.891, share: 86.4865, day: "2026-01-09", flag: true },
    { note: "+1", amount: null, share: 0, day: "2026-12-31", flag: false },
    { note: "-2", amount: 0.5, share: 100, day: "2026-02-01", flag: true },
    { note: "@SUM(A1)", amount: 3, share: 1, day: "2026-02-02", flag: true },
    { note: "Sơn, \"bóng\"\nmới", amount: 4, share: 2, day: "2026-02-03", flag: false },
  ];
  const document = (lang: Lang, truncated = false): ExportDocument => ({
    table: sampleTable as ExportTable,
    lang,
    rows,
    asOf: "2026-01-21",
    generatedAt: new Date("2026-01-21T03:04:05Z"),
    filters: [["from", "2026-01-01"]],
    rowLimit: 5,
    truncated,
  });

  it("CSV quotes per RFC 4180, defuses formulas in text only, and formats numbers and dates per language", () => {
    const en = parse(writeCsv(document("en")).toString("utf8"), { bom: true }) as string[][];
    expect(en[0]).toEqual(["Note", "Amount", "Share", "Day", "Flag"]);
    expect(en[1]).toEqual(["'=HYPERLINK(\"http://x\")", "-1,234,567.89", "86.5%", "01/09/2026", "Yes"]);
    expect(en[2]).toEqual(["'+1", "", "0.0%", "12/31/2026", "No"]);
    expect(en[3][0]).toBe("'-2");
    expect(en[4][0]).toBe("'@SUM(A1)");
    expect(en[5][0]).toBe("Sơn, \"bóng\"\nmới");
    const vi = parse(writeCsv(document("vi")).toString("utf8"), { bom: true }) as string[][];
    expect(vi[0]).toEqual(["Ghi chú", "Số tiền", "Tỷ lệ", "Ngày", "Cờ"]);
    expect(vi[1].slice(1)).toEqual(["-1.234.567,89", "86,5%", "09/01/2026", "Có"]);
    expect(writeCsv(document("en")).toString("utf8")).toMatch(/\r\n$/);
  });

  it("XLSX writes text as strings (never formulas), numbers, fractions for percentages, dates and booleans", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeXlsx(document("vi", true))) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe("Mẫu thử");
    expect(sheet.getCell("A2").type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell("A2").value).toBe("=HYPERLINK(\"http://x\")");
    expect(sheet.getCell("B2").value).toBe(-1234567.891);
    expect(sheet.getCell("B2").numFmt).toBe("#,##0.00");
    expect(sheet.getCell("B3").value).toBeNull();
    expect(sheet.getCell("C2").value).toBeCloseTo(0.864865, 9);
    expect(sheet.getCell("C2").numFmt).toBe("0.0%");
    expect(sheet.getCell("D2").value).toEqual(new Date("2026-01-09T00:00:00Z"));
    expect(sheet.getCell("E2").value).toBe(true);
    const about = workbook.worksheets[1];
    const facts = Object.fromEntries(about.getSheetValues().slice(1).map((row) => (row as unknown[]).slice(1, 3)));
    expect(facts["Số liệu đến ngày"]).toBe("21/01/2026");
    expect(facts["Thời điểm xuất"]).toMatch(/^21\/01\/2026 10:04/);
    expect(facts["Ghi chú"]).toContain("5 dòng đầu tiên");
  });

  it.skipIf(!hasPoppler)("PDF says when the rows were cut at the cap", async () => {
    const text = pdfText(await writePdf(document("en", true)));
    expect(text).toContain("Only the first 5 rows are included");
    expect(text).toContain("Page 1 of 1");
    expect(text).toContain("01/21/2026");
  });
});

afterAll(() => {
  if (hasPoppler) console.log(`Export test renderings: ${pictures}`);
});
