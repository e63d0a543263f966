/**
 * Values and words of an export in its language: vi-VN writes `1.234,5` and `21/01/2026`, en (en-US)
 * writes `1,234.5` and `01/21/2026`. Times are shown in the business time zone, Asia/Ho_Chi_Minh
 * (DOMAIN.md §5 item 26). Used by the CSV and PDF writers; the XLSX writer stores real numbers and
 * dates and only takes its date formats from here.
 */
import type { CellValue, ExportColumn, Lang, Localized } from "./types.js";

export const BUSINESS_TIME_ZONE = "Asia/Ho_Chi_Minh";

const LOCALE: Record<Lang, string> = { en: "en-US", vi: "vi-VN" };

export const WORDS = {
  filters: { en: "Filters", vi: "Bộ lọc" },
  noFilters: { en: "none (defaults)", vi: "không (mặc định)" },
  asOf: { en: "As of", vi: "Số liệu đến ngày" },
  generatedAt: { en: "Generated", vi: "Thời điểm xuất" },
  rows: { en: "Rows", vi: "Số dòng" },
  noRows: { en: "No rows match the filters.", vi: "Không có dòng nào khớp với bộ lọc." },
  yes: { en: "Yes", vi: "Có" },
  no: { en: "No", vi: "Không" },
  about: { en: "About", vi: "Thông tin" },
  title: { en: "Report", vi: "Báo cáo" },
  note: { en: "Note", vi: "Ghi chú" },
  timeZone: { en: "Asia/Ho_Chi_Minh time, UTC+7", vi: "giờ Việt Nam, UTC+7" },
} satisfies Record<string, Localized>;

/** "Only the first 100,000 rows …" in the export's language. */
export function truncationNote(limit: number, lang: Lang): string {
  const count = formatInteger(limit, lang);
  return lang === "vi"
    ? `Chỉ gồm ${count} dòng đầu tiên: hãy thu hẹp bộ lọc để xuất phần còn lại.`
    : `Only the first ${count} rows are included: narrow the filters to export the rest.`;
}

export function pageLabel(page: number, pages: number, lang: Lang): string {
  return lang === "vi" ? `Trang ${page}/${pages}` : `Page ${page} of ${pages}`;
}

/** A cell as text in the language: empty for no value. */
export function formatCell(value: CellValue, column: Pick<ExportColumn<unknown>, "type" | "decimals">, lang: Lang): string {
  if (value === null || value === undefined) return "";
  switch (column.type) {
    case "integer":
      return formatInteger(Number(value), lang);
    case "number":
      return numberFormat(lang, column.decimals ?? 2).format(Number(value));
    case "percent":
      return percentFormat(lang, column.decimals ?? 1).format(Number(value) / 100);
    case "date":
      return formatDate(String(value), lang);
    case "datetime":
      return formatDateTime(value instanceof Date ? value : new Date(String(value)), lang);
    case "boolean":
      return (value ? WORDS.yes : WORDS.no)[lang];
    case "text":
      return String(value);
  }
}

export function formatInteger(value: number, lang: Lang): string {
  return numberFormat(lang, 0).format(value);
}

/** `YYYY-MM-DD` → `DD/MM/YYYY` (vi) or `MM/DD/YYYY` (en). */
export function formatDate(isoDate: string, lang: Lang): string {
  const [year, month, day] = isoDate.slice(0, 10).split("-");
  return lang === "vi" ? `${day}/${month}/${year}` : `${month}/${day}/${year}`;
}

/** A moment as the business clock shows it: `DD/MM/YYYY HH:mm` (vi) or `MM/DD/YYYY HH:mm` (en). */
export function formatDateTime(moment: Date, lang: Lang): string {
  const wall = businessWallClock(moment).toISOString();
  return `${formatDate(wall, lang)} ${wall.slice(11, 16)}`;
}

/**
 * The business time zone's wall clock as a UTC `Date` (what a spreadsheet, which has no time zones,
 * should show). Vietnam has kept UTC+7 without daylight saving since 1975, but ask Intl anyway.
 */
export function businessWallClock(moment: Date): Date {
  const parts = Object.fromEntries(
    WALL_CLOCK.formatToParts(moment)
      .filter((part) => part.type !== "literal")
      .map((part) => [part.type, Number(part.value)]),
  );
  return new Date(Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second));
}

/** Spreadsheet number formats of date and date-time cells. */
export const XLSX_DATE_FORMAT: Record<Lang, string> = { en: "mm/dd/yyyy", vi: "dd/mm/yyyy" };
export const XLSX_DATETIME_FORMAT: Record<Lang, string> = { en: "mm/dd/yyyy hh:mm", vi: "dd/mm/yyyy hh:mm" };

const WALL_CLOCK = new Intl.DateTimeFormat("en-US", {
  timeZone: BUSINESS_TIME_ZONE,
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
  hourCycle: "h23",
});

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Lang, decimals: number): Intl.NumberFormat {
  return cached(`n${lang}${decimals}`, () => new Intl.NumberFormat(LOCALE[lang], { minimumFractionDigits: decimals, maximumFractionDigits: decimals }));
}

function percentFormat(lang: Lang, decimals: number): Intl.NumberFormat {
  return cached(
    `p${lang}${decimals}`,
    () => new Intl.NumberFormat(LOCALE[lang], { style: "percent", minimumFractionDigits: decimals, maximumFractionDigits: decimals }),
  );
}

function cached(key: string, create: () => Intl.NumberFormat): Intl.NumberFormat {
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = create()));
  return format;
}
