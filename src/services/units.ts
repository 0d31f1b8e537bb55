import type { Pool } from "../db/pool.ts";
import { parseUnitsCsv, unitsToCsv, type ImportReport } from "../units/registry-csv.ts";
import { getUnit, importUnits, listUnits, type Unit } from "../units/unit-store.ts";

/** The registry of the city's party organisations. */
export function createUnitsService(deps: { pool: Pool }) {
  const { pool } = deps;
  return {
    /** Creates or updates units from a registry file (bytes or text): all or nothing; UnitImportError names rows. */
    async importCsv(data: Uint8Array | string): Promise<ImportReport> {
      return importUnits(pool, parseUnitsCsv(data));
    },
    async exportCsv(options: { delimiter?: "," | ";" } = {}): Promise<string> {
      return unitsToCsv(await listUnits(pool), options.delimiter);
    },
    get(code: string): Promise<Unit | undefined> {
      return getUnit(pool, code);
    },
    list(options: { activeOnly?: boolean } = {}): Promise<Unit[]> {
      return listUnits(pool, options);
    },
  };
}

export type UnitsService = ReturnType<typeof createUnitsService>;
