/**
 * PDF (pdfkit): a landscape A4 table with the title, filters, as-of date and generation time on
 * every page, the header row repeated on each page, and "page n of m" in the footer. Cells are one
 * line: text is cut with "…" when too long, numbers and dates shrink instead; headers wrap to three
 * lines. Columns marked `pdf: false` are
 * left to the CSV and XLSX.
 *
 * The font is embedded and covers Vietnamese (CONTRACT.md "HTTP routes"): Noto Sans from the npm
 * package @fontsource/noto-sans, never a system path. Fontsource ships it split by script (latin,
 * vietnamese, latin-ext; WOFF, which pdfkit reads through fontkit), so each character is drawn
 * with the first file whose declared range (the package's unicode.json) holds it. Without that
 * package the PDF falls back to pdfkit's built-in Helvetica, which cannot show Vietnamese: text
 * is then written without diacritics and the page says so.
 */
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import PDFDocument from "pdfkit";
import { WORDS, formatCell, formatDate, formatDateTime, formatInteger, pageLabel, truncationNote } from "./localize.js";
import type { ExportColumn, ExportDocument, Lang } from "./types.js";

const PDF_FONT_PACKAGE = "@fontsource/noto-sans";
/** Tried in this order for each character. */
const FONT_SUBSETS = ["latin", "vietnamese", "latin-ext"];

const PAGE_MARGIN = 28;
const TITLE_SIZE = 13;
const META_SIZE = 7.5;
const CELL_SIZE = 7;
const MIN_SHRUNK_SIZE = 4.5;
const CELL_PADDING = 3;
const ROW_HEIGHT = 12;
const HEADER_LINE_HEIGHT = 8.5;
const HEADER_MAX_LINES = 3;
const COLORS = { text: "#1f2933", muted: "#52606d", warning: "#9b2c2c", headerFill: "#e4eaf1", zebra: "#f5f7fa", rule: "#9aa5b1" };
const ELLIPSIS = "…";

/** True when the PDF embeds the Vietnamese-capable font (the npm package is installed). */
export function pdfFontEmbedded(): boolean {
  return pdfFonts().embedded;
}

export async function writePdf(document: ExportDocument): Promise<Buffer> {
  const { table, lang, rows } = document;
  const fonts = pdfFonts();
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: PAGE_MARGIN,
    bufferPages: true,
    lang: lang === "vi" ? "vi-VN" : "en-US",
    info: { Title: table.title[lang], Creator: "Alkana Analytics", Producer: "Alkana Analytics (pdfkit)" },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  for (const face of [...fonts.regular, ...fonts.bold]) {
    if (face.data) doc.registerFont(face.name, face.data);
  }

  const text = new TextPainter(doc, fonts);
  const columns = table.columns.filter((column) => column.pdf !== false);
  const left = PAGE_MARGIN;
  const usableWidth = doc.page.width - 2 * PAGE_MARGIN;
  const bottom = doc.page.height - PAGE_MARGIN - 14;
  const totalWeight = columns.reduce((sum, column) => sum + column.width, 0);
  const widths = columns.map((column) => (column.width / totalWeight) * usableWidth);
  const headerLines = columns.map((column, index) =>
    text.wrap(column.header[lang], true, HEADER_LINE_HEIGHT - 1.5, widths[index] - 2 * CELL_PADDING, HEADER_MAX_LINES),
  );
  const headerHeight = Math.max(...headerLines.map((lines) => lines.length)) * HEADER_LINE_HEIGHT + 2 * CELL_PADDING;

  const metaLines = [
    `${WORDS.filters[lang]}: ${document.filters.map(([name, value]) => `${name} = ${value}`).join(" · ") || WORDS.noFilters[lang]}`,
    `${WORDS.asOf[lang]}: ${formatDate(document.asOf, lang)} · ${WORDS.generatedAt[lang]}: ${formatDateTime(document.generatedAt, lang)} ` +
      `(${WORDS.timeZone[lang]}) · ${WORDS.rows[lang]}: ${formatInteger(rows.length, lang)}`,
  ];
  const warnings = [
    ...(document.truncated ? [truncationNote(document.rowLimit, lang)] : []),
    ...(fonts.embedded ? [] : [MISSING_FONT_NOTE[lang]]),
  ];

  /** Title block and header row; returns where the first row goes. */
  const startPage = (): number => {
    let y = PAGE_MARGIN;
    text.draw(table.title[lang], left, y, usableWidth, { bold: true, size: TITLE_SIZE });
    y += TITLE_SIZE + 5;
    for (const line of metaLines) {
      text.draw(line, left, y, usableWidth, { size: META_SIZE, color: COLORS.muted });
      y += META_SIZE + 3;
    }
    for (const line of warnings) {
      text.draw(line, left, y, usableWidth, { size: META_SIZE, color: COLORS.warning, bold: true });
      y += META_SIZE + 3;
    }
    y += 4;
    doc.rect(left, y, usableWidth, headerHeight).fill(COLORS.headerFill);
    let x = left;
    columns.forEach((column, index) => {
      headerLines[index].forEach((line, lineIndex) => {
        text.draw(line, x + CELL_PADDING, y + CELL_PADDING + lineIndex * HEADER_LINE_HEIGHT, widths[index] - 2 * CELL_PADDING, {
          bold: true,
          size: HEADER_LINE_HEIGHT - 1.5,
          align: alignOf(column),
        });
      });
      x += widths[index];
    });
    y += headerHeight;
    doc.moveTo(left, y).lineTo(left + usableWidth, y).lineWidth(0.6).strokeColor(COLORS.rule).stroke();
    return y;
  };

  let y = startPage();
  if (rows.length === 0) {
    text.draw(WORDS.noRows[lang], left + CELL_PADDING, y + CELL_PADDING + 2, usableWidth, { size: CELL_SIZE + 1, color: COLORS.muted });
  }
  rows.forEach((row, rowIndex) => {
    if (y + ROW_HEIGHT > bottom) {
      doc.addPage();
      y = startPage();
    }
    if (rowIndex % 2 === 1) doc.rect(left, y, usableWidth, ROW_HEIGHT).fill(COLORS.zebra);
    let x = left;
    columns.forEach((column, index) => {
      const value = formatCell(column.value(row), column, lang);
      if (value) {
        text.draw(value, x + CELL_PADDING, y + (ROW_HEIGHT - CELL_SIZE) / 2 - 0.5, widths[index] - 2 * CELL_PADDING, {
          size: CELL_SIZE,
          align: alignOf(column),
          shrink: column.type !== "text",
        });
      }
      x += widths[index];
    });
    y += ROW_HEIGHT;
  });

  const { start, count } = doc.bufferedPageRange();
  for (let page = start; page < start + count; page++) {
    doc.switchToPage(page);
    const footerY = doc.page.height - PAGE_MARGIN - 6;
    text.draw(`Alkana Analytics · ${table.title[lang]}`, left, footerY, usableWidth / 2, { size: META_SIZE, color: COLORS.muted });
    text.draw(pageLabel(page - start + 1, count, lang), left + usableWidth / 2, footerY, usableWidth / 2, {
      size: META_SIZE,
      color: COLORS.muted,
      align: "right",
    });
  }
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}

