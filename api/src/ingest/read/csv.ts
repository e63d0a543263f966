/**
 * `.csv` rows, streamed (CONTRACT.md "CSV"): UTF-8 with or without BOM, or UTF-16 with BOM; the
 * delimiter (`,` `;` or tab) is the one the header line uses most; quotes per RFC 4180.
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { Transform, type TransformCallback } from "node:stream";
import { parse } from "csv-parse";
import type { SheetPreview, Source, SourceRow } from "./source.js";
import { UnreadableFileError } from "./source.js";

type Encoding = "utf8" | "utf16le" | "utf16be";

interface Sniffed {
  encoding: Encoding;
  bomBytes: number;
  delimiter: string;
}

export function openCsv(path: string): Source {
  let sniffed: Promise<Sniffed> | undefined;
  const sniff = () => (sniffed ??= sniffFile(path));
  return {
    format: "csv",
    async preview(rowCount) {
      const rows: SourceRow[] = [];
      for await (const row of csvRows(path, await sniff())) {
        rows.push(row);
        if (rows.length >= rowCount) break;
      }
      const preview: SheetPreview = { name: null, index: 0, rows };
      return [preview];
    },
    async *rows() {
      yield* csvRows(path, await sniff());
    },
  };
}

async function* csvRows(path: string, sniffed: Sniffed): AsyncGenerator<SourceRow> {
  const input = createReadStream(path, { start: sniffed.bomBytes });
  const decoded =
    sniffed.encoding === "utf16be" ? input.pipe(swapBytes()) : input;
  decoded.setEncoding?.(sniffed.encoding === "utf8" ? "utf8" : "utf16le");
  const parser = decoded.pipe(
    parse({
      delimiter: sniffed.delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      bom: false,
    }),
  );
  let rowNumber = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNumber += 1;
      yield { rowNumber, cells: record.map((cell) => (cell === "" ? null : cell)) };
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UnreadableFileError(`not a readable CSV file after row ${rowNumber} (${message})`);
  } finally {
    input.destroy();
  }
}

async function sniffFile(path: string): Promise<Sniffed> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead);
    if (bytesRead === 0) throw new UnreadableFileError("the file is empty");
    let encoding: Encoding = "utf8";
    let bomBytes = 0;
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) bomBytes = 3;
    else if (head[0] === 0xff && head[1] === 0xfe) [encoding, bomBytes] = ["utf16le", 2];
    else if (head[0] === 0xfe && head[1] === 0xff) [encoding, bomBytes] = ["utf16be", 2];
    else if (head.includes(0)) {
      throw new UnreadableFileError("binary content: this is not a text CSV file (an .xlsx renamed to .csv?)");
    }
    const body = head.subarray(bomBytes);
    const text =
      encoding === "utf8" ? body.toString("utf8") : encoding === "utf16le" ? body.toString("utf16le") : swap(body).toString("utf16le");
    return { encoding, bomBytes, delimiter: headerDelimiter(text) };
  } finally {
    await handle.close();
  }
}

/** The delimiter the first line uses most, counting outside quotes. */
function headerDelimiter(text: string): string {
  const counts = new Map<string, number>([[",", 0], [";", 0], ["\t", 0]]);
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ",";
  for (const [delimiter, count] of counts) if (count > counts.get(best)!) best = delimiter;
  return best;
}

function swap(buffer: Buffer): Buffer {
  const copy = Buffer.from(buffer.subarray(0, buffer.length - (buffer.length % 2)));
  return copy.swap16();
}

function swapBytes(): Transform {
  let carry: Buffer | undefined;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      const data = carry ? Buffer.concat([carry, chunk]) : chunk;
      const even = data.length - (data.length % 2);
      carry = even < data.length ? data.subarray(even) : undefined;
      callback(null, Buffer.from(data.subarray(0, even)).swap16());
    },
  });
}
