import { withTransaction, type Pool, type Queryable } from "../db/pool.ts";

export type ImportReport = { created: string[]; updated: string[]; unchanged: string[] };

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
