import { z } from "zod";
import { formatDmy, parseDmy } from "../dates.ts";
import { cleanText } from "../text.ts";
import { CsvFileError, decodeCsv, detectDelimiter, parseCsvRecords, toCsv, unguardField } from "./csv.ts";
import type { Unit } from "./unit-store.ts";

export type { ImportReport } from "./unit-store.ts";

/** The registry file: one unit per row, the columns in this order. */
export const CSV_HEADER = ["code", "name", "kind", "type", "model", "planned_congress_date"] as const;

const rowSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{2,32}$/, "letters, digits, - or _ (2–32)")
    .transform((c) => c.toUpperCase()),
  name: z.string().trim().min(2, "must not be empty").max(200),
  kind: z.enum(["committee", "cell"], { message: "must be committee or cell" }),
  type: z.string().trim().min(2, "must not be empty").max(40),
  model: z.enum(["yes", "no"], { message: "must be yes or no" }).transform((v) => v === "yes"),
  planned_congress_date: z
    .string()
    .trim()
    .transform((value, ctx) => {
      if (value === "") return null;
      const iso = parseDmy(value);
      if (!iso) {
        ctx.addIssue({ code: "custom", message: "must be a real date written dd/mm/yyyy, or empty" });
        return z.NEVER;
      }
      return iso;
    }),
});

export type ImportProblem = { line: number; field: string; message: string };
export type RegistryRow = Omit<Unit, "active">;

export class UnitImportError extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super(problems.map((p) => `line ${p.line}, ${p.field}: ${p.message}`).join("\n"));
    this.name = "UnitImportError";
  }
}

/**
 * Reads a whole registry file (bytes as read from disk, or text) and validates every row first; nothing is
 * written unless every row is right. Recognises UTF-8 (with or without BOM) and UTF-16, "," or ";" as the
 * delimiter; a file in another encoding, or with broken quoting, is refused with a message that says so.
 */
export function parseUnitsCsv(data: Uint8Array | string): RegistryRow[] {
  let text: string;
  let records;
  try {
    text = typeof data === "string" ? data : decodeCsv(data).text;
    records = parseCsvRecords(text, detectDelimiter(text));
  } catch (error) {
    if (error instanceof CsvFileError)
      throw new UnitImportError([{ line: error.line, field: "file", message: error.message }]);
    throw error;
  }
  const header = records[0]?.fields.map((h) => h.trim().toLowerCase());
  if (!header || CSV_HEADER.some((h, i) => header[i] !== h) || header.length !== CSV_HEADER.length) {
    const delimiter = detectDelimiter(text);
    throw new UnitImportError([
      {
        line: records[0]?.line ?? 1,
        field: "header",
        message: `must be ${CSV_HEADER.join(delimiter)} (columns separated by "${delimiter}")`,
      },
    ]);
  }
  const problems: ImportProblem[] = [];
  const units: RegistryRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of records.slice(1)) {
    if (fields.every((f) => f.trim() === "")) continue;
    if (fields.length !== CSV_HEADER.length) {
      problems.push({ line, field: "row", message: `has ${fields.length} fields, expected ${CSV_HEADER.length}` });
      continue;
    }
    const values = fields.map((f) => cleanText(unguardField(f)));
    const parsed = rowSchema.safeParse(Object.fromEntries(CSV_HEADER.map((h, i) => [h, values[i]])));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ line, field: String(issue.path[0]), message: issue.message });
      }
      continue;
    }
    const previous = seen.get(parsed.data.code);
    if (previous) {
      problems.push({ line, field: "code", message: `${parsed.data.code} already appears on line ${previous}` });
      continue;
    }
    seen.set(parsed.data.code, line);
    const d = parsed.data;
    units.push({
      code: d.code,
      name: d.name,
      kind: d.kind,
      type: d.type,
      model: d.model,
      plannedCongressDate: d.planned_congress_date,
    });
  }
  if (problems.length) throw new UnitImportError(problems);
  return units;
}

/** The registry as a file that parseUnitsCsv reads back to the same units. */
export function unitsToCsv(units: Unit[], delimiter: "," | ";" = ","): string {
  return toCsv(
    [
      [...CSV_HEADER],
      ...units.map((u) => [
        u.code,
        u.name,
        u.kind,
        u.type,
        u.model ? "yes" : "no",
        u.plannedCongressDate ? formatDmy(u.plannedCongressDate) : "",
      ]),
    ],
    delimiter,
  );
}