const MISSING_FONT_NOTE: Record<Lang, string> = {
  en: `Vietnamese diacritics are not shown: the font package ${PDF_FONT_PACKAGE} is not installed on the server.`,
  vi: `Không hiển thị được dấu tiếng Việt: máy chủ chưa cài gói phông chữ ${PDF_FONT_PACKAGE}.`,
};

function alignOf(column: ExportColumn<unknown>): "left" | "right" {
  return column.type === "integer" || column.type === "number" || column.type === "percent" ? "right" : "left";
}

interface FontFace {
  /** The name registered in the document (or a built-in font's name). */
  name: string;
  /** The font file; none for pdfkit's built-in fonts. */
  data?: Buffer;
  /** Code-point ranges this face draws, inclusive; none = everything. */
  ranges?: [number, number][];
}

interface PdfFonts {
  embedded: boolean;
  regular: FontFace[];
  bold: FontFace[];
}

let loadedFonts: PdfFonts | undefined;

/** The fonts, read once per process from the npm package (resolved like an import, never a system path). */
function pdfFonts(): PdfFonts {
  loadedFonts ??= embeddedFonts() ?? {
    embedded: false,
    regular: [{ name: "Helvetica" }],
    bold: [{ name: "Helvetica-Bold" }],
  };
  return loadedFonts;
}

function embeddedFonts(): PdfFonts | undefined {
  const require = createRequire(import.meta.url);
  let unicode: Record<string, string>;
  try {
    unicode = JSON.parse(readFileSync(require.resolve(`${PDF_FONT_PACKAGE}/unicode.json`), "utf8")) as Record<string, string>;
  } catch {
    return undefined;
  }
  const family = PDF_FONT_PACKAGE.split("/")[1];
  const faces = (weight: number): FontFace[] =>
    FONT_SUBSETS.map((subset) => ({
      name: `${family}-${subset}-${weight}`,
      data: readFileSync(require.resolve(`${PDF_FONT_PACKAGE}/files/${family}-${subset}-${weight}-normal.woff`)),
      ranges: parseUnicodeRange(unicode[subset] ?? ""),
    }));
  return { embedded: true, regular: faces(400), bold: faces(700) };
}

