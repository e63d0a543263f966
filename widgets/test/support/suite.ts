/**
 * Helpers the tests of the newer widgets share: formatting an expected figure with the page's own
 * Intl (so Node's ICU and Chromium's never disagree), a widget's shadow locator, opening the
 * table view, and downloading a widget's CSV export through its menu.
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import type { Page } from "playwright-core";

export type Format =
  | { kind: "vnd" }
  | { kind: "number"; digits?: number }
  | { kind: "percent" }
  | { kind: "kg"; digits?: number };

/** Formats `values` as the widgets do (LocalizeController), in the page. */
export function formatIn(page: Page, locale: "en-US" | "vi-VN", format: Format, values: (number | null)[]): Promise<string[]> {
  return page.evaluate(
    ({ locale, format, values }) =>
      values.map((value) => {
        if (value === null) return "—";
        switch (format.kind) {
          case "vnd":
            return new Intl.NumberFormat(locale, { style: "currency", currency: "VND", maximumFractionDigits: 0 }).format(value);
          case "percent":
            return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(value / 100);
          case "kg":
            return `${new Intl.NumberFormat(locale, { maximumFractionDigits: format.digits ?? 0 }).format(value)} kg`;
          default:
            return new Intl.NumberFormat(locale, { maximumFractionDigits: format.digits ?? 0 }).format(value);
        }
      }),
    { locale, format, values },
  );
}

export function inWidget(page: Page, tag: string, selector: string) {
  return page.locator(`${tag} ${selector}`);
}

export async function showTable(page: Page, tag: string): Promise<void> {
  await inWidget(page, tag, '[part~="table-toggle"]').first().click();
  await inWidget(page, tag, '[part~="table"]').first().waitFor();
}

/** The trimmed texts of every body row of the n-th table of a widget. */
export async function tableRows(page: Page, tag: string, index = 0): Promise<string[][]> {
  const table = page.locator(`${tag} table`).nth(index);
  const rows = await table.locator("tbody tr").all();
  return Promise.all(rows.map(async (row) => (await row.locator("td").allInnerTexts()).map((text) => text.trim())));
}

export async function waitForChart(page: Page, tag: string): Promise<void> {
  await inWidget(page, tag, '[part~="chart-canvas"] canvas, [part~="state"]:not([data-state="loading"])').first().waitFor({ timeout: 90_000 });
  const state = inWidget(page, tag, '[part~="state"]');
  if (await state.count()) throw new Error(`${tag} shows ${await state.first().getAttribute("data-state")}: ${await state.first().innerText()}`);
}

export interface DownloadedCsv {
  fileName: string;
  /** Query parameters of the export request (the token is never among them). */
  params: Record<string, string>;
  /** Whether the request carried the token in its Authorization header. */
  bearer: boolean;
  header: string[];
  /** Data rows keyed by header. */
  rows: Record<string, string>[];
}

/**
 * Picks CSV in the widget's download menu, as a user does, and returns the saved file parsed
 * (RFC 4180, BOM stripped) with the request it came from.
 */
export async function downloadCsv(page: Page, tag: string): Promise<DownloadedCsv> {
  const requested = page.waitForRequest((request) => request.url().includes("/export/"));
  const downloaded = page.waitForEvent("download");
  await inWidget(page, tag, '[part~="export-button"]').first().click();
  await inWidget(page, tag, '[part~="export-menu"] button[data-format="csv"]').first().click();
  const [request, download] = await Promise.all([requested, downloaded]);
  const text = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
  const [header, ...records] = parse(text, { relaxColumnCount: false }) as string[][];
  return {
    fileName: download.suggestedFilename(),
    params: Object.fromEntries(new URL(request.url()).searchParams),
    bearer: /^Bearer ey/.test(request.headers().authorization ?? ""),
    header,
    rows: records.map((record) => Object.fromEntries(header.map((name, index) => [name, record[index]]))),
  };
}

/**
 * A number as an export writes it with `decimals` fixed digits (`1,234.50` en, `1.234,50` vi; a
 * percentage `12.3%`); null is empty. The API formats with Intl in this same Node process, so the
 * strings match exactly.
 */
export function exportNumber(value: number | null, decimals: number, lang: "en" | "vi" = "en", style: "decimal" | "percent" = "decimal"): string {
  if (value === null) return "";
  const format = new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-US", { style, minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return format.format(style === "percent" ? value / 100 : value);
}

/** An en-US number of an export (`1,234.50`, `-7`) as a number; empty is null. */
export function csvNumber(text: string): number | null {
  return text === "" ? null : Number(text.replace(/,/g, ""));
}
