import type { Queryable } from "../db/pool.ts";

/** A date a member expects a late step to be done on ("Not yet — expected on…"), with who said it and when. */
export type Expected = { unitCode: string; milestone: string; date: string; setBy: number | null; setAt: Date };

export async function setExpected(q: Queryable, e: Expected): Promise<void> {
  await q.query(
    `INSERT INTO expected_dates (unit_code, milestone, expected_on, set_by, set_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (unit_code, milestone) DO UPDATE
       SET expected_on = EXCLUDED.expected_on, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at`,
    [e.unitCode, e.milestone, e.date, e.setBy, e.setAt],
  );
}

export async function listExpected(q: Queryable, unitCode?: string): Promise<Expected[]> {
  const { rows } = await q.query<{
    unit_code: string;
    milestone: string;
    expected_on: string;
    set_by: string | null;
    set_at: Date;
  }>(
    `SELECT unit_code, milestone, to_char(expected_on, 'YYYY-MM-DD') AS expected_on, set_by, set_at
       FROM expected_dates WHERE $1::text IS NULL OR unit_code = $1 ORDER BY unit_code, milestone`,
    [unitCode ?? null],
  );
  return rows.map((r) => ({
    unitCode: r.unit_code,
    milestone: r.milestone,
    date: r.expected_on,
    setBy: r.set_by === null ? null : Number(r.set_by),
    setAt: new Date(r.set_at),
  }));
}