/** `U+0000-00FF,U+0131` → [[0, 255], [305, 305]]. */
function parseUnicodeRange(value: string): [number, number][] {
  return value
    .split(",")
    .map((part) => /^U\+([0-9A-F]+)(?:-([0-9A-F]+))?$/i.exec(part.trim()))
    .filter((match) => match !== null)
    .map((match) => [parseInt(match[1], 16), parseInt(match[2] ?? match[1], 16)]);
}

interface DrawOptions {
  size: number;
  bold?: boolean;
  color?: string;
  align?: "left" | "right";
  /** Shrink the font (down to MIN_SHRUNK_SIZE) rather than cut the text. */
  shrink?: boolean;
}

interface Run {
  face: FontFace;
  text: string;
}

/** Draws one line of text in runs of the face that holds each character, cut with "…" to a width. */
class TextPainter {
  private readonly faceCache = new Map<string, FontFace>();

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly fonts: PdfFonts,
  ) {}

  draw(value: string, x: number, y: number, width: number, options: DrawOptions): void {
    const text = this.clean(value);
    let size = options.size;
    if (options.shrink) {
      // A number cut short would read as another number: shrink it to fit instead.
      const natural = this.measure(this.runs(text, !!options.bold), size);
      if (natural > width) size = Math.max(MIN_SHRUNK_SIZE, (size * width) / natural);
    }
    const runs = this.fit(text, !!options.bold, size, width);
    const textWidth = this.measure(runs, size);
    let cursor = options.align === "right" ? x + width - textWidth : x;
    this.doc.fillColor(options.color ?? COLORS.text);
    for (const run of runs) {
      this.doc.font(run.face.name).fontSize(size).text(run.text, cursor, y + (options.size - size) / 2, { lineBreak: false });
      cursor += this.doc.widthOfString(run.text);
    }
  }

  /** Greedy word wrap to at most `maxLines` lines, the last one cut with "…" if needed. */
  wrap(value: string, bold: boolean, size: number, width: number, maxLines: number): string[] {
    const lines: string[] = [];
    let current = "";
    const words = this.clean(value).split(" ");
    for (let index = 0; index < words.length; index++) {
      const candidate = current ? `${current} ${words[index]}` : words[index];
      if (!current || this.measure(this.runs(candidate, bold), size) <= width) {
        current = candidate;
        continue;
      }
      if (lines.length === maxLines - 1) {
        current = [current, ...words.slice(index)].join(" ");
        break;
      }
      lines.push(current);
      current = words[index];
    }
    lines.push(current);
    return lines;
  }

  private clean(value: string): string {
    const single = value.replace(/\s+/g, " ").trim().normalize("NFC");
    return this.fonts.embedded ? single : withoutDiacritics(single);
  }

  private fit(value: string, bold: boolean, size: number, width: number): Run[] {
    const whole = this.runs(value, bold);
    if (this.measure(whole, size) <= width) return whole;
    const characters = [...value];
    let low = 0;
    let high = characters.length;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (this.measure(this.runs(characters.slice(0, middle).join("").trimEnd() + ELLIPSIS, bold), size) <= width) low = middle;
      else high = middle - 1;
    }
    return this.runs(characters.slice(0, low).join("").trimEnd() + ELLIPSIS, bold);
  }

  private runs(value: string, bold: boolean): Run[] {
    const runs: Run[] = [];
    for (const character of value) {
      const face = this.faceOf(character, bold);
      const last = runs.at(-1);
      if (last && last.face === face) last.text += character;
      else runs.push({ face, text: character });
    }
    return runs;
  }

  private measure(runs: Run[], size: number): number {
    return runs.reduce((sum, run) => sum + this.doc.font(run.face.name).fontSize(size).widthOfString(run.text), 0);
  }

  private faceOf(character: string, bold: boolean): FontFace {
    const key = `${bold ? "b" : "r"}${character}`;
    let face = this.faceCache.get(key);
    if (!face) {
      const faces = bold ? this.fonts.bold : this.fonts.regular;
      const codePoint = character.codePointAt(0)!;
      face = faces.find((candidate) => !candidate.ranges || candidate.ranges.some(([from, to]) => codePoint >= from && codePoint <= to)) ?? faces[0];
      this.faceCache.set(key, face);
    }
    return face;
  }
}

/**
 * For the built-in Helvetica (WinAnsi only): letters without their marks (`Mã đơn` → `Ma don`),
 * anything WinAnsi lacks (outside Latin-1, the en dash and the ellipsis) replaced by `?`.
 */
function withoutDiacritics(value: string): string {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^\x20-\x7e\xa0-\xff\u2013\u2026]/g, "?");
}
