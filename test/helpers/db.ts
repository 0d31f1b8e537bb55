import { randomBytes } from "node:crypto";
import pg from "pg";
import { migrate } from "../../src/db/migrate.ts";
import { openDatabase, type Database } from "../../src/db/pool.ts";

export type DbKind = "pglite" | "postgres";

/** PGlite always; a real Postgres too when TEST_DATABASE_URL is set (as CI sets it). */
export function dbKinds(): DbKind[] {
  return process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

/**
 * A migrated database of its own for one test file: an in-memory PGlite, or a fresh schema in the test
 * Postgres (search_path = that schema, then public where the extensions live). Closing drops the schema.
 */
export async function openTestDatabase(kind: DbKind, options: { migrate?: boolean } = {}): Promise<Database> {
  let db: Database;
  if (kind === "pglite") {
    db = await openDatabase({ dataDir: "memory://" });
  } else {
    const url = process.env.TEST_DATABASE_URL!;
    const schema = `t_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const pool = new pg.Pool({
      connectionString: url,
      options: `-c search_path=${schema},public`,
      connectionTimeoutMillis: 10_000,
      max: 5,
    });
    pool.on("error", () => undefined);
    db = {
      pool,
      kind: "postgres",
      async close() {
        await pool.end();
        const cleanup = new pg.Client({ connectionString: url });
        await cleanup.connect();
        await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
        await cleanup.end();
      },
    };
  }
  if (options.migrate !== false) await migrate(db.pool);
  return db;
}
