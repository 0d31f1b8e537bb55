import { z } from "zod";
import { withTransaction, type Pool, type Queryable } from "../db/pool.ts";
import { formatDmy, parseDmy } from "../dates.ts";
import { parseCsv } from "./csv.ts";

export type Unit = {
  code: string;
  name: string;
  kind: "committee" | "cell";
  type: string;
  model: boolean;
  plannedCongressDate: string | null;
  active: boolean;
};

type UnitRow = {
  code: string;
  name: string;
  kind: "committee" | "cell";
  type: string;
  model: boolean;
  planned: string | null;
  active: boolean;
};

const SELECT_UNIT = `SELECT code, name, kind, type, model, to_char(planned_congress_date, 'YYYY-MM-DD') AS planned, active
                       FROM units`;

function toUnit(r: UnitRow): Unit {
  return {
    code: r.code,
    name: r.name,
    kind: r.kind,
    type: r.type,
    model: r.model,
    plannedCongressDate: r.planned,
    active: r.active,
  };
}

export async function getUnit(q: Queryable, code: string): Promise<Unit | undefined> {
  const { rows } = await q.query<UnitRow>(`${SELECT_UNIT} WHERE code = $1`, [code.toUpperCase()]);
  return rows[0] ? toUnit(rows[0]) : undefined;
}

export async function listUnits(q: Queryable, options: { activeOnly?: boolean } = {}): Promise<Unit[]> {
  const { rows } = await q.query<UnitRow>(`${SELECT_UNIT} ${options.activeOnly ? "WHERE active" : ""} ORDER BY code`);
  return rows.map(toUnit);
}

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
export type ImportReport = { created: string[]; updated: string[]; unchanged: string[] };

export class UnitImportError extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super(problems.map((p) => `line ${p.line}, ${p.field}: ${p.message}`).join("\n"));
    this.name = "UnitImportError";
  }
}

/** Validates a whole CSV file first; nothing is written unless every row is right. */
export function parseUnitsCsv(text: string): Omit<Unit, "active">[] {
  const rows = parseCsv(text).filter((r) => r.some((f) => f.trim() !== ""));
  const header = rows[0]?.map((h) => h.trim().toLowerCase());
  if (!header || CSV_HEADER.some((h, i) => header[i] !== h)) {
    throw new UnitImportError([{ line: 1, field: "header", message: `must be ${CSV_HEADER.join(",")}` }]);
  }
  const problems: ImportProblem[] = [];
  const units: Omit<Unit, "active">[] = [];
  const seen = new Map<string, number>();
  rows.slice(1).forEach((fields, index) => {
    const line = index + 2;
    if (fields.length !== CSV_HEADER.length) {
      problems.push({ line, field: "row", message: `has ${fields.length} fields, expected ${CSV_HEADER.length}` });
      return;
    }
    const parsed = rowSchema.safeParse(Object.fromEntries(CSV_HEADER.map((h, i) => [h, fields[i]])));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ line, field: String(issue.path[0]), message: issue.message });
      }
      return;
    }
    const previous = seen.get(parsed.data.code);
    if (previous) {
      problems.push({ line, field: "code", message: `${parsed.data.code} already appears on line ${previous}` });
      return;
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
  });
  if (problems.length) throw new UnitImportError(problems);
  return units;
}

/** Creates or updates units by code, in one transaction (all or nothing). */
export async function importUnits(pool: Pool, units: Omit<Unit, "active">[]): Promise<ImportReport> {
  const report: ImportReport = { created: [], updated: [], unchanged: [] };
  await withTransaction(pool, async (tx) => {
    for (const u of units) {
      const existing = await getUnit(tx, u.code);
      if (!existing) {
        await tx.query(
          `INSERT INTO units (code, name, kind, type, model, planned_congress_date) VALUES ($1, $2, $3, $4, $5, $6)`,
          [u.code, u.name, u.kind, u.type, u.model, u.plannedCongressDate],
        );
        report.created.push(u.code);
        continue;
      }
      const same =
        existing.name === u.name &&
        existing.kind === u.kind &&
        existing.type === u.type &&
        existing.model === u.model &&
        existing.plannedCongressDate === u.plannedCongressDate &&
        existing.active;
      if (same) {
        report.unchanged.push(u.code);
        continue;
      }
      await tx.query(
        `UPDATE units SET name = $2, kind = $3, type = $4, model = $5, planned_congress_date = $6, active = true,
                          updated_at = now()
          WHERE code = $1`,
        [u.code, u.name, u.kind, u.type, u.model, u.plannedCongressDate],
      );
      report.updated.push(u.code);
    }
  });
  return report;
}

export function unitsToCsvRows(units: Unit[]): string[][] {
  return [
    [...CSV_HEADER],
    ...units.map((u) => [
      u.code,
      u.name,
      u.kind,
      u.type,
      u.model ? "yes" : "no",
      u.plannedCongressDate ? formatDmy(u.plannedCongressDate) : "",
    ]),
  ];
}
