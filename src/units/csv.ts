import { CsvError, parse } from "csv-parse/sync";

/** A CSV file that cannot be read as a table: the message says what is wrong and how to fix it. */
export class CsvFileError extends Error {
  constructor(
    message: string,
    readonly line = 1,
  ) {
    super(message);
    this.name = "CsvFileError";
  }
}

export type CsvEncoding = "UTF-8" | "UTF-16LE" | "UTF-16BE";

const SAVE_AS_UTF8 =
  'Save it from Excel with "Save As → CSV UTF-8 (Comma delimited) (*.csv)" ' +
  '(LibreOffice: "Text CSV", character set "Unicode (UTF-8)") and import that file.';

/**
 * Turns the bytes of a CSV file into text: UTF-8 (with or without a byte-order mark) and UTF-16 (what Excel's
 * "Unicode text" gives) are recognised; anything else is refused with a message saying how to save the file as
 * UTF-8 — never imported as mojibake. Excel's plain "CSV" on a Vietnamese or Polish Windows is Windows-1258 or
 * Windows-1250: whether a byte means "ơ" or "ą" cannot be told for sure, so it is refused, not guessed.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  const b = bytes;
  if (b[0] === 0xff && b[1] === 0xfe) return { text: decode("utf-16le", b.subarray(2)), encoding: "UTF-16LE" };
  if (b[0] === 0xfe && b[1] === 0xff) return { text: decode("utf-16be", b.subarray(2)), encoding: "UTF-16BE" };
  // UTF-16 without a byte-order mark: every other byte of an ASCII header is zero.
  const head = b.subarray(0, Math.min(b.length, 200));
  let zeroEven = 0;
  let zeroOdd = 0;
  head.forEach((byte, i) => {
    if (byte !== 0) return;
    if (i % 2 === 0) zeroEven++;
    else zeroOdd++;
  });
  if (head.length >= 8 && zeroOdd > head.length / 4 && zeroEven === 0)
    return { text: decode("utf-16le", b), encoding: "UTF-16LE" };
  if (head.length >= 8 && zeroEven > head.length / 4 && zeroOdd === 0)
    return { text: decode("utf-16be", b), encoding: "UTF-16BE" };
  const start = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(b.subarray(start)), encoding: "UTF-8" };
  } catch {
    const line = lineOfFirstInvalidUtf8(b.subarray(start));
    throw new CsvFileError(
      `The file is not UTF-8 (line ${line} has bytes that are not UTF-8 text: probably Windows-1258, Windows-1250 ` +
        `or Latin-1, what Excel's plain "CSV" gives on Windows). Nothing was imported. ${SAVE_AS_UTF8}`,
      line,
    );
  }
}

function decode(encoding: "utf-16le" | "utf-16be", bytes: Uint8Array): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new CsvFileError(`The file looks like ${encoding.toUpperCase()} but is not valid. ${SAVE_AS_UTF8}`);
  }
}

function lineOfFirstInvalidUtf8(bytes: Uint8Array): number {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
      continue;
    }
    if (bytes[i]! >= 0x80) {
      // Check the line up to here on its own.
      const end = bytes.indexOf(0x0a, i);
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(lineStart, end < 0 ? bytes.length : end));
      } catch {
        return line;
      }
      i = end < 0 ? bytes.length : end - 1;
    }
  }
  return line;
}

/** The delimiter of a CSV file, from its header line: "," or ";" (Excel's choice where "," is the decimal mark). */
export function detectDelimiter(text: string): "," | ";" | "\t" {
  const header = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const count = (ch: string) => header.split(ch).length - 1;
  const counts = { ",": count(","), ";": count(";"), "\t": count("\t") } as const;
  const best = (Object.keys(counts) as ("," | ";" | "\t")[]).sort((a, b) => counts[b] - counts[a])[0]!;
  return counts[best] > 0 ? best : ",";
}

export type CsvRecord = { line: number; fields: string[] };

/**
 * Parses CSV text (RFC 4180: quotes doubled inside quotes, fields may span lines) into records with the line each
 * starts on. Broken quoting is refused with its line number.
 */
export function parseCsvRecords(text: string, delimiter = detectDelimiter(text)): CsvRecord[] {
  try {
    const records = parse(text.replace(/^\uFEFF/, ""), {
      delimiter,
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    // info.lines is the line a record ends on; a record that spans lines starts earlier.
    return records.map((r) => ({
      line: r.info.lines - r.record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0),
      fields: r.record,
    }));
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 1;
      const what =
        error.code === "CSV_QUOTE_NOT_CLOSED"
          ? 'a quoted field is never closed (a missing ")'
          : error.code === "CSV_INVALID_CLOSING_QUOTE"
            ? 'a quote (") inside a field that is not itself in quotes, or text right after a closing quote'
            : error.message;
      throw new CsvFileError(`line ${line}: ${what}. Nothing was imported.`, line);
    }
    throw error;
  }
}

// A cell that starts like a formula (=, +, -, @, tab, CR) would run in Excel: written with a leading '.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string | number | boolean | null | undefined, delimiter = ","): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Undoes csvField's formula guard: "'=x" read back is "=x", so export → import is a round trip. */
export function unguardField(text: string): string {
  return text.length > 1 && text[0] === "'" && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

/** CSV text for Excel: UTF-8 with a byte-order mark (so Vietnamese names show right), CRLF line ends. */
export function toCsv(rows: (string | number | boolean | null | undefined)[][], delimiter: "," | ";" = ","): string {
  return `\uFEFF${rows.map((r) => r.map((v) => csvField(v, delimiter)).join(delimiter)).join("\r\n")}\r\n`;
}
